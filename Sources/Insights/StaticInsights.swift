import Diagnostics
import Manifests

/// The insight checks `lint` runs on manifests alone (no simulation): what the controller *would* do.
public enum StaticInsights {
  /// The validator's findings with insight names where they are insights, plus every static insight
  /// finding. This is the one call `lint` makes.
  public static func lint(_ set: ManifestSet, validation: [Diagnostic]) -> [Diagnostic] {
    InsightRule.relabel(validation) + findings(set)
  }

  /// Static insight findings about the set: blind metrics that can be seen without telemetry,
  /// diluted signals with the smallest detectable canary error rate per step, GitOps drift, and the
  /// schedule of every Rollout (as a note).
  public static func findings(_ set: ManifestSet) -> [Diagnostic] {
    var out: [Diagnostic] = []
    let templateMetrics = AnalysisInventory.templateMetrics(set)
    let strays = BlindMetricCheck.strayBraces(templateMetrics, sources: set.sources)
    out += strays
    out += noDataPasses(templateMetrics.filter { metric in !strays.contains { $0.location?.file == metric.query.location.file } })
    var changes: [ControllerFieldChange] = []
    for rollout in set.rollouts {
      let namespace = rollout.metadata.namespace?.value ?? set.applications.first?.destinationNamespace ?? "default"
      let inventory = AnalysisInventory(set: set, rollout: rollout, namespace: namespace)
      let metrics = inventory.queryMetrics
      out += BlindMetricCheck.unknownRoutes(metrics, set: set, sources: set.sources)
      out += DilutedSignalCheck.check(
        metrics, rollout: rollout, set: set, namespace: namespace, hashes: [inventory.stableHash, inventory.canaryHash],
        sources: set.sources)
      let schedule = PlanSchedule.of(rollout, inventory: inventory)
      let at = rollout.canary?.stepsLocation ?? rollout.node["spec"]?.entry("strategy")?.keyLocation ?? rollout.location
      out.append(.note(schedule.summary(rollout: rollout.name), at: at, rule: InsightRule.schedule.rawValue))
      for change in ControllerFieldChanges.of(rollout, in: set) where !changes.contains(change) { changes.append(change) }
    }
    out += GitOpsDriftCheck.check(changes, set: set, observed: false)
    return out
  }

  /// Conditions that let no data pass: if the query ever matches nothing, the metric cannot fail.
  static func noDataPasses(_ metrics: [QueryMetric]) -> [Diagnostic] {
    metrics.compactMap { metric in
      guard let condition = metric.metric.successCondition, ConditionProbe(metric).passesOnNoData, metric.hasConditions else {
        return nil
      }
      return .note(
        "\(metric.title) passes when its query returns no data: if the query ever matches nothing, it cannot fail",
        at: condition.location, length: condition.length,
        hint: "run a scenario to see whether it does (rollout-sim run reports blind metrics); without `len(result) == 0 ||`, no data is an Error instead",
        rule: InsightRule.blindMetric.rawValue)
    }
  }
}
