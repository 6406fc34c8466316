import Diagnostics
import GoCompat

/// One node of a YAML document, converted from Yams into a Sendable value tree in which every node,
/// and every mapping key, keeps the place it was written.
///
/// Scalars keep their source text and style (so `"30"` and `30` stay distinguishable) next to the
/// value Kubernetes would resolve them to (see ``ScalarValue``).
public struct YAMLNode: Sendable, Hashable {
  public enum Content: Sendable, Hashable {
    case scalar(YAMLScalar)
    case sequence([YAMLNode])
    case mapping([YAMLEntry])
  }

  public var content: Content
  /// Where the node starts; `SourceLocation.synthesized` for nodes built in code.
  public var location: SourceLocation

  public init(_ content: Content, at location: SourceLocation = .synthesized) {
    self.content = content
    self.location = location
  }

  // MARK: Building nodes in code (sweeps, tests)

  public static func string(_ text: String, at location: SourceLocation = .synthesized) -> YAMLNode {
    YAMLNode(.scalar(YAMLScalar(text: text, style: .doubleQuoted, value: .string(text))), at: location)
  }
  public static func int(_ value: Int64, at location: SourceLocation = .synthesized) -> YAMLNode {
    YAMLNode(.scalar(YAMLScalar(text: String(value), style: .plain, value: .int(value))), at: location)
  }
  public static func float(_ value: Double, at location: SourceLocation = .synthesized) -> YAMLNode {
    YAMLNode(.scalar(YAMLScalar(text: ScalarValue.float(value).jsonText, style: .plain, value: .float(value))), at: location)
  }
  public static func bool(_ value: Bool, at location: SourceLocation = .synthesized) -> YAMLNode {
    YAMLNode(.scalar(YAMLScalar(text: value ? "true" : "false", style: .plain, value: .bool(value))), at: location)
  }
  public static func null(at location: SourceLocation = .synthesized) -> YAMLNode {
    YAMLNode(.scalar(YAMLScalar(text: "null", style: .plain, value: .null)), at: location)
  }
  /// A plain scalar resolved the way Kubernetes resolves unquoted YAML (`30` → int, `yes` → bool).
  public static func plain(_ text: String, at location: SourceLocation = .synthesized) -> YAMLNode {
    YAMLNode(.scalar(YAMLScalar(text: text, style: .plain, value: ScalarResolution.resolvePlain(text))), at: location)
  }
  public static func sequence(_ items: [YAMLNode], at location: SourceLocation = .synthesized) -> YAMLNode {
    YAMLNode(.sequence(items), at: location)
  }
  public static func mapping(_ entries: [YAMLEntry], at location: SourceLocation = .synthesized) -> YAMLNode {
    YAMLNode(.mapping(entries), at: location)
  }
  public static func mapping(_ pairs: KeyValuePairs<String, YAMLNode>) -> YAMLNode {
    YAMLNode(.mapping(pairs.map { YAMLEntry(key: $0.key, value: $0.value) }))
  }

  // MARK: Reading

  public var scalar: YAMLScalar? {
    if case .scalar(let s) = content { return s }
    return nil
  }
  public var sequence: [YAMLNode]? {
    if case .sequence(let items) = content { return items }
    return nil
  }
  public var entries: [YAMLEntry]? {
    if case .mapping(let entries) = content { return entries }
    return nil
  }
  public var isNull: Bool { scalar?.value == .null }
  public var isMapping: Bool { entries != nil }
  public var isSequence: Bool { sequence != nil }

  /// The resolved scalar value, or nil for collections.
  public var scalarValue: ScalarValue? { scalar?.value }
  /// The value when it resolved to a string (quoted, or plain text that is not a number/bool/null).
  public var stringValue: String? {
    if case .string(let s)? = scalar?.value { return s }
    return nil
  }
  public var intValue: Int64? {
    if case .int(let i)? = scalar?.value { return i }
    return nil
  }
  public var boolValue: Bool? {
    if case .bool(let b)? = scalar?.value { return b }
    return nil
  }

