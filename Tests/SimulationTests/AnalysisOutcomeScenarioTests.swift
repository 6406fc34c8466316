import Controller
import Simulation
import Testing
import VirtualTime

/// What the rollout does with each analysis outcome (argo-semantics §6.8, §14.8, rows 22–23), with
/// scripted runs: rollout/analysis.go `reconcileAnalysisRuns` and the pause/abort it derives.
@Suite struct AnalysisOutcomeScenarioTests {
  typealias Script = [ScriptedAnalysisDriver.Step]

  static func run(
    _ spec: RolloutSpec, actions: [ScheduledOperatorAction] = [], scripts: [AnalysisBlock: [Script]]
  ) -> SimulationResult {
    let setup = SimulationSetup(
      rollout: spec, stableTemplate: ControllerScenarioTests.v1,
      templates: ["stable": ControllerScenarioTests.v1, "canary": ControllerScenarioTests.v2],
      defaultPodStartup: .fixed(.seconds(10)), actions: actions, horizon: .hours(1))
    var simulator = Simulator(setup: setup, driver: ScriptedAnalysisDriver(successiveScripts: scripts))
    return simulator.run()
  }

  static func at(_ seconds: Int64) -> SimInstant { .zero + .seconds(seconds) }

  static func event(_ result: SimulationResult, _ event: String, _ text: String = "") -> TimelineEntry? {
    result.timeline.first { $0.event == event && (text.isEmpty || $0.message.contains(text)) }
  }

  static let failed = "Metric \"m\" assessed Failed due to failed (1) > failureLimit (0)"

  // MARK: Background analysis

  /// §14.8: a background run that succeeds stops guarding the rollout; no second run is created.
  @Test func backgroundRunThatSucceedsIsNotRecreated() {
    let spec = ControllerScenarioTests.rollout(
      steps: [.weight(25), .pause(seconds: 60), .weight(50)], background: BackgroundAnalysis())
    let result = Self.run(spec, scripts: [.background: [[.init(after: .seconds(5), .successful)]]])
    #expect(result.analysisRuns.count == 1)
    #expect(result.analysisRuns.first?.phase == "Successful")
    #expect(result.analysisRuns.first?.completedAt == Self.at(5))
    #expect(result.outcome.phase == .healthy)
  }

  /// §6.8: an Inconclusive background run pauses the rollout; promote clears the pause and, the
  /// current run being Inconclusive, the controller starts a new one (CreateWithCollisionCounter: `.1`).
  @Test func inconclusiveBackgroundRunIsReplacedAfterPromote() {
    let spec = ControllerScenarioTests.rollout(
      steps: [.weight(25), .pause(seconds: 30), .weight(50)], background: BackgroundAnalysis())
    let result = Self.run(
      spec, actions: [.init(at: .minutes(2), command: .promote)],
      scripts: [.background: [[.init(after: .seconds(20), .inconclusive)], [.init(after: .seconds(10), .successful)]]])
    #expect(Self.event(result, "AnalysisRunInconclusive")?.t == Self.at(20))
    // The timed pause ends at 40 s, but the InconclusiveAnalysisRun pause holds the rollout until
    // the promote at 2:00; the 50 % step then completes once its second pod is ready.
    #expect(Self.event(result, "RolloutStepCompleted", "step 3/3")?.t == Self.at(130))
    #expect(result.analysisRuns.count == 2)
    let first = result.analysisRuns.first?.name ?? ""
    #expect(result.analysisRuns.last?.name == first + ".1")
    #expect(result.analysisRuns.last?.startedAt == Self.at(120))
    #expect(result.outcome.phase == .healthy)
  }

  /// §6.8: a Failed background run aborts with "Background analysis phase error/failed: <message>".
  @Test func failedBackgroundRunAborts() {
    let spec = ControllerScenarioTests.rollout(
      steps: [.weight(25), .pause(seconds: 60), .weight(50)], background: BackgroundAnalysis())
    let result = Self.run(spec, scripts: [.background: [[.init(after: .seconds(30), .failed, message: Self.failed)]]])
    #expect(result.outcome.abortedAt == Self.at(30))
    #expect(
      result.finalStatus.message
        == "RolloutAborted: Rollout aborted update to revision 2: Background analysis phase error/failed: \(Self.failed)")
    #expect(result.finalStatus.currentStepIndex == 0)
    #expect(result.timeline.last?.weights.canary == 0)
  }

  // MARK: Step analysis (rows 22, 23)

  /// Row 22: an Inconclusive step run pauses (InconclusiveAnalysisRun); promote moves past the
  /// analysis step (promote.go increments the index) and the rollout completes.
  @Test func row22InconclusiveStepRunPausesUntilPromote() {
    let spec = ControllerScenarioTests.rollout(steps: [.weight(10), .inlineAnalysis, .weight(50)])
    let result = Self.run(
      spec, actions: [.init(at: .minutes(2), command: .promote)],
      scripts: [.step(1): [[.init(after: .seconds(30), .inconclusive)]]])
    let paused = Self.event(result, "RolloutPaused")
    #expect(paused?.t == Self.at(40))
    #expect(paused?.message == "Rollout is paused (InconclusiveAnalysisRun)")
    #expect(Self.event(result, "RolloutStepCompleted", "step 2/3") == nil)
    #expect(Self.event(result, "RolloutStepCompleted", "step 3/3") != nil)
    #expect(result.analysisRuns.count == 1)
    #expect(result.outcome.phase == .healthy)
  }

  /// Row 23: an Error step run aborts like a Failed one: index 0, canary weight 0.
  @Test func row23ErrorStepRunAborts() {
    let spec = ControllerScenarioTests.rollout(steps: [.weight(10), .inlineAnalysis, .weight(50)])
    let message = "Metric \"m\" assessed Error due to consecutiveErrors (5) > consecutiveErrorLimit (4)"
    let result = Self.run(spec, scripts: [.step(1): [[.init(after: .seconds(30), .error, message: message)]]])
    #expect(result.outcome.abortedAt == Self.at(40))
    #expect(result.finalStatus.message.hasSuffix("Step-based analysis phase error/failed: \(message)"))
    #expect(result.finalStatus.currentStepIndex == 0)
    #expect(result.timeline.last?.weights.canary == 0)
    #expect(result.timeline.last?.replicas.first { $0.role == "canary" }?.desired == 0)
  }
}
