import ArgumentParser
import Diagnostics
import Foundation
import Insights
import Report
import Simulation
import Store

extension RolloutSim {
  struct ReportCommand: PerformingCommand {
    static let configuration = CommandConfiguration(
      commandName: "report",
      abstract: "Write a self-contained HTML report (charts, explain narrative) or a Markdown summary of a run or a sweep.",
      discussion: """
        TARGET is one of:
          a scenario file         run now (like `run`, with --seed, --horizon)
          RUN_ID, run:ID          a stored run (`runs list`), replayed (below)
          sweep:ID, sweep:NAME, NAME
                                  a stored sweep: `compare --format html|md`
        An existing file always means a scenario; a bare number always means a run: write sweep:3 for \
        sweep 3; a sweep's name means its latest sweep.

        The run report has no external resources: inline CSS and SVG charts of the traffic weight and pods \
        over virtual time with the steps as bands, requests and errors per revision, every metric's \
        measurements against its threshold, the AnalysisRuns, and the explain narrative. --format md \
        writes Markdown for a CI step summary.

        A stored run is simulated again (the simulation is deterministic per seed) from its stored \
        scenario and manifest texts, seed and horizon, never from today's files; a sweep's run from its \
        sweep's stored text, with its variant, release and seed, and titled with them (the sweep's name, \
        variant, good/bad release and seed). The replay is checked against the stored \
        outcome, times, event count and traffic: if they differ the run was stored by a different version, \
        and the report (and stderr) warns that it shows today's replay.

        Examples:
          rollout-sim report scenarios/seed-istio-canary/broken-release.yaml
          rollout-sim report scenarios/tour/02-bad-canary-inline-analysis.yaml -o reports/tour-02.html
          rollout-sim report my-scenario.yaml --format md -o "$GITHUB_STEP_SUMMARY"
          rollout-sim report my-scenario.yaml --format md -o -   # to stdout
          rollout-sim report 12                 # run 12 of rollout-sim.sqlite
          rollout-sim report run:12 --db sweeps.sqlite -o reports/run-12.html
          rollout-sim report sweep:3 --format md -o -
          rollout-sim report istio-canary-plans # its latest sweep

        Default output: reports/<scenario>.html for a scenario, reports/<scenario>-run-<ID>.html for a \
        run, reports/<sweep>.html for a sweep (.md with --format md).

        Exit codes: 0 written; 2 invalid input (diagnostics on stderr), no store, no such run or sweep, or \
        an unusable store; 64 usage error.
        """)

    @Argument(help: "A scenario file, a stored run (ID, run:ID) or a stored sweep (sweep:ID, sweep:NAME, NAME).")
    var target: String

    @Option(name: [.short, .customLong("output")], help: "Where to write: a file path, or - for stdout (default: reports/<name>.html or .md).")
    var output: String?

    @Option(help: "Output format: html or md.")
    var format: ReportFormat = .html

    @Option(help: "Seed for sampled traffic and pod start-up times (default: the scenario's, else 1). Scenario files only.")
    var seed: UInt64?

    @Option(help: "Stop at this virtual time after the update, e.g. 30m, 12h, 6d (default: settled + 5m). Scenario files only.")
    var horizon: String?

    @Option(help: "The run store (SQLite file) that stored runs and sweeps are read from.")
    var db: String = StoreOptions.defaultPath

    func validate() throws {
      if let horizon, ScenarioDurations.parse(horizon) == nil {
        throw ValidationError("--horizon: invalid duration '\(horizon)' (write e.g. 30m, 12h, 6d)")
      }
    }

