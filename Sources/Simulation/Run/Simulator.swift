import Controller
import SimKernel
import TimeSeries
import VirtualTime
import Workload

/// The run loop of design §3: after every change, reconcile at the same instant until nothing moves,
/// then jump to the next timer (pod ready, pause expiry, measurement due, deadline, operator action).
public struct Simulator<Driver: AnalysisDriver> {
  enum Event: Sendable {
    /// The controller asked to be woken, or pods changed state.
    case wake
    /// A run's timer, by run ID (see `runIDs`).
    case analysis(Int)
    case operatorAction(Int)
    case stop
  }

  let setup: SimulationSetup
  var spec: RolloutSpec
  var status = RolloutStatus()
  var cluster = ClusterState()
  var driver: Driver
  var pods = PodFleet()
  var queue = EventQueue<Event>()
  var rng: SeededRandom

  var rolloutDirty = false
  /// The (stable, canary) hashes `analysisBlockErrors` were computed for: they depend on nothing else.
  var blockErrorHashes: [String] = []
  /// Runs to reconcile at this instant, by run ID.
  var dirtyRuns: [Int] = []
  /// Every run name ever seen gets an ID, its position in `runNames`: timers and the dirty list carry
  /// IDs, so the measurement loop never hashes a run's name.
  var runIDs: [String: Int] = [:]
  var runNames: [String] = []
  var scheduledWakes = Set<Int64>()
  /// By run ID: the instant its next timer is scheduled for, if any.
  var scheduledRunWakes: [SimInstant?] = []
  var pendingActions = 0
  var stopAt: SimInstant?
  var stopReason = SimulationResult.StopReason.horizon

  var telemetry: TelemetryGenerator?
  var store = SeriesStore()
  var split = TrafficSplit.empty
  /// Changes whenever `split` does, so the telemetry generator need not compare splits on every call.
  var splitVersion = 0
  var telemetryRNG: SeededRandom
  var telemetrySyncedTo = SimInstant.zero
  /// Set when something that decides where traffic goes changed (pods, selectors, router weights).
  var splitDirty = true

  /// Scenario signals by name, built once: a closure made per reconcile would copy the whole
  /// workload model into a new context each time.
  let signal: @Sendable (String, SimInstant) -> Double?

  var timeline: [TimelineEntry] = []
  var mutations: [ClusterMutation] = []
  var experiments: [String: ExperimentRun] = [:]
  var experimentsDirty = false
  var lastPhase: (RolloutPhase, SimInstant) = (.healthy, .zero)
  var promotedAt: SimInstant?
  var abortedAt: SimInstant?
  var eventsProcessed: UInt64 = 0

  public init(setup: SimulationSetup, driver: Driver) {
    self.setup = setup
    self.spec = setup.rollout
    self.driver = driver
    self.rng = SeededRandom(seed: setup.seed)
    telemetryRNG = SeededRandom(seed: setup.seed).fork(label: "telemetry")
    if var model = setup.workload {
      var unavailable = RevisionProfile.healthy
      unavailable.errorRate = .constant(1, unit: .fraction)
      unavailable.errorCodes = StatusMix(codes: [(503, 1)])
      model.revisions[TrafficSplitBuilder.noEndpointsRevision] = unavailable
      telemetry = TelemetryGenerator(model: model, start: .zero)
    }
    signal = Self.signalFunction(setup.workload)
    pods.startup = setup.podStartup
    pods.defaultStartup = setup.defaultPodStartup
    pods.minReady = .seconds(Int64(setup.rollout.minReadySeconds))
  }

