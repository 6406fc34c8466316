import ArgumentParser
import Foundation
import RolloutSimCLI
import TestSupport
import Testing

/// `report` of a real run whose experiment step gives its templates a router weight: tour 03 (an
/// Istio canary whose background analysis reads `istio_requests_total`) with its first pause made an
/// experiment of a baseline and a candidate template at weight 5 each.
@Suite struct ReportExperimentTrafficTests {
  static func perform(_ arguments: [String]) throws -> CommandOutput {
    try performCommand(arguments)
  }

  static let experiment = """
          - experiment:
              duration: 2m
              templates:
              - {name: baseline, specRef: stable, weight: 5}
              - {name: candidate, specRef: canary, weight: 5}
    """

  @Test func theTemplatesServedRequestsInTheTableAndHaveTheirOwnLines() throws {
    let tour = PackagePaths.inPackage("scenarios/tour")
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rollout-sim-experiment-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try FileManager.default.copyItem(at: tour.appendingPathComponent("manifests"), to: folder.appendingPathComponent("manifests"))
    let rollout = folder.appendingPathComponent("manifests/rollout-background.yaml")
    let original = try String(contentsOf: rollout, encoding: .utf8)
    let pause = "      - setWeight: 20\n      - pause: {duration: 2m}\n"
    try #require(original.contains(pause))
    try original.replacingOccurrences(of: pause, with: "      - setWeight: 20\n" + Self.experiment + "\n")
      .write(to: rollout, atomically: true, encoding: .utf8)
    try FileManager.default.copyItem(
      at: tour.appendingPathComponent("03-bad-canary-background-analysis.yaml"), to: folder.appendingPathComponent("s.yaml"))

    let html = try Self.perform(["report", folder.appendingPathComponent("s.yaml").path, "-o", "-"])
    #expect(html.exitCode == 0, "\(html.stderr)")
    #expect(html.stdout.contains("<tr><th>Served by experiment template baseline</th><td>"))
    #expect(html.stdout.contains("<tr><td>experiment template candidate (experiment checkout-"))
    #expect(html.stdout.contains(", profile canary)</td>"))
    // The Istio counters name the templates' workloads: dashed lines of their own, after the revisions'.
    #expect(html.stdout.contains(">canary · rev 2 requests/s</text>"))
    #expect(html.stdout.contains(">experiment baseline requests/s</text>"))
    #expect(html.stdout.contains(">experiment candidate errors %</text>"))
    #expect(html.stdout.contains("Dashed lines are experiment templates' pods"))

    let markdown = try Self.perform(["report", folder.appendingPathComponent("s.yaml").path, "--format", "md", "-o", "-"])
    #expect(markdown.stdout.contains("| Served by experiment template candidate | "))
    #expect(markdown.stdout.contains("### Traffic\n\n| served by | requests | failed | failed share |"))
  }
}
