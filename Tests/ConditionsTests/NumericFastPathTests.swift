import Conditions
import Expr
import Testing

/// `Program.run` takes the numeric fast path for the common condition shapes when the environment has
/// the compile-time layout, and the compiled closures otherwise. Both must give the same value or the
/// same error, whatever the result — including the errors the fast path leaves to the closures.
@Suite struct NumericFastPathTests {
  static let conditions = [
    "len(result) == 0 || isNaN(result[0]) || result[0] > 0.9",
    "result[0] >= 0.95",
    "result[0] < 1 && result[1] > 0",
    "!(result[0] > 0.5)",
    "not isNaN(result[-1])",
    "result[0] == 0.95 || result[0] != 1",
    "len(result) > 1 and result[1] <= 2",
    "isInf(result[0]) || result[0] >= 1",
    "asInt(result[0]) > 0",
    "asFloat(result[0]) <= 0.5",
    "isNil(result[0]) || result[0] > 0",
    "result[0] > 0.9 || len(result)",
    "result[2] == 0 || true",
    "len(result) >= 1 && result[0] > -1 && !isNaN(result[0])",
    "result[0] > 0.5 ? true : false",
  ]

  static let results: [ConditionValue] = [
    .vector([]), .vector([0.95]), .vector([.nan]), .vector([0.5, 0.99]), .vector([-1, 3, 0]),
    .vector([.infinity]), .vector([1, 2.5]), .float(0.95), .null, .int(2), .string("x"),
  ]

  /// What a run gave, comparably: the value (with its Go type) or the error's message.
  static func outcome(_ program: Program, _ environment: Environment) -> String {
    do {
      let value = try program.run(environment)
      return "\(value.goTypeName) \(GoFormat.value(value))"
    } catch {
      return "error: \(error.message)"
    }
  }

  @Test(arguments: conditions)
  func fastPathGivesWhatTheClosuresGive(_ condition: String) throws {
    for result in Self.results {
      let environment = ArgoEnvironment.environment(result: result)
      guard let program = try? Program.compile(condition, environment: environment) else { continue }
      // The same names in another order: `run` lays them out again and leaves the fast path aside.
      var reordered = Environment()
      for (name, value) in zip(environment.names, environment.values).reversed() { reordered[name] = value }
      #expect(
        Self.outcome(program, environment) == Self.outcome(program, reordered), "\(condition) with \(result)")
    }
  }

  @Test func theCommonConditionsTakeIt() throws {
    let environment = ArgoEnvironment.environment(result: .vector([0.95]))
    for condition in Self.conditions.prefix(11) {
      #expect(try Program.compile(condition, environment: environment).usesNumericFastPath, "\(condition)")
    }
    // A conditional is not one of its shapes.
    #expect(try !Program.compile("result[0] > 0.5 ? true : false", environment: environment).usesNumericFastPath)
  }
}
