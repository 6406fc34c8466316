import Controller
import Simulation
import Testing
import VirtualTime

/// How analysis results and operator actions steer a canary through the run loop (spec §3.8, §3.9,
/// §3.11, §6.8 and rows 22–23 of §11), asserted at the virtual times the controller acts.
@Suite struct CanaryLifecycleScenarioTests {
  typealias Scenario = ControllerScenarioTests
  static let t0 = SimInstant.zero

  static func canaryDesired(_ entry: TimelineEntry?) -> Int? {
    entry?.replicas.first { $0.role == "canary" }?.desired
  }

  /// §6.8 / §14: a background run that finished Successful is kept and never replaced, so nothing
  /// guards the rest of the rollout.
  @Test func backgroundRunThatSucceedsStopsGuarding() {
    let spec = Scenario.rollout(
      steps: [.weight(25), .pause(seconds: 600), .weight(50), .pause(seconds: 600)], background: BackgroundAnalysis())
    let result = Scenario.run(spec, scripts: [.background: [.init(after: .minutes(5), .successful)]])
    #expect(result.analysisRuns.count == 1)
    #expect(result.analysisRuns.first?.phase == "Successful")
    #expect(result.analysisRuns.first?.completedAt == Self.t0 + .minutes(5))
    #expect(result.outcome.phase == .healthy)
    // Both ten-minute pauses still run after the run is over.
    #expect((result.outcome.promotedAt ?? Self.t0) > Self.t0 + .minutes(20))
  }

  /// §6.8: an Inconclusive background run pauses the rollout; `promote` lifts the pause and a new
  /// background run is created for the same revision.
  @Test func backgroundInconclusiveThenPromoteCreatesANewRun() {
    let spec = Scenario.rollout(steps: [.weight(25), .pause()], background: BackgroundAnalysis())
    let script: [AnalysisBlock: [ScriptedAnalysisDriver.Step]] = [.background: [.init(after: .minutes(1), .inconclusive)]]
    let waiting = Scenario.run(spec, scripts: script)
    #expect(waiting.outcome.phase == .paused)
    #expect(waiting.finalStatus.pauseConditions.contains { $0.reason == .inconclusiveAnalysis })
    #expect(waiting.analysisRuns.count == 1)

    let promoted = Scenario.run(spec, actions: [.init(at: .minutes(10), command: .promote)], scripts: script)
    #expect(promoted.analysisRuns.map(\.name) == ["demo-v2hash-2", "demo-v2hash-2.1"])
    #expect(promoted.analysisRuns.first?.phase == "Inconclusive")
    #expect(promoted.analysisRuns.last?.startedAt == Self.t0 + .minutes(10))
    #expect(promoted.outcome.phase == .healthy)
  }

