import Controller
import Simulation
import Testing
import VirtualTime

/// Spec §11 rows driven through the run loop with scripted analysis.
@Suite struct ControllerScenarioTests {
  static let v1 = PodTemplate(hash: "v1hash", revisionName: "stable")
  static let v2 = PodTemplate(hash: "v2hash", revisionName: "canary")
  static let v3 = PodTemplate(hash: "v3hash", revisionName: "v3")

  static func rollout(
    replicas: Int = 4, steps: [CanaryStep], routing: TrafficRouting? = nil, canaryService: String? = nil,
    stableService: String? = nil, background: BackgroundAnalysis? = nil, progressDeadline: Int = 600,
    deadlineAbort: Bool = false, maxSurge: CountOrPercent? = nil, maxUnavailable: CountOrPercent? = nil,
    invalid: String? = nil
  ) -> RolloutSpec {
    RolloutSpec(
      name: "demo", replicas: replicas, progressDeadlineSeconds: progressDeadline, progressDeadlineAbort: deadlineAbort,
      template: v2,
      strategy: .canary(
        CanaryStrategy(
          steps: steps, canaryService: canaryService, stableService: stableService, trafficRouting: routing,
          maxSurge: maxSurge, maxUnavailable: maxUnavailable, backgroundAnalysis: background)),
      validationError: invalid)
  }

  static func run(
    _ spec: RolloutSpec, services: [String] = [], startup: PodStartup = .fixed(.seconds(10)),
    actions: [ScheduledOperatorAction] = [], scripts: [AnalysisBlock: [ScriptedAnalysisDriver.Step]] = [:],
    horizon: SimDuration? = nil, canaryStartup: PodStartup? = nil
  ) -> SimulationResult {
    var simulator = Self.simulator(
      spec, services: services, startup: startup, actions: actions, scripts: scripts, horizon: horizon,
      canaryStartup: canaryStartup)
    return simulator.run()
  }

  /// The simulator `run` drives, for tests that also inspect the cluster it leaves behind.
  static func simulator(
    _ spec: RolloutSpec, services: [String] = [], startup: PodStartup = .fixed(.seconds(10)),
    actions: [ScheduledOperatorAction] = [], scripts: [AnalysisBlock: [ScriptedAnalysisDriver.Step]] = [:],
    horizon: SimDuration? = nil, canaryStartup: PodStartup? = nil
  ) -> Simulator<ScriptedAnalysisDriver> {
    var podStartup: [String: PodStartup] = [:]
    if let canaryStartup { podStartup["canary"] = canaryStartup }
    let setup = SimulationSetup(
      rollout: spec, stableTemplate: v1, templates: ["stable": v1, "canary": v2, "v3": v3], services: services,
      podStartup: podStartup, defaultPodStartup: startup, actions: actions, horizon: horizon)
    return Simulator(setup: setup, driver: ScriptedAnalysisDriver(scripts: scripts))
  }

  static func firstTime(_ result: SimulationResult, _ event: String, containing text: String = "") -> SimInstant? {
    result.timeline.first { $0.event == event && (text.isEmpty || $0.message.contains(text)) }?.t
  }

  @Test func row14PauseThenPromote() {
    let spec = Self.rollout(steps: [.weight(20), .pause()])
    let paused = Self.run(spec)
    #expect(paused.outcome.phase == .paused)
    #expect(paused.finalStatus.message == "CanaryPauseStep")
    #expect(paused.finalStatus.currentStepIndex == 1)
    #expect(!paused.outcome.promoted)

    let promoted = Self.run(spec, actions: [.init(at: .minutes(5), command: .promote)])
    #expect(promoted.outcome.phase == .healthy)
    #expect(promoted.outcome.promoted)
    #expect(promoted.finalStatus.currentStepIndex == 2)
    let promotedAt = promoted.outcome.promotedAt!
    #expect(promotedAt >= SimInstant.zero + .minutes(5))
    // Promotion waits for the canary to be fully available: pods take 10 s.
    #expect(promotedAt <= SimInstant.zero + .minutes(5) + .seconds(30))
  }

  @Test func row15PauseDurations() {
    for (seconds, expected) in [(30, 30), (3600, 3600), (1, 1)] {
      let spec = Self.rollout(steps: [.pause(seconds: seconds)])
      let result = Self.run(spec)
      let started = Self.firstTime(result, "RolloutStepCompleted")
      #expect(started == SimInstant.zero + .seconds(Int64(expected)), "pause \(seconds)")
      #expect(result.outcome.phase == .healthy)
    }
    let invalid = Self.rollout(steps: [.pause(seconds: 1)], invalid: "spec.strategy.canary.steps[0].pause.duration: Invalid value: -1: Duration needs to be greater than 0")
    let result = Self.run(invalid)
    #expect(result.outcome.phase == .degraded)
    #expect(result.outcome.reason == "InvalidSpec")
    #expect(result.finalStatus.message.hasPrefix("InvalidSpec: The Rollout \"demo\" is invalid:"))
  }

