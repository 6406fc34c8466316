import Expr

/// The environment Argo Rollouts evaluates conditions in (utils/evaluate/evaluate.go, EvalCondition):
/// `result` plus six helper functions. `isNil` and `default` ignore their (first) argument and look at
/// the whole `result`, as Argo's closures over the raw measurement value do.
public enum ArgoEnvironment {
  /// Position of `result` in `environment(result:)`.
  public static let resultPosition = 0

  /// The environment for one measurement value.
  public static func environment(result: ConditionValue) -> Environment {
    var environment = template
    environment.setValue(result.exprValue, at: resultPosition)
    return environment
  }

  /// The environment with a nil result; copy it and set `result` at `resultPosition`.
  public static let template: Environment = Environment([
    ("result", .null),
    ("asInt", .function(asInt)),
    ("asFloat", .function(asFloat)),
    ("isNaN", .function(isNaN)),
    ("isInf", .function(isInf)),
    ("isNil", .function(isNil)),
    ("default", .function(defaultValue)),
  ])

  private static func result(_ context: CallContext) -> Value {
    context.environment.values[resultPosition]
  }

  /// `asInt(any) int64`: numbers truncate toward zero, decimal strings parse; anything else panics.
  static let asInt = FunctionValue.unary(name: "asInt", type: FunctionType(parameters: [.any], results: [.int64])) {
    (argument: Value, _) throws(ExprPanic) -> Value in
    switch argument {
    case .float(let f): return .int64(Int64(Operations64.truncate(f)))
    case .int(let i): return .int64(Int64(i))
    case .int64(let i): return .int64(i)
    case .string(let s):
      switch GoNumberParsing.parseInt(s, radix: 10) {
      case .success(let i): return .int64(Int64(i))
      case .failure(let message): throw ExprPanic(message)
      }
    default:
      throw ExprPanic("asInt() not supported on \(argument.goTypeName) \(GoFormat.value(argument))")
    }
  }

  /// `asFloat(any) float64`: numbers convert, strings parse with Go's ParseFloat; anything else panics.
  static let asFloat = FunctionValue.unary(name: "asFloat", type: FunctionType(parameters: [.any], results: [.float])) {
    (argument: Value, _) throws(ExprPanic) -> Value in
    switch argument {
    case .float(let f): return .float(f)
    case .int(let i): return .float(Double(i))
    case .int64(let i): return .float(Double(i))
    case .string(let s):
      switch GoNumberParsing.parseFloat(s) {
      case .success(let f): return .float(f)
      case .failure(let message): throw ExprPanic(message)
      }
    default:
      throw ExprPanic("asFloat() not supported on \(argument.goTypeName) \(GoFormat.value(argument))")
    }
  }

  /// `math.IsNaN(float64) bool`.
  static let isNaN = FunctionValue.unary(name: "isNaN", type: FunctionType(parameters: [.float], results: [.bool])) {
    (argument: Value, _) throws(ExprPanic) -> Value in
    guard case .float(let f) = argument else { return .bool(false) }
    return .bool(f.isNaN)
  }

  /// `isInf(float64) bool`: either infinity.
  static let isInf = FunctionValue.unary(name: "isInf", type: FunctionType(parameters: [.float], results: [.bool])) {
    (argument: Value, _) throws(ExprPanic) -> Value in
    guard case .float(let f) = argument else { return .bool(false) }
    return .bool(f.isInfinite)
  }

  /// `isNil(any) bool`: whether `result` is nil — the argument is ignored.
  static let isNil = FunctionValue.unary(name: "isNil", type: FunctionType(parameters: [.any], results: [.bool])) {
    (_: Value, context) throws(ExprPanic) -> Value in
    .bool(result(context).isNil)
  }

  /// `default(any, any) any`: the second argument when `result` is nil, else `result` — the first
  /// argument is ignored.
  static let defaultValue = FunctionValue(
    name: "default", type: FunctionType(parameters: [.any, .any], results: [.any])
  ) { (arguments, context) throws(ExprPanic) -> Value in
    let value = result(context)
    return value.isNil ? arguments[1] : value
  }
}

/// Go's float64 → int64 conversion (amd64: out of range and NaN give math.MinInt64).
enum Operations64 {
  static func truncate(_ value: Double) -> Int64 {
    guard value.isFinite, value > -9.223372036854775808e18, value < 9.223372036854775808e18 else {
      return Int64.min
    }
    return Int64(value.rounded(.towardZero))
  }
}
