import Analysis
import Controller
import Diagnostics
import Manifests
import Simulation
import VirtualTime
import Workload

/// The insight checks of a simulated run (`run`, `test`): what the controller and the analyses *did*.
public struct RunInsights: Sendable {
  /// The plan's shortest length, known before the run.
  public var schedule: PlanSchedule
  /// `schedule: …`, the line `run` prints before the timeline.
  public var scheduleLine: String
  /// Findings, as warnings with insight rule names, in reading order.
  public var diagnostics: [Diagnostic]

  /// The schedule of the scenario's Rollout.
  public static func schedule(for scenario: Scenario) -> PlanSchedule {
    PlanSchedule.of(scenario.rollout, inventory: AnalysisInventory(set: scenario.manifests, rollout: scenario.rollout, namespace: scenario.namespace))
  }

  public static func check(scenario: Scenario, setup: SimulationSetup, result: SimulationResult) -> RunInsights {
    let set = scenario.manifests
    var inventory = AnalysisInventory(set: set, rollout: scenario.rollout, namespace: scenario.namespace)
    inventory.stableHash = setup.stableTemplate.hash
    inventory.canaryHash = setup.rollout.template.hash
    let metrics = inventory.queryMetrics
    let schedule = PlanSchedule.of(scenario.rollout, inventory: inventory)
    var findings = BlindMetricCheck.dynamic(
      metrics, store: result.store, families: scenario.workload.telemetry.families, records: result.analysisRuns,
      sources: set.sources)
    // Only analyses the run started: a rollout that never got there (InvalidSpec) diluted nothing.
    let started = metrics.filter { metric in
      metric.block.map { !RunRecords.runs(of: $0, in: result.analysisRuns).isEmpty } ?? false
    }
    findings += DilutedSignalCheck.check(
      started, rollout: scenario.rollout, set: set, namespace: scenario.namespace,
      hashes: [inventory.stableHash, inventory.canaryHash], sources: set.sources)
    let changed = GitOpsDriftCheck.observed(ControllerFieldChanges.of(scenario.rollout, in: set), result: result, rollout: scenario.rollout)
    findings += GitOpsDriftCheck.check(changed, set: set, observed: true)
    findings += backgroundStoppedGuarding(inventory: inventory, result: result)
    return RunInsights(
      schedule: schedule, scheduleLine: schedule.line(rollout: scenario.rollout.name),
      diagnostics: DiagnosticBag(findings).sorted)
  }

  /// A background analysis with `count` that ended Successful while the rollout went on (argo-semantics
  /// §14.8): the rest of the rollout was not guarded.
  static func backgroundStoppedGuarding(inventory: AnalysisInventory, result: SimulationResult) -> [Diagnostic] {
    guard let background = inventory.rollout.canary?.analysis else { return [] }
    let end = result.outcome.promotedAt ?? result.outcome.abortedAt ?? result.endedAt
    let runs = RunRecords.runs(of: .background, in: result.analysisRuns)
    guard let run = runs.last(where: { $0.phase == "Successful" }), let completed = run.completedAt, completed < end else {
      return []
    }
    let counted = inventory.templates(of: background).flatMap { template in
      template.spec.metrics.compactMap { metric in metric.count.map { (metric.nameValue, $0) } }
    }
    guard let (name, count) = counted.first else { return [] }
    let gap = end - completed
    let until = result.outcome.promotedAt != nil ? "promotion" : result.outcome.abortedAt != nil ? "the abort" : "the end of the run"
    return [
      Diagnostic(
        .warning,
        "background analysis ended Successful at \(completed) after \(count.value) measurements of '\(name)': the rollout went on unguarded for \(gap) until \(until) at \(end)",
        at: count.location, length: count.length,
        hint: "drop count so the background analysis measures until the rollout completes",
        rule: "\(InsightRule.durationTrap.rawValue)/background-count")
    ]
  }
}
