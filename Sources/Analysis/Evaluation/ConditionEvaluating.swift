/// Evaluates one success or failure condition against a provider's `result` — Argo's `EvalCondition`
/// (expr-lang with Argo's environment). The Conditions module supplies the real one; tests script it.
public protocol ConditionEvaluating: Sendable {
  /// The condition's bool, or why it could not be evaluated, in expr's words after Argo unwraps them
  /// (`unknown name X`, `expected bool, but got int`).
  func evaluate(_ condition: String, result: ResultValue) -> Result<Bool, ConditionError>
}

public struct ConditionError: Error, Sendable, Hashable, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

/// Used until a real evaluator is wired in: every non-empty condition fails to evaluate, saying so.
public struct UnavailableConditions: ConditionEvaluating {
  public init() {}
  public func evaluate(_ condition: String, result: ResultValue) -> Result<Bool, ConditionError> {
    .failure(ConditionError("rollout-sim: condition evaluation is not available in this build"))
  }
}
