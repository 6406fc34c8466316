import Analysis
import Controller
import Manifests
import SimKernel
import VirtualTime

/// The real `AnalysisDriver`: every AnalysisRun the controller creates runs on the Analysis engine,
/// measuring against the simulated world (telemetry, Job and Web models, signals).
public struct EngineAnalysisDriver: AnalysisDriver {
  struct Entry {
    var run: SimulatedAnalysisRun
    var request: AnalysisRunRequest
    var createdAt: SimInstant
    /// Set when the run could not be built (the view is Error with this message).
    var failure: String?
  }

  let builder: AnalysisRunBuilder
  var environment: AnalysisEnvironment
  let random: SeededRandom
  /// The runs, reconciled in place; `slots` finds a run's entry by name.
  var entries: [Entry] = []
  var slots: [String: Int] = [:]
  /// The slot reconciled last: the same run is reconciled at every measurement, and comparing its name
  /// with itself spares hashing it.
  var lastSlot = 0
  /// Names in creation order, for the records.
  var order: [String] = []

  public init(scenario: Scenario, seed: UInt64, conditions: any ConditionEvaluating = ExprConditions()) {
    builder = AnalysisRunBuilder(manifests: scenario.manifests, rollout: scenario.rollout, namespace: scenario.namespace)
    var reader = ProviderModelsReader()
    // The loader reports the providers block's diagnostics in the real integration.
    let models = reader.read(scenario.providers, secrets: Secrets(scenario.secrets))
    environment = AnalysisEnvironment(models: models, conditions: conditions)
    random = SeededRandom(seed: seed).fork(label: "analysis")
  }

  static func block(_ block: AnalysisBlock) -> RolloutAnalysisBlock {
    switch block {
    case .step(let index): .step(index)
    case .background: .background
    case .prePromotion: .prePromotion
    case .postPromotion: .postPromotion
    }
  }

  public func blockErrors(stableHash: String, canaryHash: String) -> [AnalysisBlock: String] {
    var blocks: [AnalysisBlock] = []
    if let canary = builder.rollout.canary {
      for (index, step) in canary.steps.enumerated() where step.analysis != nil { blocks.append(.step(index)) }
      if canary.analysis != nil { blocks.append(.background) }
    }
    if let blueGreen = builder.rollout.blueGreen {
      if blueGreen.prePromotionAnalysis != nil { blocks.append(.prePromotion) }
      if blueGreen.postPromotionAnalysis != nil { blocks.append(.postPromotion) }
    }
    var errors: [AnalysisBlock: String] = [:]
    for block in blocks {
      if case .failure(let failure) = builder.spec(for: Self.block(block), stableHash: stableHash, latestHash: canaryHash) {
        errors[block] = failure.message
      }
    }
    return errors
  }

  public mutating func create(_ request: AnalysisRunRequest, at now: SimInstant) -> AnalysisRunView {
    let built = builder.makeRun(
      name: request.name, block: Self.block(request.block), stableHash: request.stableHash,
      latestHash: request.podTemplateHash, random: random.fork(label: request.name))
    var failure: String?
    let run: SimulatedAnalysisRun
    switch built {
    case .success(let r): run = r
    case .failure(let f):
      failure = f.message
      run = SimulatedAnalysisRun(name: request.name, spec: AnalysisRunSpec(metrics: [MetricSpec]()), random: random)
    }
    store(Entry(run: run, request: request, createdAt: now, failure: failure), name: request.name)
    return view(request.name)
  }

