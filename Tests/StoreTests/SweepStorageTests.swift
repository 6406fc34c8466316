import Foundation
import Simulation
@testable import Store
import TestSupport
import VirtualTime
import Testing
import WhatIf

/// Sweeps in the store, with the test sweep of Tests/WhatIfTests/Fixtures (outcomes decided by pod
/// start-up times against the progress deadline, not by analysis).
@Suite struct SweepStorageTests {
  static func plan() throws -> SweepPlan {
    let loaded = SweepLoader.load(path: PackagePaths.inPackage("Tests/WhatIfTests/Fixtures/sweep.yaml").path)
    let spec = try #require(loaded.spec)
    let scenario = try #require(ScenarioLoader.load(path: spec.scenarioPath).scenario)
    return try #require(SweepPlan.build(spec: spec, scenario: scenario).plan)
  }

  static func record(_ plan: SweepPlan, _ index: Int, detail: RunDetail = .full) -> RunRecord {
    let task = plan.task(at: index)
    return RunRecord(
      result: plan.run(task), setup: plan.setup(for: task), parameters: [RunParameter("variant", plan.variants[task.variant].name)],
      detail: detail)
  }

  /// WAL: a reader sees every committed batch and nothing half-written, is never blocked by the
  /// writer, and keeps a consistent snapshot inside its own read transaction.
  @Test func aReaderWhileASweepWrites() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let path = folder.path("sweep.sqlite")
    let plan = try Self.plan()
    let writer = try RunStore(path: path)
    let source = ScenarioSource(name: plan.scenario.name, path: plan.scenario.path, text: plan.scenario.text, manifests: [])
    let scenarioID = try writer.scenarioID(for: source)
    let sweepID = try writer.createSweep(plan, scenarioID: scenarioID, hash: "h", detail: .full)
    let reader = try RunStore(path: path, create: false)
    var stored = 0
    var snapshotChecks = 0
    try SweepExecutor.run(
      tasks: Array(0..<plan.taskCount), workers: 2, batchLimit: 7,
      work: { Self.record(plan, $0) },
      consume: { batch in
        // The reader holds a read transaction across the writer's commit.
        try reader.db.execute("BEGIN")
        let before = try reader.db.scalarInt("SELECT count(*) FROM run") ?? -1
        #expect(before == stored)
        try writer.saveSweepRuns(sweepID: sweepID, scenarioID: scenarioID, batch.map { ($0.task, $0.output) })
        stored += batch.count
        #expect(try reader.db.scalarInt("SELECT count(*) FROM run") == Int64(before))
        try reader.db.execute("COMMIT")
        snapshotChecks += 1
        // Out of its transaction it sees the batch, consistently across tables.
        let info = try #require(try reader.sweep(id: sweepID))
        #expect(info.finished == stored)
        #expect(try reader.sweepOutcomes(sweepID: sweepID).count == stored)
        #expect(try reader.runs(sweepID: sweepID, limit: 10_000).count == stored)
      })
    #expect(stored == plan.taskCount && snapshotChecks > 1)
    #expect(try reader.pendingTasks(sweepID: sweepID).isEmpty)
    let statistics = SweepStatistics(
      variantNames: try #require(try reader.sweep(id: sweepID)).variants, outcomes: try reader.sweepOutcomes(sweepID: sweepID))
    #expect(statistics.variants.count == 4 && statistics.variants.allSatisfy { $0.runs == 24 })
  }

  @Test func pendingTasksAreTheUnstoredOnes() throws {
    let plan = try Self.plan()
    let store = try RunStore(path: ":memory:")
    let scenarioID = try store.scenarioID(for: StoreSamples.source)
    let sweepID = try store.createSweep(plan, scenarioID: scenarioID, hash: "h", detail: .summary)
    try store.saveSweepRuns(
      sweepID: sweepID, scenarioID: scenarioID, [3, 0, 95].map { ($0, Self.record(plan, $0, detail: .summary)) })
    let pending = try store.pendingTasks(sweepID: sweepID)
    #expect(pending.count == 93 && pending.first == 1 && !pending.contains(95))
    let info = try #require(try store.unfinishedSweep(hash: "h"))
    #expect(info.id == sweepID && info.finished == 3 && info.detail == .summary)
    #expect(try store.sweepOutcomes(sweepID: sweepID).map(\.task) == [0, 3, 95])
    #expect(try store.unfinishedSweep(hash: "other") == nil)
  }

  /// The chart series add up to the run's traffic totals (up to the last scrape), per revision, on at
  /// most 80 points. The seed's Istio canary emits `istio_requests_total` for its success-rate query.
  @Test func chartSeriesAgreeWithTheTrafficTotals() throws {
    let scenario = try #require(
      ScenarioLoader.load(path: PackagePaths.inPackage("scenarios/seed-istio-canary/bad-release.yaml").path).scenario)
    let setup = ScenarioLoader.setup(for: scenario, horizon: .minutes(20))
    let record = RunRecord(result: SimulationRunner.run(setup: setup, scenario: scenario), setup: setup)
    let weight = try #require(record.charts.first { $0.name == "canaryWeight" })
    #expect(weight.values.count <= ChartSeries.maximumPoints && weight.values.allSatisfy { (0...100).contains($0) })
    #expect(weight.stepMs == 15_000 && weight.values.contains(5))
    func total(_ name: String, _ revision: String) -> Double {
      guard let chart = record.charts.first(where: { $0.name == name && $0.revision == revision }) else { return 0 }
      return chart.values.reduce(0) { $0 + $1 * Double(chart.stepMs) / 1000 }
    }
    let s = record.summary
    // Charts see the scraped counters; the totals also count requests after the last scrape (at most
    // one 15s scrape interval at 200 rps).
    func close(_ chart: Double, _ totals: Int64) -> Bool { chart <= Double(totals) + 0.5 && chart >= Double(totals) - 3000 }
    #expect(s.canaryRequests > 0 && s.canaryErrors > 0)
    #expect(close(total("requests", "stable") + total("requests", "canary"), s.requests))
    #expect(close(total("requests", "canary"), s.canaryRequests))
    #expect(close(total("errors", "canary"), s.canaryErrors))
    #expect(close(total("errors", "stable") + total("errors", "canary"), s.errors))
    #expect(record.charts.map { "\($0.name) \($0.revision)" } == [
      "canaryWeight ", "requests stable", "errors stable", "requests canary", "errors canary",
    ])
  }

  /// Without telemetry (no query needs any), the weight is the only chart.
  @Test func withoutTelemetryOnlyTheWeight() throws {
    let record = Self.record(try Self.plan(), 0)
    #expect(record.charts.map(\.name) == ["canaryWeight"])
    #expect(record.charts[0].values.contains(25) && record.charts[0].values.contains(50))
  }

  @Test func detailLevelsKeepLess() throws {
    let plan = try Self.plan()
    let full = Self.record(plan, 0)
    let timeline = Self.record(plan, 0, detail: .timeline)
    let summary = Self.record(plan, 0, detail: .summary)
    #expect(!full.timeline.isEmpty && !full.charts.isEmpty)
    #expect(timeline.timeline == full.timeline && timeline.charts.isEmpty)
    #expect(summary.timeline.isEmpty && summary.summary == full.summary)
  }
}