  /// The value of `key` in a mapping (the last one if a key repeats, as JSON decoding does).
  public subscript(key: String) -> YAMLNode? {
    entries?.last { $0.key == key }?.value
  }
  /// The mapping entry for `key`, with the key's own location.
  public func entry(_ key: String) -> YAMLEntry? {
    entries?.last { $0.key == key }
  }
  public subscript(index: Int) -> YAMLNode? {
    guard let items = sequence, index >= 0, index < items.count else { return nil }
    return items[index]
  }

  /// What the node is, in the words of a JSON schema: "string", "integer", "number", "boolean",
  /// "null", "array", "object".
  public var jsonTypeName: String {
    switch content {
    case .sequence: "array"
    case .mapping: "object"
    case .scalar(let s): s.value.jsonTypeName
    }
  }

  /// Visits this node and every descendant, depth first, in document order.
  public func forEachNode(_ body: (YAMLNode) throws -> Void) rethrows {
    try body(self)
    switch content {
    case .scalar: break
    case .sequence(let items): for item in items { try item.forEachNode(body) }
    case .mapping(let entries): for entry in entries { try entry.value.forEachNode(body) }
    }
  }

  /// True when both trees hold the same values, ignoring where they were written.
  public func hasSameValue(as other: YAMLNode) -> Bool {
    switch (content, other.content) {
    case (.scalar(let a), .scalar(let b)):
      return a.value == b.value || (a.value.isNaN && b.value.isNaN)
    case (.sequence(let a), .sequence(let b)):
      return a.count == b.count && zip(a, b).allSatisfy { $0.hasSameValue(as: $1) }
    case (.mapping(let a), .mapping(let b)):
      return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value.hasSameValue(as: $1.value) }
    default:
      return false
    }
  }
}

/// One `key: value` pair of a mapping. Keys are strings, as Kubernetes' YAML-to-JSON conversion makes them.
public struct YAMLEntry: Sendable, Hashable {
  public var key: String
  public var keyLocation: SourceLocation
  public var value: YAMLNode

  public init(key: String, keyLocation: SourceLocation = .synthesized, value: YAMLNode) {
    self.key = key
    self.keyLocation = keyLocation
    self.value = value
  }
}

/// A scalar as written, plus what it resolves to.
public struct YAMLScalar: Sendable, Hashable {
  public enum Style: String, Sendable, Hashable {
    case plain, singleQuoted, doubleQuoted, literal, folded
  }

  /// The scalar's content after YAML unescaping and folding.
  public var text: String
  public var style: Style
  /// The resolved value (Kubernetes / go-yaml v2 rules for plain scalars; strings otherwise).
  public var value: ScalarValue

  public init(text: String, style: Style, value: ScalarValue) {
    self.text = text
    self.style = style
    self.value = value
  }

  /// Whether the scalar was quoted or a block scalar, i.e. a string by construction.
  public var isQuoted: Bool { style != .plain }
}

/// The JSON value a scalar becomes when Kubernetes converts YAML to JSON.
public enum ScalarValue: Sendable, Hashable {
  case null
  case bool(Bool)
  case int(Int64)
  case float(Double)
  case string(String)

  public var jsonTypeName: String {
    switch self {
    case .null: "null"
    case .bool: "boolean"
    case .int: "integer"
    case .float: "number"
    case .string: "string"
    }
  }

  var isNaN: Bool {
    if case .float(let d) = self { return d.isNaN }
    return false
  }

  /// The value as JSON text (strings quoted and escaped).
  public var jsonText: String {
    switch self {
    case .null: return "null"
    case .bool(let b): return b ? "true" : "false"
    case .int(let i): return String(i)
    case .float(let d):
      if d.isNaN || d.isInfinite { return "null" }
      if d == d.rounded(), abs(d) < 9e18 { return String(Int64(d)) }
      return "\(d)"
    case .string(let s): return JSONQuoting.quote(s, escaping: .minimal)
    }
  }

  /// The value as a Go `fmt.Sprint` would print it inside a string (used for map keys and args).
  public var plainText: String {
    switch self {
    case .null: return ""
    case .bool(let b): return b ? "true" : "false"
    case .int(let i): return String(i)
    case .float: return jsonText
    case .string(let s): return s
    }
  }
}

extension SourceLocation {
  /// The location of nodes created in code rather than read from a file.
  public static let synthesized = SourceLocation(file: "", line: 0, column: 0)

  /// Whether this location points into a real file.
  public var isKnown: Bool { line > 0 }
}
