import SimKernel
import VirtualTime

extension SimulatedAnalysisRun {
  /// `runMeasurements` for one task: runs, resumes or terminates its measurement and folds a completed
  /// one into the metric's counters. Argo measures tasks in parallel; here they run in metric order,
  /// which only fixes the order of first appearance in `metricResults`.
  mutating func takeMeasurement(
    _ task: MetricTask, _ run: PreparedRun, now: SimInstant, terminating: Bool, environment: inout AnalysisEnvironment
  ) {
    let name = run.metrics[task.index].name
    let resultIndex = status.resultIndex(name)
    var sequence = 1
    if let r = resultIndex { sequence = status.metricResults[r].count + status.metricResults[r].error + 1 }
    let request = MeasurementRequest(
      metric: run.measuredBoxes[task.index], now: now, runName: self.name, namespace: namespace,
      sequence: sequence, runRandom: random, forkLabel: name)
    var measurement: Measurement
    var created: CreatedProvider?
    switch providers[task.index] {
    case .failure(let failure):
      measurement = task.incomplete ?? Measurement(startedAt: now)
      measurement.phase = .error
      measurement.message = failure.message
    case .success(let slot):
      created = slot
      let p = slot.provider
      if let incomplete = task.incomplete {
        if terminating {
          measurement = p.terminate(request, incomplete, environment: &environment)
          if measurement.phase == .successful || measurement.phase == .inconclusive {
            measurement.message = "Metric Terminated"
          }
        } else {
          measurement = p.resume(request, incomplete, environment: &environment)
        }
      } else {
        measurement = p.run(request, environment: &environment)
      }
    }
    // The metric's result is changed in place in the status (a copy would copy its measurements).
    let r: Int
    if let existing = resultIndex {
      r = existing
    } else {
      status.metricResults.append(
        MetricResult(
          name: name, phase: .running, dryRun: run.isDryRun[task.index],
          metadata: created?.provider.metadata(for: run.measured[task.index]) ?? [:]))
      r = status.metricResults.count - 1
      statusChanged = true
    }
    if measurement.phase.isCompleted {
      if measurement.finishedAt == nil { measurement.finishedAt = now }
      if measurement.pending != nil { measurement.pending = nil }
      status.metricResults[r].count(measurement.phase)
      statusChanged = true
    }
    measurement.message = run.redact(measurement.message)
    let last = status.metricResults[r].measurements.count - 1
    if task.incomplete == nil || last < 0 {
      status.metricResults[r].measurements.append(measurement)
      statusChanged = true
    } else {
      if status.metricResults[r].measurements[last] != measurement { statusChanged = true }
      status.metricResults[r].measurements[last] = measurement
    }
    log.record(measurement, metric: name, replacingLast: task.incomplete != nil)
  }

  /// `garbageCollectMeasurements`: keeps the last 10 measurements of each metric, or the limit of a
  /// matching measurementRetention rule. Like Argo, a metric whose provider cannot be created is not
  /// trimmed.
  mutating func garbageCollectMeasurements(_ run: PreparedRun) {
    for i in status.metricResults.indices {
      let count = status.metricResults[i].measurements.count
      guard count > 10 || !run.retention.isEmpty else { continue }
      guard let index = run.metricIndex(status.metricResults[i].name) else { continue }
      let limit = run.retentionLimits[index]
      guard count > limit else { continue }
      if case .failure = providers[index] { continue }
      // Usually one measurement past the limit: `remove(at:)` shifts the rest without the generic
      // range replacement `removeFirst(_:)` goes through.
      if count - limit == 1 {
        status.metricResults[i].measurements.remove(at: 0)
      } else {
        status.metricResults[i].measurements.removeFirst(count - limit)
      }
      statusChanged = true
    }
  }
}
