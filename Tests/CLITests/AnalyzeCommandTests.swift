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
    return try performCommand(["analyze"] + resolved)
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

/// `analyze` on every AnalysisTemplate of the Argo examples, against the seed Istio scenario: each
/// ends with a phase (exit 0) or a diagnostic (exit 2), never a crash or a hang.
@Suite struct AnalyzeExamplesTests {
  static func perform(_ arguments: [String]) throws -> CommandOutput {
    try performCommand(["analyze"] + arguments)
  }

  /// The names inside "has several analyses (a, b); …" or the argument of "args.x was not resolved".
  static func capture(_ text: String, after prefix: String, before suffix: String) -> String? {
    guard let start = text.range(of: prefix), let end = text[start.upperBound...].range(of: suffix) else { return nil }
    return String(text[start.upperBound..<end.lowerBound])
  }

  @Test(.enabled(if: PackagePaths.sharedDataAvailable("argo-examples")))
  func everyExampleTemplate() throws {
    let scenario = PackagePaths.inPackage("scenarios/seed-istio-canary/healthy.yaml").path
    let files = PackagePaths.files(under: PackagePaths.sharedData("argo-examples"), extensions: ["yaml", "yml"]).filter {
      ((try? String(contentsOf: $0, encoding: .utf8)) ?? "").contains("AnalysisTemplate")
    }
    var phases: [String] = []
    for file in files {
      let base = [file.path, "--scenario", scenario, "--for", "10m"]
      var templates: [String?] = [nil]
      let first = try Self.perform(base)
      if let names = Self.capture(first.stderr, after: "has several analyses (", before: ")") {
        templates = names.components(separatedBy: ", ").map { $0 }
      }
      for template in templates {
        var arguments = base + (template.map { ["--template", $0] } ?? [])
        var output = try Self.perform(arguments)
        var rounds = 0
        while output.exitCode == 2, rounds < 10,
          let name = Self.capture(output.stderr, after: ": args.", before: " was not resolved")
        {
          arguments += ["--arg", "\(name)=\(name)-value"]
          output = try Self.perform(arguments)
          rounds += 1
        }
        if output.exitCode == 0 {
          let last = output.stdout.split(separator: "\n").last.map(String.init) ?? ""
          let phase = String(last.prefix { $0 != " " })
          #expect(["Successful", "Failed", "Error", "Inconclusive", "Running"].contains(phase), "\(file.lastPathComponent): \(last)")
          phases.append(phase)
        } else {
          #expect(output.exitCode == 2 && output.stderr.contains("error:"), "\(file.lastPathComponent): \(output.stderr)")
        }
      }
    }
    // rollout-secret, cluster-analysis-templates, traffic-management/job, appmesh, analysis-templates ×2.
    #expect(phases.count >= 6)
  }
}

@Suite struct AnalyzeTelemetryTests {
  /// The scenario's own templates only query `istio_requests_total`; an analysed template may read
  /// the latency histogram, which `analyze` therefore emits too.
  @Test func latencyHistogramOfTheSeedScenario() throws {
    let template = """
      kind: AnalysisTemplate
      apiVersion: argoproj.io/v1alpha1
      metadata: {name: latency}
      spec:
        metrics:
        - name: p99
          successCondition: result[0] < 500
          provider:
            prometheus:
              address: http://prometheus:9090
              query: histogram_quantile(0.99, sum by (le) (rate(istio_request_duration_milliseconds_bucket{reporter="source"}[1m])))
      """
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("latency-\(UUID().uuidString).yaml")
    try template.write(to: url, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: url) }
    let scenario = PackagePaths.inPackage("scenarios/seed-istio-canary/healthy.yaml").path
    let output = try AnalyzeExamplesTests.perform([url.path, "--scenario", scenario, "--for", "1m"])
    #expect(output.exitCode == 0)
    #expect(output.stdout.contains("Successful  [2"))
    #expect(output.stdout.hasSuffix("Successful at 0s\n"))
  }
}
