import ArgumentParser
import Foundation
import RolloutSimCLI
import Testing
import TestSupport

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// `rollout-sim test`, run in-process.
@Suite struct TestCommandTests {
  static func run(_ arguments: [String]) throws -> CommandOutput {
    try performCommand(["test"] + arguments)
  }

  static func inPackage(_ path: String) -> String { PackagePaths.inPackage(path).path }

  static func folder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rollout-sim-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
  }

  /// A copy of a bundled scenario in a temporary folder, its manifests still the package's, with
  /// `edit` applied to its text.
  static func scenario(_ bundled: String, named name: String, in folder: URL, edit: (String) -> String = { $0 }) throws -> String {
    let original = try String(contentsOfFile: inPackage(bundled), encoding: .utf8)
    let bundledFolder = (inPackage(bundled) as NSString).deletingLastPathComponent
    var absolute = original.replacingOccurrences(of: "../seed/", with: inPackage("scenarios/seed") + "/")
    // Manifests beside the bundled scenario (`- routes.yaml`) stay where they are.
    absolute = absolute.split(separator: "\n", omittingEmptySubsequences: false).map { line in
      line.hasPrefix("  - ") && !line.hasPrefix("  - /") && line.hasSuffix(".yaml") ? "  - \(bundledFolder)/\(line.dropFirst(4))" : String(line)
    }.joined(separator: "\n")
    let url = folder.appendingPathComponent(name)
    try edit(absolute).write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }

  static func wrongPhase(_ text: String) -> String {
    text.replacingOccurrences(of: "    phase: Healthy\n", with: "    phase: Degraded\n    abortedWithin: 10m\n")
  }

  /// The acceptance: every bundled scenario carries `expect` and passes.
  @Test func everyBundledScenarioPasses() throws {
    let output = try Self.run([Self.inPackage("scenarios")])
    #expect(output.exitCode == 0, "\(output.stdout)\n\(output.stderr)")
    // Only sweeps may lack `expect` (a sweep of hundreds of seeds is not a CI test).
    for line in output.stdout.split(separator: "\n") where line.hasPrefix("SKIP") {
      let path = String(line.dropFirst(6).prefix { $0 != " " })
      let text = try String(contentsOfFile: path, encoding: .utf8)
      #expect(text.contains("\nkind: Sweep\n"), "a bundled scenario has no expect block: \(line)")
    }
    #expect(output.stdout.contains(" passed, 0 failed, "))
    #expect(output.stdout.contains("scenarios/sweeps/ci-canary-detection.yaml (ci-canary-detection): 1 variant × 2 releases × 20 seeds = 40 runs"))
  }

  /// The acceptance: a deliberately wrong expectation fails with a readable diff.
  @Test func aWrongExpectationFailsWithExpectedAgainstActual() throws {
    let folder = try Self.folder()
    let path = try Self.scenario("scenarios/seed-openshift-canary/healthy.yaml", named: "wrong.yaml", in: folder, edit: Self.wrongPhase)
    let output = try Self.run([path])
    #expect(output.exitCode == 1)
    let expected = """
      FAIL  \(path) (seed-openshift-canary-healthy): Healthy, promoted at 00:36:37.050
          \(path):31:12: phase
            - expected: Degraded
            + actual:   Healthy
          \(path):32:20: abortedWithin
            - expected: aborted within 10m
            + actual:   not aborted (Healthy)

      """
    #expect(output.stdout.hasPrefix(expected), "\(output.stdout)")
    #expect(output.stdout.hasSuffix("1 file: 0 passed, 1 failed, 0 skipped\n"))
  }

  @Test func anInvalidExpectBlockIsInvalidInputWithPositions() throws {
    let folder = try Self.folder()
    let path = try Self.scenario("scenarios/seed-bluegreen/healthy.yaml", named: "typo.yaml", in: folder) {
      $0.replacingOccurrences(of: "    promoted: true\n", with: "    promotd: true\n")
    }
    let output = try Self.run([path])
    #expect(output.exitCode == 2)
    #expect(output.stderr.contains("\(path):36:5: error: unknown expectation \"expect.promotd\" [expect]"))
    #expect(output.stderr.contains("   hint: did you mean 'promoted'?"))
    #expect(output.stdout.contains("ERROR \(path) (seed-bluegreen-healthy): invalid expect block"))
  }

  @Test func scenariosWithoutExpectAreListedAsSkipped() throws {
    let folder = try Self.folder()
    _ = try Self.scenario("scenarios/seed-bluegreen/healthy.yaml", named: "none.yaml", in: folder) {
      String($0[..<($0.range(of: "  expect:")?.lowerBound ?? $0.endIndex)])
    }
    // Manifests beside scenarios are not tests.
    try "apiVersion: v1\nkind: Service\nmetadata: {name: s}\n".write(
      to: folder.appendingPathComponent("service.yaml"), atomically: true, encoding: .utf8)
    let output = try Self.run([folder.path])
    #expect(output.exitCode == 0)
    #expect(output.stdout.contains("SKIP  \(folder.path)/none.yaml (seed-bluegreen-healthy): no expect block"))
    #expect(output.stdout.contains("1 file: 0 passed, 0 failed, 1 skipped"))
  }

  @Test func pathsThatAreNotScenariosAreInvalidInput() throws {
    let missing = try Self.run(["/nonexistent/scenarios"])
    #expect(missing.exitCode == 2)
    #expect(missing.stderr.contains("/nonexistent/scenarios: no such file or directory"))
    let manifest = try Self.run([Self.inPackage("scenarios/seed/corrected/service-canary.yaml")])
    #expect(manifest.exitCode == 2)
    #expect(manifest.stderr.contains("is not a scenario or a sweep (its first document has kind: Service)"))
  }

  @Test func strictFailsOnInsightFindings() throws {
    let path = Self.inPackage("scenarios/seed-openshift-canary/as-shown.yaml")
    #expect(try Self.run([path]).exitCode == 0)
    let strict = try Self.run(["--strict", path])
    #expect(strict.exitCode == 1)
    #expect(strict.stdout.contains("[blind-metric]"))
  }

  @Test func markdownSummaryForACIStep() throws {
    let output = try Self.run(["--format", "md", Self.inPackage("scenarios/seed-bluegreen")])
    #expect(output.exitCode == 0)
    #expect(output.stdout.hasPrefix("### rollout-sim test: ✅ 3 passed · ❌ 0 failed · ⏭️ 0 skipped\n"))
    #expect(output.stdout.contains("| ✅ | seed-bluegreen-smoke-fails |"))
  }

  /// The acceptance: the JUnit file parses as XML and says what happened.
  @Test func junitReadsBackWithAnXMLParser() throws {
    let folder = try Self.folder()
    _ = try Self.scenario("scenarios/seed-openshift-canary/healthy.yaml", named: "a-wrong.yaml", in: folder, edit: Self.wrongPhase)
    _ = try Self.scenario("scenarios/seed-openshift-canary/bad-release.yaml", named: "b-right.yaml", in: folder)
    _ = try Self.scenario("scenarios/seed-bluegreen/healthy.yaml", named: "c-skipped.yaml", in: folder) {
      String($0[..<($0.range(of: "  expect:")?.lowerBound ?? $0.endIndex)])
    }
    let junit = folder.appendingPathComponent("report.xml")
    let output = try Self.run(["--junit", junit.path, folder.path])
    #expect(output.exitCode == 1)

    let parsed = try #require(JUnitReader.read(try Data(contentsOf: junit)))
    let root = try #require(parsed.first { $0.name == "testsuites" })
    #expect(root.attributes["tests"] == "3" && root.attributes["failures"] == "1" && root.attributes["skipped"] == "1")
    #expect(root.attributes["errors"] == "0")
    let cases = parsed.filter { $0.name == "testcase" }
    #expect(cases.map { $0.attributes["name"] } == ["seed-openshift-canary-healthy", "seed-openshift-canary-bad-release", "seed-bluegreen-healthy"])
    let failure = try #require(parsed.first { $0.name == "failure" })
    #expect(failure.attributes["message"] == "phase: expected Degraded, actual Healthy; abortedWithin: expected aborted within 10m, actual not aborted (Healthy)")
    #expect(failure.text.contains("  - expected: Degraded\n  + actual:   Healthy"))
    #expect(parsed.first { $0.name == "skipped" }?.attributes["message"] == "no expect block")
    #expect(parsed.contains { $0.name == "system-out" && $0.text.contains("[blind-metric]") })
  }
}

