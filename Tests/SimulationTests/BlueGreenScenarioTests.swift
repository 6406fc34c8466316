import Controller
import Simulation
import Testing
import VirtualTime

/// Blue-green rules of argo-semantics §4 and rows 38–39.
@Suite struct BlueGreenScenarioTests {
  static let v1 = ControllerScenarioTests.v1
  static let v2 = ControllerScenarioTests.v2

  static func rollout(replicas: Int = 2, _ strategy: BlueGreenStrategy) -> RolloutSpec {
    RolloutSpec(name: "bg", replicas: replicas, template: v2, strategy: .blueGreen(strategy))
  }

  static func run(
    _ spec: RolloutSpec, actions: [ScheduledOperatorAction] = [],
    scripts: [AnalysisBlock: [[ScriptedAnalysisDriver.Step]]] = [:]
  ) -> SimulationResult {
    let setup = SimulationSetup(
      rollout: spec, stableTemplate: v1, templates: ["stable": v1, "canary": v2], services: ["active", "preview"],
      defaultPodStartup: .fixed(.seconds(10)), actions: actions)
    var simulator = Simulator(setup: setup, driver: ScriptedAnalysisDriver(successiveScripts: scripts))
    return simulator.run()
  }

  static func time(_ r: SimulationResult, _ event: String, _ text: String = "") -> SimInstant? {
    r.timeline.first { $0.event == event && (text.isEmpty || $0.message.contains(text)) }?.t
  }

  @Test func defaultsSwitchAsSoonAsThePreviewIsSaturated() {
    let result = Self.run(Self.rollout(BlueGreenStrategy(activeService: "active", previewService: "preview")))
    #expect(result.outcome.phase == .healthy)
    #expect(result.outcome.promoted)
    #expect(Self.time(result, "SwitchService", "'preview'") == .zero)
    #expect(Self.time(result, "SwitchService", "'active'") == SimInstant.zero + .seconds(10))
    // Rule 6: the old active ReplicaSet is scaled down 30 s after the switch.
    #expect(Self.time(result, "ScalingReplicaSet", "bg-v1hash (revision 1) from 2 to 0") == SimInstant.zero + .seconds(40))
  }

