import ArgumentParser
import Foundation
import RolloutSimCLI
import Testing
import TestSupport

@Suite struct AnalyzeCommandTests {
  static let rollout = """
    apiVersion: argoproj.io/v1alpha1
    kind: Rollout
    metadata: {name: demo}
    spec:
      replicas: 2
      selector: {matchLabels: {app: demo}}
      template:
        metadata: {labels: {app: demo}}
        spec: {containers: [{name: app, image: "demo:2"}]}
      strategy:
        canary:
          steps: [{setWeight: 20}, {pause: {}}]
    """

  static let scenario = """
    apiVersion: rollout-sim/v1alpha1
    kind: Scenario
    metadata: {name: analyze-test}
    spec:
      manifests: [rollout.yaml]
      seed: 1
      providers:
        job:
          random-fail: {successRate: 50%, duration: {min: 2s, max: 20s}}
        web:
          smoke:
            - {from: 0s, body: '{"status": "ok"}'}
            - {from: 2m, status: 503}
    """

  static let templates = """
    apiVersion: argoproj.io/v1alpha1
    kind: AnalysisTemplate
    metadata: {name: random-fail}
    spec:
      metrics:
      - name: random-fail
        interval: 30s
        count: 12
        failureLimit: -1
        consecutiveSuccessLimit: 12
        provider:
          job:
            spec:
              backoffLimit: 0
              template:
                spec:
                  containers: [{name: flip, image: alpine:3.8}]
                  restartPolicy: Never
    ---
    apiVersion: argoproj.io/v1alpha1
    kind: AnalysisTemplate
    metadata: {name: smoke}
    spec:
      args: [{name: host}]
      metrics:
      - name: smoke
        interval: 1m
        provider:
          web: {url: "http://{{args.host}}/health", jsonPath: "{$.status}"}
    ---
    apiVersion: argoproj.io/v1alpha1
    kind: AnalysisTemplate
    metadata: {name: datadog}
    spec:
      metrics:
      - name: error-rate
        provider:
          datadog: {query: "avg:errors{*}"}
    """

  /// Runs `rollout-sim analyze` in a directory holding the files above.
  static func run(_ arguments: [String]) throws -> CommandOutput {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("analyze-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    try rollout.write(to: dir.appendingPathComponent("rollout.yaml"), atomically: true, encoding: .utf8)
    try scenario.write(to: dir.appendingPathComponent("scenario.yaml"), atomically: true, encoding: .utf8)
    try templates.write(to: dir.appendingPathComponent("templates.yaml"), atomically: true, encoding: .utf8)
    let resolved = arguments.map { argument in
      ["scenario.yaml", "templates.yaml"].contains(argument) ? dir.appendingPathComponent(argument).path : argument
    }
    let command = try RolloutSim.parseAsRoot(["analyze"] + resolved)
    guard let performing = command as? any PerformingCommand else { throw ValidationError("not a PerformingCommand") }
    var output = CommandOutput()
    try performing.perform(&output)
    return output
  }

  @Test func jobOutcomesFollowTheSeed() throws {
    let base = ["templates.yaml", "--template", "random-fail", "--scenario", "scenario.yaml"]
    let first = try Self.run(base)
    #expect(first.exitCode == 0)
    #expect(first.stdout.hasPrefix("AnalysisRun random-fail — scenario analyze-test, seed 1, canary weight 20%, up to 1h\n"))
    #expect(first.stdout.contains("the Job completed"))
    #expect(first.stdout.contains("the Job failed"))
    #expect(try Self.run(base).stdout == first.stdout)
    let other = try Self.run(base + ["--seed", "2"])
    #expect(other.stdout != first.stdout)
  }

  @Test func webMetricOverTimeAsJSON() throws {
    let output = try Self.run([
      "templates.yaml", "--template", "smoke", "--scenario", "scenario.yaml", "--arg", "host=smoke.example",
      "--for", "10m", "--format", "json",
    ])
    #expect(output.exitCode == 0)
    #expect(output.stdout.contains(#""kind": "Standalone""#))
    #expect(output.stdout.contains(#""value": "\"ok\"""#))
    #expect(output.stdout.contains("received non 2xx response code: 503"))
    #expect(output.stdout.contains(#""phase": "Error""#))
  }

  @Test func missingArgumentIsInvalidInputWithAHint() throws {
    let output = try Self.run(["templates.yaml", "--template", "smoke", "--scenario", "scenario.yaml"])
    #expect(output.exitCode == 2)
    #expect(output.stderr.contains("cannot build an AnalysisRun from smoke: args.host was not resolved"))
    #expect(output.stderr.contains("--arg host=VALUE"))
  }

  @Test func unsimulatedProviderIsNamed() throws {
    let output = try Self.run(["templates.yaml", "--template", "datadog", "--scenario", "scenario.yaml"])
    #expect(output.exitCode == 0)
    #expect(output.stdout.contains("the datadog provider is not simulated"))
    #expect(output.stderr.contains("warning: rollout-sim: the datadog provider is not simulated"))
  }

  @Test func severalTemplatesNeedAChoice() throws {
    let output = try Self.run(["templates.yaml", "--scenario", "scenario.yaml"])
    #expect(output.exitCode == 2)
    #expect(output.stderr.contains("choose one with --template NAME"))
  }
}
