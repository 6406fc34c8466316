import Diagnostics
import Foundation
import Simulation
import Testing

/// Runs a scenario written as YAML files (manifests as users write them), so a test covers the path
/// from the manifest field to the simulated outcome.
enum YAMLScenario {
  /// Writes `files` (name → text) and `scenario.yaml` into a fresh folder, loads and runs it.
  static func run(scenario: String, files: [String: String]) throws -> SimulationResult {
    var simulator = try simulator(scenario: scenario, files: files)
    return simulator.run()
  }

  /// The simulator `run` drives, for tests that also inspect the cluster it leaves behind.
  static func simulator(scenario: String, files: [String: String]) throws -> Simulator<EngineAnalysisDriver> {
    let loaded = try load(scenario: scenario, files: files)
    let loadedScenario = try #require(loaded.scenario, "\(loaded.diagnostics.map(\.message))")
    let setup = ScenarioLoader.setup(for: loadedScenario)
    return Simulator(setup: setup, driver: EngineAnalysisDriver(scenario: loadedScenario, seed: setup.seed))
  }

  /// Writes `files` and `scenario.yaml` into a fresh folder and loads the scenario (what `run` reads
  /// and warns about before simulating).
  static func load(scenario: String, files: [String: String]) throws -> ScenarioLoader.Loaded {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yaml-scenario-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    for (name, text) in files {
      try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    try scenario.write(to: dir.appendingPathComponent("scenario.yaml"), atomically: true, encoding: .utf8)
    return ScenarioLoader.load(path: dir.appendingPathComponent("scenario.yaml").path)
  }

  /// A canary Rollout named `demo` whose `strategy.canary` body is `canary` (indented by the caller's
  /// YAML as a block under `canary:`).
  static func canaryRollout(replicas: Int, canary: String) -> String {
    """
    apiVersion: argoproj.io/v1alpha1
    kind: Rollout
    metadata: {name: demo}
    spec:
      replicas: \(replicas)
      selector: {matchLabels: {app: demo}}
      template:
        metadata: {labels: {app: demo}}
        spec: {containers: [{name: app, image: "demo:2"}]}
      strategy:
        canary:
    \(canary.split(separator: "\n", omittingEmptySubsequences: false).map { "      " + $0 }.joined(separator: "\n"))
    """
  }

  /// An AnalysisTemplate named `check` with one metric `check` whose fields (under `- name: check`)
  /// are `metric`.
  static func checkTemplate(metric: String) -> String {
    """
    apiVersion: argoproj.io/v1alpha1
    kind: AnalysisTemplate
    metadata: {name: check}
    spec:
      metrics:
      - name: check
    \(metric.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n"))
    """
  }

  /// A scenario over `manifests` with the given extra `spec` lines (two-space indented under spec).
  static func scenario(manifests: [String], spec: String = "") -> String {
    """
    apiVersion: rollout-sim/v1alpha1
    kind: Scenario
    metadata: {name: yaml-scenario}
    spec:
      manifests: [\(manifests.joined(separator: ", "))]
    \(spec.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n"))
    """
  }

}
