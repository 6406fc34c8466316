/// Evaluates one success or failure condition against a provider's `result` — Argo's `EvalCondition`
/// (expr-lang with Argo's environment). The Conditions module supplies the real one; tests script it.
public protocol ConditionEvaluating: Sendable {
  /// The condition's bool, or why it could not be evaluated, in expr's words after Argo unwraps them
  /// (`unknown name X`, `expected bool, but got int`).
  func evaluate(_ condition: String, result: ResultValue) -> Result<Bool, ConditionError>
  /// `EvaluateResult`: the measurement's phase from its result and conditions, or Error with Argo's
  /// message. The default applies ``ResultClassifier`` to `evaluate`.
  func classify(_ result: ResultValue, success: String, failure: String) -> (phase: AnalysisPhase, error: String?)
}

extension ConditionEvaluating {
  public func classify(_ result: ResultValue, success: String, failure: String) -> (phase: AnalysisPhase, error: String?) {
    ResultClassifier.classify(result, success: success, failure: failure, using: self)
  }
}

public struct ConditionError: Error, Sendable, Hashable, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}
