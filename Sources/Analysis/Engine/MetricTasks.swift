import VirtualTime

/// The interval after an Error measurement, whatever the metric's interval (`DefaultErrorRetryInterval`).
let defaultErrorRetryInterval = SimDuration.seconds(10)

/// Argo measures when `now` is after `finishedAt + interval`; in virtual time that instant itself is
/// due. A zero interval would then repeat at one instant forever, so the simulated gap is at least 1 ms.
func measurementGap(_ interval: SimDuration) -> SimDuration { max(interval, .milliseconds(1)) }

/// A metric to measure in this reconcile: a new measurement, or an in-flight one to resume or terminate.
struct MetricTask {
  var index: Int
  var incomplete: Measurement?
}

extension SimulatedAnalysisRun {
  /// `generateMetricTasks`.
  func metricTasks(_ run: PreparedRun, now: SimInstant, terminating: Bool) -> [MetricTask] {
    var tasks: [MetricTask] = []
    for (index, metric) in run.metrics.enumerated() {
      if status.metricCompleted(metric.name) { continue }
      let last = status.lastMeasurement(metric.name)
      if let last, last.finishedAt == nil {
        if !terminating, let resumeAt = last.resumeAt, resumeAt > now { continue }
        tasks.append(MetricTask(index: index, incomplete: last))
        continue
      }
      if terminating { continue }
      guard let last, let finishedAt = last.finishedAt else {
        if let delay = run.initialDelays[index] {
          // Skipped on the run's first reconcile: startedAt is only set after the measurements.
          guard let startedAt = status.startedAt else { continue }
          if startedAt + delay > now { continue }
        }
        tasks.append(MetricTask(index: index, incomplete: nil))
        continue
      }
      if let effectiveCount = metric.effectiveCount, status.count(metric.name) >= effectiveCount { continue }
      var interval = defaultErrorRetryInterval
      if last.phase != .error, let parsed = run.intervals[index] { interval = parsed }
      if now >= finishedAt + measurementGap(interval) {
        tasks.append(MetricTask(index: index, incomplete: nil))
      }
    }
    return tasks
  }

  /// `calculateNextReconcileTime`: the earliest instant a metric is due or an in-flight measurement
  /// wants polling.
  func nextReconcileTime(_ run: PreparedRun, now: SimInstant) -> SimInstant? {
    var earliest: SimInstant?
    func consider(_ t: SimInstant) { earliest = min(earliest ?? t, t) }
    for (index, metric) in run.metrics.enumerated() {
      if status.metricCompleted(metric.name) { continue }
      guard let last = status.lastMeasurement(metric.name) else {
        if let delay = run.initialDelays[index] { consider((status.startedAt ?? now) + delay) }
        continue
      }
      guard let finishedAt = last.finishedAt else {
        if let resumeAt = last.resumeAt { consider(resumeAt) }
        continue
      }
      if let effectiveCount = metric.effectiveCount, status.count(metric.name) >= effectiveCount { continue }
      let interval: SimDuration
      if last.phase == .error {
        interval = defaultErrorRetryInterval
      } else if let parsed = run.intervals[index] {
        interval = parsed
      } else {
        continue
      }
      consider(finishedAt + measurementGap(interval))
    }
    return earliest
  }
}
