import Controller
import Diagnostics
import Simulation
import Testing
import VirtualTime

/// Experiment steps against experiments/experiment.go (`calculateStatus`, `reconcileTemplate`,
/// `reconcileAnalysisRun`) and rollout/experiment.go (`reconcileExperiments`). Pods take 10 s: the
/// canary of setWeight 25 is available at 10 s, the experiment is created then and its pods are
/// available at 20 s, when its analyses start.
@Suite struct ExperimentStepScenarioTests {
  typealias Script = [ScriptedAnalysisDriver.Step]

  static func experiment(
    duration: Int? = nil, analyses: [ExperimentStep.Analysis] = [.init(name: "check")],
    templates: [ExperimentStep.Template] = [.init(name: "canary", usesCanarySpec: true)]
  ) -> CanaryStep {
    CanaryStep(experiment: ExperimentStep(templates: templates, durationSeconds: duration, analyses: analyses))
  }

  static func rollout(steps: [CanaryStep], background: BackgroundAnalysis? = nil) -> RolloutSpec {
    ControllerScenarioTests.rollout(steps: steps, background: background)
  }

  /// Runs `spec`; `scripts` gives, per analysis block, the script of each run in creation order (an
  /// experiment's analyses are runs of its step's block, in the order the step lists them).
  static func run(
    _ spec: RolloutSpec, actions: [ScheduledOperatorAction] = [], scripts: [AnalysisBlock: [Script]] = [:],
    startup: [String: PodStartup] = [:], horizon: SimDuration = .hours(1)
  ) -> SimulationResult {
    let v1 = ControllerScenarioTests.v1
    let v2 = ControllerScenarioTests.v2
    let setup = SimulationSetup(
      rollout: spec, stableTemplate: v1, templates: ["stable": v1, "canary": v2], podStartup: startup,
      defaultPodStartup: .fixed(.seconds(10)), actions: actions, horizon: horizon)
    var simulator = Simulator(setup: setup, driver: ScriptedAnalysisDriver(successiveScripts: scripts))
    return simulator.run()
  }

  static func time(_ result: SimulationResult, _ event: String, _ text: String = "") -> SimInstant? {
    result.timeline.first { $0.event == event && (text.isEmpty || $0.message.contains(text)) }?.t
  }

  static func at(_ seconds: Int64) -> SimInstant { SimInstant.zero + .seconds(seconds) }

  // MARK: Item 2 — no duration, no required analysis

  /// Go: templates stay Running (no duration), the analyses are not required, so `calculateStatus`
  /// keeps the experiment Running after its analysis succeeds; the rollout waits at the step.
  @Test func withoutDurationOrRequiredAnalysisTheExperimentNeverEnds() {
    let spec = Self.rollout(steps: [.weight(25), Self.experiment(), .weight(50)])
    let result = Self.run(spec, scripts: [.step(1): [[.init(after: .minutes(1), .successful)]]])
    #expect(result.analysisRuns.first?.phase == "Successful")
    #expect(result.analysisRuns.first?.completedAt == Self.at(80))
    #expect(Self.time(result, "ExperimentSuccessful") == nil)
    #expect(Self.time(result, "RolloutStepCompleted", "step 2/3") == nil)
    #expect(result.finalStatus.currentStepIndex == 1)
    #expect(result.outcome.phase == .progressing)
    #expect(!result.outcome.promoted)
  }

  /// With a required analysis, its success ends the experiment and the step completes.
  @Test func withoutDurationARequiredAnalysisEndsTheExperiment() {
    let spec = Self.rollout(
      steps: [.weight(25), Self.experiment(analyses: [.init(name: "check", requiredForCompletion: true)]), .weight(50)])
    let result = Self.run(spec, scripts: [.step(1): [[.init(after: .minutes(1), .successful)]]])
    #expect(Self.time(result, "ExperimentSuccessful") == Self.at(80))
    #expect(Self.time(result, "RolloutStepCompleted", "step 2/3") == Self.at(80))
    #expect(result.outcome.phase == .healthy)
  }

  /// A required analysis decides alone: a second, not required one that succeeds first ends nothing.
  @Test func withoutDurationOnlyTheRequiredAnalysesCount() {
    let spec = Self.rollout(
      steps: [
        .weight(25),
        Self.experiment(analyses: [.init(name: "quick"), .init(name: "slow", requiredForCompletion: true)]),
        .weight(50),
      ])
    let result = Self.run(
      spec,
      scripts: [.step(1): [[.init(after: .minutes(1), .successful)], [.init(after: .minutes(3), .successful)]]])
    #expect(Self.time(result, "RolloutStepCompleted", "step 2/3") == Self.at(200))
  }

  // MARK: Item 3 — duration and required analyses