/// The elements of an XML document, in document order, read with Foundation's XMLParser.
final class JUnitReader: NSObject, XMLParserDelegate {
  struct Element {
    var name: String
    var attributes: [String: String]
    var text = ""
  }

  private var elements: [Element] = []
  private var open: [Int] = []

  static func read(_ data: Data) -> [Element]? {
    let reader = JUnitReader()
    let parser = XMLParser(data: data)
    parser.delegate = reader
    return parser.parse() ? reader.elements : nil
  }

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
    attributes: [String: String] = [:]
  ) {
    elements.append(Element(name: elementName, attributes: attributes))
    open.append(elements.count - 1)
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    if let last = open.last { elements[last].text += string }
  }

  func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
    open.removeLast()
  }
}

/// Sweeps under `test`: rates over seeds against `expect` bounds.
@Suite struct TestSweepCommandTests {
  static func sweep(_ expect: String, in folder: URL) throws -> String {
    let original = try String(contentsOfFile: TestCommandTests.inPackage("scenarios/sweeps/ci-canary-detection.yaml"), encoding: .utf8)
    let text = original
      .replacingOccurrences(of: "../tour/", with: TestCommandTests.inPackage("scenarios/tour") + "/")
      .replacingOccurrences(of: "seeds: 20", with: "seeds: 5")
      .replacingOccurrences(of: "    detectionRate: \">= 95%\"\n    falseRollbackRate: \"<= 5%\"\n", with: expect)
    let url = folder.appendingPathComponent("sweep.yaml")
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }

  @Test func aRateOutOfItsBoundFailsWithTheInterval() throws {
    let path = try Self.sweep("    detectionRate: \"<= 50%\"\n    falseRollbackRate: {max: 0}\n", in: try TestCommandTests.folder())
    let output = try TestCommandTests.run([path])
    #expect(output.exitCode == 1)
    #expect(output.stdout.contains("""
          \(path):21:20: detectionRate
            - expected: <= 50%
            + actual:   100% (5 of 5 bad releases aborted; 95% interval 56.6%–100%)
      """))
    #expect(!output.stdout.contains("falseRollbackRate"))
  }

  @Test func scenarioExpectationsInASweepAreInvalid() throws {
    let path = try Self.sweep("    phase: Healthy\n", in: try TestCommandTests.folder())
    let output = try TestCommandTests.run([path])
    #expect(output.exitCode == 2)
    #expect(output.stderr.contains("\(path):21:5: error: unknown expectation \"expect.phase\" [expect]"))
    #expect(output.stderr.contains("a sweep expects detectionRate and falseRollbackRate"))
  }
}