  /// Runs to the horizon (or until settled) and returns the result.
  public mutating func run() -> SimulationResult {
    bootstrap()
    for (index, action) in setup.actions.enumerated() {
      queue.schedule(.operatorAction(index), at: SimInstant.zero + action.at)
      pendingActions += 1
    }
    let limit = SimInstant.zero + (setup.horizon ?? setup.maxHorizon)
    queue.schedule(.stop, at: limit, priority: .late)
    stopAt = limit
    rolloutDirty = true
    rebuildSplit(at: .zero)
    settle(at: .zero)
    rebuildSplit(at: .zero)
    checkSettled(at: .zero)

    while let (now, event) = queue.popNext() {
      if let stopAt, now > stopAt { break }
      syncTelemetry(to: now)
      eventsProcessed += 1
      if eventsProcessed > setup.maxEvents {
        stopReason = .eventLimit
        appendTimeline(
          at: now,
          ControllerEvent(
            "SimulationStopped",
            "stopped after \(setup.maxEvents) events: raise the limit or shorten the scenario's intervals", kind: .warning))
        break
      }
      var stop = false
      switch event {
      case .stop: stop = true
      case .wake:
        scheduledWakes.remove(now.milliseconds)
        refreshReplicaSetCounts(at: now)
        splitDirty = true
        rolloutDirty = true
        if !experiments.isEmpty { experimentsDirty = true }
      case .analysis(let id):
        if scheduledRunWakes[id] == now { scheduledRunWakes[id] = nil }
        markRunDirty(id: id)
      case .operatorAction(let index):
        pendingActions -= 1
        splitDirty = true
        applyOperatorAction(setup.actions[index], at: now)
      }
      if stop { break }
      if queue.nextTime != now {
        settle(at: now)
        rebuildSplit(at: now)
      }
      checkSettled(at: now)
    }
    return makeResult()
  }

  // MARK: Telemetry

  /// Emits every scrape up to `now` with the split that was in force until now.
  mutating func syncTelemetry(to now: SimInstant) {
    guard telemetry != nil, now > telemetrySyncedTo else { return }
    telemetry!.advance(to: now, split: split, splitVersion: splitVersion, store: &store, rng: &telemetryRNG)
    telemetrySyncedTo = now
  }

  mutating func rebuildSplit(at now: SimInstant) {
    guard telemetry != nil, splitDirty else { return }
    splitDirty = false
    let rebuilt = TrafficSplitBuilder.build(
      spec: spec, cluster: cluster, topology: setup.topology, updateHash: setup.rollout.template.hash,
      experimentPods: experimentPods(at: now))
    if rebuilt != split {
      split = rebuilt
      splitVersion += 1
    }
  }

  /// The pods of every experiment template that a router destination may name.
  func experimentPods(at now: SimInstant) -> [ExperimentTemplatePods] {
    guard !cluster.router.additional.isEmpty else { return [] }
    var pods: [ExperimentTemplatePods] = []
    for view in cluster.experiments {
      guard let run = experiments[view.name] else { continue }
      for (i, status) in view.templates.enumerated() where i < run.request.step.templates.count {
        let template = run.request.step.templates[i]
        let copied = template.usesCanarySpec ? run.request.podTemplateHash : run.request.stableHash
        let copiedRevision =
          cluster.replicaSet(hash: copied)?.revisionName
          ?? (template.usesCanarySpec ? spec.template.revisionName : setup.stableTemplate.revisionName)
        let profiles = setup.workload?.revisions ?? [:]
        pods.append(
          ExperimentTemplatePods(
            experiment: view.name, template: template.name, replicaSetName: status.replicaSetName,
            serviceName: status.serviceName, podTemplateHash: status.podTemplateHash,
            profile: ExperimentTemplatePods.profile(
              template: template.name, copiedRevision: copiedRevision, listed: { profiles[$0] != nil }),
            labels: template.labels,
            available: now >= run.templatesAvailableAt[i] && !run.phase.isCompleted))
      }
    }
    return pods
  }

