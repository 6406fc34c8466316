import VirtualTime

/// `ValidateMetrics` / `ValidateMetric` (utils/analysis/factory.go): the spec checks an AnalysisRun
/// makes on every reconcile; a violation makes the run Error with "Analysis spec invalid: …".
enum MetricSpecValidation {
  static func validate(_ metrics: [MetricSpec]) -> String? {
    if metrics.isEmpty { return "no metrics specified" }
    var seen: Set<String> = []
    for (i, metric) in metrics.enumerated() {
      if !seen.insert(metric.name).inserted { return "metrics[\(i)]: duplicate name '\(metric.name)'" }
      if let error = validate(metric) { return "metrics[\(i)]: \(error)" }
    }
    return nil
  }

  static func validate(_ metric: MetricSpec) -> String? {
    let count = metric.count ?? 0
    let failureLimit = metric.failureLimit ?? 0
    let consecutiveSuccessLimit = metric.consecutiveSuccessLimit ?? 0
    let inconclusiveLimit = metric.inconclusiveLimit ?? 0
    if consecutiveSuccessLimit < 0 { return "consecutiveSuccessLimit must be >= 0" }
    if failureLimit < -1 { return "failureLimit must be >= 0, or -1 to be disabled" }
    if consecutiveSuccessLimit == 0 && failureLimit == -1 {
      return "failureLimit and consecutiveSuccessLimit cannot both be disabled"
    }
    if inconclusiveLimit < 0 { return "inconclusiveLimit must be >= 0" }
    if let limit = metric.consecutiveErrorLimit, limit < 0 { return "consecutiveErrorLimit must be >= 0" }
    if count > 0 {
      if consecutiveSuccessLimit >= 0 && failureLimit >= 0 {
        if count < failureLimit + consecutiveSuccessLimit {
          return "count (\(count)) must be >= failureLimit + consecutiveSuccessLimit (\(failureLimit) + \(consecutiveSuccessLimit)) if both >= 0"
        }
      } else if consecutiveSuccessLimit >= 0 && failureLimit < 0 {
        if count < consecutiveSuccessLimit { return "count must be >= consecutiveSuccessLimit" }
      }
      if count < inconclusiveLimit { return "count must be >= inconclusiveLimit" }
    }
    if count > 1 && metric.interval.isEmpty { return "interval must be specified when count > 1" }
    if !metric.interval.isEmpty {
      do { _ = try GoDuration.parseNanoseconds(metric.interval) } catch {
        return "invalid interval string: \(error.message)"
      }
    }
    if !metric.initialDelay.isEmpty {
      do { _ = try GoDuration.parseNanoseconds(metric.initialDelay) } catch {
        return "invalid startDelay string: \(error.message)"
      }
    }
    if metric.providers.isEmpty { return "no provider specified" }
    if metric.providers.count > 1 { return "multiple providers specified" }
    return nil
  }
}

/// A Go duration string as virtual time (`DurationString.Duration()`), truncated to milliseconds.
func parseGoDuration(_ text: String) -> SimDuration? {
  guard let ns = try? GoDuration.parseNanoseconds(text) else { return nil }
  return .nanoseconds(ns)
}