    func perform(_ out: inout CommandOutput) throws {
      guard let resolved = ReportTarget(target, fileExists: FileManager.default.fileExists(atPath: target)) else {
        out.printError(ReportTarget.missingMessage(target))
        out.exitCode = ExitStatus.invalidInput
        return
      }
      if case .scenario(let path) = resolved {
        reportScenario(path, into: &out)
        return
      }
      // A stored run replays with its own seed and horizon; overriding them would report another run.
      if seed != nil || horizon != nil {
        out.printError("error: --seed and --horizon apply to a scenario file; a stored run is replayed with its stored seed and horizon")
        out.exitCode = ExitStatus.usage
        return
      }
      do {
        let store = try openStore(for: resolved)
        switch resolved {
        case .scenario: break
        case .run(let id): try reportRun(id, from: store, into: &out)
        case .sweep(let reference): try reportSweep(try Compare.find(reference, in: store), from: store, into: &out)
        case .name(let name): try reportSweep(try Self.sweep(named: name, in: store), from: store, into: &out)
        }
      } catch let unloadable as StoredRunReplay.Unloadable {
        out.writeError(DiagnosticRenderer(sources: unloadable.sources, useColor: false).render(unloadable.diagnostics))
        out.printError("error: the stored texts of run \(target) no longer load; this version cannot replay it")
        out.exitCode = ExitStatus.invalidInput
      } catch {
        out.printError("error: \(error)")
        out.exitCode = ExitStatus.invalidInput
      }
    }

    /// The store; for a bare name without one, an error that also considers a mistyped scenario path.
    func openStore(for target: ReportTarget) throws -> RunStore {
      do {
        return try RunStore(path: db, create: false)
      } catch {
        if case .name(let name) = target, case .missing(let path) = error {
          throw StoreError.notFound(
            "no scenario file '\(name)', and no run store at \(path) to look for a sweep of that name (pass --db PATH)")
        }
        throw error
      }
    }

    func reportScenario(_ path: String, into out: inout CommandOutput) {
      let loaded = ScenarioLoader.load(path: path)
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
      let insights = RunInsights.check(scenario: scenario, setup: setup, result: result).diagnostics
      let report = RunReport(scenario: scenario, setup: setup, result: result, diagnostics: warnings + insights)
      ReportFile.write(render(report), to: output ?? ReportFile.defaultPath(name: scenario.name, format: format), into: &out)
    }

    func reportRun(_ id: Int64, from store: RunStore, into out: inout CommandOutput) throws {
      guard let run = try store.run(id: id) else {
        // A bare number is a run id; if it is a sweep's, say how to ask for the sweep.
        let sweepHint = try store.sweep(id: id).map { "; sweep \(id) (\($0.name)) exists: `rollout-sim report sweep:\(id)`" }
        throw StoreError.notFound("no run \(id) in \(db)\(sweepHint ?? " (see `rollout-sim runs list`)")")
      }
      let replay = try StoredRunReplay.replay(run, from: store)
      var diagnostics = replay.warnings
      if !replay.differences.isEmpty {
        let message =
          "run \(id) was stored by a different version; this report shows today's replay ("
          + replay.differences.joined(separator: "; ") + ")"
        diagnostics.append(.warning(message, rule: "replay-differs"))
        out.printError("warning: \(message)")
      }
      diagnostics += RunInsights.check(scenario: replay.scenario, setup: replay.setup, result: replay.result).diagnostics
      let report = RunReport(
        scenario: replay.scenario, setup: replay.setup, result: replay.result, diagnostics: diagnostics,
        sweepRun: replay.sweepRun)
      let name = "\(replay.scenario.name)-run-\(id)"
      ReportFile.write(render(report), to: output ?? ReportFile.defaultPath(name: name, format: format), into: &out)
    }

    func reportSweep(_ sweep: SweepInfo, from store: RunStore, into out: inout CommandOutput) throws {
      let text = try Compare.render(sweep, from: store, format: format == .html ? .html : .md)
      ReportFile.write(text, to: output ?? ReportFile.defaultPath(name: sweep.name, format: format), into: &out)
    }

    /// A bare name: the latest sweep of that name, or an error that also considers a mistyped file.
    static func sweep(named name: String, in store: RunStore) throws(StoreError) -> SweepInfo {
      if let info = try store.latestSweep(named: name) { return info }
      let names = Array(Set(try store.sweeps().map(\.name))).sorted()
      let known = names.isEmpty ? "the store has no sweep" : "sweeps: \(names.joined(separator: ", "))"
      throw .notFound("no scenario file '\(name)' and no sweep of that name in \(store.path) (\(known))")
    }

    func render(_ report: RunReport) -> String {
      format == .html ? HTMLReport.render(report) : MarkdownReport.render(report)
    }
  }
}
