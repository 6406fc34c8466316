import Diagnostics

/// Lenient typed reads of mapping fields for the model decoders. Wrong types read as absent: the
/// ``SchemaChecker`` has already reported them with the API server's message.
extension YAMLNode {
  func located<T: Sendable>(_ node: YAMLNode, _ value: T) -> Located<T> {
    Located(value, at: node.location, length: node.caretLength)
  }

  func string(_ key: String) -> Located<String>? {
    guard let node = self[key], let s = node.stringValue else { return nil }
    return located(node, s)
  }

  func int(_ key: String) -> Located<Int>? {
    guard let node = self[key], let i = node.intValue, let value = Int(exactly: i) else { return nil }
    return located(node, value)
  }

  func bool(_ key: String) -> Located<Bool>? {
    guard let node = self[key], let b = node.boolValue else { return nil }
    return located(node, b)
  }

  func flag(_ key: String) -> Bool { bool(key)?.value ?? false }

  func double(_ key: String) -> Located<Double>? {
    guard let node = self[key], let value = node.scalarValue else { return nil }
    switch value {
    case .int(let i): return located(node, Double(i))
    case .float(let d): return located(node, d)
    default: return nil
    }
  }

  func intOrString(_ key: String) -> Located<IntOrString>? {
    guard let node = self[key], let value = node.scalarValue else { return nil }
    switch value {
    case .int(let i): return located(node, .int(Int(i)))
    case .string(let s): return located(node, .string(s))
    default: return nil
    }
  }

  /// A string-to-string map (labels, annotations, selectors); non-string values are skipped.
  func stringMap(_ key: String) -> [String: String] {
    guard let entries = self[key]?.entries else { return [:] }
    var map: [String: String] = [:]
    for entry in entries { if let s = entry.value.stringValue { map[entry.key] = s } }
    return map
  }

  func strings(_ key: String) -> [Located<String>] {
    guard let items = self[key]?.sequence else { return [] }
    return items.compactMap { item in item.stringValue.map { located(item, $0) } }
  }

  /// The mapping at `key` decoded with `decode`; nil when absent, null or not a mapping.
  func object<T>(_ key: String, _ decode: (YAMLNode) -> T) -> T? {
    guard let node = self[key], node.isMapping else { return nil }
    return decode(node)
  }

  /// The list at `key`, each mapping item decoded with `decode` (non-mapping items skipped).
  func list<T>(_ key: String, _ decode: (YAMLNode) -> T) -> [T] {
    guard let items = self[key]?.sequence else { return [] }
    return items.filter(\.isMapping).map(decode)
  }

  /// The node at `key` unless it is absent or null.
  func raw(_ key: String) -> YAMLNode? {
    guard let node = self[key], !node.isNull else { return nil }
    return node
  }
}
