import ArgumentParser
import Foundation
import RolloutSimCLI
import TestSupport
import Testing

@Suite struct RunCommandTests {
  static func run(_ arguments: [String]) throws -> CommandOutput {
    // Tests never leave a rollout-sim.sqlite in the working directory.
    try performCommand(arguments.first == "run" ? arguments + ["--no-store"] : arguments)
  }

  static let scenario = PackagePaths.inPackage("scenarios/seed-openshift-canary/bad-release.yaml").path

  @Test func sameSeedGivesByteIdenticalJSON() throws {
    let a = try Self.run(["run", Self.scenario, "--format", "json", "--seed", "5"])
    let b = try Self.run(["run", Self.scenario, "--format", "json", "--seed", "5"])
    #expect(a.exitCode == 0)
    #expect(!a.stdout.isEmpty)
    #expect(a.stdout == b.stdout)
  }

  @Test func differentSeedsServeDifferentRequestCounts() throws {
    func requests(_ seed: String) throws -> Int {
      let out = try Self.run(["run", Self.scenario, "--format", "json", "--seed", seed])
      let json = try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any]
      return (json?["traffic"] as? [String: Any])?["requests"] as? Int ?? -1
    }
    let first = try requests("1")
    let second = try requests("2")
    #expect(first > 0 && second > 0)
    #expect(first != second)
  }

  @Test func invalidScenarioExitsTwoWithCarets() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("run-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let path = dir.appendingPathComponent("bad.yaml").path
    try """
      apiVersion: rollout-sim/v1alpha1
      kind: Scenario
      spec:
        manifests: []
        seed: many
      """.write(toFile: path, atomically: true, encoding: .utf8)
    let out = try Self.run(["run", path])
    #expect(out.exitCode == 2)
    #expect(out.stderr.contains("bad.yaml:5:9: error: spec.seed must be an integer"))
    #expect(out.stderr.contains("^"))
  }

  @Test func queryOverAScenariosTelemetry() throws {
    let out = try Self.run([
      "query", #"sum(rate(haproxy_backend_http_responses_total{route="stable"}[1m]))"#, "--scenario", Self.scenario,
      "--at", "5m", "--format", "json",
    ])
    #expect(out.exitCode == 0, "\(out.stderr)")
    #expect(out.stdout.contains(#""resultType": "vector""#) || out.stdout.contains(#""resultType":"vector""#))
    #expect(out.stdout.contains("\"value\""))
  }
}
