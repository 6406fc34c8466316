import SimKernel
import VirtualTime

extension SimulatedAnalysisRun {
  /// `runMeasurements`: runs, resumes or terminates each task's measurement and folds completed ones
  /// into the metric's counters. Argo measures tasks in parallel; here they run in metric order, which
  /// only fixes the order of first appearance in `metricResults`.
  mutating func takeMeasurements(
    _ tasks: [MetricTask], _ run: PreparedRun, now: SimInstant, terminating: Bool,
    environment: inout AnalysisEnvironment
  ) {
    for task in tasks {
      let metric = run.measured[task.index]
      let name = run.metrics[task.index].name
      let existing = status.result(name)
      let sequence = (existing?.count ?? 0) + (existing?.error ?? 0) + 1
      let request = MeasurementRequest(
        metric: metric, now: now, runName: self.name, namespace: namespace, sequence: sequence,
        random: random.fork(label: "\(name)#\(sequence)"))
      var measurement: Measurement
      var provider: (any MeasurementProvider)?
      switch providers[task.index] {
      case .failure(let failure):
        measurement = task.incomplete ?? Measurement(startedAt: now)
        measurement.phase = .error
        measurement.message = failure.message
      case .success(let p):
        provider = p
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
      var result =
        existing
        ?? MetricResult(
          name: name, phase: .running, dryRun: run.dryRun.contains(name), metadata: provider?.metadata(for: metric) ?? [:])
      if measurement.phase.isCompleted {
        if measurement.finishedAt == nil { measurement.finishedAt = now }
        measurement.pending = nil
        result.count(measurement.phase)
      }
      measurement.message = run.redact(measurement.message)
      if task.incomplete == nil || result.measurements.isEmpty {
        result.measurements.append(measurement)
      } else {
        result.measurements[result.measurements.count - 1] = measurement
      }
      status.setResult(result)
      log.record(measurement, metric: name, replacingLast: task.incomplete != nil)
    }
  }

  /// `garbageCollectMeasurements`: keeps the last 10 measurements of each metric, or the limit of a
  /// matching measurementRetention rule. Like Argo, a metric whose provider cannot be created is not
  /// trimmed.
  mutating func garbageCollectMeasurements(_ run: PreparedRun) {
    for i in status.metricResults.indices {
      let count = status.metricResults[i].measurements.count
      guard count > 10 || !run.retention.isEmpty else { continue }
      let name = status.metricResults[i].name
      var limit = 10
      if let rule = run.retention[name], rule.limit > 0 { limit = rule.limit }
      guard count > limit else { continue }
      guard let index = run.metrics.firstIndex(where: { $0.name == name }) else { continue }
      guard case .success = providers[index] else { continue }
      status.metricResults[i].measurements.removeFirst(count - limit)
    }
  }
}
