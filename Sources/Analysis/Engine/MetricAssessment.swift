/// The phase of one metric from its counters (spec §6.5): `assessMetricStatus` and
/// `assessMetricFailureInconclusiveOrError`.
public enum MetricAssessment {
  /// `assessMetricStatus`.
  public static func phase(_ metric: MetricSpec, _ result: MetricResult, terminating: Bool) -> AnalysisPhase {
    var result = result
    return result.assessedPhase(MetricLimits(metric), terminating: terminating)
  }

  /// `assessMetricFailureInconclusiveOrError`: which limit is exceeded, checked in the order failure,
  /// inconclusive, consecutive errors — the last breach wins — with Argo's reason text.
  public static func limitBreach(_ metric: MetricSpec, _ result: MetricResult) -> (phase: AnalysisPhase?, reason: String?) {
    result.limitBreach(MetricLimits(metric))
  }
}

/// What the assessment compares a metric's counters with: the metric's count and limits, without its
/// strings, so a run keeps them per metric and assesses without copying the metric.
struct MetricLimits: Sendable {
  var failureLimit: Int
  var inconclusiveLimit: Int
  var consecutiveErrorLimit: Int
  var consecutiveSuccessLimit: Int
  var effectiveCount: Int?

  init(_ metric: MetricSpec) {
    failureLimit = metric.failureLimit ?? 0
    inconclusiveLimit = metric.inconclusiveLimit ?? 0
    consecutiveErrorLimit = metric.consecutiveErrorLimitOrDefault
    consecutiveSuccessLimit = metric.consecutiveSuccessLimit ?? 0
    effectiveCount = metric.effectiveCount
  }
}

extension MetricResult {
  // Methods rather than functions of a result: called on a result inside the run's status, they
  // read it in place instead of copying it (and its measurements' references) at every reconcile.

  /// `assessMetricStatus`. Mutating only so that a call on a result in an array accesses it in place
  /// (a non-mutating call copies it first); it changes nothing.
  mutating func assessedPhase(_ limits: MetricLimits, terminating: Bool) -> AnalysisPhase {
    if phase.isCompleted { return phase }
    guard let last = measurements.indices.last else { return terminating ? .successful : .pending }
    if !measurements[last].phase.isCompleted { return .running }
    if let breach = limitBreach(limits).phase { return breach }
    let consecutiveSuccessLimit = limits.consecutiveSuccessLimit
    if consecutiveSuccessLimit > 0 && consecutiveSuccess >= consecutiveSuccessLimit { return .successful }
    if let effectiveCount = limits.effectiveCount, count >= effectiveCount {
      let failureApplicable = limits.failureLimit >= 0
      let successApplicable = consecutiveSuccessLimit > 0
      if failureApplicable && successApplicable { return .inconclusive }
      if successApplicable { return .failed }
      return .successful
    }
    return terminating ? .successful : .running
  }

  /// `assessMetricFailureInconclusiveOrError`.
  func limitBreach(_ limits: MetricLimits) -> (phase: AnalysisPhase?, reason: String?) {
    var phase: AnalysisPhase?
    var reason: String?
    let failureLimit = limits.failureLimit
    if failureLimit >= 0 && failed > failureLimit {
      phase = .failed
      reason = "failed (\(failed)) > failureLimit (\(failureLimit))"
    }
    let inconclusiveLimit = limits.inconclusiveLimit
    if inconclusive > inconclusiveLimit {
      phase = .inconclusive
      reason = "inconclusive (\(inconclusive)) > inconclusiveLimit (\(inconclusiveLimit))"
    }
    let consecutiveErrorLimit = limits.consecutiveErrorLimit
    if consecutiveError > consecutiveErrorLimit {
      phase = .error
      reason = "consecutiveErrors (\(consecutiveError)) > consecutiveErrorLimit (\(consecutiveErrorLimit))"
    }
    return (phase, reason)
  }
}
