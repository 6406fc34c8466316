import VirtualTime

extension SimulatedAnalysisRun {
  /// `assessRunStatus`: updates each metric's phase and the summaries, and returns the run's phase and
  /// message — the worst completed non-dry-run metric once all are complete, or at once when terminating.
  mutating func assessRunStatus(_ run: PreparedRun, now: SimInstant, events: inout [AnalysisRunEvent]) -> (AnalysisPhase, String) {
    var worst: AnalysisPhase?
    var worstMessage = ""
    let terminating = isTerminating
    var everythingCompleted = true
    if status.startedAt == nil {
      status.startedAt = now
      statusChanged = true
    }
    if spec.terminate { worstMessage = "Run Terminated" }
    var runSummary = RunSummary()
    var dryRunSummary = RunSummary()
    for index in run.metrics.indices {
      let dryRun = run.isDryRun[index]
      if dryRun { dryRunSummary.count += 1 } else { runSummary.count += 1 }
      guard let r = status.resultIndex(run.metrics[index].name) else {
        // Not measured yet (an initial delay): the run is not complete.
        everythingCompleted = false
        continue
      }
      let metricPhase = status.metricResults[r].assessedPhase(run.limits[index], terminating: terminating)
      if status.metricResults[r].phase != metricPhase {
        if metricPhase.isCompleted {
          events.append(
            AnalysisRunEvent(
              at: now, kind: AnalysisRunEvent.phaseKind(metricPhase), reason: "Metric" + metricPhase.rawValue,
              message: "Metric '\(run.metrics[index].name)' Completed. Result: \(metricPhase.rawValue)"))
        }
        if let last = status.metricResults[r].measurements.last { status.metricResults[r].message = last.message }
        status.metricResults[r].phase = metricPhase
        statusChanged = true
      }
      guard metricPhase.isCompleted else {
        everythingCompleted = false
        continue
      }
      let (limitPhase, reason) = status.metricResults[r].limitBreach(run.limits[index])
      if !dryRun {
        if worst == nil || worst!.isWorse(metricPhase) {
          worst = metricPhase
          if let reason {
            worstMessage = "Metric \"\(run.metrics[index].name)\" assessed \(metricPhase.rawValue) due to \(reason)"
            let resultMessage = status.metricResults[r].message
            if !resultMessage.isEmpty { worstMessage += ": \"Error Message: \(resultMessage)\"" }
          }
        }
        runSummary.add(limitPhase)
      } else {
        if worst == nil { worst = .successful }
        if let reason {
          let message = "Metric assessed \(metricPhase.rawValue) due to \(reason)"
          if status.metricResults[r].message != message {
            status.metricResults[r].message = message
            statusChanged = true
          }
        }
        dryRunSummary.add(limitPhase)
      }
    }
    worstMessage = worstMessage.trimmingGoSpace()
    if status.runSummary != runSummary || status.dryRunSummary != dryRunSummary {
      status.runSummary = runSummary
      status.dryRunSummary = dryRunSummary
      statusChanged = true
    }
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
