import GoCompat

/// The `result` a provider hands to the success and failure conditions, modelled on the Go values
/// Argo's providers produce.
public enum ResultValue: Sendable, Hashable {
  /// Go `nil` (a Datadog query without data: a nil `*float64`).
  case null
  case bool(Bool)
  /// A `float64` (a Prometheus scalar; every JSON number).
  case number(Double)
  case string(String)
  /// A `[]float64` (a Prometheus vector or flattened matrix); may be empty but is never nil.
  case floats([Double])
  /// A `[]interface {}` (a JSON array).
  case array([ResultValue])
  /// A `map[string]interface {}` (a JSON object).
  case object([String: ResultValue])

  /// `isNilOrEmpty` (utils/evaluate): nil, or a slice of length 0.
  public var isNilOrEmpty: Bool {
    switch self {
    case .null: true
    case .floats(let values): values.isEmpty
    case .array(let values): values.isEmpty
    default: false
    }
  }

  /// The value as Go's `encoding/json` writes it (map keys sorted by their bytes, as Go sorts strings;
  /// Swift's `<` compares canonical Unicode, which orders some keys differently).
  public var jsonText: String {
    switch self {
    case .null: return "null"
    case .bool(let b): return b ? "true" : "false"
    case .number(let d): return GoFloat.json(d)
    case .string(let s): return JSONQuoting.quote(s, escaping: .goMarshal)
    case .floats(let values): return "[" + values.map(GoFloat.json).joined(separator: ",") + "]"
    case .array(let values): return "[" + values.map(\.jsonText).joined(separator: ",") + "]"
    case .object(let fields):
      let keys = fields.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
      return "{" + keys.map { JSONQuoting.quote($0, escaping: .goMarshal) + ":" + (fields[$0] ?? .null).jsonText }.joined(separator: ",") + "}"
    }
  }
}
