import Analysis
import Controller
import Diagnostics
import Foundation
import Simulation
import Testing
import VirtualTime

/// Spec rows 17 and 18 end to end: a step analysis run by the engine inside the simulator decides the
/// rollout.
@Suite struct StepAnalysisScenarioTests {
  static func simulate(template: String, providers: String) throws -> SimulationResult {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("step-analysis-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let rollout = """
      apiVersion: argoproj.io/v1alpha1
      kind: Rollout
      metadata: {name: demo}
      spec:
        replicas: 4
        selector: {matchLabels: {app: demo}}
        template:
          metadata: {labels: {app: demo}}
          spec: {containers: [{name: app, image: "demo:2"}]}
        strategy:
          canary:
            steps:
            - setWeight: 25
            - analysis: {templates: [{templateName: check}]}
            - pause: {}
      """
    let scenario = """
      apiVersion: rollout-sim/v1alpha1
      kind: Scenario
      metadata: {name: step-analysis}
      spec:
        manifests: [rollout.yaml, template.yaml]
        pods: {readyAfter: 10s}
        horizon: 1h
        providers:
      \(providers)
      """
    try rollout.write(to: dir.appendingPathComponent("rollout.yaml"), atomically: true, encoding: .utf8)
    try template.write(to: dir.appendingPathComponent("template.yaml"), atomically: true, encoding: .utf8)
    try scenario.write(to: dir.appendingPathComponent("scenario.yaml"), atomically: true, encoding: .utf8)
    let loaded = ScenarioLoader.load(path: dir.appendingPathComponent("scenario.yaml").path)
    let loadedScenario = try #require(loaded.scenario, "\(loaded.diagnostics.map(\.message))")
    let setup = ScenarioLoader.setup(for: loadedScenario)
    var simulator = Simulator(setup: setup, driver: EngineAnalysisDriver(scenario: loadedScenario, seed: setup.seed))
    return simulator.run()
  }

  static let web = """
      web:
        check:
          - {from: 0s, body: '{"ok": true}'}
          - {from: 40s, body: '{"ok": false}'}
  """

  @Test func row18_failedSecondMeasurementAbortsAtOneMinute() throws {
    let template = """
      apiVersion: argoproj.io/v1alpha1
      kind: AnalysisTemplate
      metadata: {name: check}
      spec:
        metrics:
        - name: check
          interval: 1m
          count: 5
          successCondition: result == true
          provider: {web: {url: "http://check.example/", jsonPath: "{$.ok}"}}
      """
    let result = try Self.simulate(template: template, providers: Self.web)
    let run = try #require(result.analysisRuns.first)
    let measurements = try #require(run.metrics.first?.measurements)
    #expect(measurements.map(\.phase) == ["Successful", "Failed"])
    #expect(measurements[1].t == measurements[0].t + .seconds(60))
    #expect(run.phase == "Failed")
    #expect(run.completedAt == measurements[1].t)
    #expect(result.outcome.aborted)
    #expect(result.outcome.abortedAt == measurements[1].t)
    #expect(result.outcome.message.contains("Metric \"check\" assessed Failed due to failed (1) > failureLimit (0)"))
    // The abort resets the index and sends all traffic back: the basic canary goes to 0 pods.
    #expect(result.finalStatus.currentStepIndex == 0)
    #expect(result.timeline.last?.weights.canary == 0)
    #expect(result.timeline.last?.replicas.first { $0.role == "canary" }?.desired == 0)
  }

  @Test func row17_countWithoutIntervalErrorsTheRunAndAbortsTheRollout() throws {
    let template = """
      apiVersion: argoproj.io/v1alpha1
      kind: AnalysisTemplate
      metadata: {name: check}
      spec:
        metrics:
        - name: check
          count: 2
          successCondition: result == true
          provider: {web: {url: "http://check.example/", jsonPath: "{$.ok}"}}
      """
    let result = try Self.simulate(template: template, providers: Self.web)
    let run = try #require(result.analysisRuns.first)
    #expect(run.phase == "Error")
    #expect(run.message.contains("interval must be specified when count > 1"))
    #expect(result.outcome.phase == .degraded)
    #expect(result.outcome.aborted)
    #expect(result.finalStatus.currentStepIndex == 0)
  }
}
