import Conditions

/// The real conditions: expr-lang in Argo's environment (the Conditions module), with its
/// classifier (`EvaluateResult`).
public struct ExprConditions: ConditionEvaluating {
  public let evaluator: ConditionEvaluator
  let classifier: MeasurementClassifier

  /// - Parameter evaluator: compiled conditions are cached per evaluator; share one across runs.
  public init(evaluator: ConditionEvaluator = .shared) {
    self.evaluator = evaluator
    classifier = MeasurementClassifier(evaluator: evaluator)
  }

  public func evaluate(_ condition: String, result: ResultValue) -> Result<Bool, ConditionError> {
    evaluator.evaluate(condition, result: result.conditionValue).mapError { ConditionError($0.message) }
  }

  public func classify(_ result: ResultValue, success: String, failure: String) -> (phase: AnalysisPhase, error: String?) {
    let classification = classifier.classify(
      successCondition: success, failureCondition: failure, result: result.conditionValue)
    switch classification.phase {
    case .successful: return (.successful, nil)
    case .failed: return (.failed, nil)
    case .inconclusive: return (.inconclusive, nil)
    case .error: return (.error, classification.message ?? "")
    }
  }
}

extension ResultValue {
  /// The value as the Conditions module models Go values.
  public var conditionValue: ConditionValue {
    switch self {
    case .null: .null
    case .bool(let b): .bool(b)
    case .number(let d): .float(d)
    case .string(let s): .string(s)
    case .floats(let values): .vector(values)
    case .array(let items): .list(items.map(\.conditionValue))
    case .object(let fields): .map(fields.mapValues(\.conditionValue))
    }
  }
}