  /// (a) A required analysis that succeeds before the duration ends the experiment at once
  /// (`calculateStatus`: templates still Running, `RequiredAnalysisRunsSuccessful` → the analyses'
  /// phase, "Required AnalysisRuns completed").
  @Test func requiredAnalysisSucceedingBeforeTheDurationEndsTheExperiment() {
    let spec = Self.rollout(
      steps: [
        .weight(25), Self.experiment(duration: 600, analyses: [.init(name: "check", requiredForCompletion: true)]),
        .weight(50),
      ])
    let result = Self.run(spec, scripts: [.step(1): [[.init(after: .minutes(2), .successful)]]])
    #expect(Self.time(result, "ExperimentSuccessful", "Required AnalysisRuns completed") == Self.at(140))
    #expect(Self.time(result, "RolloutStepCompleted", "step 2/3") == Self.at(140))
    #expect(result.outcome.phase == .healthy)
  }

  /// (b) A required analysis still running when the duration ends is waited for: the templates are
  /// Successful, and with a required analysis the experiment takes the analyses' phase (Running).
  @Test func requiredAnalysisStillRunningAtTheEndOfTheDurationIsWaitedFor() {
    let spec = Self.rollout(
      steps: [
        .weight(25), Self.experiment(duration: 120, analyses: [.init(name: "check", requiredForCompletion: true)]),
        .weight(50),
      ])
    let result = Self.run(spec, scripts: [.step(1): [[.init(after: .minutes(5), .successful)]]])
    let run = result.analysisRuns.first
    #expect(run?.phase == "Successful")
    #expect(run?.message == "")
    #expect(run?.completedAt == Self.at(320))
    #expect(Self.time(result, "ExperimentSuccessful") == Self.at(320))
    #expect(Self.time(result, "RolloutStepCompleted", "step 2/3") == Self.at(320))
  }

  /// Without a required analysis the duration ends the experiment, and the analysis still running
  /// is terminated (a terminated run with nothing failed ends Successful, "Run Terminated").
  @Test func durationEndsTheExperimentAndTerminatesAnalysesNotRequired() {
    let spec = Self.rollout(steps: [.weight(25), Self.experiment(duration: 120), .weight(50)])
    let result = Self.run(spec, scripts: [.step(1): [[.init(after: .minutes(5), .successful)]]])
    #expect(Self.time(result, "ExperimentSuccessful") == Self.at(140))
    #expect(Self.time(result, "RolloutStepCompleted", "step 2/3") == Self.at(140))
    #expect(result.analysisRuns.first?.message == "Run Terminated")
    #expect(result.analysisRuns.first?.completedAt == Self.at(140))
  }

  /// A Failed analysis ends the experiment Failed with the run's message, before the duration.
  @Test func failedAnalysisFailsTheExperimentBeforeTheDuration() {
    let spec = Self.rollout(steps: [.weight(25), Self.experiment(duration: 600), .weight(50)])
    let result = Self.run(
      spec, scripts: [.step(1): [[.init(after: .minutes(1), .failed, message: "Metric \"m\" assessed Failed")]]])
    #expect(Self.time(result, "ExperimentFailed", "Metric \"m\" assessed Failed") == Self.at(80))
    #expect(result.outcome.aborted)
    #expect(result.outcome.abortedAt == Self.at(80))
  }

  /// Go's surprise with a mix: when the required analysis succeeds while one that is not required
  /// still runs, `assessAnalysisRuns` reports Running (experiment.go:641 answers Successful only when
  /// nothing is worse), and from then on `IsTerminating` (RequiredAnalysisRunsSuccessful) makes
  /// `reconcileAnalysisRun` terminate the other run without copying its phase again
  /// (experiment.go:499-511). The experiment stays Running for good and the rollout waits at the step.
  @Test func requiredDoneWhileAnotherStillRunsLeavesTheExperimentRunning() {
    let spec = Self.rollout(
      steps: [
        .weight(25),
        Self.experiment(analyses: [.init(name: "gate", requiredForCompletion: true), .init(name: "watch")]),
        .weight(50),
      ])
    let result = Self.run(
      spec,
      scripts: [.step(1): [[.init(after: .minutes(1), .successful)], [.init(after: .minutes(30), .successful)]]])
    let watch = result.analysisRuns.first { $0.name.hasSuffix("-watch") }
    #expect(watch?.message == "Run Terminated")
    #expect(watch?.completedAt == Self.at(80))
    #expect(Self.time(result, "ExperimentSuccessful") == nil)
    #expect(result.finalStatus.currentStepIndex == 1)
    #expect(result.outcome.phase == .progressing)
  }

  // MARK: Item 5 — the abort message

