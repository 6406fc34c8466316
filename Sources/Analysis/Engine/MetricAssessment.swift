/// The phase of one metric from its counters (spec §6.5): `assessMetricStatus` and
/// `assessMetricFailureInconclusiveOrError`.
public enum MetricAssessment {
  /// `assessMetricStatus`.
  public static func phase(_ metric: MetricSpec, _ result: MetricResult, terminating: Bool) -> AnalysisPhase {
    if result.phase.isCompleted { return result.phase }
    guard let last = result.measurements.last else { return terminating ? .successful : .pending }
    if !last.phase.isCompleted { return .running }
    if let breach = limitBreach(metric, result).phase { return breach }
    let consecutiveSuccessLimit = metric.consecutiveSuccessLimit ?? 0
    if consecutiveSuccessLimit > 0 && result.consecutiveSuccess >= consecutiveSuccessLimit { return .successful }
    if let effectiveCount = metric.effectiveCount, result.count >= effectiveCount {
      let failureApplicable = (metric.failureLimit ?? 0) >= 0
      let successApplicable = consecutiveSuccessLimit > 0
      if failureApplicable && successApplicable { return .inconclusive }
      if successApplicable { return .failed }
      return .successful
    }
    return terminating ? .successful : .running
  }

  /// `assessMetricFailureInconclusiveOrError`: which limit is exceeded, checked in the order failure,
  /// inconclusive, consecutive errors — the last breach wins — with Argo's reason text.
  public static func limitBreach(_ metric: MetricSpec, _ result: MetricResult) -> (phase: AnalysisPhase?, reason: String?) {
    var phase: AnalysisPhase?
    var reason: String?
    let failureLimit = metric.failureLimit ?? 0
    if failureLimit >= 0 && result.failed > failureLimit {
      phase = .failed
      reason = "failed (\(result.failed)) > failureLimit (\(failureLimit))"
    }
    let inconclusiveLimit = metric.inconclusiveLimit ?? 0
    if result.inconclusive > inconclusiveLimit {
      phase = .inconclusive
      reason = "inconclusive (\(result.inconclusive)) > inconclusiveLimit (\(inconclusiveLimit))"
    }
    let consecutiveErrorLimit = metric.consecutiveErrorLimitOrDefault
    if result.consecutiveError > consecutiveErrorLimit {
      phase = .error
      reason = "consecutiveErrors (\(result.consecutiveError)) > consecutiveErrorLimit (\(consecutiveErrorLimit))"
    }
    return (phase, reason)
  }
}
