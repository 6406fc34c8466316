import GoCompat

/// Reads JSON into ``YAMLNode``s (numbers without a fraction or exponent become integers, others
/// floats; strings are double-quoted scalars), with Go's encoding/json errors. Used after Argo-style
/// arg substitution, which works on the JSON text of a metric.
public enum JSONReader {
  public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Go encoding/json style message, e.g. `invalid character 'x' in string escape code`.
    public var message: String
    public var offset: Int
    public var description: String { message }
  }

  public static func parse(_ text: String) throws(ParseError) -> YAMLNode {
    // Numbers keep their text and need not fit a float64: `1e400` is a float scalar, as YAML has it.
    switch GoJSONParser.parse(text, options: GoJSONParser.Options(numbersMustFitFloat64: false)) {
    case .success(let tree): return node(tree)
    case .failure(let failure): throw ParseError(message: failure.message, offset: failure.offset)
    }
  }

  private static func node(_ tree: JSONTree) -> YAMLNode {
    switch tree {
    case .null: return .null()
    case .bool(let b): return .bool(b)
    case .string(let s): return .string(s)
    case .number(let text):
      let isInteger = !text.utf8.contains { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }
      if isInteger, let i = Int64(text) { return YAMLNode(.scalar(YAMLScalar(text: text, style: .plain, value: .int(i)))) }
      return YAMLNode(.scalar(YAMLScalar(text: text, style: .plain, value: .float(Double(text) ?? .nan))))
    case .array(let elements): return .sequence(elements.map(node))
    case .object(let members): return .mapping(members.map { YAMLEntry(key: $0.key, value: node($0.value)) })
    }
  }
}
