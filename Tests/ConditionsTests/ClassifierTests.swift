import Conditions
import Expr
import Testing

/// Measurement classification (argo-semantics §6.4) and the acceptance rows 24–28 of §11.
@Suite struct ClassifierTests {
  let classifier = MeasurementClassifier()

  struct Row: CustomTestStringConvertible, Sendable {
    var name: String
    var success: String?
    var failure: String?
    var result: ConditionValue
    var phase: MeasurementPhase
    var message: String?
    var testDescription: String { name }
  }

  static let acceptance: [Row] = [
    Row(name: "24a NaN scalar, success only", success: "result >= 0.9", result: .float(.nan), phase: .failed),
    Row(
      name: "24b NaN scalar, NaN handled", success: "result >= 0.9 || isNaN(result)", result: .float(.nan),
      phase: .successful),
    Row(
      name: "24c NaN scalar, symmetric thresholds", success: "result >= 0.9", failure: "result < 0.9",
      result: .float(.nan), phase: .inconclusive),
    Row(
      name: "25a empty vector indexed", success: "result[0] >= 0.95", result: .vector([]), phase: .error,
      message:
        "could not evaluate successCondition \"result[0] >= 0.95\": metric result is nil or empty: no data returned from the metric provider"
    ),
    Row(
      name: "25b empty vector, empty is success", success: "len(result) == 0 || result[0] >= 0.95",
      result: .vector([]), phase: .successful),
    Row(
      name: "25c empty vector, empty is failure", success: "len(result) > 0 && result[0] >= 0.95",
      result: .vector([]), phase: .failed),
    Row(name: "26 no conditions", result: .vector([0.1]), phase: .successful),
    Row(name: "27 failure only, false", failure: "result > 5", result: .float(3), phase: .successful),
    Row(
      name: "28a not a bool", success: "1", result: .vector([0.5]), phase: .error,
      message: "could not evaluate successCondition \"1\": expected bool, but got int"),
    Row(
      name: "28b unknown name", success: "results[0] > 1", result: .vector([0.5]), phase: .error,
      message: "could not evaluate successCondition \"results[0] > 1\": unknown name results"),
  ]

  @Test(arguments: acceptance)
  func specRows(row: Row) {
    let outcome = classifier.classify(successCondition: row.success, failureCondition: row.failure, result: row.result)
    #expect(outcome.phase == row.phase)
    #expect(outcome.message == row.message)
  }

  static let table: [Row] = [
    Row(name: "neither set", result: .float(1), phase: .successful),
    Row(name: "success true", success: "result > 0", result: .float(1), phase: .successful),
    Row(name: "success false", success: "result > 5", result: .float(1), phase: .failed),
    Row(name: "failure true", failure: "result > 0", result: .float(1), phase: .failed),
    Row(name: "failure false", failure: "result > 5", result: .float(1), phase: .successful),
    Row(name: "both true: failure wins", success: "result > 0", failure: "result > 0", result: .float(1), phase: .failed),
    Row(name: "success only true", success: "result > 0", failure: "result > 5", result: .float(1), phase: .successful),
    Row(name: "neither true", success: "result > 5", failure: "result < 0", result: .float(1), phase: .inconclusive),
    Row(name: "empty strings are unset", success: "", failure: "", result: .float(1), phase: .successful),
    Row(
      name: "failure errors after success", success: "result > 0", failure: "result.x", result: .float(1),
      phase: .error,
      message: "could not evaluate failureCondition \"result.x\": type float64 has no field x"),
    Row(
      name: "nil result: Argo's nil-or-empty wording", success: "result > 0", result: .null, phase: .error,
      message:
        "could not evaluate successCondition \"result > 0\": metric result is nil or empty: no data returned from the metric provider"
    ),
    Row(
      name: "runtime error with data", success: "asInt(result) > 0", result: .string("healthy"), phase: .error,
      message:
        "could not evaluate successCondition \"asInt(result) > 0\": strconv.ParseInt: parsing \"healthy\": invalid syntax"
    ),
    Row(name: "isNil ignores its argument", success: "isNil(1)", result: .null, phase: .successful),
    Row(name: "default ignores its first argument", success: "default(99, 0) < 10", result: .float(3), phase: .successful),
    Row(name: "web map", success: "result.ok && result.successPercent >= 0.9", result: .map(["ok": .bool(true), "successPercent": .float(0.95)]), phase: .successful),
  ]

  @Test(arguments: table)
  func classification(row: Row) {
    let outcome = classifier.classify(successCondition: row.success, failureCondition: row.failure, result: row.result)
    #expect(outcome.phase == row.phase)
    #expect(outcome.message == row.message)
  }

  @Test func valuesAndCauseAreReported() {
    let both = classifier.classify(successCondition: "result[0] >= 0.9", failureCondition: "result[0] < 0.5", result: .vector([0.7]))
    #expect(both.successValue == false)
    #expect(both.failureValue == false)
    #expect(both.failedCondition == nil)

    let error = classifier.classify(successCondition: "result < 0.5", failureCondition: "result > 1", result: .vector([0.3]))
    #expect(error.phase == .error)
    #expect(error.failedCondition == .success)
    #expect(error.failure?.kind == .compile)
    #expect(error.failure?.exprError?.column == 8)
    // Argo stops at the first error: the failure condition is not evaluated.
    #expect(error.failureValue == nil)
  }

  @Test func conditionsCompileOncePerResultType() {
    let evaluator = ConditionEvaluator()
    let classifier = MeasurementClassifier(evaluator: evaluator)
    for i in 0..<1_000 {
      _ = classifier.classify(
        successCondition: "len(result) == 0 || result[0] <= 0.05", failureCondition: "result[0] > 0.1",
        result: .vector([Double(i) / 10_000]))
    }
    #expect(evaluator.compilations == 2)
    _ = classifier.classify(successCondition: "len(result) == 0 || result[0] <= 0.05", failureCondition: nil, result: .float(1))
    #expect(evaluator.compilations == 3)
  }

  @Test func checkAgainstAShapeBeforeRunning() {
    let evaluator = ConditionEvaluator()
    #expect(evaluator.check("result[0] >= 0.95", shape: .vector) == nil)
    let error = evaluator.check("result >= 0.95", shape: .vector)
    #expect(error?.message == "invalid operation: >= (mismatched types []float64 and float64)")
    #expect(evaluator.check("result >= 0.95", shape: .float) == nil)
  }
}
