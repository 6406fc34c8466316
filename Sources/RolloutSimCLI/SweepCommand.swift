import ArgumentParser
import Diagnostics
import Foundation
import Report
import VirtualTime
import Simulation
import Store
import WhatIf

extension RolloutSim {
  struct Sweep: PerformingCommand {
    static let configuration = CommandConfiguration(
      abstract: "Run a grid of variations × release profiles × seeds on all cores, store every run, rank the variants.",
      discussion: """
        Reads a `kind: Sweep` file (design §4.3): the scenario to vary, `seeds`, the `vary` grid (fields of the \
        Rollout, of an AnalysisTemplate or of the scenario) and the `releases` (good and bad) that give each \
        run its ground truth. Every cell is loaded and checked before anything runs. Runs go to the store \
        (--db) in batched transactions as they finish; at the end the ranking is printed (as `compare` does). \
        By default a sweep keeps each run's outcome, figures and timeline; --detail full also keeps every \
        measurement and the chart series (hundreds of MB for long plans). Any run can be replayed in full \
        with `run`: the store keeps its scenario, seed and parameters.

        A sweep that is killed loses no stored run: run the same command with --resume and it finishes the \
        missing runs only, ending with exactly the statistics of an uninterrupted sweep.

        Examples:
          rollout-sim sweep scenarios/sweeps/istio-canary-plans.yaml
          rollout-sim sweep my-sweep.yaml --resume --workers 4
          rollout-sim sweep my-sweep.yaml --detail summary --format json

        Exit codes: 0 done; 2 invalid input (diagnostics on stderr) or an unusable store; 64 usage error.
        """)

    @Argument(help: "The sweep file (kind: Sweep).")
    var sweep: String

    @OptionGroup var store: StoreOptions

    @Flag(help: "Finish the last interrupted sweep of this file instead of starting a new one.")
    var resume = false

    @Option(help: "Worker threads (default: one per core).")
    var workers: Int?

    @Option(
      help: """
        What to keep of each run: summary (outcome and figures), timeline (plus the timeline and the \
        AnalysisRuns' verdicts) or full (plus every measurement and the chart series, as `run` keeps).
        """)
    var detail: RunDetail = .timeline

    @Option(help: "Output format: text or json.")
    var format: RunFormat = .text

    func validate() throws {
      if let workers, workers < 1 { throw ValidationError("--workers must be at least 1") }
      if resume && store.noStore { throw ValidationError("--resume needs the store; drop --no-store") }
    }

    func perform(_ output: inout CommandOutput) throws {
      guard let plan = loadPlan(&output) else { return }
      let runStore: RunStore
      do {
        runStore = try RunStore(path: store.noStore ? ":memory:" : store.db)
      } catch {
        output.printError("error: \(error)")
        output.exitCode = ExitStatus.invalidInput
        return
      }
      do {
        let info = try execute(plan, in: runStore, output: &output)
        let statistics = SweepStatistics(
          variantNames: info.variants, outcomes: try runStore.sweepOutcomes(sweepID: info.id))
        switch format {
        case .text: output.write(ComparisonRendering.text(statistics, sweep: info))
        case .json: output.write(ComparisonRendering.json(statistics, sweep: info).rendered() + "\n")
        }
      } catch {
        output.printError("error: \(error)")
        output.exitCode = ExitStatus.invalidInput
      }
    }

