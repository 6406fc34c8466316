import Controller
import TimeSeries
import VirtualTime

/// Runs the AnalysisRuns the controller creates. The real driver (built on the Analysis module)
/// measures metrics against the simulated world; tests can script phases instead.
public protocol AnalysisDriver {
  /// Why each analysis block of the rollout cannot become a run, before any is created.
  func blockErrors(stableHash: String, canaryHash: String) -> [AnalysisBlock: String]
  /// Creates a run for the request; it starts Pending.
  mutating func create(_ request: AnalysisRunRequest, at now: SimInstant) -> AnalysisRunView
  /// Creates the run of analysis `analysisIndex` of the experiment step at `request.stepIndex`.
  mutating func createExperimentAnalysis(
    name: String, experiment request: ExperimentRequest, analysisIndex: Int, at now: SimInstant
  ) -> AnalysisRunView
  /// Sets `spec.terminate` on a run.
  mutating func terminate(_ name: String)
  mutating func delete(_ name: String)
  /// Reconciles a run at `now`: returns its view and when it next wants a reconcile.
  mutating func reconcile(_ name: String, at now: SimInstant, world: WorldSnapshot) -> (AnalysisRunView, SimInstant?)
  /// Everything recorded about every run ever created, for the result.
  var records: [AnalysisRunRecord] { get }
}

/// What a run's providers may read of the simulated world at a measurement.
public struct WorldSnapshot: Sendable {
  public var now: SimInstant
  public var stableHash: String
  public var canaryHash: String
  /// Telemetry scraped up to `now`.
  public var store: SeriesStore
  /// Scenario signals by name (`canary.errorRate`, `stable.latency.p99`, `traffic.rps`), for the
  /// `values` binding of providers the simulator does not model.
  public var signal: @Sendable (String, SimInstant) -> Double?

  public init(
    now: SimInstant, stableHash: String, canaryHash: String, store: SeriesStore = SeriesStore(),
    signal: @escaping @Sendable (String, SimInstant) -> Double? = { _, _ in nil }
  ) {
    self.now = now
    self.stableHash = stableHash
    self.canaryHash = canaryHash
    self.store = store
    self.signal = signal
  }
}

/// A run as it appears in the result: its measurements and phases over time.
public struct AnalysisRunRecord: Sendable, Hashable, Codable {
  public struct Measurement: Sendable, Hashable, Codable {
    public var t: SimInstant
    public var phase: String
    public var value: String
    public var message: String
    public init(t: SimInstant, phase: String, value: String, message: String) {
      self.t = t
      self.phase = phase
      self.value = value
      self.message = message
    }
  }
  public struct Metric: Sendable, Hashable, Codable {
    public var name: String
    public var phase: String
    public var dryRun: Bool
    public var measurements: [Measurement]
    public init(name: String, phase: String, dryRun: Bool = false, measurements: [Measurement]) {
      self.name = name
      self.phase = phase
      self.dryRun = dryRun
      self.measurements = measurements
    }
  }
  public var name: String
  public var kind: AnalysisRunRole
  public var step: Int?
  public var phase: String
  public var startedAt: SimInstant?
  public var completedAt: SimInstant?
  public var message: String
  public var metrics: [Metric]

  public init(
    name: String, kind: AnalysisRunRole, step: Int?, phase: String, startedAt: SimInstant?, completedAt: SimInstant?,
    message: String, metrics: [Metric]
  ) {
    self.name = name
    self.kind = kind
    self.step = step
    self.phase = phase
    self.startedAt = startedAt
    self.completedAt = completedAt
    self.message = message
    self.metrics = metrics
  }
}

/// A driver whose runs follow a script: for each block, a list of (delay after creation, phase).
/// Used by tests of controller behaviour that do not depend on real measurements.
public struct ScriptedAnalysisDriver: AnalysisDriver {
  public struct Step: Sendable, Hashable {
    public var after: SimDuration
    public var phase: AnalysisPhase
    public var message: String
    public init(after: SimDuration, _ phase: AnalysisPhase, message: String = "") {
      self.after = after
      self.phase = phase
      self.message = message
    }
  }

  struct Run {
    var view: AnalysisRunView
    var createdAt: SimInstant
    var script: [Step]
    var completedAt: SimInstant?
  }

  /// Per block, the script of each successive run (the last one repeats).
  public var scripts: [AnalysisBlock: [[Step]]]
  public var errors: [AnalysisBlock: String]
  var runs: [String: Run] = [:]
  var order: [String] = []
  var created: [AnalysisBlock: Int] = [:]

  public init(scripts: [AnalysisBlock: [Step]] = [:], errors: [AnalysisBlock: String] = [:]) {
    self.scripts = scripts.mapValues { [$0] }
    self.errors = errors
  }

  public init(successiveScripts: [AnalysisBlock: [[Step]]], errors: [AnalysisBlock: String] = [:]) {
    self.scripts = successiveScripts
    self.errors = errors
  }

  public func blockErrors(stableHash: String, canaryHash: String) -> [AnalysisBlock: String] { errors }

  public mutating func create(_ request: AnalysisRunRequest, at now: SimInstant) -> AnalysisRunView {
    let view = AnalysisRunView(
      name: request.name, role: request.role, stepIndex: request.stepIndex, podTemplateHash: request.podTemplateHash,
      creationIndex: order.count + 1)
    let count = created[request.block, default: 0]
    created[request.block] = count + 1
    let successive = scripts[request.block] ?? []
    let script = successive.isEmpty ? [] : successive[min(count, successive.count - 1)]
    runs[request.name] = Run(view: view, createdAt: now, script: script)
    order.append(request.name)
    return view
  }

  public mutating func createExperimentAnalysis(
    name: String, experiment request: ExperimentRequest, analysisIndex: Int, at now: SimInstant
  ) -> AnalysisRunView {
    create(
      AnalysisRunRequest(
        name: name, role: .experiment, stepIndex: request.stepIndex, podTemplateHash: request.podTemplateHash,
        stableHash: request.stableHash, revision: 0),
      at: now)
  }

  public mutating func terminate(_ name: String) { runs[name]?.view.terminate = true }
  public mutating func delete(_ name: String) {}

  public mutating func reconcile(_ name: String, at now: SimInstant, world: WorldSnapshot) -> (AnalysisRunView, SimInstant?) {
    guard var run = runs[name] else {
      return (AnalysisRunView(name: name, role: .step, stepIndex: nil, podTemplateHash: ""), nil)
    }
    if run.view.phase.isCompleted { return (run.view, nil) }
    if run.view.terminate {
      run.view.phase = .successful
      run.view.message = "Run Terminated"
      run.completedAt = now
      runs[name] = run
      return (run.view, nil)
    }
    var next: SimInstant?
    run.view.phase = .running
    for step in run.script {
      let at = run.createdAt + step.after
      if at <= now {
        run.view.phase = step.phase
        run.view.message = step.message
      } else {
        next = at
        break
      }
    }
    if run.view.phase.isCompleted {
      run.completedAt = now
      next = nil
    }
    runs[name] = run
    return (run.view, next)
  }

  public var records: [AnalysisRunRecord] {
    order.compactMap { name in
      guard let run = runs[name] else { return nil }
      return AnalysisRunRecord(
        name: name, kind: run.view.role, step: run.view.stepIndex, phase: run.view.phase.rawValue,
        startedAt: run.createdAt, completedAt: run.completedAt, message: run.view.message, metrics: [])
    }
  }
}
