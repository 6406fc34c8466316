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
  /// `generateMetricTasks`, for the metric at `index`: its task in this reconcile, if any. Reads the
  /// status in place: copying a metric's last measurement or spec for every metric at every reconcile
  /// costs more than the decision.
  func metricTask(_ index: Int, _ run: PreparedRun, now: SimInstant, terminating: Bool) -> MetricTask? {
    let r = status.resultIndex(run.metrics[index].name)
    if let r, status.metricResults[r].phase.isCompleted { return nil }
    let measurements = r.map { status.metricResults[$0].measurements } ?? []
    guard let last = measurements.indices.last else {
      if terminating { return nil }
      if let delay = run.initialDelays[index] {
        // Skipped on the run's first reconcile: startedAt is only set after the measurements.
        guard let startedAt = status.startedAt else { return nil }
        if startedAt + delay > now { return nil }
      }
      return MetricTask(index: index, incomplete: nil)
    }
    guard let finishedAt = measurements[last].finishedAt else {
      if !terminating, let resumeAt = measurements[last].resumeAt, resumeAt > now { return nil }
      return MetricTask(index: index, incomplete: measurements[last])
    }
    if terminating { return nil }
    if let effectiveCount = run.metrics[index].effectiveCount, let r, status.metricResults[r].count >= effectiveCount {
      return nil
    }
    var interval = defaultErrorRetryInterval
    if measurements[last].phase != .error, let parsed = run.intervals[index] { interval = parsed }
    return now >= finishedAt + measurementGap(interval) ? MetricTask(index: index, incomplete: nil) : nil
  }

  /// `calculateNextReconcileTime`: the earliest instant a metric is due or an in-flight measurement
  /// wants polling.
  func nextReconcileTime(_ run: PreparedRun, now: SimInstant) -> SimInstant? {
    var earliest: SimInstant?
    func consider(_ t: SimInstant) { earliest = min(earliest ?? t, t) }
    for index in run.metrics.indices {
      let r = status.resultIndex(run.metrics[index].name)
      if let r, status.metricResults[r].phase.isCompleted { continue }
      let measurements = r.map { status.metricResults[$0].measurements } ?? []
      guard let last = measurements.indices.last else {
        if let delay = run.initialDelays[index] { consider((status.startedAt ?? now) + delay) }
        continue
      }
      guard let finishedAt = measurements[last].finishedAt else {
        if let resumeAt = measurements[last].resumeAt { consider(resumeAt) }
        continue
      }
      if let effectiveCount = run.metrics[index].effectiveCount, let r, status.metricResults[r].count >= effectiveCount {
        continue
      }
      let interval: SimDuration
      if measurements[last].phase == .error {
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