    /// The sweep file, its scenario and every cell of the grid, or nil with the diagnostics printed.
    func loadPlan(_ output: inout CommandOutput) -> SweepPlan? {
      let loaded = SweepLoader.load(path: sweep)
      var diagnostics = loaded.diagnostics
      var sources = loaded.sources
      var plan: SweepPlan?
      if let spec = loaded.spec {
        let scenario = ScenarioLoader.load(path: spec.scenarioPath)
        diagnostics += scenario.diagnostics
        sources.merge(scenario.sources) { a, _ in a }
        if let base = scenario.scenario {
          let built = SweepPlan.build(spec: spec, scenario: base)
          diagnostics += built.diagnostics
          sources.merge(built.sources) { a, _ in a }
          plan = built.plan
        }
      }
      let renderer = DiagnosticRenderer(sources: sources, useColor: output.useColor)
      if plan == nil || diagnostics.contains(where: { $0.severity == .error }) {
        output.writeError(renderer.render(diagnostics))
        output.printError(DiagnosticRenderer.summary(diagnostics))
        output.exitCode = ExitStatus.invalidInput
        return nil
      }
      let warnings = diagnostics.filter { $0.severity == .warning }
      if !warnings.isEmpty { output.writeError(renderer.render(warnings)) }
      return plan
    }

    /// Registers (or finds, with --resume) the sweep and runs what is missing.
    func execute(_ plan: SweepPlan, in runStore: RunStore, output: inout CommandOutput) throws -> SweepInfo {
      let source = ScenarioSource(plan.scenario)
      let scenarioID = try runStore.scenarioID(for: source)
      let hash = RunStore.sweepHash(sweepText: plan.spec.text, scenarioHash: source.hash, detail: detail)
      var sweepID: Int64
      if resume, let unfinished = try runStore.unfinishedSweep(hash: hash) {
        sweepID = unfinished.id
        output.printError(
          "resuming sweep \(plan.spec.name) #\(sweepID): \(unfinished.finished) of \(unfinished.taskCount) runs already stored")
      } else {
        if resume {
          if let changed = try runStore.latestSweep(named: plan.spec.name), changed.hash != hash, !changed.isComplete {
            output.printError(
              "note: sweep #\(changed.id) of '\(plan.spec.name)' cannot be resumed: its file, scenario or --detail changed; starting a new sweep")
          } else {
            output.printError("note: no interrupted sweep of this file in \(store.db); starting a new sweep")
          }
        }
        sweepID = try runStore.createSweep(plan, scenarioID: scenarioID, hash: hash, detail: detail)
      }
      let pending = try runStore.pendingTasks(sweepID: sweepID)
      let total = plan.taskCount
      var progress = SweepProgress(total: total, done: total - pending.count, enabled: output.isTerminal && isatty(STDERR_FILENO) == 1)
      let halt = SweepTestHalt.fromEnvironment()
      let detail = self.detail
      var stored = total - pending.count
      do {
        try SweepExecutor.run(
          tasks: pending, workers: workers ?? SweepExecutor.defaultWorkers,
          work: { index in
            let task = plan.task(at: index)
            let result = plan.run(task)
            return RunRecord(
              result: result, setup: plan.setup(for: task), parameters: Self.parameters(of: task, in: plan), detail: detail)
          },
          consume: { batch in
            try runStore.saveSweepRuns(sweepID: sweepID, scenarioID: scenarioID, batch.map { ($0.task, $0.output) }) {
              halt?.inTransaction(stored: stored + batch.count)
            }
            stored += batch.count
            halt?.afterCommit(stored: stored)
            progress.advance(to: stored)
          })
      } catch {
        progress.finish()
        throw error
      }
      progress.finish()
      guard let info = try runStore.sweep(id: sweepID) else { throw StoreError.notFound("sweep #\(sweepID) vanished") }
      return info
    }

    /// What the store records about a sweep run beside its seed: its variant, release and the fields set.
    static func parameters(of task: SweepTask, in plan: SweepPlan) -> [RunParameter] {
      let variant = plan.variants[task.variant]
      var parameters = [RunParameter("sweep", plan.spec.name), RunParameter("variant", variant.name)]
      parameters.append(RunParameter("release", plan.releases[task.release].name))
      if let horizon = plan.spec.horizon { parameters.append(RunParameter("horizon", horizon.description)) }
      parameters += variant.assignments.map { RunParameter($0.path, $0.value) }
      return parameters
    }
  }
}

extension RunDetail: ExpressibleByArgument {}
