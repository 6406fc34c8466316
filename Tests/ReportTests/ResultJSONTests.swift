import Controller
import Foundation
import Report
import Simulation
import Testing
import VirtualTime

@Suite struct ResultJSONTests {
  static func report() -> RunReport {
    let spec = RolloutSpec(
      name: "demo", replicas: 2, template: PodTemplate(hash: "b", revisionName: "canary"),
      strategy: .canary(CanaryStrategy(steps: [.weight(50), .pause(seconds: 30)])))
    let setup = SimulationSetup(rollout: spec, stableTemplate: PodTemplate(hash: "a", revisionName: "stable"))
    var simulator = Simulator(setup: setup, driver: ScriptedAnalysisDriver())
    return RunReport(scenario: "s", seed: 7, rollout: "demo", strategy: "canary", result: simulator.run())
  }

  @Test func keysFollowTheContractOrder() {
    let json = ResultJSON.render(Self.report())
    let keys = ["\"scenario\"", "\"seed\"", "\"rollout\"", "\"strategy\"", "\"outcome\"", "\"timeline\"", "\"analysisRuns\"", "\"traffic\"", "\"diagnostics\""]
    let positions = keys.map { json.range(of: $0)?.lowerBound }
    #expect(positions.allSatisfy { $0 != nil })
    #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
    #expect(json.contains("\"phase\": \"Healthy\""))
  }

  /// `traffic.experiments` appears only when experiment templates served requests, after the four
  /// contract fields.
  @Test func experimentTrafficIsListedOnlyWhenThereIsSome() {
    var report = Self.report()
    #expect(!ResultJSON.render(report).contains("\"experiments\""))
    report.result.traffic.experiments = [
      ExperimentTraffic(
        experiment: "demo-b-2-1", template: "baseline", service: "demo-b-2-1-baseline", revision: "stable",
        requests: 1500, errors: 3)
    ]
    let json = ResultJSON.render(report)
    let fields = ["\"canaryErrors\"", "\"experiments\"", "\"template\": \"baseline\"", "\"requests\": 1500"]
    let positions = fields.map { json.range(of: $0)?.lowerBound }
    #expect(positions.allSatisfy { $0 != nil }, "\(json)")
    #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
    #expect(TimelineText().render(report).contains("experiment template baseline served 1,500 requests, 3 failed"))
  }

  @Test func renderingIsByteIdenticalForEqualRuns() {
    #expect(ResultJSON.render(Self.report()) == ResultJSON.render(Self.report()))
  }

  @Test(arguments: [
    (JSONValue.number(0.5), "0.5"), (.number(30), "30"), (.number(.nan), "\"NaN\""), (.number(-.infinity), "\"-Inf\""),
    (.string("a\"b\n"), #""a\"b\n""#), (.array([.int(1), .int(2)]), "[1, 2]"), (.object([]), "{}"),
  ])
  func scalarsRender(_ value: JSONValue, _ text: String) {
    #expect(value.rendered() == text)
  }

  @Test func timelineTextShowsStatusSymbols() {
    let text = TimelineText().render(Self.report())
    #expect(text.contains("◌ Progressing"))
    #expect(text.contains("✔ Healthy"))
    #expect(text.contains("RolloutStepCompleted"))
  }
}
