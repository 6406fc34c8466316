import SimKernel
import VirtualTime

/// An AnalysisRun and the analysis controller's reconcile of it (analysis/analysis.go:
/// `reconcileAnalysisRun`), over virtual time.
///
/// The simulation reconciles a run when it is created, when the rollout sets `terminate`, and at
/// `nextReconcileAt` (which is `now` when Argo's re-enqueue after a status patch would do work at the
/// same instant). Reconciling more often is harmless: like Argo's, the reconcile is idempotent.
public struct SimulatedAnalysisRun: Sendable {
  public let name: String
  public let namespace: String
  public internal(set) var spec: AnalysisRunSpec
  public internal(set) var status: AnalysisRunStatus
  /// Every measurement ever taken (the status keeps only the retained ones).
  public internal(set) var log: MeasurementLog
  let random: SeededRandom
  var prepared: Result<PreparedRun, RunFailure>?
  /// Each metric's provider (`newProvider`), created at the first reconcile: the environment's models
  /// and factory are fixed for a run's lifetime.
  var providers: [Result<CreatedProvider, ProviderFailure>] = []
  /// Set by every change the current reconcile makes to `status` (what Argo's status patch compares).
  /// Tracked where the changes happen: a copy of the status to compare with afterwards would make each
  /// appended measurement copy the metric's retained measurements, and the comparison walk them all.
  var statusChanged = false

  /// - Parameter random: the run's own generator (fork the simulation's by run name); every sampled
  ///   provider outcome derives from it.
  public init(name: String, namespace: String = "default", spec: AnalysisRunSpec, random: SeededRandom) {
    self.name = name
    self.namespace = namespace
    self.spec = spec
    self.status = AnalysisRunStatus()
    self.log = MeasurementLog()
    self.random = random
  }

  /// A provider as the run keeps it: by reference, so using it at each measurement does not copy the
  /// existential out of `providers`.
  final class CreatedProvider: Sendable {
    let provider: any MeasurementProvider
    init(_ provider: any MeasurementProvider) { self.provider = provider }
  }

  public var phase: AnalysisPhase { status.phase }
  public var message: String { status.message }

  /// Sets `spec.terminate` (what the rollout controller does to runs it no longer wants). Reconcile
  /// the run at the same instant afterwards, as the patch triggers one in Argo.
  public mutating func terminate() { spec.terminate = true }

  /// Metric names in spec order, resolved (empty while the spec cannot be resolved).
  public var metricNames: [String] {
    if case .success(let prepared)? = prepared { return prepared.metrics.map(\.name) }
    return spec.metrics.map(\.name)
  }

  /// Whether a metric is dry-run (known once the run has been reconciled).
  public func isDryRun(_ metric: String) -> Bool {
    if case .success(let prepared)? = prepared { return prepared.dryRun.contains(metric) }
    return false
  }

  /// `IsTerminating`: `spec.terminate`, or a non-dry-run metric already Failed, Error or Inconclusive.
  public var isTerminating: Bool {
    if spec.terminate { return true }
    return status.metricResults.contains { result in
      guard !result.dryRun else { return false }
      switch result.phase {
      case .failed, .error, .inconclusive: return true
      case .pending, .running, .successful: return false
      }
    }
  }

  /// One reconcile at `now`.
  public mutating func reconcile(at now: SimInstant, environment: inout AnalysisEnvironment) -> AnalysisReconcileOutcome {
    if status.phase.isCompleted { return AnalysisReconcileOutcome(changed: false, nextReconcileAt: nil, events: []) }
    statusChanged = false
    var events: [AnalysisRunEvent] = []
    if prepared == nil { prepared = PreparedRun.prepare(spec, secrets: environment.models.secrets) }
    var next: SimInstant?
    var againNow = false
    switch prepared {
    case .failure(let failure)?:
      status.phase = .error
      status.message = failure.message
      status.completedAt = status.completedAt ?? now
      statusChanged = true  // the phase was not completed before
      events.append(completionEvent(now))
    case .success(let run)?:
      if providers.count != run.measured.count {
        providers = run.measured.map {
          environment.factory.provider(for: $0, environment: environment).map(CreatedProvider.init)
        }
      }
      let terminating = isTerminating
      // generateMetricTasks then runMeasurements, metric by metric: a metric's task depends only on
      // its own result, which measuring other metrics leaves alone, so no list of tasks is needed.
      for index in run.metrics.indices {
        guard let task = metricTask(index, run, now: now, terminating: terminating) else { continue }
        takeMeasurement(task, run, now: now, terminating: terminating, environment: &environment)
      }
      let (phase, message) = assessRunStatus(run, now: now, events: &events)
      if phase != status.phase {
        statusChanged = true
        status.phase = phase
        status.message = message
        if phase.isCompleted {
          events.append(completionEvent(now))
          status.completedAt = status.completedAt ?? now
        }
      }
      garbageCollectMeasurements(run)
      next = nextReconcileTime(run, now: now)
      againNow = !status.phase.isCompleted && (isTerminating != terminating || hasWorkAt(now, run))
    case nil:
      break
    }
    let changed = statusChanged
    if status.phase.isCompleted { return AnalysisReconcileOutcome(changed: changed, nextReconcileAt: nil, events: events) }
    // Argo's status patch re-enqueues the run at once; that reconcile only does something when the
    // run just started terminating or work is already due, so only then is it asked for.
    if changed && againNow { return AnalysisReconcileOutcome(changed: true, nextReconcileAt: now, events: events) }
    // Nothing changed: the next instant must lie ahead, or the simulation would spin in place.
    if let due = next, due <= now { next = now + .milliseconds(1) }
    return AnalysisReconcileOutcome(changed: false, nextReconcileAt: next, events: events)
  }

  /// Whether a reconcile at `now` would measure: an in-flight measurement due for polling, or a
  /// metric never measured whose initial delay (if any) has passed.
  func hasWorkAt(_ now: SimInstant, _ run: PreparedRun) -> Bool {
    for index in run.metrics.indices {
      if let r = status.resultIndex(run.metrics[index].name) {
        if status.metricResults[r].phase.isCompleted { continue }
        let measurements = status.metricResults[r].measurements
        if let last = measurements.indices.last {
          if measurements[last].finishedAt == nil && (measurements[last].resumeAt ?? now) <= now { return true }
          continue
        }
      }
      if let startedAt = status.startedAt, startedAt + (run.initialDelays[index] ?? .zero) <= now {
        return true
      }
    }
    return false
  }

  func completionEvent(_ now: SimInstant) -> AnalysisRunEvent {
    AnalysisRunEvent(
      at: now, kind: AnalysisRunEvent.phaseKind(status.phase), reason: "AnalysisRun" + status.phase.rawValue,
      message: "Analysis Completed. Result: \(status.phase.rawValue)")
  }
}