  static func signalFunction(_ workload: WorkloadModel?) -> @Sendable (String, SimInstant) -> Double? {
    guard let model = workload else { return { _, _ in nil } }
    return { name, instant in
      let parts = name.split(separator: ".").map(String.init)
      if parts == ["traffic", "rps"] { return model.rps.value(at: instant) }
      guard parts.count >= 2, let profile = model.revisions[parts[0]] else { return nil }
      switch parts.dropFirst().joined(separator: ".") {
      case "errorRate": return profile.errorRate.value(at: instant)
      case "latency.p50": return profile.latency.p50.value(at: instant)
      case "latency.p99": return profile.latency.p99.value(at: instant)
      default: return nil
      }
    }
  }

  // MARK: Setup

  /// The cluster before t = 0: the stable revision fully rolled out, as after a completed update.
  mutating func bootstrap() {
    let stable = setup.stableTemplate
    let rsName = "\(spec.name)-\(stable.hash)"
    var rs = ReplicaSetState(
      name: rsName, podTemplateHash: stable.hash, revision: 1, revisionName: stable.revisionName, creationIndex: 1,
      createdAt: SimInstant(milliseconds: -3_600_000), specReplicas: spec.replicas)
    var bootRNG = rng.fork(label: "bootstrap")
    _ = pods.scaleReady(rsName, to: spec.replicas, readyAt: SimInstant(milliseconds: -3_600_000), rng: &bootRNG)
    let counts = pods.counts(rsName, at: .zero)
    rs.replicas = counts.replicas
    rs.readyReplicas = counts.ready
    rs.availableReplicas = counts.available
    cluster.replicaSets = [rs]
    for service in setup.services {
      cluster.services[service] = ServiceState(name: service, selectorHash: stable.hash, managedByRollouts: true)
    }
    cluster.router.canaryHash = stable.hash
    cluster.router.stableHash = stable.hash

    status.currentPodHash = stable.hash
    status.stableRS = stable.hash
    status.revision = 1
    status.observedGeneration = spec.generation
    if let canary = spec.canary {
      status.currentStepHash = canary.stepsHash
      status.currentStepIndex = canary.steps.isEmpty ? nil : canary.steps.count
      if canary.trafficRouting != nil {
        status.canary.weights = TrafficWeights(
          canary: WeightDestination(weight: 0, podTemplateHash: stable.hash, serviceName: canary.canaryService ?? ""),
          stable: WeightDestination(
            weight: canary.maxWeight, podTemplateHash: stable.hash, serviceName: canary.stableService ?? ""))
      }
    }
    if spec.blueGreen != nil {
      status.blueGreen.activeSelector = stable.hash
      status.blueGreen.previewSelector = stable.hash
    }
    status.replicas = spec.replicas
    status.updatedReplicas = spec.replicas
    status.readyReplicas = spec.replicas
    status.availableReplicas = spec.replicas
    let at = SimInstant(milliseconds: -3_600_000)
    status.conditions = [
      RolloutCondition(.progressing, .true, reason: ConditionText.newRSAvailableReason,
        message: ConditionText.replicaSetCompletedMessage(rsName), at: at),
      RolloutCondition(.available, .true, reason: ConditionText.availableReason, message: ConditionText.availableMessage, at: at),
      RolloutCondition(.healthy, .true, reason: ConditionText.rolloutHealthyReason, message: ConditionText.rolloutHealthyMessage, at: at),
      RolloutCondition(.completed, .true, reason: ConditionText.rolloutCompletedReason, message: ConditionText.rolloutCompletedReason, at: at),
    ]
    status.phase = .healthy
    // The update itself is a spec edit.
    spec.generation = status.observedGeneration + 1
    lastPhase = (.healthy, .zero)
  }

  // MARK: Settling

  /// Reconciles the rollout and the runs that changed until nothing moves at `now`.
  mutating func settle(at now: SimInstant) {
    var iterations = 0
    while rolloutDirty || !dirtyRuns.isEmpty || experimentsDirty {
      iterations += 1
      if iterations > 10_000 {
        appendTimeline(
          at: now, ControllerEvent("SimulationError", "the controller did not settle at this instant", kind: .warning))
        break
      }
      if rolloutDirty {
        rolloutDirty = false
        reconcileRollout(at: now)
      }
      var runs: [Int] = []
      swap(&runs, &dirtyRuns)
      for id in runs { reconcileRun(id: id, at: now) }
      if dirtyRuns.isEmpty {
        // Keep the buffer for the next instant.
        runs.removeAll(keepingCapacity: true)
        dirtyRuns = runs
      }
      if experimentsDirty {
        experimentsDirty = false
        reconcileExperiments(at: now)
      }
    }
  }

