import GoCompat

/// `json.Unmarshal` into `interface{}`: numbers become float64, objects maps (last duplicate key
/// wins), arrays `[]interface{}`. Fails on anything that is not exactly one JSON value.
enum JSONParser {
  struct Failure: Error { var message: String }

  /// Go allows 10,000 levels; a simulated body never nests this deep, and the stack must not overflow.
  static let maxDepth = 256

  static func parse(_ text: String) -> Result<ResultValue, Failure> {
    switch GoJSONParser.parse(text, options: GoJSONParser.Options(maxDepth: maxDepth)) {
    case .success(let tree): .success(value(tree))
    case .failure(let failure): .failure(Failure(message: failure.message))
    }
  }

  private static func value(_ tree: JSONTree) -> ResultValue {
    switch tree {
    case .null: return .null
    case .bool(let b): return .bool(b)
    // The parser refused numbers a float64 cannot hold.
    case .number: return .number(tree.float64 ?? .nan)
    case .string(let s): return .string(s)
    case .array(let elements): return .array(elements.map(value))
    case .object(let members):
      var fields: [String: ResultValue] = [:]
      for member in members { fields[member.key] = value(member.value) }
      return .object(fields)
    }
  }
}
