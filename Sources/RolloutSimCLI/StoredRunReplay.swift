import Diagnostics
import Report
import Simulation
import Store
import WhatIf

/// A stored run simulated again from the texts the store kept, for a report.
///
/// A full report needs the `SimulationResult` (every sample of telemetry, every measurement), which the
/// store keeps only in part; the simulation is deterministic per seed, so the run is replayed instead:
/// the stored scenario and manifest texts (never today's files), the stored seed and horizon, and for a
/// sweep's run the sweep's plan rebuilt from the stored sweep text with that run's task. The replay is
/// then checked against the stored record (`differences`).
struct StoredRunReplay {
  var run: StoredRun
  var scenario: Scenario
  var setup: SimulationSetup
  var result: SimulationResult
  /// Warnings from loading the stored texts, as `report SCENARIO` shows them.
  var warnings: [Diagnostic]
  /// How the replay differs from what was stored (see `ReplayCheck`); empty when it matches.
  var differences: [String]
  /// For a sweep's run: the sweep, and the variant and release of its task in today's plan.
  var sweepRun: SweepRunIdentity?

  /// The stored texts no longer load (this version checks something the storing one did not).
  struct Unloadable: Error {
    var diagnostics: [Diagnostic]
    var sources: [String: SourceText]
  }

  static func replay(_ run: StoredRun, from store: RunStore) throws -> StoredRunReplay {
    guard let source = try store.scenarioSource(hash: run.scenarioHash) else {
      throw StoreError.notFound("the store has no scenario texts for run \(run.id) (hash \(run.scenarioHash))")
    }
    let loaded = ScenarioLoader.load(
      text: source.text, path: source.path, manifests: .texts(source.manifests.map { ($0.path, $0.text) }))
    guard let base = loaded.scenario else { throw Unloadable(diagnostics: loaded.diagnostics, sources: loaded.sources) }
    var warnings = loaded.diagnostics.filter { $0.severity != .error }
    var differences: [String] = []
    var sweepRun: SweepRunIdentity?

    let scenario: Scenario
    let setup: SimulationSetup
    if let sweepID = run.sweepID {
      let task = try sweepTask(of: run, sweepID: sweepID, base: base, from: store)
      scenario = task.scenario
      setup = task.setup
      warnings += task.warnings
      differences += task.mismatches
      sweepRun = task.identity
    } else {
      let horizon = run.record.parameter("horizon").flatMap(ScenarioDurations.parse)
      scenario = base
      setup = ScenarioLoader.setup(for: base, seed: run.record.seed, horizon: horizon)
    }
    let result = SimulationRunner.run(setup: setup, scenario: scenario)
    let replayed = RunRecord(result: result, setup: setup, parameters: run.record.parameters, detail: .summary)
    differences += ReplayCheck.differences(stored: run.record, replay: replayed)
    return StoredRunReplay(
      run: run, scenario: scenario, setup: setup, result: result, warnings: warnings, differences: differences,
      sweepRun: sweepRun)
  }

  /// The scenario and setup of a sweep's run: its task of the plan rebuilt from the stored sweep text.
  /// The stored position names the task; its variant, release and seed are checked against the run's
  /// parameters, so a plan that no longer builds the same grid is noticed.
  static func sweepTask(of run: StoredRun, sweepID: Int64, base: Scenario, from store: RunStore) throws -> (
    scenario: Scenario, setup: SimulationSetup, warnings: [Diagnostic], mismatches: [String], identity: SweepRunIdentity
  ) {
    guard let info = try store.sweep(id: sweepID), let text = try store.sweepText(id: sweepID) else {
      throw StoreError.notFound("run \(run.id) belongs to sweep #\(sweepID), which is not in the store")
    }
    guard let position = try store.sweepTaskPosition(runID: run.id) else {
      throw StoreError.notFound("run \(run.id) is in no task of sweep \(info.name) #\(sweepID)")
    }
    let loaded = SweepLoader.load(text: text, path: info.path)
    guard let spec = loaded.spec else { throw Unloadable(diagnostics: loaded.diagnostics, sources: loaded.sources) }
    let built = SweepPlan.build(spec: spec, scenario: base)
    guard let plan = built.plan else {
      throw Unloadable(diagnostics: loaded.diagnostics + built.diagnostics, sources: loaded.sources.merging(built.sources) { a, _ in a })
    }
    guard position < plan.taskCount else {
      throw StoreError.notFound(
        "run \(run.id) is task \(position) of sweep \(info.name) #\(sweepID), whose plan has \(plan.taskCount) tasks today")
    }
    let task = plan.task(at: position)
    var mismatches: [String] = []
    func check(_ what: String, stored: String?, planned: String) {
      if let stored, stored != planned { mismatches.append("\(what): stored \(stored), plan \(planned)") }
    }
    check("variant", stored: run.record.parameter("variant"), planned: plan.variants[task.variant].name)
    check("release", stored: run.record.parameter("release"), planned: plan.releases[task.release].name)
    check("seed", stored: "\(run.record.seed)", planned: "\(task.seed)")
    let warnings = (loaded.diagnostics + built.diagnostics).filter { $0.severity != .error }
    let identity = SweepRunIdentity(
      sweep: info.name, sweepID: sweepID, runID: run.id, variant: plan.variants[task.variant].name,
      release: plan.releases[task.release].name)
    return (plan.cells[task.cell].scenario, plan.setup(for: task), warnings, mismatches, identity)
  }
}