  /// Reconciles every experiment (`ExperimentRun`, Go's experiment controller) and applies what it did.
  mutating func reconcileExperiments(at now: SimInstant) {
    let views = Dictionary(cluster.analysisRuns.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    for name in experiments.keys.sorted() {
      guard var experiment = experiments[name],
        let index = cluster.experiments.firstIndex(where: { $0.name == name })
      else { continue }
      let step = experiment.reconcile(runs: views, now: now, terminate: cluster.experiments[index].terminate)
      for i in step.createAnalyses {
        let runName = experiment.analyses[i].runName
        var view = driver.createExperimentAnalysis(name: runName, experiment: experiment.request, analysisIndex: i, at: now)
        view.creationIndex = (cluster.analysisRuns.map(\.creationIndex).max() ?? 0) + 1
        cluster.analysisRuns.append(view)
        markRunDirty(runName)
      }
      for runName in step.terminateRuns {
        driver.terminate(runName)
        markRunDirty(runName)
      }
      if let wake = step.wake { scheduleWake(at: wake) }
      if step.changed { experimentsDirty = true }
      if step.phaseChanged {
        cluster.experiments[index].phase = experiment.phase
        cluster.experiments[index].message = experiment.message
        rolloutDirty = true
        if experiment.phase.isCompleted {
          appendTimeline(
            at: now, ControllerEvent("Experiment\(experiment.phase.rawValue)", experiment.completionMessage(name: name),
              kind: experiment.phase == .successful ? .normal : .warning))
        }
      }
      experiments[name] = experiment
    }
  }

  mutating func reconcileRollout(at now: SimInstant) {
    let hashes = [status.stableRS, spec.template.hash]
    if hashes != blockErrorHashes {
      cluster.analysisBlockErrors = driver.blockErrors(stableHash: status.stableRS, canaryHash: spec.template.hash)
      blockErrorHashes = hashes
    }
    let outcome = RolloutController.reconcile(spec: spec, status: status, cluster: cluster, now: now)
    let previousPhase = status.phase
    for action in outcome.actions { apply(action, at: now) }
    status = outcome.status
    for instant in outcome.requeueAt { scheduleWake(at: instant) }
    for event in outcome.events { appendTimeline(at: now, event) }
    if status.phase != previousPhase { lastPhase = (status.phase, now) }
    // Go records no event when the progress deadline passes (sync.go only sets the condition), but
    // the timeline must still show when and why the rollout went Degraded.
    if status.phase == .degraded, previousPhase != .degraded, let progressing = status.condition(.progressing),
      progressing.reason == ConditionText.timedOutReason
    {
      appendTimeline(at: now, ControllerEvent(progressing.reason, progressing.message, kind: .warning))
    }
    if status.stableRS == spec.template.hash && promotedAt == nil && status.stableRS != setup.stableTemplate.hash {
      promotedAt = now
    }
    if status.abort && abortedAt == nil { abortedAt = now }
    if outcome.changedAnything { rolloutDirty = true }
  }

  mutating func reconcileRun(id: Int, at now: SimInstant) {
    let name = runNames[id]
    guard let index = cluster.analysisRuns.firstIndex(where: { $0.name == name }) else { return }
    let world = WorldSnapshot(
      now: now, stableHash: status.stableRS, canaryHash: spec.template.hash, store: store, signal: signal)
    var (view, next) = driver.reconcile(name, at: now, world: world)
    view.creationIndex = cluster.analysisRuns[index].creationIndex
    view.terminate = view.terminate || cluster.analysisRuns[index].terminate
    // Only a change the rollout can see (phase, message) triggers its reconcile, as an informer update would.
    if view != cluster.analysisRuns[index] {
      cluster.analysisRuns[index] = view
      rolloutDirty = true
      if view.role == .experiment { experimentsDirty = true }
    }
    if let next, next > now, scheduledRunWakes[id] != next {
      scheduledRunWakes[id] = next
      queue.schedule(.analysis(id), at: next)
    }
  }

  mutating func markRunDirty(_ name: String) {
    markRunDirty(id: runID(name))
  }

  mutating func markRunDirty(id: Int) {
    if !dirtyRuns.contains(id) { dirtyRuns.append(id) }
  }

  /// The run's ID, assigned at first sight.
  mutating func runID(_ name: String) -> Int {
    if let id = runIDs[name] { return id }
    let id = runNames.count
    runIDs[name] = id
    runNames.append(name)
    scheduledRunWakes.append(nil)
    return id
  }

  mutating func scheduleWake(at instant: SimInstant) {
    guard scheduledWakes.insert(instant.milliseconds).inserted else { return }
    queue.schedule(.wake, at: instant)
  }

  // MARK: Applying controller actions

  mutating func apply(_ action: ControllerAction, at now: SimInstant) {
    switch action {
    case .createAnalysisRun, .terminateAnalysisRun, .deleteAnalysisRun, .createExperiment, .terminateExperiment,
      .setScaleDownDeadline:
      break
    default:
      splitDirty = true
    }
    switch action {
    case .createReplicaSet(let rs):
      cluster.replicaSets.append(rs)
    case .scaleReplicaSet(let name, _, let to):
      guard let index = cluster.replicaSetIndex(name: name) else { return }
      cluster.replicaSets[index].specReplicas = to
      let wakeUps = pods.scale(name, revisionName: cluster.replicaSets[index].revisionName, to: to, now: now, rng: &rng)
      for instant in wakeUps { scheduleWake(at: instant) }
      refreshCounts(index, at: now)
    case .setScaleDownDeadline(let name, let at):
      guard let index = cluster.replicaSetIndex(name: name) else { return }
      cluster.replicaSets[index].scaleDownDeadline = at
    case .deleteReplicaSet(let name):
      cluster.replicaSets.removeAll { $0.name == name }
      pods.remove(name)
    case .setServiceSelector(let service, let hash):
      cluster.services[service]?.selectorHash = hash
      cluster.services[service]?.managedByRollouts = true
      noteMutation(.serviceSelector(service: service))
    case .updateRouter(let router):
      let previous = cluster.router
      cluster.router = router
      if router.canaryWeight != previous.canaryWeight || router.additional != previous.additional {
        noteMutation(.routeWeights)
      }
      // UpdateHash adds a DestinationRule subset per experiment Service and drops it afterwards.
      var experimentSubsetsChanged = false
      if router.additional != previous.additional, case .istio(let istio)? = spec.canary?.trafficRouting?.router {
        experimentSubsetsChanged = istio.destinationRule != nil
      }
      if router.canaryHash != previous.canaryHash || router.stableHash != previous.stableHash || experimentSubsetsChanged {
        noteMutation(.destinationRuleSubsetLabels)
      }
      if router.headerRoutes != previous.headerRoutes || router.mirrorRoutes != previous.mirrorRoutes {
        noteMutation(.managedRoutes)
      }
    case .createAnalysisRun(let request):
      var view = driver.create(request, at: now)
      view.creationIndex = (cluster.analysisRuns.map(\.creationIndex).max() ?? 0) + 1
      cluster.analysisRuns.append(view)
      markRunDirty(view.name)
    case .terminateAnalysisRun(let name):
      driver.terminate(name)
      if let index = cluster.analysisRuns.firstIndex(where: { $0.name == name }) {
        cluster.analysisRuns[index].terminate = true
      }
      markRunDirty(name)
    case .deleteAnalysisRun(let name):
      driver.delete(name)
      cluster.analysisRuns.removeAll { $0.name == name }
    case .createExperiment(let request):
      cluster.experiments.append(
        ExperimentView(
          name: request.name, stepIndex: request.stepIndex, podTemplateHash: request.podTemplateHash,
          templates: request.templateStatuses))
      let minReady = SimDuration.seconds(Int64(spec.minReadySeconds))
      var templatePods: [ExperimentRun.TemplatePods] = []
      for template in request.step.templates {
        let revision = template.usesCanarySpec ? spec.template.revisionName : setup.stableTemplate.revisionName
        let model = setup.podStartup[revision] ?? setup.defaultPodStartup
        // The template's counts last move when its last pod that ever becomes available does.
        var lastAvailable: SimDuration?
        var neverAvailable = false
        for _ in 0..<max(1, template.replicas) {
          if let startup = model.draw(&rng) {
            lastAvailable = max(lastAvailable ?? .zero, startup + minReady)
          } else {
            neverAvailable = true
          }
        }
        let lastProgressAt = now + (lastAvailable ?? .zero)
        templatePods.append(
          .init(availableAt: neverAvailable ? .distantFuture : lastProgressAt, lastProgressAt: lastProgressAt))
      }
      let run = ExperimentRun(
        request: request, createdAt: now, templatePods: templatePods,
        progressDeadline: .seconds(Int64(spec.progressDeadlineSeconds)))
      experiments[request.name] = run
      if let wake = run.nextWake(after: now, terminate: false) { scheduleWake(at: wake) }
      for pods in templatePods where pods.availableAt < SimInstant.distantFuture && pods.availableAt > now {
        scheduleWake(at: pods.availableAt)
      }
      experimentsDirty = true
    case .terminateExperiment(let name):
      if let index = cluster.experiments.firstIndex(where: { $0.name == name }) {
        cluster.experiments[index].terminate = true
      }
      experimentsDirty = true
    }
  }

  mutating func noteMutation(_ mutation: ClusterMutation) {
    if !mutations.contains(mutation) { mutations.append(mutation) }
  }

  mutating func refreshReplicaSetCounts(at now: SimInstant) {
    for index in cluster.replicaSets.indices { refreshCounts(index, at: now) }
  }

  mutating func refreshCounts(_ index: Int, at now: SimInstant) {
    let counts = pods.counts(cluster.replicaSets[index].name, at: now)
    cluster.replicaSets[index].replicas = counts.replicas
    cluster.replicaSets[index].readyReplicas = counts.ready
    cluster.replicaSets[index].availableReplicas = counts.available
  }

  // MARK: Operator actions

  mutating func applyOperatorAction(_ action: ScheduledOperatorAction, at now: SimInstant) {
    var note: String?
    switch action.command {
    case .update:
      if let name = action.revision, let template = setup.templates[name] {
        spec.template = template
        spec.generation += 1
      } else {
        note = "unknown revision \(action.revision ?? "(none)")"
      }
    case .undo:
      let current = spec.template.hash
      let previous = cluster.replicaSets.filter { $0.podTemplateHash != current }.max { $0.revision < $1.revision }
      if let previous, let template = setup.templates.values.first(where: { $0.hash == previous.podTemplateHash })
        ?? (previous.podTemplateHash == setup.stableTemplate.hash ? setup.stableTemplate : nil)
      {
        spec.template = template
        spec.generation += 1
      } else {
        note = "no previous revision to undo to"
      }
    default:
      note = action.command.apply(spec: &spec, status: &status)
    }
    var text = "kubectl argo rollouts \(action.command.kubectlName)"
    if let revision = action.revision { text += " \(revision)" }
    if let note { text += " (\(note))" }
    appendTimeline(at: now, ControllerEvent("Operator", text))
    rolloutDirty = true
  }

  // MARK: Settled

  /// Once nothing can change the outcome, stop `settleGrace` later (or at the horizon if sooner).
  mutating func checkSettled(at now: SimInstant) {
    guard isSettled(at: now) else { return }
    let end = now + setup.settleGrace
    if stopAt == nil || end < stopAt! {
      stopAt = end
      stopReason = .settled
      queue.schedule(.stop, at: end, priority: .late)
    }
  }

  /// Nothing left that could change the outcome: no operator actions pending, no controller timers,
  /// and the rollout is Healthy, Degraded, or paused waiting for a human.
  func isSettled(at now: SimInstant) -> Bool {
    if pendingActions > 0 { return false }
    if scheduledWakes.contains(where: { $0 > now.milliseconds }) { return false }
    // Nothing scheduled at all: no timer, measurement or action can ever change the world again
    // (e.g. an experiment step without a duration waits for an operator in phase Progressing).
    if scheduledRunWakes.allSatisfy({ ($0 ?? now) <= now }) { return true }
    switch status.phase {
    case .healthy, .degraded: break
    case .paused:
      if !waitingForHuman { return false }
    case .progressing: return false
    }
    if status.phase == .healthy {
      // Runs still going after promotion get terminated; wait for them to wind down.
      if cluster.analysisRuns.contains(where: { !$0.phase.isCompleted && !$0.terminate }) { return false }
    }
    return true
  }

  var waitingForHuman: Bool {
    if spec.paused { return true }
    for condition in status.pauseConditions {
      switch condition.reason {
      case .inconclusiveAnalysis, .inconclusiveExperiment: return true
      case .canaryPauseStep:
        if let index = status.currentStepIndex, let steps = spec.canary?.steps, index < steps.count,
          steps[index].pause?.durationSeconds == nil
        {
          return true
        }
      case .blueGreenPause:
        if spec.blueGreen?.autoPromotionEnabled == false { return true }
      }
    }
    return false
  }

  // MARK: Result

  mutating func appendTimeline(at now: SimInstant, _ event: ControllerEvent) {
    let weights = currentWeights()
    let entry = TimelineEntry(
      t: now, event: event.reason, step: status.currentStepIndex, weights: weights, replicas: replicaCounts(),
      phase: status.phase, message: event.message, warning: event.kind == .warning)
    if let last = timeline.last, last.event == entry.event, last.message == entry.message, last.warning {
      return
    }
    timeline.append(entry)
  }

  func currentWeights() -> TimelineEntry.Weights {
    if let blueGreen = spec.blueGreen {
      // Users reach the active Service only; the preview carries test traffic.
      let active = cluster.services[blueGreen.activeService]?.selectorHash ?? status.stableRS
      let toNew = active == spec.template.hash && active != setup.stableTemplate.hash && status.stableRS != active
      return toNew ? .init(canary: 100, stable: 0) : .init(canary: 0, stable: 100)
    }
    if let canary = spec.canary, canary.trafficRouting != nil {
      return .init(canary: cluster.router.canaryWeight, stable: cluster.router.stableWeight)
    }
    // Without a router, traffic follows the available pods.
    let total = cluster.replicaSets.reduce(0) { $0 + $1.availableReplicas }
    guard total > 0 else { return .init(canary: 0, stable: 100) }
    let canaryPods =
      cluster.replicaSets.first { $0.podTemplateHash == spec.template.hash && $0.podTemplateHash != status.stableRS }?
      .availableReplicas ?? 0
    let canaryShare = Int((Double(canaryPods) * 100 / Double(total)).rounded())
    return .init(canary: canaryShare, stable: 100 - canaryShare)
  }

  func replicaCounts() -> [TimelineEntry.ReplicaCount] {
    cluster.replicaSets.sorted { $0.creationIndex < $1.creationIndex }.map { rs in
      let role: String
      if rs.podTemplateHash == status.stableRS {
        role = "stable"
      } else if rs.podTemplateHash == spec.template.hash {
        role = "canary"
      } else {
        role = "old"
      }
      return .init(
        role: role, revision: rs.revision, revisionName: rs.revisionName, desired: rs.specReplicas,
        ready: rs.readyReplicas, available: rs.availableReplicas)
    }
  }

  mutating func trafficTotals(until end: SimInstant) -> TrafficTotals {
    syncTelemetry(to: end)
    var totals = TrafficTotals()
    guard let ledger = telemetry?.ledger else { return totals }
    totals.requests = ledger.user.requests
    totals.errors = ledger.user.errors
    // Experiment templates (by their ReplicaSet), in order of first traffic.
    var templates: [String: ExperimentTemplateStatus] = [:]
    var experimentOf: [String: String] = [:]
    for view in cluster.experiments {
      for status in view.templates {
        templates[status.replicaSetName] = status
        experimentOf[status.replicaSetName] = view.name
      }
    }
    var canary = ledger.user(podTemplateHash: setup.rollout.template.hash)
    for entry in ledger.entries where entry.stream == nil {
      guard let status = templates[entry.workload], let experiment = experimentOf[entry.workload] else { continue }
      if entry.podTemplateHash == setup.rollout.template.hash {
        canary.requests -= entry.counts.requests
        canary.errors -= entry.counts.errors
      }
      if let i = totals.experiments.firstIndex(where: { $0.experiment == experiment && $0.template == status.name }) {
        totals.experiments[i].requests += entry.counts.requests
        totals.experiments[i].errors += entry.counts.errors
        if totals.experiments[i].revision == TrafficSplitBuilder.noEndpointsRevision {
          totals.experiments[i].revision = entry.revision
        }
      } else {
        totals.experiments.append(
          ExperimentTraffic(
            experiment: experiment, template: status.name, service: status.serviceName, revision: entry.revision,
            requests: entry.counts.requests, errors: entry.counts.errors))
      }
    }
    totals.canaryRequests = canary.requests
    totals.canaryErrors = canary.errors
    return totals
  }

  mutating func makeResult() -> SimulationResult {
    let (phase, message) = (status.phase, status.message)
    let reason: String
    if let condition = status.conditions.first(where: {
      $0.type == .invalidSpec || $0.reason == ConditionText.rolloutAbortedReason
        || $0.reason == ConditionText.timedOutReason
    }) {
      reason = condition.type == .invalidSpec ? "InvalidSpec" : condition.reason
    } else if let pause = status.pauseConditions.first {
      reason = pause.reason.rawValue
    } else if spec.paused {
      reason = "ManuallyPaused"
    } else {
      reason = phase.rawValue
    }
    let promoted = status.stableRS == spec.template.hash && spec.template.hash != setup.stableTemplate.hash
    let outcome = Outcome(
      phase: phase, reason: reason, message: message, at: lastPhase.1, promoted: promoted,
      aborted: status.abort, promotedAt: promotedAt, abortedAt: abortedAt)
    let endedAt = stopAt.map { max(queue.now, $0) } ?? queue.now
    return SimulationResult(
      outcome: outcome, timeline: timeline, analysisRuns: driver.records, traffic: trafficTotals(until: endedAt),
      finalStatus: status, endedAt: endedAt, eventsProcessed: eventsProcessed, store: store, mutations: mutations,
      stopReason: stopReason)
  }
}

extension OperatorCommand {
  var kubectlName: String {
    switch self {
    case .promoteFull: "promote --full"
    case .resume: "resume"
    default: rawValue
    }
  }
}

extension PodFleet {
  /// Pods that are already Ready (the stable revision before t = 0).
  mutating func scaleReady(_ name: String, to count: Int, readyAt: SimInstant, rng: inout SeededRandom) -> [SimInstant] {
    let saved = startup
    startup = [:]
    let savedDefault = defaultStartup
    defaultStartup = .fixed(.zero)
    let wake = scale(name, revisionName: "", to: count, now: readyAt, rng: &rng)
    startup = saved
    defaultStartup = savedDefault
    return wake
  }
}
