import Controller
import Simulation
import VirtualTime
import WhatIf

extension RunRecord {
  /// The record of a finished run of `setup`, keeping what `detail` asks for.
  public init(result: SimulationResult, setup: SimulationSetup, parameters: [RunParameter] = [], detail: RunDetail = .full) {
    var revisions: [String: String] = [:]
    for (name, template) in setup.templates { revisions[template.hash] = name }
    revisions[setup.stableTemplate.hash] = revisions[setup.stableTemplate.hash] ?? setup.stableTemplate.revisionName
    self.init(
      seed: setup.seed, parameters: parameters, rollout: setup.rollout.name,
      strategy: setup.rollout.blueGreen != nil ? "blueGreen" : "canary", stepCount: setup.rollout.canary?.steps.count,
      summary: RunSummary(result: result), message: result.outcome.message,
      outcomeAtMs: result.outcome.at.milliseconds, events: Int64(clamping: result.eventsProcessed))
    guard detail != .summary else { return }
    timeline = result.timeline.map(TimelineRow.init)
    analysisRuns = result.analysisRuns.map { AnalysisRunRow($0, measurements: detail == .full) }
    if detail == .full { charts = ChartSeries.build(from: result, revisionsByHash: revisions) }
  }
}

extension TimelineRow {
  init(_ entry: TimelineEntry) {
    self.init(
      tMs: entry.t.milliseconds, event: entry.event, step: entry.step, canaryWeight: entry.weights.canary,
      stableWeight: entry.weights.stable, phase: entry.phase.rawValue, message: entry.message, warning: entry.warning,
      replicas: entry.replicas.map {
        ReplicaRow(
          role: $0.role, revision: $0.revision, revisionName: $0.revisionName, desired: $0.desired, ready: $0.ready,
          available: $0.available)
      })
  }
}

extension AnalysisRunRow {
  init(_ run: AnalysisRunRecord, measurements: Bool) {
    self.init(
      name: run.name, kind: run.kind.rawValue, step: run.step, phase: run.phase, startedAtMs: run.startedAt?.milliseconds,
      completedAtMs: run.completedAt?.milliseconds, message: run.message,
      metrics: run.metrics.map { metric in
        MetricRow(
          name: metric.name, phase: metric.phase, dryRun: metric.dryRun,
          measurements: measurements
            ? metric.measurements.map { MeasurementRow(tMs: $0.t.milliseconds, phase: $0.phase, value: $0.value, message: $0.message) }
            : [])
      })
  }
}
