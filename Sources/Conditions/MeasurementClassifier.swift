/// The phase Argo gives a measurement from its conditions.
public enum MeasurementPhase: String, Sendable, Hashable, Codable, CaseIterable {
  case successful = "Successful"
  case failed = "Failed"
  case inconclusive = "Inconclusive"
  case error = "Error"
}

/// Which condition of a metric.
public enum ConditionRole: String, Sendable, Hashable, Codable {
  case success = "successCondition"
  case failure = "failureCondition"
}

/// The verdict on one measurement and how it came about.
public struct Classification: Sendable, Equatable {
  public var phase: MeasurementPhase
  /// Argo's measurement message: set for `.error` ("could not evaluate successCondition …"), nil
  /// otherwise.
  public var message: String?
  /// The successCondition's value; nil when there is none or it was not evaluated.
  public var successValue: Bool?
  /// The failureCondition's value; nil when there is none or it was not evaluated.
  public var failureValue: Bool?
  /// The condition that failed to evaluate, with the cause (for `.error`).
  public var failedCondition: ConditionRole?
  public var failure: ConditionFailure?

  public init(
    phase: MeasurementPhase, message: String? = nil, successValue: Bool? = nil, failureValue: Bool? = nil,
    failedCondition: ConditionRole? = nil, failure: ConditionFailure? = nil
  ) {
    self.phase = phase
    self.message = message
    self.successValue = successValue
    self.failureValue = failureValue
    self.failedCondition = failedCondition
    self.failure = failure
  }
}

/// Argo's `EvaluateResult` (argo-semantics §6.4): the success condition is evaluated first, then the
/// failure condition; any error makes the measurement an Error with Argo's message. Then: no
/// conditions → Successful; failure true → Failed (even if success is true); only a success condition
/// → Successful or Failed; both set and neither true → Inconclusive.
public struct MeasurementClassifier: Sendable {
  public let evaluator: ConditionEvaluator

  /// By default every classifier shares the process-wide cache of compiled conditions.
  public init(evaluator: ConditionEvaluator = .shared) {
    self.evaluator = evaluator
  }

  public func classify(successCondition: String?, failureCondition: String?, result: ConditionValue)
    -> Classification
  {
    let success = successCondition.flatMap { $0.isEmpty ? nil : $0 }
    let failure = failureCondition.flatMap { $0.isEmpty ? nil : $0 }
    var outcome = Classification(phase: .successful)

    if let success {
      switch evaluator.evaluate(success, result: result) {
      case .success(let value): outcome.successValue = value
      case .failure(let cause): return errorClassification(.success, success, cause, result, outcome)
      }
    }
    if let failure {
      switch evaluator.evaluate(failure, result: result) {
      case .success(let value): outcome.failureValue = value
      case .failure(let cause): return errorClassification(.failure, failure, cause, result, outcome)
      }
    }

    var successful = outcome.successValue ?? false
    var failed = outcome.failureValue ?? false
    switch (success, failure) {
    case (nil, nil): return outcome
    case (.some, nil): failed = !successful
    case (nil, .some): successful = !failed
    case (.some, .some): break
    }
    if failed {
      outcome.phase = .failed
    } else if !successful {
      outcome.phase = .inconclusive
    } else {
      outcome.phase = .successful
    }
    return outcome
  }

  /// Argo's `formatEvalError`.
  public static func errorMessage(
    role: ConditionRole, expression: String, cause: String, result: ConditionValue
  ) -> String {
    if result.isNilOrEmpty {
      return
        "could not evaluate \(role.rawValue) \"\(expression)\": metric result is nil or empty: no data returned from the metric provider"
    }
    return "could not evaluate \(role.rawValue) \"\(expression)\": \(cause)"
  }

  private func errorClassification(
    _ role: ConditionRole, _ expression: String, _ cause: ConditionFailure, _ result: ConditionValue,
    _ partial: Classification
  ) -> Classification {
    var outcome = partial
    outcome.phase = .error
    outcome.failedCondition = role
    outcome.failure = cause
    outcome.message = Self.errorMessage(role: role, expression: expression, cause: cause.message, result: result)
    return outcome
  }
}