  @Test func row13TrafficRoutedWeightWaitsForAvailablePods() {
    let routing = TrafficRouting(router: .istio(IstioRouting(virtualServices: [.init(name: "vs")])))
    let spec = Self.rollout(
      replicas: 10, steps: [.weight(10), .pause()], routing: routing, canaryService: "canary", stableService: "stable")
    let result = Self.run(spec, services: ["canary", "stable"])
    guard let weightAt = Self.firstTime(result, "TrafficWeightUpdated", containing: "to 10") else {
      Issue.record("weight never set: \(result.timeline.map(\.message))")
      return
    }
    // Canary pods become ready 10 s after the scale-up at t=0.
    #expect(weightAt == SimInstant.zero + .seconds(10))
    let stepDone = Self.firstTime(result, "RolloutStepCompleted")
    #expect(stepDone == weightAt)
    #expect(result.finalStatus.currentStepIndex == 1)
    #expect(result.finalStatus.canary.weights?.canary.weight == 10)
  }

  @Test func row41IstioHostSplitAndPromotion() {
    let routing = TrafficRouting(router: .istio(IstioRouting(virtualServices: [.init(name: "vs")])))
    let spec = Self.rollout(
      replicas: 4, steps: [.weight(10)], routing: routing, canaryService: "canary", stableService: "stable")
    let result = Self.run(spec, services: ["canary", "stable"])
    #expect(result.outcome.phase == .healthy)
    #expect(result.outcome.promoted)
    let tenPercent = result.timeline.first { $0.weights.canary == 10 }
    #expect(tenPercent != nil)
    #expect(result.timeline.last?.weights.canary == 0)
    #expect(result.finalStatus.canary.weights?.stable.podTemplateHash == "v2hash")
    // At 10 %: canary Service on rev 2, stable Service still on rev 1; after promotion both on rev 2.
    let canaryService = result.timeline.first { $0.event == "SwitchService" && $0.message.contains("'canary'") }
    #expect(canaryService?.message == "Switched selector for service 'canary' from 'v1hash' to 'v2hash'")
    #expect(canaryService.map { $0.t <= tenPercent!.t } == true)
    let stableService = result.timeline.first { $0.event == "SwitchService" && $0.message.contains("'stable'") }
    #expect(stableService?.message == "Switched selector for service 'stable' from 'v1hash' to 'v2hash'")
    #expect(stableService?.t == result.outcome.promotedAt)
  }

  @Test func row42TrafficRoutedCanaryWithoutSteps() {
    let routing = TrafficRouting(router: .istio(IstioRouting(virtualServices: [.init(name: "vs")])))
    let spec = Self.rollout(replicas: 3, steps: [], routing: routing, canaryService: "canary", stableService: "stable")
    let result = Self.run(spec, services: ["canary", "stable"])
    #expect(result.outcome.phase == .healthy)
    #expect(result.outcome.promoted)
    #expect(!result.timeline.contains { $0.weights.canary > 0 })
    // The canary is scaled to N while the router stays at 0; the stable Service moves at promotion.
    #expect(result.timeline.contains { $0.replicas.contains { $0.role == "canary" && $0.desired == 3 } })
    let stableService = result.timeline.first { $0.event == "SwitchService" && $0.message.contains("'stable'") }
    #expect(stableService?.t == result.outcome.promotedAt)
    #expect(stableService?.message.hasSuffix("to 'v2hash'") == true)
  }

  /// Row 12: setCanaryScale with weight 200 of N = 4 gives 8 canary pods beside the 4 stable ones; the
  /// router keeps the last setWeight (20).
  @Test func row12SetCanaryScaleLeavesTrafficUnchanged() {
    let routing = TrafficRouting(router: .istio(IstioRouting(virtualServices: [.init(name: "vs")])))
    let spec = Self.rollout(
      replicas: 4, steps: [.weight(20), CanaryStep(setCanaryScale: SetCanaryScale(weight: 200)), .pause()],
      routing: routing, canaryService: "canary", stableService: "stable")
    let result = Self.run(spec, services: ["canary", "stable"])
    #expect(result.outcome.phase == .paused)
    let last = result.timeline.last
    #expect(last?.replicas.first { $0.role == "canary" }?.desired == 8)
    #expect(last?.replicas.first { $0.role == "stable" }?.desired == 4)
    #expect(last?.weights.canary == 20)
    #expect(!result.timeline.contains { $0.weights.canary > 20 })
  }

  @Test func row33AbortOnHealthyRolloutIsDropped() {
    let spec = Self.rollout(steps: [.weight(50)])
    let result = Self.run(spec, actions: [.init(at: .minutes(10), command: .abort)])
    #expect(result.outcome.phase == .healthy)
    #expect(!result.finalStatus.abort)
    #expect(result.outcome.promoted)
  }

