import ArgumentParser
import Diagnostics
import Foundation
import Insights

extension RolloutSim {
  struct Test: PerformingCommand {
    static let configuration = CommandConfiguration(
      abstract: "Run the scenarios that carry `expect` and check what happened, like `promtool test rules`.",
      discussion: TestHelp.discussion)

    @Argument(help: "Scenario or sweep files, or folders searched for them (default: scenarios/).")
    var paths: [String] = []

    @Option(name: .customLong("junit"), help: "Also write a JUnit XML report to this file.")
    var junit: String?

    @Option(help: "Output format: text, or md (a Markdown summary for a CI step).")
    var format: TestFormat = .text

    @Flag(help: "Fail a scenario whose run has insight findings (blind metric, diluted signal, GitOps drift…).")
    var strict = false

    func perform(_ output: inout CommandOutput) throws {
      let (found, problems) = TestDiscovery.find(paths.isEmpty ? ["scenarios/"] : paths)
      let display = TestPaths()
      var cases: [TestCase] = []
      var sources: [String: SourceText] = [:]
      for file in found {
        switch file.kind {
        case "Sweep":
          let run = TestSweeps.run(path: file.path, displayPath: display.display(file.path))
          cases.append(display.display(run.testCase))
          sources.merge(display.display(run.sources)) { current, _ in current }
        default:
          let run = ScenarioTester.run(path: file.path, displayPath: display.display(file.path), strict: strict)
          cases.append(display.display(run.testCase))
          sources.merge(display.display(run.sources)) { current, _ in current }
        }
      }
      let report = TestReport(cases: cases)
      // Problems with the input go to stderr, rendered with their source lines.
      let renderer = DiagnosticRenderer(sources: sources, useColor: output.useColor)
      let invalid = problems + cases.flatMap(\.diagnostics)
      if !invalid.isEmpty { output.writeError(renderer.render(invalid)) }
      switch format {
      case .text: output.write(TestTextOutput.render(report, useColor: output.useColor))
      case .md: output.write(MarkdownSummary.render(report))
      }
      if let junit {
        do {
          try Data(JUnitWriter.render(report).utf8).write(to: URL(fileURLWithPath: junit))
        } catch {
          output.printError("error: cannot write the JUnit report to \(junit): \(error.localizedDescription)")
          output.exitCode = ExitStatus.invalidInput
          return
        }
      }
      if !problems.isEmpty || report.count(.invalid) > 0 {
        output.exitCode = ExitStatus.invalidInput
      } else if report.count(.failed) > 0 {
        output.exitCode = ExitStatus.checkFailed
      }
    }
  }
}

enum TestFormat: String, ExpressibleByArgument, CaseIterable {
  case text, md
}

enum TestHelp {
  static let discussion = """
    Every file with `kind: Scenario` (or `kind: Sweep`) under the given paths runs; files without an \
    `expect` block are listed as skipped. A scenario runs with its own seed, then each expectation is \
    checked (design §6.3):

      phase: Healthy           final phase: Healthy, Degraded, Paused, Progressing
      aborted: true            also promoted: false
      abortedWithin: 15m       aborted at most 15m after the update; promotedWithin
      step: 4                  furthest step index reached; or a bound like ">= 2"
      analysisRuns: {Background: Successful, call-api: Failed}
                               the last run of a kind or template ended so
      canaryErrors: "<= 500"   failed requests the canary served; or {min, max}
      badRequests: "<= 1000"   failed requests users saw, from any revision
      detectionRate: ">= 90%"  sweeps: bad releases aborted; falseRollbackRate

    A failure prints expected against actual. The run's insight findings (blind metrics, diluted \
    signals, GitOps drift, background analyses that stop guarding) are listed under each file; with \
    --strict they fail it.

    Exit codes: 0 all passed; 1 an expectation failed; 2 invalid input (a file or an expect block); 64 usage.

    Examples:
      rollout-sim test
      rollout-sim test scenarios/seed-istio-canary --junit report.xml
      rollout-sim test --format md >> "$GITHUB_STEP_SUMMARY"
    """
}