  /// §6.8: a Failed background run aborts with Go's message; the canary goes back to 0.
  @Test func backgroundFailureAbortsWithGosMessage() {
    let spec = Scenario.rollout(steps: [.weight(25), .pause(seconds: 3600)], background: BackgroundAnalysis())
    let result = Scenario.run(
      spec, scripts: [.background: [.init(after: .minutes(2), .failed, message: "Metric \"m\" assessed Failed")]])
    #expect(result.outcome.phase == .degraded)
    #expect(result.outcome.abortedAt == Self.t0 + .minutes(2))
    #expect(
      result.finalStatus.message
        == "RolloutAborted: Rollout aborted update to revision 2: Background analysis phase error/failed: Metric \"m\" assessed Failed"
    )
    #expect(result.finalStatus.currentStepIndex == 0)
    #expect(Self.canaryDesired(result.timeline.last) == 0)
  }

  /// Row 22, rollout side: an Inconclusive step run pauses with InconclusiveAnalysisRun; `promote`
  /// skips the analysis step and the rollout finishes.
  @Test func row22InconclusiveStepRunPausesUntilPromoted() {
    let spec = Scenario.rollout(steps: [.weight(10), .inlineAnalysis, .weight(50)])
    let result = Scenario.run(
      spec, actions: [.init(at: .minutes(5), command: .promote)],
      scripts: [.step(1): [.init(after: .seconds(40), .inconclusive)]])
    let run = result.analysisRuns.first
    let pause = result.timeline.first { $0.event == "RolloutPaused" }
    #expect(run?.completedAt == Self.t0 + .seconds(50))
    #expect(pause?.t == run?.completedAt)
    #expect(pause?.message == "Rollout is paused (InconclusiveAnalysisRun)")
    #expect(result.outcome.phase == .healthy)
    #expect((result.outcome.promotedAt ?? Self.t0) >= Self.t0 + .minutes(5))
    #expect(result.finalStatus.currentStepIndex == 3)
    // Skipping the step does not re-run the analysis.
    #expect(result.analysisRuns.count == 1)
  }

  /// Row 23, rollout side: an Error step run aborts like a Failed one, with Go's message.
  @Test func row23ErrorStepRunAborts() {
    let spec = Scenario.rollout(steps: [.weight(10), .inlineAnalysis, .weight(50)])
    let result = Scenario.run(
      spec, scripts: [.step(1): [.init(after: .minutes(1), .error, message: "Metric \"m\" assessed Error")]])
    #expect(result.outcome.phase == .degraded)
    #expect(result.outcome.aborted)
    #expect(result.finalStatus.message.hasSuffix("Step-based analysis phase error/failed: Metric \"m\" assessed Error"))
    #expect(result.finalStatus.currentStepIndex == 0)
    #expect(Self.canaryDesired(result.timeline.last) == 0)
    #expect(result.timeline.last?.weights.canary == 0)
  }

  /// §3.8: `pause` during a timed pause step stops the clock's effect: the step does not complete at
  /// its expiry but at `resume`.
  @Test func manualPauseHoldsATimedPauseStepPastItsExpiry() {
    let spec = Scenario.rollout(steps: [.weight(25), .pause(seconds: 300), .weight(50)])
    let result = Scenario.run(
      spec,
      actions: [.init(at: .minutes(2), command: .pause), .init(at: .minutes(10), command: .resume)])
    let manual = result.timeline.first { $0.event == "Operator" }
    #expect(manual?.t == Self.t0 + .minutes(2))
    #expect(manual?.message == "kubectl argo rollouts pause")
    let pauseStepDone = result.timeline.first { $0.event == "RolloutStepCompleted" && $0.step == 2 }?.t
    #expect(pauseStepDone == Self.t0 + .minutes(10))
    #expect(result.outcome.phase == .healthy)
  }

  /// §3.9: `retry` after an analysis abort restarts the steps at 0 with a fresh step run; the
  /// failed run stays as history.
  @Test func retryAfterAnalysisAbortCreatesAFreshRun() {
    let spec = Scenario.rollout(steps: [.weight(10), .inlineAnalysis, .weight(50)])
    let setup = SimulationSetup(
      rollout: spec, stableTemplate: Scenario.v1, templates: ["stable": Scenario.v1, "canary": Scenario.v2],
      services: [], podStartup: [:], defaultPodStartup: .fixed(.seconds(10)),
      actions: [.init(at: .minutes(5), command: .retry)], horizon: nil)
    let driver = ScriptedAnalysisDriver(
      successiveScripts: [.step(1): [[.init(after: .minutes(1), .failed)], [.init(after: .minutes(1), .successful)]]])
    var simulator = Simulator(setup: setup, driver: driver)
    let result = simulator.run()
    #expect(result.outcome.abortedAt != nil)
    #expect(result.outcome.phase == .healthy)
    #expect(result.outcome.promoted)
    let runs = result.analysisRuns
    #expect(runs.map(\.phase) == ["Failed", "Successful"])
    #expect(runs.count == 2 && runs[0].name != runs[1].name)
    #expect(runs.map(\.name) == ["demo-v2hash-2-1", "demo-v2hash-2-1.1"])
    // The steps restart at 0: the canary comes back at 5:00 and the setWeight step completes again.
    let restarted = result.timeline.first { $0.t == Self.t0 + .minutes(5) && $0.event == "ScalingReplicaSet" }
    #expect(restarted?.step == 0)
    #expect(restarted?.phase == .progressing)
    #expect(runs.last?.startedAt == Self.t0 + .minutes(5) + .seconds(10))
  }

  /// Row 40 timing: with the canary's pods never ready, the 5 s deadline is noticed at the requeue
  /// one second after it (sync.go requeues at lastUpdate + deadline + 1 s). Go records no event for
  /// it; the timeline adds one line so the Degraded phase has a time.
  @Test func row40DeadlineIsNoticedOneSecondAfterItPasses() {
    let spec = Scenario.rollout(steps: [.weight(25), .pause()], progressDeadline: 5)
    let stuck = Scenario.run(spec, canaryStartup: .never)
    let degraded = stuck.timeline.first { $0.phase == .degraded }
    #expect(degraded?.t == Self.t0 + .seconds(6))
    #expect(degraded?.event == "ProgressDeadlineExceeded")
    #expect(degraded?.message == "ReplicaSet \"demo-v2hash\" has timed out progressing.")
    #expect(degraded?.warning == true)
    #expect(stuck.timeline.filter { $0.event == "ProgressDeadlineExceeded" }.count == 1)
  }

  // MARK: Traffic-routed scale-down delays (§3.4, §3.11)

  static let istio = TrafficRouting(router: .istio(IstioRouting(virtualServices: [.init(name: "vs")])))

  static func routedCanary(steps: [CanaryStep], _ edit: (inout CanaryStrategy) -> Void = { _ in }) -> RolloutSpec {
    var spec = Scenario.rollout(steps: steps, routing: istio, canaryService: "canary", stableService: "stable")
    if case .canary(var strategy) = spec.strategy {
      edit(&strategy)
      spec.strategy = .canary(strategy)
    }
    return spec
  }

  static func scaledDown(_ result: SimulationResult, _ replicaSet: String) -> SimInstant? {
    result.timeline.first {
      $0.event == "ScalingReplicaSet" && $0.message.hasPrefix("Scaled down ReplicaSet \(replicaSet) ") && $0.message.hasSuffix(" to 0")
    }?.t
  }

  /// §3.11: an abort sets the router weight to 0 at once; the canary's pods stay until
  /// abortScaleDownDelaySeconds (default 30 s) has passed.
  @Test(arguments: [(nil, 30), (5, 5)] as [(Int?, Int64)])
  func abortWithARouterScalesTheCanaryDownAfterTheDelay(delay: Int?, expectedSeconds: Int64) {
    let spec = Self.routedCanary(steps: [.weight(50), .pause()]) { $0.abortScaleDownDelaySeconds = delay }
    let result = Scenario.run(spec, services: ["canary", "stable"], actions: [.init(at: .minutes(5), command: .abort)])
    let abortedAt = Self.t0 + .minutes(5)
    #expect(result.outcome.abortedAt == abortedAt)
    let atAbort = result.timeline.last { $0.t == abortedAt }
    #expect(atAbort?.weights.canary == 0)
    #expect(Self.canaryDesired(atAbort) == 2)
    #expect(Self.scaledDown(result, "demo-v2hash") == abortedAt + .seconds(expectedSeconds))
  }

  /// §3.4: after a routed promotion the old stable ReplicaSet keeps its pods for
  /// scaleDownDelaySeconds (default 30 s), so requests in flight can drain.
  @Test(arguments: [(nil, 30), (10, 10)] as [(Int?, Int64)])
  func routedPromotionScalesTheOldStableDownAfterTheDelay(delay: Int?, expectedSeconds: Int64) throws {
    let spec = Self.routedCanary(steps: [.weight(50)]) { $0.scaleDownDelaySeconds = delay }
    let result = Scenario.run(spec, services: ["canary", "stable"])
    let promotedAt = try #require(result.outcome.promotedAt)
    #expect(Self.scaledDown(result, "demo-v1hash") == promotedAt + .seconds(expectedSeconds))
    #expect(result.outcome.phase == .healthy)
  }

  /// Row 12 through the controller: setCanaryScale weight 200 runs twice the pods of the rollout
  /// on the canary and leaves the router's weight where it was.
  @Test func row12SetCanaryScaleLeavesTrafficAlone() {
    let spec = Self.routedCanary(steps: [.weight(10), CanaryStep(setCanaryScale: SetCanaryScale(weight: 200)), .pause()])
    let result = Scenario.run(spec, services: ["canary", "stable"])
    let last = result.timeline.last
    #expect(result.finalStatus.currentStepIndex == 2)
    #expect(Self.canaryDesired(last) == 8)
    #expect(last?.replicas.first { $0.role == "stable" }?.desired == 4)
    #expect(last?.weights.canary == 10)
    #expect(result.finalStatus.canary.weights?.canary.weight == 10)
  }

  /// §3.9 `undo` mid-rollout puts back the stable template: a fast rollback that skips the steps.
  @Test func undoMidRolloutIsAFastRollback() {
    let spec = Scenario.rollout(steps: [.weight(25), .pause(), .weight(50)], background: BackgroundAnalysis())
    let result = Scenario.run(spec, actions: [.init(at: .minutes(2), command: .undo)])
    let undo = result.timeline.first { $0.event == "Operator" }
    #expect(undo?.t == Self.t0 + .minutes(2))
    #expect(undo?.message == "kubectl argo rollouts undo")
    #expect(result.timeline.contains { $0.t == Self.t0 + .minutes(2) && $0.message == "Rollback to stable ReplicaSets" })
    #expect(result.outcome.phase == .healthy)
    #expect(!result.outcome.promoted)
    #expect(result.finalStatus.stableRS == "v1hash")
    #expect(result.finalStatus.currentPodHash == "v1hash")
    #expect(Self.canaryDesired(result.timeline.last) ?? 0 == 0)
  }

  /// dynamicStableScale through the controller: the stable ReplicaSet shrinks as traffic leaves it
  /// (ceil(4 × 75 / 100) = 3 at 25 %), instead of staying at full size.
  @Test func dynamicStableScaleShrinksStableWithItsTraffic() {
    let dynamic = Self.routedCanary(steps: [.weight(25), .pause()]) { $0.dynamicStableScale = true }
    let result = Scenario.run(dynamic, services: ["canary", "stable"])
    #expect(result.timeline.last?.replicas.first { $0.role == "stable" }?.desired == 3)
    #expect(Self.canaryDesired(result.timeline.last) == 1)
    let fixed = Scenario.run(Self.routedCanary(steps: [.weight(25), .pause()]), services: ["canary", "stable"])
    #expect(fixed.timeline.last?.replicas.first { $0.role == "stable" }?.desired == 4)
  }

  /// minPodsPerReplicaSet through the controller: 1 % of 4 pods is still two canary pods.
  @Test func minPodsPerReplicaSetFloorsTheCanary() {
    let spec = Self.routedCanary(steps: [.weight(1), .pause()]) { $0.minPodsPerReplicaSet = 2 }
    let result = Scenario.run(spec, services: ["canary", "stable"])
    #expect(Self.canaryDesired(result.timeline.last) == 2)
    #expect(result.timeline.last?.weights.canary == 1)
    let without = Scenario.run(Self.routedCanary(steps: [.weight(1), .pause()]), services: ["canary", "stable"])
    #expect(Self.canaryDesired(without.timeline.last) == 1)
  }
}