  /// rollout/experiment.go:194-199: "Experiment analysis phase is error/failed: <experiment message>",
  /// the experiment's message being the failed run's (assessAnalysisRuns). The rollout goes back to
  /// step 0 with the canary at 0.
  @Test func failedExperimentAbortsWithGosMessage() {
    let spec = Self.rollout(steps: [.weight(25), Self.experiment(duration: 600), .weight(50)])
    let result = Self.run(
      spec, scripts: [.step(1): [[.init(after: .minutes(1), .failed, message: "Metric \"m\" assessed Failed")]]])
    #expect(result.outcome.phase == .degraded)
    #expect(
      result.finalStatus.message
        == "RolloutAborted: Rollout aborted update to revision 2: Experiment analysis phase is error/failed: Metric \"m\" assessed Failed"
    )
    #expect(result.finalStatus.currentStepIndex == 0)
    #expect(result.timeline.last?.replicas.first { $0.role == "canary" }?.desired == 0)
  }
}

extension ExperimentStepScenarioTests {
  // MARK: Item 6 — frozen while paused for an inconclusive analysis

  /// rollout/experiment.go `reconcileExperiments` returns before looking at the current experiment
  /// while the rollout carries an InconclusiveAnalysisRun pause condition: the experiment failing
  /// during that pause aborts nothing, and the status stops naming it. Promote clears the pause (a
  /// background run's inconclusiveness does not skip the step); Go then creates the step's
  /// experiment again, finds the name taken by the failed one and uses `<name>-1`, which succeeds
  /// after its 600 s.
  @Test func experimentFailingWhilePausedForAnInconclusiveAnalysisIsIgnored() {
    let spec = Self.rollout(
      steps: [.weight(25), Self.experiment(duration: 600), .weight(50)],
      background: BackgroundAnalysis(startingStep: 1))
    let result = Self.run(
      spec, actions: [.init(at: .minutes(3), command: .promote)],
      scripts: [
        .background: [[.init(after: .seconds(20), .inconclusive)], [.init(after: .seconds(10), .successful)]],
        .step(1): [
          [.init(after: .minutes(1), .failed, message: "Metric \"m\" assessed Failed")],
          [.init(after: .minutes(1), .successful)],
        ],
      ])
    #expect(Self.time(result, "ExperimentFailed") == Self.at(80))
    #expect(Self.time(result, "RolloutAborted") == nil)
    #expect(!result.outcome.aborted)
    let created = result.timeline.filter { $0.event == "ExperimentCreated" }.map(\.message)
    #expect(created.count == 2)
    #expect(created.last?.hasSuffix("-1'") == true)
    // The second experiment: created at promotion, pods available 10 s later, then 600 s.
    #expect(Self.time(result, "RolloutStepCompleted", "step 2/3") == Self.at(180 + 10 + 600))
    #expect(result.outcome.phase == .healthy)
  }
}

// Item 4 — experiment template weight: ExperimentWeightTests, ExperimentTrafficTests and
// ExperimentWeightScenarioTests.

extension ExperimentStepScenarioTests {
  // MARK: Item 9 — template pods that never become available

  /// experiments/experiment.go `reconcileTemplate`: a template short of its available pods for the
  /// experiment's progressDeadlineSeconds (the rollout's, rollout/experiment.go) fails; the
  /// experiment fails with the template's message and the rollout aborts.
  @Test func templatePodsThatNeverBecomeAvailableFailTheExperimentAtTheProgressDeadline() {
    let spec = Self.rollout(steps: [Self.experiment(duration: 600), .weight(50)])
    let result = Self.run(spec, startup: ["canary": .never])
    #expect(Self.time(result, "ExperimentFailed") == Self.at(600))
    #expect(result.analysisRuns.isEmpty)
    #expect(result.outcome.aborted)
    #expect(result.outcome.abortedAt == Self.at(600))
    #expect(
      result.finalStatus.message
        == "RolloutAborted: Rollout aborted update to revision 2: Experiment analysis phase is error/failed: Template 'canary' exceeded its progressDeadlineSeconds (600)"
    )
  }

  /// Templates are tracked one by one: the baseline template's pods are ready at 10 s, so only the
  /// canary template fails at its deadline, and its message is the experiment's.
  @Test func onlyTheTemplateShortOfPodsFails() {
    let spec = Self.rollout(steps: [
      Self.experiment(
        duration: 600,
        templates: [.init(name: "baseline", usesCanarySpec: false), .init(name: "canary", usesCanarySpec: true)]),
      .weight(50),
    ])
    let result = Self.run(spec, startup: ["stable": .fixed(.seconds(10)), "canary": .never])
    #expect(Self.time(result, "ExperimentFailed") == Self.at(600))
    #expect(result.finalStatus.message.hasSuffix("Template 'canary' exceeded its progressDeadlineSeconds (600)"))
  }
}
