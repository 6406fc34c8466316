/// Why a measurement got its phase, in plain words, derived from the classification table (spec
/// §6.4): with the metric's conditions known, the phase tells which condition held.
public enum MeasurementExplanation {
  public static func why(_ measurement: Measurement, metric: MetricSpec) -> String {
    if measurement.phase == .error || !measurement.message.isEmpty && measurement.phase != .successful {
      return measurement.message
    }
    let success = metric.successCondition
    let failure = metric.failureCondition
    switch metric.provider {
    case .job?:
      switch measurement.phase {
      case .successful: return "the Job completed"
      case .failed: return "the Job failed"
      default: return measurement.message
      }
    case .other(let other)? where other.kind == .kayenta:
      let t = other.kayentaThreshold ?? .init(pass: 0, marginal: 0)
      return "score \(measurement.value) against pass \(t.pass), marginal \(t.marginal)"
    default:
      break
    }
    switch (measurement.phase, success.isEmpty, failure.isEmpty) {
    case (.pending, _, _), (.running, _, _): return "in progress"
    case (.successful, true, true): return "no conditions: always Successful"
    case (.successful, false, true): return "successCondition \(success) is true"
    case (.successful, true, false): return "failureCondition \(failure) is false"
    case (.successful, false, false): return "failureCondition is false and successCondition \(success) is true"
    case (.failed, _, false): return "failureCondition \(failure) is true"
    case (.failed, false, true): return "successCondition \(success) is false"
    case (.inconclusive, _, _) where !measurement.message.isEmpty: return measurement.message
    case (.inconclusive, _, _): return "neither condition is true"
    default: return measurement.message
    }
  }
}

extension SimulatedAnalysisRun {
  /// The metrics as measured (arguments substituted, secrets not); empty while the spec cannot be
  /// resolved or before the first reconcile.
  public var resolvedMetrics: [MetricSpec] {
    if case .success(let prepared)? = prepared { return prepared.metrics }
    return []
  }
}
