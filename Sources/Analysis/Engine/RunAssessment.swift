import VirtualTime

extension SimulatedAnalysisRun {
  /// `assessRunStatus`: updates each metric's phase and the summaries, and returns the run's phase and
  /// message — the worst completed non-dry-run metric once all are complete, or at once when terminating.
  mutating func assessRunStatus(_ run: PreparedRun, now: SimInstant, events: inout [AnalysisRunEvent]) -> (AnalysisPhase, String) {
    var worst: AnalysisPhase?
    var worstMessage = ""
    let terminating = isTerminating
    var everythingCompleted = true
    if status.startedAt == nil { status.startedAt = now }
    if spec.terminate { worstMessage = "Run Terminated" }
    var runSummary = RunSummary()
    var dryRunSummary = RunSummary()
    for metric in run.metrics {
      let dryRun = run.dryRun.contains(metric.name)
      if dryRun { dryRunSummary.count += 1 } else { runSummary.count += 1 }
      guard var result = status.result(metric.name) else {
        // Not measured yet (an initial delay): the run is not complete.
        everythingCompleted = false
        continue
      }
      let metricPhase = MetricAssessment.phase(metric, result, terminating: terminating)
      if result.phase != metricPhase {
        if metricPhase.isCompleted {
          events.append(
            AnalysisRunEvent(
              at: now, kind: AnalysisRunEvent.phaseKind(metricPhase), reason: "Metric" + metricPhase.rawValue,
              message: "Metric '\(metric.name)' Completed. Result: \(metricPhase.rawValue)"))
        }
        if let last = result.measurements.last { result.message = last.message }
        result.phase = metricPhase
        status.setResult(result)
      }
      guard metricPhase.isCompleted else {
        everythingCompleted = false
        continue
      }
      let (limitPhase, reason) = MetricAssessment.limitBreach(metric, result)
      if !dryRun {
        if worst == nil || worst!.isWorse(metricPhase) {
          worst = metricPhase
          if let reason {
            worstMessage = "Metric \"\(metric.name)\" assessed \(metricPhase.rawValue) due to \(reason)"
            if !result.message.isEmpty { worstMessage += ": \"Error Message: \(result.message)\"" }
          }
        }
        runSummary.add(limitPhase)
      } else {
        if worst == nil { worst = .successful }
        if let reason {
          result.message = "Metric assessed \(metricPhase.rawValue) due to \(reason)"
          status.setResult(result)
        }
        dryRunSummary.add(limitPhase)
      }
    }
    worstMessage = worstMessage.trimmingGoSpace()
    status.runSummary = runSummary
    status.dryRunSummary = dryRunSummary
    if terminating { return (worst ?? .successful, worstMessage) }
    guard everythingCompleted, let worst else { return (.running, "") }
    return (worst, worstMessage)
  }
}

extension String {
  /// `strings.TrimSpace` for the ASCII whitespace Argo's messages can carry.
  func trimmingGoSpace() -> String {
    func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (0x09...0x0D).contains(b) }
    let bytes = utf8
    guard let first = bytes.first, let last = bytes.last, isSpace(first) || isSpace(last) else { return self }
    var s = Substring(self)
    while let c = s.utf8.first, isSpace(c) { s = s.dropFirst() }
    while let c = s.utf8.last, isSpace(c) { s = s.dropLast() }
    return String(s)
  }
}
