import Controller
import Simulation
import Testing
import VirtualTime

/// Canary behaviours of argo-semantics §3 that had no end-to-end test: operator pause during a timed
/// pause (§3.8), retry (§3.9), the basic-canary abort (§3.11), the traffic-routed scale-down delay
/// (§3.4) and the progress-deadline timing (row 40) and undo as a fast rollback. Pods take 10 s.
@Suite struct CanaryLifecycleScenarioTests {
  static func at(_ seconds: Int64) -> SimInstant { .zero + .seconds(seconds) }

  static func event(_ result: SimulationResult, _ event: String, _ text: String = "") -> TimelineEntry? {
    result.timeline.first { $0.event == event && (text.isEmpty || $0.message.contains(text)) }
  }

  /// §3.8: `kubectl argo rollouts pause` during a 60 s pause step: its expiry (70 s) is not applied
  /// while the rollout is paused; the step completes at the resume.
  @Test func operatorPauseHoldsATimedPauseStepUntilResume() {
    let spec = ControllerScenarioTests.rollout(steps: [.weight(25), .pause(seconds: 60), .weight(50)])
    let result = ControllerScenarioTests.run(
      spec, actions: [.init(at: .seconds(30), command: .pause), .init(at: .minutes(2), command: .resume)])
    #expect(Self.event(result, "RolloutStepCompleted", "step 2/3")?.t == Self.at(120))
    #expect(Self.event(result, "RolloutStepCompleted", "step 3/3")?.t == Self.at(130))
    #expect(result.outcome.phase == .healthy)
  }

  /// §3.9 retry: the abort reset the index to 0; retry starts the steps over and the analysis step
  /// gets a new run (CreateWithCollisionCounter: `-1.1`), which this time succeeds.
  @Test func retryRestartsTheStepsWithANewAnalysisRun() {
    let spec = ControllerScenarioTests.rollout(steps: [.weight(25), .inlineAnalysis, .weight(50)])
    let setup = SimulationSetup(
      rollout: spec, stableTemplate: ControllerScenarioTests.v1,
      templates: ["stable": ControllerScenarioTests.v1, "canary": ControllerScenarioTests.v2],
      defaultPodStartup: .fixed(.seconds(10)), actions: [.init(at: .minutes(2), command: .retry)], horizon: .hours(1))
    var simulator = Simulator(
      setup: setup,
      driver: ScriptedAnalysisDriver(successiveScripts: [
        .step(1): [[.init(after: .seconds(30), .failed, message: "x")], [.init(after: .seconds(30), .successful)]]
      ]))
    let result = simulator.run()
    #expect(result.outcome.abortedAt == Self.at(40))
    let retry = Self.event(result, "Operator", "retry")
    #expect(retry?.t == Self.at(120))
    #expect(retry?.step == 0)
    #expect(result.analysisRuns.map(\.name) == ["demo-v2hash-2-1", "demo-v2hash-2-1.1"])
    #expect(result.analysisRuns.last?.startedAt == Self.at(130))
    #expect(result.outcome.phase == .healthy)
    #expect(result.outcome.promotedAt == Self.at(180))
  }

