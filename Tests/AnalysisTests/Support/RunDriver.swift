import Testing
import Analysis
import VirtualTime

/// Drives one run the way the simulation does: reconcile at creation, again at once after every
/// change, otherwise at the run's next reconcile time; optional terminate at an instant.
struct RunDriver {
  var run: SimulatedAnalysisRun
  var environment: AnalysisEnvironment
  /// Reconciles performed, by instant.
  var reconciles: [SimInstant] = []
  var events: [AnalysisRunEvent] = []

  init(_ run: SimulatedAnalysisRun, environment: AnalysisEnvironment) {
    self.run = run
    self.environment = environment
  }

  /// Runs until the run completes or `until`; returns when it completed.
  @discardableResult
  mutating func drive(from start: SimInstant = .zero, until end: SimInstant = SimInstant(milliseconds: 86_400_000),
    terminateAt: SimInstant? = nil, maxReconciles: Int = 100_000) -> SimInstant?
  {
    var now = start
    var terminatePending = terminateAt
    while reconciles.count < maxReconciles {
      if let t = terminatePending, t <= now {
        run.terminate()
        terminatePending = nil
      }
      reconciles.append(now)
      let outcome = run.reconcile(at: now, environment: &environment)
      events += outcome.events
      if run.phase.isCompleted { return now }
      var next = outcome.nextReconcileAt
      if let t = terminatePending { next = min(next ?? t, t) }
      guard let due = next, due <= end else { return nil }
      now = max(now, due)
    }
    Issue.record("run did not settle within \(maxReconciles) reconciles")
    return nil
  }

  /// The completed measurements of a metric as (seconds, phase).
  func measurements(_ metric: String) -> [(Double, AnalysisPhase)] {
    run.log.measurements(metric).map { (($0.finishedAt ?? $0.startedAt ?? .zero).seconds, $0.phase) }
  }
}

func seconds(_ s: Int64) -> SimInstant { SimInstant(milliseconds: s * 1_000) }
