import Foundation
import GoCompat

/// Go's `encoding/json` as expr's `toJSON` / `fromJSON` use it: objects decode to
/// `map[string]interface {}`, arrays to `[]interface {}`, numbers to `float64`; encoding sorts map
/// keys and escapes HTML characters.
public enum GoJSON {
  public struct Failure: Error, Sendable, Hashable {
    public var message: String
    /// Byte offset of the problem in the input, for decoding errors.
    public var offset: Int
  }

  // MARK: - Decoding

  /// Decodes JSON text. With `allowNonFinite`, the bare words `NaN`, `Inf`, `+Inf`, `-Inf` (and
  /// `Infinity`) are accepted wherever a number may stand — an extension for Prometheus values.
  public static func decode(_ text: String, allowNonFinite: Bool = false) -> Result<Value, Failure> {
    switch GoJSONParser.parse(text, options: GoJSONParser.Options(nonFiniteWords: allowNonFinite)) {
    case .success(let tree): .success(value(tree))
    case .failure(let failure): .failure(Failure(message: failure.message, offset: failure.offset))
    }
  }

  /// The tree as `interface{}`: float64 numbers (the parser refused any that do not fit),
  /// `map[string]interface {}` objects where a repeated key keeps its last value.
  private static func value(_ tree: JSONTree) -> Value {
    switch tree {
    case .null: return .null
    case .bool(let b): return .bool(b)
    case .number: return .float(tree.float64 ?? .nan)
    case .string(let s): return .string(s)
    case .array(let elements): return .list(elements.map(value))
    case .object(let members):
      var entries: [String: Value] = [:]
      for member in members { entries[member.key] = value(member.value) }
      return .map(entries)
    }
  }

  // MARK: - Encoding

  /// Encodes like `json.Marshal` (compact) or `json.MarshalIndent(v, "", indent)`.
  public static func encode(_ value: Value, indent: String? = nil) throws(Failure) -> String {
    var out = ""
    try write(value, to: &out, indent: indent, level: 0)
    return out
  }

  private static func write(_ value: Value, to out: inout String, indent: String?, level: Int) throws(Failure) {
    guard level < 1_000 else { throw Failure(message: "json: unsupported value: nesting too deep", offset: 0) }
    func newline(_ depth: Int) {
      guard let indent else { return }
      out += "\n" + String(repeating: indent, count: depth)
    }
    switch value {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .int(let i): out += String(i)
    case .int64(let i): out += String(i)
    case .float(let f):
      guard f.isFinite else {
        throw Failure(message: "json: unsupported value: \(GoFormat.float(f))", offset: 0)
      }
      out += GoFormat.jsonFloat(f)
    case .string(let s): JSONQuoting.append(s, escaping: .goMarshal, to: &out)
    case .bytes(let bytes): out += "\"" + Data(bytes).base64EncodedString() + "\""
    case .floats, .list:
      let elements = Operations.listElements(value) ?? []
      if elements.isEmpty {
        out += "[]"
        return
      }
      out += "["
      for (index, element) in elements.enumerated() {
        if index > 0 { out += "," }
        newline(level + 1)
        try write(element, to: &out, indent: indent, level: level + 1)
      }
      newline(level)
      out += "]"
    case .map(let entries):
      try writeObject(entries.keys.sorted(by: GoFormat.goLess).map { ($0, entries[$0]!) }, to: &out, indent: indent, level: level)
    case .object(let object):
      try writeObject(Array(zip(object.type.fieldNames, object.fields)), to: &out, indent: indent, level: level)
    case .function(let function):
      throw Failure(message: "json: unsupported type: \(function.type.description)", offset: 0)
    }
  }

  private static func writeObject(_ entries: [(String, Value)], to out: inout String, indent: String?, level: Int)
    throws(Failure)
  {
    if entries.isEmpty {
      out += "{}"
      return
    }
    out += "{"
    for (index, (key, element)) in entries.enumerated() {
      if index > 0 { out += "," }
      if let indent { out += "\n" + String(repeating: indent, count: level + 1) }
      JSONQuoting.append(key, escaping: .goMarshal, to: &out)
      out += indent == nil ? ":" : ": "
      try write(element, to: &out, indent: indent, level: level + 1)
    }
    if let indent { out += "\n" + String(repeating: indent, count: level) }
    out += "}"
  }
}