  @Test func row38AutoPromotionDisabledPausesUntilPromote() {
    let strategy = BlueGreenStrategy(activeService: "active", previewService: "preview", autoPromotionEnabled: false)
    let paused = Self.run(Self.rollout(strategy))
    #expect(paused.outcome.phase == .paused)
    #expect(paused.finalStatus.message == "BlueGreenPause")
    #expect(paused.finalStatus.blueGreen.activeSelector == "v1hash")
    #expect(paused.finalStatus.blueGreen.previewSelector == "v2hash")

    let promoted = Self.run(Self.rollout(strategy), actions: [.init(at: .minutes(5), command: .promote)])
    #expect(promoted.outcome.phase == .healthy)
    #expect(promoted.finalStatus.stableRS == "v2hash")
    #expect(Self.time(promoted, "SwitchService", "'active'") == SimInstant.zero + .minutes(5))
    #expect(
      Self.time(promoted, "ScalingReplicaSet", "bg-v1hash (revision 1) from 2 to 0")
        == SimInstant.zero + .minutes(5) + .seconds(30))
  }

  @Test func autoPromotionSecondsPausesThatLong() {
    let strategy = BlueGreenStrategy(activeService: "active", previewService: "preview", autoPromotionSeconds: 60)
    let result = Self.run(Self.rollout(strategy))
    #expect(result.outcome.phase == .healthy)
    #expect(Self.time(result, "SwitchService", "'active'") == SimInstant.zero + .seconds(70))
  }

  @Test func row39PrePromotionFailureThenRetry() {
    let strategy = BlueGreenStrategy(
      activeService: "active", previewService: "preview", previewReplicaCount: 1, prePromotionAnalysis: true)
    let failing: [ScriptedAnalysisDriver.Step] = [.init(after: .minutes(1), .failed, message: "Metric \"call\" assessed Failed")]
    let passing: [ScriptedAnalysisDriver.Step] = [.init(after: .minutes(1), .successful)]
    let degraded = Self.run(Self.rollout(strategy), scripts: [.prePromotion: [failing]])
    #expect(degraded.outcome.phase == .degraded)
    #expect(degraded.finalStatus.blueGreen.activeSelector == "v1hash")
    #expect(degraded.finalStatus.stableRS == "v1hash")
    #expect(degraded.finalStatus.blueGreen.previewSelector == "v2hash")
    #expect(degraded.finalStatus.message.contains("Blue/green pre-promotion analysis phase error/failed"))
    // The preview is held at previewReplicaCount before the failure.
    #expect(degraded.timeline.contains { $0.replicas.contains { $0.revisionName == "canary" && $0.desired == 1 } })

    let retried = Self.run(
      Self.rollout(strategy), actions: [.init(at: .minutes(10), command: .retry)],
      scripts: [.prePromotion: [failing, passing]])
    #expect(retried.outcome.phase == .healthy)
    #expect(retried.finalStatus.stableRS == "v2hash")
    #expect(retried.analysisRuns.count == 2)
  }

  @Test func postPromotionFailureRevertsActive() {
    let strategy = BlueGreenStrategy(activeService: "active", previewService: "preview", postPromotionAnalysis: true)
    let result = Self.run(
      Self.rollout(strategy), scripts: [.postPromotion: [[.init(after: .minutes(2), .failed, message: "m failed")]]])
    #expect(result.outcome.phase == .degraded)
    #expect(result.finalStatus.blueGreen.activeSelector == "v1hash")
    #expect(result.finalStatus.stableRS == "v1hash")
    #expect(Self.time(result, "SwitchService", "to 'v1hash'") == SimInstant.zero + .seconds(10) + .minutes(2))
  }

  @Test func postPromotionSuccessMovesStable() {
    let strategy = BlueGreenStrategy(activeService: "active", previewService: "preview", postPromotionAnalysis: true)
    let result = Self.run(Self.rollout(strategy), scripts: [.postPromotion: [[.init(after: .minutes(4), .successful)]]])
    #expect(result.outcome.phase == .healthy)
    #expect(result.outcome.promotedAt == SimInstant.zero + .seconds(10) + .minutes(4))
    // Old ReplicaSet kept at full size until post-promotion analysis passes (no explicit scaleDownDelaySeconds).
    let beforePromotion = result.timeline.filter { $0.t < SimInstant.zero + .minutes(4) }
    #expect(beforePromotion.allSatisfy { $0.replicas.first { $0.revisionName == "stable" }?.desired == 2 })
  }

  @Test func rule1PreviewHeldAtPreviewReplicaCountUntilPromotion() {
    let strategy = BlueGreenStrategy(
      activeService: "active", previewService: "preview", previewReplicaCount: 1, autoPromotionEnabled: false)
    let paused = Self.run(Self.rollout(replicas: 3, strategy))
    #expect(paused.outcome.phase == .paused)
    let preview = paused.timeline.last?.replicas.first { $0.revisionName == "canary" }
    #expect(preview?.desired == 1 && preview?.available == 1)
    let promoted = Self.run(Self.rollout(replicas: 3, strategy), actions: [.init(at: .minutes(2), command: .promote)])
    #expect(promoted.outcome.phase == .healthy)
    // Promotion sets the scale-up checkpoint: the preview grows to 3, then the switch follows.
    let scaledUp = Self.time(promoted, "ScalingReplicaSet", "bg-v2hash (revision 2) from 1 to 3")
    let switched = Self.time(promoted, "SwitchService", "'active'")
    #expect(scaledUp == SimInstant.zero + .minutes(2))
    #expect(switched == SimInstant.zero + .minutes(2) + .seconds(10))
  }

  @Test func rule8FastRollbackSkipsPauseAndAnalysis() {
    let strategy = BlueGreenStrategy(
      activeService: "active", previewService: "preview", autoPromotionEnabled: false, scaleDownDelaySeconds: 600,
      prePromotionAnalysis: true)
    let result = Self.run(
      Self.rollout(strategy),
      actions: [.init(at: .minutes(3), command: .promote), .init(at: .minutes(5), command: .update, revision: "stable")],
      scripts: [.prePromotion: [[.init(after: .minutes(1), .successful)]]])
    // v1 is still up (600 s scale-down delay): going back to it switches at once, without a pause or a run.
    #expect(result.outcome.phase == .healthy)
    #expect(result.finalStatus.stableRS == "v1hash")
    #expect(result.analysisRuns.count == 1)
    #expect(Self.time(result, "SwitchService", "to 'v1hash'") == SimInstant.zero + .minutes(5))
    #expect(!result.timeline.contains { $0.t >= SimInstant.zero + .minutes(5) && $0.event == "RolloutPaused" })
  }

  /// §4.7: an Inconclusive pre-promotion run pauses the rollout; promote clears the pause and a new
  /// pre-promotion run (`.1`) is created; its success switches the active Service.
  @Test func prePromotionInconclusiveThenPromoteRunsANewAnalysis() {
    let strategy = BlueGreenStrategy(activeService: "active", previewService: "preview", prePromotionAnalysis: true)
    let result = Self.run(
      Self.rollout(strategy), actions: [.init(at: .minutes(3), command: .promote)],
      scripts: [.prePromotion: [[.init(after: .minutes(1), .inconclusive)], [.init(after: .minutes(1), .successful)]]])
    let pausedAt = Self.time(result, "RolloutPaused", "InconclusiveAnalysisRun")
    #expect(pausedAt != nil && pausedAt! < SimInstant.zero + .minutes(3))
    #expect(result.analysisRuns.count == 2)
    #expect(result.analysisRuns.last?.name == (result.analysisRuns.first?.name ?? "") + ".1")
    #expect(result.analysisRuns.last?.startedAt == SimInstant.zero + .minutes(3))
    #expect(Self.time(result, "SwitchService", "'active'") == SimInstant.zero + .minutes(4))
    #expect(result.outcome.phase == .healthy)
  }

  /// §4.7 abort: the preview ReplicaSet goes to 0 abortScaleDownDelaySeconds (default 30) after the
  /// abort; with 0 it is kept.
  @Test(arguments: [(nil, true), (0, false)] as [(Int?, Bool)])
  func abortScalesThePreviewDownAfterTheDelay(abortDelay: Int?, scaledDown: Bool) {
    let strategy = BlueGreenStrategy(
      activeService: "active", previewService: "preview", autoPromotionEnabled: false,
      abortScaleDownDelaySeconds: abortDelay)
    let result = Self.run(Self.rollout(strategy), actions: [.init(at: .minutes(2), command: .abort)])
    #expect(result.outcome.abortedAt == SimInstant.zero + .minutes(2))
    #expect(result.finalStatus.blueGreen.activeSelector == "v1hash")
    let down = Self.time(result, "ScalingReplicaSet", "bg-v2hash (revision 2) from 2 to 0")
    #expect(down == (scaledDown ? SimInstant.zero + .minutes(2) + .seconds(30) : nil))
    #expect(result.timeline.last?.replicas.first { $0.revisionName == "canary" }?.desired == (scaledDown ? 0 : 2))
  }
}
