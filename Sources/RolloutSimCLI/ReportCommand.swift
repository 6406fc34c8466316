import ArgumentParser
import Diagnostics
import Foundation
import Report
import Simulation

extension RolloutSim {
  struct ReportCommand: PerformingCommand {
    static let configuration = CommandConfiguration(
      commandName: "report",
      abstract: "Write a self-contained HTML report (charts, explain narrative) or a Markdown summary of a run.",
      discussion: """
        TARGET is a scenario file: the scenario is run (like `run`) and reported. The HTML file has no \
        external resources: inline CSS and SVG charts of the traffic weight and pods over virtual time with \
        the steps as bands, requests and errors per revision, every metric's measurements against its \
        threshold, the AnalysisRuns, and the explain narrative. --format md writes Markdown for a CI step \
        summary.

        Examples:
          rollout-sim report scenarios/seed-istio-canary/broken-release.yaml
          rollout-sim report scenarios/tour/02-bad-canary-inline-analysis.yaml -o reports/tour-02.html
          rollout-sim report my-scenario.yaml --format md -o "$GITHUB_STEP_SUMMARY"
          rollout-sim report my-scenario.yaml --format md -o -        # to stdout

        Stored runs and sweeps (RUN_ID, SWEEP_ID) are reported from the run store once it exists.

        Exit codes: 0 written; 2 invalid input (diagnostics on stderr); 64 usage error.
        """)

    @Argument(help: "A scenario file (kind: Scenario).")
    var target: String

    @Option(name: [.short, .customLong("output")], help: "Where to write: a file path, or - for stdout (default: reports/<scenario>.html or .md).")
    var output: String?

    @Option(help: "Output format: html or md.")
    var format: ReportFormat = .html

    @Option(help: "Seed for sampled traffic and pod start-up times (default: the scenario's, else 1).")
    var seed: UInt64?

    @Option(help: "Stop at this virtual time after the update, e.g. 30m, 12h, 6d (default: settled + 5m).")
    var horizon: String?

    func validate() throws {
      if let horizon, ScenarioDurations.parse(horizon) == nil {
        throw ValidationError("--horizon: invalid duration '\(horizon)' (write e.g. 30m, 12h, 6d)")
      }
    }

    func perform(_ out: inout CommandOutput) throws {
      guard FileManager.default.fileExists(atPath: target) else {
        out.printError(ReportTarget.missingMessage(target))
        out.exitCode = ExitStatus.invalidInput
        return
      }
      let loaded = ScenarioLoader.load(path: target)
      let renderer = DiagnosticRenderer(sources: loaded.sources, useColor: false)
      guard let scenario = loaded.scenario else {
        out.writeError(renderer.render(loaded.diagnostics))
        out.printError(DiagnosticRenderer.summary(loaded.diagnostics))
        out.exitCode = ExitStatus.invalidInput
        return
      }
      let warnings = loaded.diagnostics.filter { $0.severity != .error }
      let setup = ScenarioLoader.setup(for: scenario, seed: seed, horizon: horizon.flatMap(ScenarioDurations.parse))
      let result = SimulationRunner.run(setup: setup, scenario: scenario)
      let report = RunReport(scenario: scenario, setup: setup, result: result, diagnostics: warnings)
      let text = format == .html ? HTMLReport.render(report) : MarkdownReport.render(report)
      ReportTarget.write(text, to: output ?? ReportTarget.defaultPath(name: scenario.name, format: format), into: &out)
    }
  }
}

enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
  case html, md

  var fileExtension: String { rawValue }
}

/// Where reports go and how a missing target is explained.
enum ReportTarget {
  static func defaultPath(name: String, format: ReportFormat) -> String {
    let safe = HTMLEscape.token(name).trimmingCharacters(in: CharacterSet(charactersIn: "-"))
    return "reports/\(safe.isEmpty ? "report" : safe).\(format.fileExtension)"
  }

  static func missingMessage(_ target: String) -> String {
    if !target.isEmpty, target.allSatisfy({ $0.isNumber || $0 == "-" || ($0.isLetter && $0.isLowercase) }), !target.contains(".") {
      return "error: '\(target)' is not a scenario file. Reporting stored runs and sweeps (RUN_ID, SWEEP_ID) needs the run store, which this build does not have yet; pass a scenario file."
    }
    return "error: cannot read scenario file \(target)"
  }

  /// Writes `text` to `path` (creating its folder), or to stdout for `-`.
  static func write(_ text: String, to path: String, into out: inout CommandOutput) {
    if path == "-" {
      out.write(text)
      return
    }
    let url = URL(fileURLWithPath: path)
    do {
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(text.utf8).write(to: url)
      out.printError("wrote \(path) (\(text.utf8.count / 1024 + 1) KB)")
    } catch {
      out.printError("error: cannot write \(path): \(error.localizedDescription)")
      out.exitCode = ExitStatus.invalidInput
    }
  }
}