  @Test func row34NewRevisionMidRollout() {
    let spec = Self.rollout(steps: [.weight(25), .pause()], background: BackgroundAnalysis())
    let result = Self.run(
      spec, actions: [.init(at: .minutes(2), command: .update, revision: "v3")],
      scripts: [.background: [.init(after: .hours(2), .successful)]])
    #expect(result.finalStatus.currentPodHash == "v3hash")
    #expect(result.finalStatus.currentStepIndex == 1)
    #expect(result.outcome.phase == .paused)
    let v2 = result.timeline.last?.replicas.first { $0.revisionName == "canary" }
    #expect(v2?.desired == 0)
    // V2's background run is terminated; V3 gets its own, and its canary is scaled per step 0.
    let v2Run = result.analysisRuns.first { $0.name.hasPrefix("demo-v2hash") }
    #expect(v2Run?.message == "Run Terminated")
    #expect(v2Run?.completedAt == SimInstant.zero + .minutes(2))
    #expect(result.analysisRuns.contains { $0.name.hasPrefix("demo-v3hash") })
    #expect(result.timeline.last?.replicas.first { $0.revisionName == "v3" }?.desired == 1)
  }

  @Test func row35TemplateRevertedToStableIsImmediatelyPromoted() {
    let spec = Self.rollout(steps: [.weight(25), .pause(), .inlineAnalysis])
    let result = Self.run(spec, actions: [.init(at: .minutes(2), command: .update, revision: "stable")])
    #expect(result.outcome.phase == .healthy)
    #expect(result.finalStatus.stableRS == "v1hash")
    #expect(result.timeline.contains { $0.message == "Rollback to stable ReplicaSets" })
    #expect(result.finalStatus.currentStepIndex == 3)
    #expect(result.analysisRuns.isEmpty)
  }

  @Test func row37PromoteFullAfterAbort() {
    let spec = Self.rollout(steps: [.weight(25), .pause()])
    let result = Self.run(
      spec,
      actions: [.init(at: .minutes(1), command: .abort), .init(at: .minutes(3), command: .promoteFull)])
    #expect(result.outcome.phase == .healthy)
    #expect(result.outcome.promoted)
    #expect(!result.finalStatus.abort)
    #expect(result.outcome.abortedAt == SimInstant.zero + .minutes(1))
  }

  @Test func row40ProgressDeadline() {
    let spec = Self.rollout(steps: [.weight(25), .pause()], progressDeadline: 5)
    let stuck = Self.run(spec, canaryStartup: .never)
    #expect(stuck.outcome.phase == .degraded)
    #expect(stuck.outcome.reason == "ProgressDeadlineExceeded")
    let aborting = Self.rollout(steps: [.weight(25), .pause()], progressDeadline: 5, deadlineAbort: true)
    let aborted = Self.run(aborting, canaryStartup: .never)
    #expect(aborted.outcome.aborted)
    #expect(aborted.outcome.reason == "RolloutAborted")
    // At a pause step there is no timeout.
    let pausing = Self.rollout(steps: [.pause()], progressDeadline: 5)
    let paused = Self.run(pausing)
    #expect(paused.outcome.phase == .paused)
  }

  @Test func row32BackgroundAnalysisStartingStep() {
    let spec = Self.rollout(
      steps: [.weight(10), .pause(seconds: 30)], background: BackgroundAnalysis(startingStep: 1))
    let result = Self.run(spec, scripts: [.background: [.init(after: .seconds(5), .inconclusive)]])
    let run = result.analysisRuns.first
    #expect(run?.kind == .background)
    let created = result.analysisRuns.first?.startedAt
    let stepOne = Self.firstTime(result, "RolloutStepCompleted")
    #expect(created == stepOne)
    #expect(result.outcome.phase == .paused)
    #expect(result.finalStatus.message == "InconclusiveAnalysisRun")
  }

  @Test func row36PromoteSkipsRunningStepAnalysis() {
    let spec = Self.rollout(steps: [.weight(10), .inlineAnalysis, .weight(50)])
    let result = Self.run(
      spec, actions: [.init(at: .minutes(2), command: .promote)],
      scripts: [.step(1): [.init(after: .hours(1), .successful)]])
    #expect(result.outcome.phase == .healthy)
    #expect(result.analysisRuns.first?.message == "Run Terminated")
    #expect(result.analysisRuns.first?.phase == "Successful")
  }

  @Test func stepAnalysisFailureAborts() {
    let spec = Self.rollout(steps: [.weight(10), .inlineAnalysis, .weight(50)])
    let result = Self.run(
      spec, scripts: [.step(1): [.init(after: .minutes(1), .failed, message: "Metric \"m\" assessed Failed")]])
    #expect(result.outcome.phase == .degraded)
    #expect(result.outcome.aborted)
    #expect(result.finalStatus.currentStepIndex == 0)
    #expect(result.finalStatus.message.contains("Step-based analysis phase error/failed: Metric \"m\" assessed Failed"))
    #expect(result.timeline.last?.replicas.first { $0.role == "canary" }?.desired == 0)
  }

  @Test func sameInputsGiveTheSameTimeline() {
    let spec = Self.rollout(steps: [.weight(20), .pause(seconds: 60), .weight(60), .pause(seconds: 60)])
    let a = Self.run(spec, startup: .range(min: .seconds(5), max: .seconds(20)))
    let b = Self.run(spec, startup: .range(min: .seconds(5), max: .seconds(20)))
    #expect(a.timeline == b.timeline)
    #expect(a.outcome.phase == .healthy)
  }
}
