/// The variables and functions an expression can see: expr's `env` map.
///
/// A program is compiled against one environment and keeps the position of every name it uses, so
/// evaluating it again against an environment with the same names (in the same order) costs no lookup.
/// Build such environments by copying the one used to compile and replacing values.
public struct Environment: Sendable {
  public private(set) var names: [String]
  public private(set) var values: [Value]
  private var positions: [String: Int]

  public init(_ entries: [(String, Value)] = []) {
    names = []
    values = []
    positions = [:]
    for (name, value) in entries { self[name] = value }
  }

  public subscript(name: String) -> Value? {
    get { positions[name].map { values[$0] } }
    set {
      if let position = positions[name] {
        values[position] = newValue ?? .null
      } else {
        positions[name] = names.count
        names.append(name)
        values.append(newValue ?? .null)
      }
    }
  }

  /// Replaces the value at a position (as listed in `names`); the fast way to reuse a layout.
  public mutating func setValue(_ value: Value, at position: Int) {
    values[position] = value
  }

  public func position(of name: String) -> Int? { positions[name] }

  /// The environment as a `map[string]interface {}` (what `$env` evaluates to).
  var asMap: [String: Value] {
    Dictionary(uniqueKeysWithValues: zip(names, values))
  }
}
