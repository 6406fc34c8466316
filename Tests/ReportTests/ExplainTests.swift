import Controller
import Report
import Simulation
import TestSupport
import Testing
import VirtualTime

@Suite struct ExplainTests {
  static let model = ReportFixtures.abortedCanary().model

  @Test func theFailureIsNarratedAsOneChainWithTheRule() {
    let lines = Explainer.narrate(Self.model)
    let failed = lines.first { $0.text.contains("AnalysisRun Failed") }
    #expect(
      failed?.text
        == "Measurement 7 of success-rate failed: 0.78 is not >= 0.95; failed (2) > failureLimit (1) → AnalysisRun Failed → rollout aborted, canary weight 0")
    #expect(failed?.rule?.contains("failureLimit") == true)
    #expect(failed?.notable == true)
  }

  @Test func theFirstBadMeasurementIsExplainedWithItsTally() {
    let lines = Explainer.narrate(Self.model).filter { $0.kind == .measurement }
    let texts = lines.map(\.text)
    #expect(texts.contains { $0.hasPrefix("Measurement 1 of success-rate") && $0.contains("0.998 >= 0.95") })
    let sixth = lines.first { $0.text.hasPrefix("Measurement 6 of success-rate") }
    #expect(sixth?.text.contains("0.81 is not >= 0.95") == true)
    #expect(sixth?.rule == "failed (1) ≤ failureLimit (1): the metric keeps measuring")
    // The deciding measurement is told by its run's line, not twice.
    #expect(!texts.contains { $0.hasPrefix("Measurement 7 ") })
  }

  @Test func stepsAndWeightsCiteTheirRules() {
    let lines = Explainer.narrate(Self.model)
    let scale = lines.first { $0.text.hasPrefix("Scaled up revision 2") }
    #expect(scale?.rule?.contains("ceil(20 × 4 / 100) = 1") == true)
    let pause = lines.first { $0.text.hasPrefix("Step 2/4 (pause: 2m): the rollout holds 20%") }
    #expect(pause != nil)
    let abort = lines.first { $0.text.hasPrefix("Rollout aborted update to revision 2") }
    #expect(abort?.rule?.contains("Failed or Error AnalysisRun") == true)
  }

  /// Go records no event for a missed progress deadline; the simulator's line for it is explained
  /// with the rule, so the Degraded phase never appears without a reason.
  @Test func aMissedProgressDeadlineIsExplained() {
    let stable = PodTemplate(hash: "a1b2c3", revisionName: "stable")
    let canary = PodTemplate(hash: "d4e5f6", revisionName: "canary")
    let spec = RolloutSpec(
      name: "demo", replicas: 4, progressDeadlineSeconds: 5, template: canary,
      strategy: .canary(CanaryStrategy(steps: [.weight(25), CanaryStep(pause: PauseStep(durationSeconds: nil))])))
    let setup = SimulationSetup(
      rollout: spec, stableTemplate: stable, templates: ["stable": stable, "canary": canary],
      podStartup: ["canary": .never], defaultPodStartup: .fixed(.seconds(10)))
    var simulator = Simulator(setup: setup, driver: ScriptedAnalysisDriver())
    let report = RunReport(scenario: "deadline", seed: 1, rollout: "demo", strategy: "canary", result: simulator.run())
    let line = Explainer.narrate(report.model).first { $0.text.hasPrefix("No progress for longer than progressDeadlineSeconds") }
    #expect(line?.text.contains("ReplicaSet \"demo-d4e5f6\" has timed out progressing.") == true)
    #expect(line?.rule?.contains("progressDeadlineAbort") == true)
    #expect(line?.notable == true)
  }

  @Test func linesAreInTimeOrder() {
    let times = Explainer.narrate(Self.model).map(\.t)
    #expect(times == times.sorted())
  }

  @Test func explainedTimelineMatchesGoldenFile() {
    let text = TimelineText(useColor: false, explain: true).render(Self.model)
    let diff = Golden.compare(text, toFile: "Tests/ReportTests/Golden/explain.txt")
    #expect(diff == nil, "\(diff ?? "")")
  }
}

@Suite struct ConditionThresholdTests {
  @Test(arguments: [
    ("result[0] > 0.9", ">", 0.9, "result[0]"),
    ("len(result) == 0 || isNaN(result[0]) || result[0] > 0.9", ">", 0.9, "result[0]"),
    ("result[0] >= 0.95", ">=", 0.95, "result[0]"),
    ("0.05 > result", "<", 0.05, "result"),
    ("(result[0] <= 250)", "<=", 250, "result[0]"),
    ("asFloat(result) < 0.01", "<", 0.01, "asFloat(result)"),
  ])
  func parses(_ condition: String, _ op: String, _ value: Double, _ subject: String) {
    let t = ConditionThreshold.parse(condition, meaning: .success)
    #expect(t?.op == op)
    #expect(t?.value == value)
    #expect(t?.subject == subject)
  }

  @Test(arguments: ["result[0] > 0.9 && result[1] < 5", "result == 'ok'", "true", "result[0] > args.x"])
  func conditionsWithoutOneThresholdHaveNone(_ condition: String) {
    #expect(ConditionThreshold.parse(condition, meaning: .success) == nil)
  }

  @Test func verdictsAgreeWithTheMeaning() {
    let success = ConditionThreshold.parse("result[0] > 0.9", meaning: .success)!
    #expect(success.verdict(for: "0.81", failed: true) == "0.81 is not > 0.9")
    #expect(success.verdict(for: "0.95", failed: false) == "0.95 > 0.9")
    let failure = ConditionThreshold.parse("result[0] < 0.9", meaning: .failure)!
    #expect(failure.verdict(for: "0.81", failed: true) == "0.81 < 0.9")
    #expect(success.holds(0.95) && !success.holds(0.9))
  }

  @Test(arguments: [("[0.81]", 0.81), ("0.5", 0.5), ("[1.5 2]", 1.5), ("[3, 4]", 3.0)])
  func measurementValuesReadTheFirstNumber(_ text: String, _ value: Double) {
    #expect(MeasurementValue.first(text) == value)
  }

  @Test(arguments: ["", "[]", "NaN", "[NaN]", "map[a:1]"])
  func valuesWithoutANumberHaveNone(_ text: String) {
    #expect(MeasurementValue.first(text) == nil)
  }
}
