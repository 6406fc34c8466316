import Controller
import VirtualTime

/// An Experiment created by an experiment step, as the experiment controller runs it: its template
/// pods come up, its analyses start, and it ends after `duration` (or when its analyses finish).
/// Failed/Error analyses fail it; an Inconclusive one makes it Inconclusive.
struct ExperimentRun {
  var request: ExperimentRequest
  var createdAt: SimInstant
  /// When every template's pods are available.
  var availableAt: SimInstant
  var analysisRuns: [(name: String, required: Bool)] = []
  var started = false
  var phase: AnalysisPhase = .pending
  var message = ""

  var endsAt: SimInstant? {
    request.step.durationSeconds.map { availableAt + .seconds(Int64($0)) }
  }

  /// The experiment's phase given its analyses' phases at `now`.
  mutating func assess(runs: [String: AnalysisRunView], now: SimInstant, terminated: Bool) -> Bool {
    guard !phase.isCompleted else { return false }
    let before = (phase, message)
    guard started else {
      if terminated {
        phase = .successful
        message = "Experiment terminated"
      }
      return before != (phase, message)
    }
    phase = .running
    let views = analysisRuns.compactMap { runs[$0.name] }
    if let bad = views.first(where: { $0.phase == .failed || $0.phase == .error }) {
      phase = bad.phase
      message = "Analysis '\(bad.name)' \(bad.phase.rawValue.lowercased())" + (bad.message.isEmpty ? "" : ": \(bad.message)")
    } else if let unsure = views.first(where: { $0.phase == .inconclusive }) {
      phase = .inconclusive
      message = "Analysis '\(unsure.name)' was inconclusive"
    } else if terminated {
      phase = .successful
      message = "Experiment terminated"
    } else if let endsAt, now >= endsAt {
      phase = .successful
      message = "Experiment completed its \(request.step.durationSeconds ?? 0)s duration"
    } else if request.step.durationSeconds == nil {
      // experiments/experiment.go calculateStatus: without a duration the templates stay Running, so only
      // `RequiredAnalysisRunsSuccessful` ends the experiment; analyses that are not required never do.
      let required = analysisRuns.filter(\.required)
      let done = required.allSatisfy { runs[$0.name]?.phase == .successful }
      if !required.isEmpty && done {
        phase = .successful
        message = "All analyses completed successfully"
      }
    }
    return before != (phase, message)
  }
}
