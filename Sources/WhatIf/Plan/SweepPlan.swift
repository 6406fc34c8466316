import Diagnostics
import Simulation

/// A sweep resolved into runnable work: every variant × release cell loaded and checked up front (so a
/// bad value is reported before anything runs), and the tasks, one per cell and seed.
///
/// Tasks are numbered seed-major (all cells of seed 1, then of seed 2, …) so an interrupted sweep has
/// every variant partly done. A task's run depends only on its cell and seed, never on when or where
/// it ran, which is what makes `--resume` reach exactly the statistics of an uninterrupted sweep.
public struct SweepPlan: Sendable {
  public struct Variant: Sendable {
    public var name: String
    public var assignments: [VariantAssignment]
    public var edits: [ScenarioEdit]
  }

  public struct Cell: Sendable {
    public var variant: Int
    public var release: Int
    public var scenario: Scenario
    public var setup: SimulationSetup
  }

  public var spec: SweepSpec
  /// The scenario as written (what the store keeps); cells hold the edited ones.
  public var scenario: Scenario
  public var variants: [Variant]
  public var releases: [ReleaseProfile]
  /// Index `variant * releases.count + release`.
  public var cells: [Cell]

  public var taskCount: Int { cells.count * spec.seeds.count }

  public func task(at index: Int) -> SweepTask {
    let seedIndex = index / cells.count
    let cell = index % cells.count
    return SweepTask(
      index: index, cell: cell, variant: cells[cell].variant, release: cells[cell].release, seedIndex: seedIndex,
      seed: spec.seeds.seed(at: seedIndex))
  }

  /// The setup of a task: its cell's, with the task's seed.
  public func setup(for task: SweepTask) -> SimulationSetup {
    var setup = cells[task.cell].setup
    setup.seed = task.seed
    return setup
  }

  /// Runs one task (any thread).
  public func run(_ task: SweepTask) -> SimulationResult {
    SimulationRunner.run(setup: setup(for: task), scenario: cells[task.cell].scenario)
  }

  public struct Built: Sendable {
    public var plan: SweepPlan?
    public var diagnostics: [Diagnostic]
    public var sources: [String: SourceText]
  }

  /// Loads every cell of the grid; all problems of all cells come back at once (each reported once).
  /// Warnings (about edited values) come back with the plan.
  public static func build(spec: SweepSpec, scenario: Scenario) -> Built {
    var sources: [String: SourceText] = [spec.path: SourceText(path: spec.path, text: spec.text)]
    var seen = Set<Diagnostic>()
    var diagnostics: [Diagnostic] = []
    let variants = combinations(spec.dimensions)
    let releases = spec.releases.isEmpty ? [ReleaseProfile(kind: nil, edits: [])] : spec.releases
    var cells: [Cell] = []
    for (v, variant) in variants.enumerated() {
      for (r, release) in releases.enumerated() {
        let loaded = scenario.applying(release.edits + variant.edits)
        sources.merge(loaded.sources) { a, _ in a }
        for diagnostic in loaded.diagnostics where seen.insert(diagnostic).inserted { diagnostics.append(diagnostic) }
        guard let edited = loaded.scenario else { continue }
        let setup = ScenarioLoader.setup(for: edited, horizon: spec.horizon)
        cells.append(Cell(variant: v, release: r, scenario: edited, setup: setup))
      }
    }
    guard !diagnostics.contains(where: { $0.severity == .error }) else {
      return Built(plan: nil, diagnostics: diagnostics.sorted(), sources: sources)
    }
    let plan = SweepPlan(spec: spec, scenario: scenario, variants: variants, releases: releases, cells: cells)
    return Built(plan: plan, diagnostics: diagnostics.sorted(), sources: sources)
  }

  /// Every combination of one option per dimension, the first dimension varying slowest.
  static func combinations(_ dimensions: [VaryDimension]) -> [Variant] {
    var variants = [Variant(name: "", assignments: [], edits: [])]
    for dimension in dimensions {
      variants = variants.flatMap { base in
        dimension.options.map { option in
          Variant(
            name: base.name.isEmpty ? option.label : base.name + ", " + option.label,
            assignments: base.assignments + option.assignments, edits: base.edits + option.edits)
        }
      }
    }
    if variants.count == 1 && variants[0].name.isEmpty { variants[0].name = "scenario" }
    return variants
  }
}

/// One run of a sweep: a cell of the grid and a seed.
public struct SweepTask: Sendable, Hashable {
  public var index: Int
  public var cell: Int
  public var variant: Int
  public var release: Int
  public var seedIndex: Int
  public var seed: UInt64
}
