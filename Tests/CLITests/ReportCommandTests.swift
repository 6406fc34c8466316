import ArgumentParser
import Foundation
import RolloutSimCLI
import TestSupport
import Testing

/// `report` and `run --explain`, run in-process on a tour scenario.
@Suite struct ReportCommandTests {
  static let scenario = PackagePaths.inPackage("scenarios/tour/01-happy-canary.yaml").path

  static func perform(_ arguments: [String]) throws -> CommandOutput {
    try performCommand(arguments)
  }

  @Test func writesASelfContainedHTMLFile() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rollout-sim-report-\(getpid())")
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("nested/tour.html").path
    let output = try Self.perform(["report", Self.scenario, "-o", path])
    #expect(output.exitCode == 0)
    #expect(output.stderr.hasPrefix("wrote \(path)"))
    let html = try String(contentsOfFile: path, encoding: .utf8)
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    #expect(html.contains("<svg class=\"chart chart-weights\""))
    #expect(html.contains("tour-01-happy-canary"))
  }

  @Test func writesMarkdownToStdout() throws {
    let output = try Self.perform(["report", Self.scenario, "--format", "md", "-o", "-"])
    #expect(output.exitCode == 0)
    #expect(output.stdout.hasPrefix("## ✔ tour-01-happy-canary: Healthy"))
    #expect(output.stdout.contains("### Steps"))
  }

  @Test func aStoredRunIDIsLookedUpInTheStoreNotMistakenForAFile() throws {
    let db = FileManager.default.temporaryDirectory.appendingPathComponent("rollout-sim-absent-\(UUID().uuidString).sqlite").path
    let output = try Self.perform(["report", "42", "--db", db])
    #expect(output.exitCode == 2)
    #expect(output.stderr.hasPrefix("error: no run store at \(db)"))
  }

  @Test func aBrokenScenarioIsInvalidInput() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rollout-sim-report-bad-\(getpid())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("bad.yaml").path
    try Data("apiVersion: rollout-sim/v1alpha1\nkind: Scenario\nspec: {manifests: [missing.yaml]}\n".utf8).write(to: URL(fileURLWithPath: path))
    let output = try Self.perform(["report", path, "-o", "-"])
    #expect(output.exitCode == 2)
    #expect(output.stdout.isEmpty)
    #expect(output.stderr.contains("error"))
  }

  @Test func runExplainNarratesTheDecisions() throws {
    let output = try Self.perform(["run", Self.scenario, "--explain", "--no-store"])
    #expect(output.exitCode == 0)
    #expect(output.stdout.contains("↳ The pod template changed"))
    #expect(output.stdout.contains("rule: a setWeight step completes when"))
    #expect(!output.stdout.contains("\u{1B}["))
  }

  @Test func explainIsRefusedWithJSON() {
    #expect(throws: (any Error).self) { try RolloutSim.parseAsRoot(["run", Self.scenario, "--explain", "--format", "json"]) }
  }
}
