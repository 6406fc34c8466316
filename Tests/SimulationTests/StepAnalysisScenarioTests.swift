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
    let rollout = YAMLScenario.canaryRollout(
      replicas: 4,
      canary: """
        steps:
        - setWeight: 25
        - analysis: {templates: [{templateName: check}]}
        - pause: {}
        """)
    let scenario = YAMLScenario.scenario(
      manifests: ["rollout.yaml", "template.yaml"],
      spec: """
        pods: {readyAfter: 10s}
        horizon: 1h
        providers:
        """ + "\n" + providers)
    return try YAMLScenario.run(scenario: scenario, files: ["rollout.yaml": rollout, "template.yaml": template])
  }

  static let web = """
      web:
        check:
          - {from: 0s, body: '{"ok": true}'}
          - {from: 40s, body: '{"ok": false}'}
  """

  @Test func row18_failedSecondMeasurementAbortsAtOneMinute() throws {
    let template = YAMLScenario.checkTemplate(
      metric: """
        interval: 1m
        count: 5
        successCondition: result == true
        provider: {web: {url: "http://check.example/", jsonPath: "{$.ok}"}}
        """)
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
    let template = YAMLScenario.checkTemplate(
      metric: """
        count: 2
        successCondition: result == true
        provider: {web: {url: "http://check.example/", jsonPath: "{$.ok}"}}
        """)
    let result = try Self.simulate(template: template, providers: Self.web)
    let run = try #require(result.analysisRuns.first)
    #expect(run.phase == "Error")
    #expect(run.message.contains("interval must be specified when count > 1"))
    #expect(result.outcome.phase == .degraded)
    #expect(result.outcome.aborted)
    #expect(result.finalStatus.currentStepIndex == 0)
  }
}
