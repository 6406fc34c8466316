import ArgumentParser
import Foundation
import RolloutSimCLI
import Testing
import TestSupport

/// `rollout-sim lint`, run in-process.
@Suite struct LintCommandTests {
  static func run(_ arguments: [String], terminal: Bool = false, noColor: Bool = true) throws -> CommandOutput {
    try performCommand(["lint"] + arguments, output: CommandOutput(isTerminal: terminal, noColor: noColor))
  }

  static let root = PackagePaths.root.path + "/"
  static func inPackage(_ path: String) -> String { root + path }
  /// The output with the absolute package path removed, as a user running from the root sees it.
  static func relative(_ text: String) -> String { text.replacingOccurrences(of: root, with: "") }

  @Test func theSeedAsShownMatchesTheGoldenFile() throws {
    let output = try Self.run([Self.inPackage("scenarios/seed/as-shown")])
    #expect(output.exitCode == 2)
    let text = Self.relative(output.stdout)
    if let difference = Golden.compare(text, toFile: "scenarios/seed/expected/lint-as-shown.txt") {
      Issue.record(Comment(rawValue: difference))
    }
  }

  /// The seed's real defects, each at its line and column.
  @Test(arguments: [
    ("analysis-call-api.yaml:2:13: error: no matches for kind \"AnalysisTemplate\" in version \"argoproj.io/vlalpha1\"", "did you mean 'argoproj.io/v1alpha1'?"),
    ("analysis-istio-prom-kpi-check.yaml:2:13: error: no matches for kind", "did you mean 'argoproj.io/v1alpha1'?"),
    ("application.yaml:1:13: error: no matches for kind \"Application\"", "did you mean 'argoproj.io/v1alpha1'?"),
    ("rollout-canary-istio.yaml:30:27: error: Duration needs to be greater than 0", "Go durations have no day unit: write 120h"),
    ("rollout-canary-istio.yaml:32:27: error: Duration needs to be greater than 0", "Go durations have no day unit: write 24h"),
    ("analysis-prometheus-kpi-check.yaml:20:94: warning: stray '}' after {{args.namespace}}", "remove the third closing brace"),
    ("analysis-istio-prom-kpi-check.yaml:19:26: error: failed to resolve {{args.api-token}}", "declare 'api-token' under spec.args"),
    ("rollout-canary-openshift.yaml:30:13: error: YAML syntax error", "these look like analysis arguments: add an `args:` key"),
  ])
  func seedDefectsAreReportedAtTheirLines(finding: String, hint: String) throws {
    let output = Self.relative(try Self.run([Self.inPackage("scenarios/seed/as-shown")]).stdout)
    let lines = output.components(separatedBy: "\n")
    let index = try #require(lines.firstIndex { $0.hasPrefix("scenarios/seed/as-shown/" + finding) }, "missing: \(finding)")
    #expect(lines[index...].prefix(6).contains { $0.contains("hint: " + hint) })
  }

  /// The corrected copy passes the controller's validation; what remains are the insight findings the
  /// slides' design leaves (design §7): see scenarios/seed/NOTES.md.
  @Test func theCorrectedSeedHasOnlyInsightFindings() throws {
    let output = try Self.run([Self.inPackage("scenarios/seed/corrected")])
    #expect(output.exitCode == 0)
    #expect(output.stdout.contains("0 errors, "))
    let rules = output.stdout.components(separatedBy: "\n").filter { $0.contains(": warning: ") || $0.contains(": error: ") }
      .compactMap { $0.split(separator: "[").last?.dropLast() }
    #expect(Set(rules) == ["blind-metric", "diluted-signal", "gitops-drift"])
  }

  static func temporaryFile(_ text: String, name: String = "lint-test.yaml") throws -> String {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rollout-sim-lint-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let url = directory.appendingPathComponent(name)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }

  static let onlyWarnings = """
    apiVersion: v1
    kind: Service
    metadata: {name: s}
    spec: {selector: {app: a}, colour: blue}
    """

  @Test func exitCodesFollowSeverityAndStrict() throws {
    let path = try Self.temporaryFile(Self.onlyWarnings)
    #expect(try Self.run([path]).exitCode == 0)
    #expect(try Self.run(["--strict", path]).exitCode == 1)
    let broken = try Self.temporaryFile("a: [\n")
    #expect(try Self.run([broken]).exitCode == 2)
    #expect(try Self.run([path + ".missing"]).exitCode == 2)
  }

  @Test func filesAndGlobsAreBothAccepted() throws {
    let path = try Self.temporaryFile(Self.onlyWarnings, name: "svc.yaml")
    let directory = (path as NSString).deletingLastPathComponent
    let glob = try Self.run([directory + "/*.yaml"])
    #expect(glob.stdout.contains("svc.yaml:4:"))
    #expect(glob.stdout.contains("in 1 file"))
    let none = try Self.run([directory + "/*.json"])
    #expect(none.stdout.contains("no files match"))
    #expect(none.exitCode == 2)
  }

  @Test func jsonOutputIsTheDiagnosticsContract() throws {
    let path = try Self.temporaryFile(Self.onlyWarnings)
    let output = try Self.run(["--format", "json", path])
    struct Document: Decodable {
      struct Entry: Decodable {
        var severity: String
        var file: String
        var line: Int
        var column: Int
        var message: String
        var hint: String?
        var rule: String?
      }
      var diagnostics: [Entry]
    }
    let document = try JSONDecoder().decode(Document.self, from: Data(output.stdout.utf8))
    let entry = try #require(document.diagnostics.first)
    #expect(entry.severity == "warning")
    #expect(entry.file == path)
    #expect(entry.line == 4 && entry.column == 28)
    #expect(entry.message == "unknown field \"spec.colour\"")
    #expect(entry.rule == "unknown-field")
  }

  @Test func colourOnlyOnATerminalWithoutNoColor() throws {
    let path = try Self.temporaryFile(Self.onlyWarnings)
    #expect(try Self.run([path], terminal: true, noColor: false).stdout.contains("\u{1B}["))
    #expect(!(try Self.run([path], terminal: true, noColor: true).stdout.contains("\u{1B}[")))
    #expect(!(try Self.run([path], terminal: false, noColor: false).stdout.contains("\u{1B}[")))
  }

  @Test func helpTeachesWhatIsChecked() throws {
    let lint = type(of: try RolloutSim.parseAsRoot(["lint", "x.yaml"]))
    let help = RolloutSim.helpMessage(for: lint, columns: 120)
    #expect(help.contains("Exit codes"))
    #expect(help.contains("helm template"))
    #expect(help.contains("rollout-sim lint scenarios/seed/corrected"))
  }

  @Test func withoutPathsItIsAUsageError() {
    #expect(throws: (any Error).self) { try RolloutSim.parseAsRoot(["lint"]) }
  }
}
