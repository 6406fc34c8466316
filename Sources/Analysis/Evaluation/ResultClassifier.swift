/// `evaluate.EvaluateResult`: the phase of a measurement from its result and the metric's conditions
/// (spec §6.4). The failure condition is checked first and wins; no conditions at all means
/// Successful; a success condition alone that is false means Failed; both false means Inconclusive.
public enum ResultClassifier {
  /// The phase, or Error with Argo's message when a condition cannot be evaluated.
  public static func classify(
    _ result: ResultValue, success: String, failure: String, using evaluator: any ConditionEvaluating
  ) -> (phase: AnalysisPhase, error: String?) {
    var successMet = false
    var failureMet = false
    if !success.isEmpty {
      switch evaluator.evaluate(success, result: result) {
      case .success(let value): successMet = value
      case .failure(let error): return (.error, message(error, "successCondition", success, result))
      }
    }
    if !failure.isEmpty {
      switch evaluator.evaluate(failure, result: result) {
      case .success(let value): failureMet = value
      case .failure(let error): return (.error, message(error, "failureCondition", failure, result))
      }
    }
    switch (success.isEmpty, failure.isEmpty) {
    case (true, true): return (.successful, nil)
    case (false, true): failureMet = !successMet
    case (true, false): successMet = !failureMet
    case (false, false): break
    }
    if failureMet { return (.failed, nil) }
    if !successMet { return (.inconclusive, nil) }
    return (.successful, nil)
  }

  /// `formatEvalError`.
  static func message(_ error: ConditionError, _ kind: String, _ expression: String, _ result: ResultValue) -> String {
    if result.isNilOrEmpty {
      return "could not evaluate \(kind) \"\(expression)\": metric result is nil or empty: no data returned from the metric provider"
    }
    return "could not evaluate \(kind) \"\(expression)\": \(error.message)"
  }
}