  /// §3.11 basic canary: the abort scales stable back up and the canary down at once, but within
  /// maxSurge (1) and maxUnavailable (1) of N = 4: never more than 5 pods desired, never fewer than 3
  /// available. The canary's last pod goes once the new stable pod is ready.
  @Test func basicCanaryAbortStaysWithinSurgeAndUnavailable() {
    let spec = ControllerScenarioTests.rollout(steps: [.weight(50), .pause()])
    let result = ControllerScenarioTests.run(spec, actions: [.init(at: .minutes(1), command: .abort)])
    let afterAbort = result.timeline.filter { $0.t >= Self.at(60) }
    #expect(!afterAbort.isEmpty)
    for entry in afterAbort {
      #expect(entry.replicas.reduce(0) { $0 + $1.desired } <= 5, "\(entry.t) \(entry.message)")
      #expect(entry.replicas.reduce(0) { $0 + $1.available } >= 3, "\(entry.t) \(entry.message)")
    }
    let canaryDown = result.timeline.filter { $0.event == "ScalingReplicaSet" && $0.message.contains("demo-v2hash") && $0.t >= Self.at(60) }
    #expect(canaryDown.map(\.message) == [
      "Scaled down ReplicaSet demo-v2hash (revision 2) from 2 to 1", "Scaled down ReplicaSet demo-v2hash (revision 2) from 1 to 0",
    ])
    #expect(canaryDown.map(\.t) == [Self.at(60), Self.at(70)])
  }

  /// §3.4: with traffic routing the old stable keeps its pods for scaleDownDelaySeconds (default 30)
  /// after the promotion, or the explicit value.
  @Test(arguments: [(nil, 30), (10, 10)] as [(Int?, Int64)])
  func trafficRoutedOldStableWaitsForTheScaleDownDelay(delay: Int?, seconds: Int64) {
    let routing = TrafficRouting(router: .istio(IstioRouting(virtualServices: [.init(name: "vs")])))
    let spec = RolloutSpec(
      name: "demo", replicas: 4, template: ControllerScenarioTests.v2,
      strategy: .canary(
        CanaryStrategy(
          steps: [.weight(50)], canaryService: "canary", stableService: "stable", trafficRouting: routing,
          scaleDownDelaySeconds: delay)))
    let result = ControllerScenarioTests.run(spec, services: ["canary", "stable"])
    let promotedAt = result.outcome.promotedAt
    #expect(promotedAt == Self.at(20))
    let scaledDown = result.timeline.first {
      $0.event == "ScalingReplicaSet" && $0.message == "Scaled down ReplicaSet demo-v1hash (revision 1) from 4 to 0"
    }
    #expect(scaledDown?.t == Self.at(20 + seconds))
  }

  /// Row 40 timing: no canary pod ever becomes ready; the progress deadline (5 s after the last
  /// progress at 0 s) is noticed by the requeue one second later.
  @Test func row40DegradedOneSecondAfterTheDeadline() {
    let spec = ControllerScenarioTests.rollout(steps: [.weight(25), .pause()], progressDeadline: 5)
    let result = ControllerScenarioTests.run(spec, canaryStartup: .never)
    #expect(result.outcome.reason == "ProgressDeadlineExceeded")
    #expect(result.outcome.at == Self.at(6))
    // Go records no event for it; the timeline's own line gives the phase change its time.
    let degraded = result.timeline.first { $0.phase == .degraded }
    #expect(degraded?.t == Self.at(6))
    #expect(degraded?.event == "ProgressDeadlineExceeded")
    #expect(degraded?.message == "ReplicaSet \"demo-v2hash\" has timed out progressing.")
    #expect(degraded?.warning == true)
    #expect(result.timeline.filter { $0.event == "ProgressDeadlineExceeded" }.count == 1)
  }

  /// §3.9 `undo` mid-rollout puts back the stable template: a fast rollback that skips the steps.
  @Test func undoMidRolloutIsAFastRollback() {
    let spec = ControllerScenarioTests.rollout(
      steps: [.weight(25), .pause(), .weight(50)], background: BackgroundAnalysis())
    let result = ControllerScenarioTests.run(spec, actions: [.init(at: .minutes(2), command: .undo)])
    let undo = Self.event(result, "Operator")
    #expect(undo?.t == Self.at(120))
    #expect(undo?.message == "kubectl argo rollouts undo")
    #expect(result.timeline.contains { $0.t == Self.at(120) && $0.message == "Rollback to stable ReplicaSets" })
    #expect(result.outcome.phase == .healthy)
    #expect(!result.outcome.promoted)
    #expect(result.finalStatus.stableRS == "v1hash")
    #expect(result.finalStatus.currentPodHash == "v1hash")
    #expect(result.timeline.last?.replicas.first { $0.role == "canary" }?.desired ?? 0 == 0)
  }
}
