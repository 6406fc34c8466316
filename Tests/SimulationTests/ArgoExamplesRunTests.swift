import Controller
import Diagnostics
import VirtualTime
import Foundation
import Simulation
import TestSupport
import Testing

/// Issue 6: every canary example of the Argo Rollouts repository runs under a default scenario to a
/// terminal state or an explicit pause — never a crash or a hang.
@Suite struct ArgoExamplesRunTests {
  static let examples = "argo-examples"

  /// Example files with a canary Rollout, and the files holding the templates they reference.
  static let canaryExamples = [
    "rollout-canary.yaml", "rollout-rolling-update.yaml", "rollout-analysis-step.yaml",
    "rollout-background-analysis.yaml", "rollout-experiment-step.yaml", "rollout-baseline-vs-canary.yaml",
    "rollout-canary-preview.yaml", "rollout-secret.yaml", "rollout-template-ref.yaml", "workload-ref/workload-ref.yaml",
    "istio/istio-subset-split.yaml", "istio/istio-mirror.yaml",
    "traffic-routing-experiment-step/istio-host-split-experiment-step.yaml",
    "traffic-routing-experiment-step/rollout-alb-experiment-step.yaml",
    "traffic-routing-experiment-step/rollout-smi-experiment-step.yaml", "ambassador/rollout.yaml",
    "apisix/rollout.yaml", "appmesh/canary-rollout.yaml", "notifications/rollout-canary.yaml",
  ]

  static func scenario(for example: String) throws -> String {
    let root = PackagePaths.sharedData(examples).path
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("argo-example-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let text = """
      apiVersion: rollout-sim/v1alpha1
      kind: Scenario
      metadata: {name: example}
      spec:
        manifests:
        - \(root)/\(example)
        - \(root)/analysis-templates.yaml
        - \(root)/cluster-analysis-templates.yaml
        seed: 3
        pods: {readyAfter: 5s}
        traffic: {rps: 50}
        providers:
          job:
            pass: {successRate: 100%, duration: 5s}
            random-fail: {successRate: 100%, duration: 5s}
          web:
            webmetric: {status: 200, body: '{"message": "It worked!"}'}
      """
    let path = dir.appendingPathComponent("scenario.yaml").path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test(.enabled(if: PackagePaths.sharedDataAvailable(examples)), arguments: canaryExamples)
  func runsToAnEnd(_ example: String) throws {
    let path = try Self.scenario(for: example)
    let loaded = ScenarioLoader.load(path: path)
    let scenario = try #require(loaded.scenario, "\(example): \(loaded.diagnostics.filter { $0.severity == .error }.map(\.message))")
    let setup = ScenarioLoader.setup(for: scenario, horizon: .hours(24 * 7))
    let result = SimulationRunner.run(setup: setup, scenario: scenario)
    // Settled: Healthy, Degraded, paused, or waiting for an operator with nothing scheduled.
    #expect(
      result.stopReason == .settled,
      "\(example) did not settle: \(result.outcome.phase.rawValue) \(result.outcome.message), stopped by \(result.stopReason)")
    #expect(result.endedAt < SimInstant.zero + .hours(24 * 7))
  }
}
