/// A run-time value, modelling the Go values expr-lang computes with.
///
/// Go's dynamic types matter to expr's semantics (`int` vs `float64` arithmetic, `[]float64` vs
/// `[]interface {}` equality, the `%T` in error messages), so each case is a Go type: `.floats` is
/// `[]float64` (a Prometheus vector), `.list` is `[]T` with its element type, `.map` is
/// `map[string]interface {}`.
public enum Value: Sendable {
  case null
  case bool(Bool)
  case int(Int)
  case int64(Int64)
  case float(Double)
  case string(String)
  case bytes([UInt8])
  case floats([Double])
  case list([Value], element: ExprType)
  case map([String: Value])
  case object(ObjectValue)
  case function(FunctionValue)

  /// A `[]interface {}`.
  public static func list(_ elements: [Value]) -> Value { .list(elements, element: .any) }

  /// The Go type of the value, as the checker sees an environment entry (expr's `NatureOf`).
  public var type: ExprType {
    switch self {
    case .null: .nilType
    case .bool: .bool
    case .int: .int
    case .int64: .int64
    case .float: .float
    case .string: .string
    case .bytes: .bytes
    case .floats: .slice(.float)
    case .list(_, let element): .slice(element)
    case .map: .map(key: .string, value: .any)
    case .object(let object): .structure(object.type)
    case .function(let function): .function(function.type)
    }
  }

  /// `type == expected`, without building and comparing type trees for the scalar kinds (host
  /// function calls check every argument).
  func has(type expected: ExprType) -> Bool {
    switch (self, expected) {
    case (.bool, .bool), (.int, .int), (.int64, .int64), (.float, .float), (.string, .string): true
    case (.bool, _), (.int, _), (.int64, _), (.float, _), (.string, _): false
    default: type == expected
    }
  }

  /// Go's `%T`: `<nil>` for nil, otherwise the type's name.
  public var goTypeName: String {
    if case .null = self { return "<nil>" }
    return type.goName
  }

  public var isNil: Bool {
    if case .null = self { return true }
    return false
  }
}

/// A value of a host struct type.
public struct ObjectValue: Sendable {
  public let type: StructType
  public var fields: [Value]

  public init(type: StructType, fields: [Value]) {
    self.type = type
    self.fields = fields
  }
}

/// A function the host puts in the environment (Argo's `asInt`, `isNaN`, …) or a bound method.
///
/// `type` is the Go signature the checker types calls against. Parameters of a concrete type are
/// asserted at run time, like expr's typed calls ("interface conversion: interface {} is int, not
/// float64"); `interface {}` parameters take anything.
public final class FunctionValue: Sendable {
  public let name: String
  public let type: FunctionType
  public let body: @Sendable (_ arguments: [Value], _ context: CallContext) throws(ExprPanic) -> Value
  /// The body of a one-parameter function made with `unary(name:type:_:)`, which takes its argument
  /// directly: a call then builds no argument array (conditions call `isNaN(result[0])` at every
  /// measurement).
  public let unaryBody: (@Sendable (_ argument: Value, _ context: CallContext) throws(ExprPanic) -> Value)?

  public init(
    name: String, type: FunctionType,
    body: @escaping @Sendable (_ arguments: [Value], _ context: CallContext) throws(ExprPanic) -> Value
  ) {
    self.name = name
    self.type = type
    self.body = body
    self.unaryBody = nil
  }

  private init(
    name: String, type: FunctionType,
    unary: @escaping @Sendable (_ argument: Value, _ context: CallContext) throws(ExprPanic) -> Value
  ) {
    self.name = name
    self.type = type
    self.body = { (arguments, context) throws(ExprPanic) -> Value in try unary(arguments[0], context) }
    self.unaryBody = unary
  }

  /// A function of one parameter (`type` must have exactly one), called with its argument directly.
  public static func unary(
    name: String, type: FunctionType,
    _ body: @escaping @Sendable (_ argument: Value, _ context: CallContext) throws(ExprPanic) -> Value
  ) -> FunctionValue {
    FunctionValue(name: name, type: type, unary: body)
  }
}

/// What a host function may look at besides its arguments: the environment of the current run.
/// (Argo's `isNil` and `default` ignore their argument and look at the whole `result`.)
public struct CallContext: Sendable {
  public let environment: Environment
}

/// A Go panic inside evaluation, with expr's message. Host functions throw it to fail the evaluation
/// the way a Go function panics inside expr's VM.
public struct ExprPanic: Error, Sendable, Hashable {
  public var message: String
  public init(_ message: String) { self.message = message }
}
