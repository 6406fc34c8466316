import GoCompat

/// A JSON document with keys in a fixed order, so equal results print byte-identical text.
public indirect enum JSONValue: Sendable, Hashable {
  case null
  case bool(Bool)
  case int(Int64)
  case number(Double)
  case string(String)
  case array([JSONValue])
  case object([(String, JSONValue)])

  public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.rendered() == rhs.rendered() }
  public func hash(into hasher: inout Hasher) { hasher.combine(rendered()) }

  /// Builds an object from key/value pairs, dropping pairs whose value is nil.
  public static func object(_ pairs: [(String, JSONValue?)]) -> JSONValue {
    .object(pairs.compactMap { key, value in value.map { (key, $0) } })
  }

  /// Renders the document; `pretty` indents two spaces per level (objects and arrays of objects only).
  public func rendered(pretty: Bool = true) -> String {
    var out = ""
    write(into: &out, indent: 0, pretty: pretty)
    return out
  }

  private func write(into out: inout String, indent: Int, pretty: Bool) {
    switch self {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .int(let i): out += String(i)
    case .number(let d): out += Self.format(d)
    case .string(let s): JSONQuoting.append(s, escaping: .minimal, to: &out)
    case .array(let items):
      if items.isEmpty {
        out += "[]"
        return
      }
      let multiline = pretty && items.contains { if case .object = $0 { true } else if case .array = $0 { true } else { false } }
      out += "["
      for (i, item) in items.enumerated() {
        if i > 0 { out += multiline ? "," : ", " }
        if multiline { out += "\n" + String(repeating: "  ", count: indent + 1) }
        item.write(into: &out, indent: indent + 1, pretty: pretty)
      }
      if multiline { out += "\n" + String(repeating: "  ", count: indent) }
      out += "]"
    case .object(let pairs):
      if pairs.isEmpty {
        out += "{}"
        return
      }
      out += "{"
      for (i, (key, value)) in pairs.enumerated() {
        if i > 0 { out += "," }
        if pretty { out += "\n" + String(repeating: "  ", count: indent + 1) }
        JSONQuoting.append(key, escaping: .minimal, to: &out)
        out += pretty ? ": " : ":"
        value.write(into: &out, indent: indent + 1, pretty: pretty)
      }
      if pretty { out += "\n" + String(repeating: "  ", count: indent) }
      out += "}"
    }
  }

  /// Shortest text that reads back as the same double; integral values print without a fraction.
  /// JSON has no NaN or infinity: those print as strings.
  static func format(_ d: Double) -> String {
    if d.isNaN { return "\"NaN\"" }
    if d.isInfinite { return d > 0 ? "\"+Inf\"" : "\"-Inf\"" }
    if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
    return "\(d)"
  }
}