  public mutating func createExperimentAnalysis(
    name: String, experiment request: ExperimentRequest, analysisIndex: Int, at now: SimInstant
  ) -> AnalysisRunView {
    let runRequest = AnalysisRunRequest(
      name: name, role: .experiment, stepIndex: request.stepIndex, podTemplateHash: request.podTemplateHash,
      stableHash: request.stableHash, revision: 0)
    var failure: String?
    var run = SimulatedAnalysisRun(name: name, spec: AnalysisRunSpec(metrics: [MetricSpec]()), random: random)
    let steps = builder.rollout.canary?.steps ?? []
    if steps.indices.contains(request.stepIndex), let experiment = steps[request.stepIndex].experiment,
      experiment.analyses.indices.contains(analysisIndex)
    {
      let ref = experiment.analyses[analysisIndex]
      let analysis = RolloutAnalysis(
        templates: [AnalysisTemplateRef(templateName: ref.templateName, clusterScope: ref.clusterScope, location: ref.location)],
        args: ref.args, location: ref.location)
      switch builder.spec(for: analysis, stableHash: request.stableHash, latestHash: request.podTemplateHash) {
      case .success(let spec):
        run = SimulatedAnalysisRun(name: name, namespace: builder.namespace, spec: spec, random: random.fork(label: name))
      case .failure(let f): failure = f.message
      }
    } else {
      failure = "rollout-sim: step \(request.stepIndex) has no experiment analysis \(analysisIndex)"
    }
    store(Entry(run: run, request: runRequest, createdAt: now, failure: failure), name: name)
    return view(name)
  }

  /// Adds a run (a second run of the same name replaces the first, which the records then show twice).
  mutating func store(_ entry: Entry, name: String) {
    if let slot = slots[name] {
      entries[slot] = entry
    } else {
      slots[name] = entries.count
      entries.append(entry)
    }
    order.append(name)
  }

  public mutating func terminate(_ name: String) {
    if let slot = slots[name] { entries[slot].run.terminate() }
  }

  /// Runs stay in the record after the rollout deletes them.
  public mutating func delete(_ name: String) {}

  public mutating func reconcile(_ name: String, at now: SimInstant, world: WorldSnapshot) -> (AnalysisRunView, SimInstant?) {
    guard let slot = slot(of: name), entries[slot].failure == nil else { return (view(name), nil) }
    // The run is reconciled in place in `entries`, so its measurement arrays stay uniquely referenced
    // and grow in place (mutating a copy would copy every measurement on each append).
    environment.setTelemetry(world.store)
    environment.signals = ClosureSignals(world.signal)
    // Argo re-enqueues a run after each status patch; the rollout cannot act on the intermediate
    // states of one instant, so they are settled here.
    var outcome = entries[slot].run.reconcile(at: now, environment: &environment)
    var rounds = 0
    while outcome.changed, outcome.nextReconcileAt == now, rounds < 16 {
      outcome = entries[slot].run.reconcile(at: now, environment: &environment)
      rounds += 1
    }
    environment.releaseTelemetry()
    var next = outcome.nextReconcileAt
    if let due = next, due <= now { next = now + .milliseconds(1) }
    return (view(entries[slot], name: name), next)
  }

  mutating func slot(of name: String) -> Int? {
    if lastSlot < entries.count, entries[lastSlot].request.name == name { return lastSlot }
    guard let slot = slots[name] else { return nil }
    lastSlot = slot
    return slot
  }

  func view(_ name: String) -> AnalysisRunView {
    guard let slot = slots[name] else {
      return AnalysisRunView(name: name, role: .step, stepIndex: nil, podTemplateHash: "")
    }
    return view(entries[slot], name: name)
  }

  func view(_ entry: Entry, name: String) -> AnalysisRunView {
    let phase: AnalysisPhase = entry.failure != nil ? .error : entry.run.phase
    return AnalysisRunView(
      name: name, role: entry.request.role, stepIndex: entry.request.stepIndex,
      podTemplateHash: entry.request.podTemplateHash, phase: phase, message: entry.failure ?? entry.run.message,
      terminate: entry.run.spec.terminate)
  }

  public var records: [AnalysisRunRecord] {
    order.compactMap { name in
      guard let slot = slots[name] else { return nil }
      let entry = entries[slot]
      let v = view(entry, name: name)
      return AnalysisRunRecord(
        name: name, kind: entry.request.role, step: entry.request.stepIndex, phase: v.phase.rawValue,
        startedAt: entry.run.status.startedAt ?? entry.createdAt, completedAt: entry.run.status.completedAt,
        message: v.message,
        metrics: entry.run.metricHistories.map { history in
          AnalysisRunRecord.Metric(
            name: history.name, phase: history.phase.rawValue, dryRun: history.dryRun,
            measurements: history.measurements.map { m in
              AnalysisRunRecord.Measurement(
                t: m.finishedAt ?? m.startedAt ?? entry.createdAt, phase: m.phase.rawValue, value: m.value,
                message: m.message)
            })
        })
    }
  }
}
