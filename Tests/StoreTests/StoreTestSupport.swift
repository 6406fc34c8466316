import Foundation
@testable import Store
import WhatIf

/// A temporary folder per test, removed at the end.
struct TemporaryFolder {
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("rollout-sim-store-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  func path(_ name: String) -> String { url.appendingPathComponent(name).path }

  func remove() { try? FileManager.default.removeItem(at: url) }
}

enum StoreSamples {
  static let source = ScenarioSource(
    name: "shop", path: "scenarios/shop.yaml", text: "kind: Scenario\n",
    manifests: [.init(path: "rollout.yaml", text: "kind: Rollout\n"), .init(path: "analysis.yaml", text: "kind: AnalysisTemplate\n")])

  /// A record with something in every table, including text that needs escaping.
  static func record(seed: UInt64 = 7, measurements: Int = 3) -> RunRecord {
    RunRecord(
      seed: seed, parameters: [RunParameter("variant", "fast \"one\""), RunParameter("release", "bad")],
      rollout: "shop", strategy: "canary", stepCount: 4,
      summary: RunSummary(
        phase: "Degraded", reason: "RolloutAborted", promoted: false, aborted: true, abortedAtMs: 300_500, endedAtMs: 600_500,
        requests: 1000, errors: 30, canaryRequests: 100, canaryErrors: 25),
      message: "RolloutAborted: metric \"error-rate\" assessed Failed", outcomeAtMs: 300_500, events: 42,
      timeline: [
        TimelineRow(
          tMs: 0, event: "RolloutUpdated", step: nil, canaryWeight: 0, stableWeight: 100, phase: "Progressing",
          message: "updated\nto revision 2 ü",
          replicas: [ReplicaRow(role: "stable", revision: 1, revisionName: "stable", desired: 4, ready: 4, available: 4)]),
        TimelineRow(
          tMs: 300_500, event: "RolloutAborted", step: 1, canaryWeight: 0, stableWeight: 100, phase: "Degraded",
          message: "", warning: true, replicas: []),
      ],
      analysisRuns: [
        AnalysisRunRow(
          name: "shop-abc-2", kind: "Background", step: nil, phase: "Failed", startedAtMs: 0, completedAtMs: 300_500,
          message: "Metric \"error-rate\" assessed Failed",
          metrics: [
            MetricRow(
              name: "error-rate", phase: "Failed", dryRun: false,
              measurements: (0..<measurements).map {
                MeasurementRow(tMs: Int64($0) * 30_000, phase: $0 == measurements - 1 ? "Failed" : "Successful", value: "[0.0\($0)]", message: "")
              }),
            MetricRow(name: "latency", phase: "Successful", dryRun: true, measurements: []),
          ])
      ],
      charts: [
        ChartSeries(name: "canaryWeight", revision: "", startMs: 0, stepMs: 15_000, values: [0, 5, 5, 0]),
        ChartSeries(name: "requests", revision: "canary", startMs: 0, stepMs: 15_000, values: [0, 1.5, 2.25, .infinity]),
      ])
  }
}
