import Expr
import Testing

/// A function made with `init(name:type:unary:)` is called without an argument array; it must behave
/// like the same function made with an array body: same results, same run-time type errors.
@Suite struct UnaryFunctionTests {
  static func environment(unary: Bool) -> Environment {
    let type = FunctionType(parameters: [.float], results: [.bool])
    let isBig: FunctionValue =
      unary
      ? FunctionValue.unary(name: "isBig", type: type) { (argument: Value, _) throws(ExprPanic) -> Value in
        guard case .float(let f) = argument else { return .bool(false) }
        return .bool(f > 10)
      }
      : FunctionValue(name: "isBig", type: type) { (arguments: [Value], _) throws(ExprPanic) -> Value in
        guard case .float(let f) = arguments[0] else { return .bool(false) }
        return .bool(f > 10)
      }
    return Environment([
      ("result", .floats([0.5, 20])), ("scalar", .float(11)), ("anything", .list([.string("x")], element: .any)),
      ("isBig", .function(isBig)),
    ])
  }

  static func outcome(_ expression: String, unary: Bool) -> String {
    let environment = environment(unary: unary)
    do {
      let program = try Program.compile(expression, environment: environment)
      return "ok: " + GoFormat.value(try program.run(environment))
    } catch {
      return "\(error.stage): \(error.message)"
    }
  }

  @Test(arguments: [
    "isBig(result[0])", "isBig(result[1])", "isBig(scalar)", "isBig(anything[0])", "isBig(result[0]) || isBig(scalar)",
    "isBig(result[5])", "isBig(1, 2)",
  ])
  func sameAsAnArrayBody(_ expression: String) {
    #expect(Self.outcome(expression, unary: true) == Self.outcome(expression, unary: false))
  }

  @Test func unaryFunctionsAnswer() {
    #expect(Self.outcome("isBig(result[1])", unary: true) == "ok: true")
    #expect(Self.outcome("isBig(anything[0])", unary: true).hasPrefix("runtime: "))
  }
}
