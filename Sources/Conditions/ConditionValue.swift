import Expr

/// A measurement's `result` as Argo Rollouts hands it to the conditions, after the provider shaped
/// it (argo-semantics §8): a Prometheus vector is `[]float64`, a scalar `float64`, a Web metric any
/// JSON value (`map[string]interface {}`, `[]interface {}`, `string`, `bool`, `float64`), no data nil.
public enum ConditionValue: Sendable, Equatable {
  case null
  case float(Double)
  case int(Int)
  case bool(Bool)
  case string(String)
  /// A Prometheus instant vector or range-query matrix: `[]float64`.
  case vector([Double])
  /// A JSON array: `[]interface {}`.
  case list([ConditionValue])
  /// A JSON object: `map[string]interface {}`.
  case map([String: ConditionValue])

  /// The Go type of the value, which is all `expr.Compile` sees of it.
  public var shape: ResultShape {
    switch self {
    case .null: .null
    case .float: .float
    case .int: .int
    case .bool: .bool
    case .string: .string
    case .vector: .vector
    case .list: .list
    case .map: .map
    }
  }

  /// The value in the expression engine's terms.
  public var exprValue: Value {
    switch self {
    case .null: .null
    case .float(let f): .float(f)
    case .int(let i): .int(i)
    case .bool(let b): .bool(b)
    case .string(let s): .string(s)
    case .vector(let v): .floats(v)
    case .list(let elements): .list(elements.map(\.exprValue))
    case .map(let entries): .map(entries.mapValues(\.exprValue))
    }
  }

  /// Argo's `isNilOrEmpty`: nil, or an empty slice (not an empty string or map).
  public var isNilOrEmpty: Bool {
    switch self {
    case .null: true
    case .vector(let v): v.isEmpty
    case .list(let l): l.isEmpty
    default: false
    }
  }

  /// Go's `%v`, as Argo's messages print values.
  public var goDescription: String { GoFormat.value(exprValue) }

  /// The value from an expression result (numbers in JSON arrays stay `[]interface {}`).
  public init(_ value: Value) {
    switch value {
    case .null: self = .null
    case .bool(let b): self = .bool(b)
    case .int(let i): self = .int(i)
    case .int64(let i): self = .int(Int(i))
    case .float(let f): self = .float(f)
    case .string(let s): self = .string(s)
    case .bytes(let bytes): self = .list(bytes.map { .int(Int($0)) })
    case .floats(let v): self = .vector(v)
    case .list(let elements, _): self = .list(elements.map(ConditionValue.init))
    case .map(let entries): self = .map(entries.mapValues(ConditionValue.init))
    case .object, .function: self = .string(GoFormat.value(value))
    }
  }
}

/// The Go type of a `result`: the key under which compiled conditions are cached, and what a
/// condition can be checked against before any measurement exists.
public enum ResultShape: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
  case null
  case float
  case int
  case bool
  case string
  case vector
  case list
  case map

  /// Go's name of the type (`%T`).
  public var goTypeName: String {
    switch self {
    case .null: "<nil>"
    case .float: "float64"
    case .int: "int"
    case .bool: "bool"
    case .string: "string"
    case .vector: "[]float64"
    case .list: "[]interface {}"
    case .map: "map[string]interface {}"
    }
  }

  public var description: String { goTypeName }

  /// A value of this shape (its content does not matter to the checker).
  public var representative: ConditionValue {
    switch self {
    case .null: .null
    case .float: .float(0)
    case .int: .int(0)
    case .bool: .bool(false)
    case .string: .string("")
    case .vector: .vector([])
    case .list: .list([])
    case .map: .map([:])
    }
  }
}
