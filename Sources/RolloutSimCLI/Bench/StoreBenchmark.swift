import Foundation
import Store
import WhatIf

/// P5 (design §8): measurement rows stored at ≥ 1 M rows/s in batched transactions. Each run carries
/// one AnalysisRun with two metrics of 1,000 measurements (`[0.99…]`-style values, phases, empty
/// messages), 50 runs per transaction, into a fresh store file (WAL, synchronous=NORMAL). Units are
/// measurement rows.
let storeMeasurementRows = Benchmark(
  name: "store.measurementRows", goal: "P5: ≥ 1M measurement rows/s in batched transactions", unit: "rows",
  defaultIterations: 2_000_000
) { iterations in
  let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rollout-sim-bench-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: folder) }
  let store = try RunStore(path: folder.appendingPathComponent("bench.sqlite").path)
  let scenario = try store.scenarioID(
    for: ScenarioSource(name: "bench", path: "bench.yaml", text: "kind: Scenario\n", manifests: []))
  let perRun = 2_000
  let runs = max(1, iterations / perRun)
  let record = StoreBenchmarkFixture.record(measurementsPerMetric: perRun / 2)
  var stored = 0
  while stored < runs {
    let batch = min(50, runs - stored)
    try store.saveRuns(Array(repeating: record, count: batch), scenarioID: scenario)
    stored += batch
  }
  return runs * perRun
}

enum StoreBenchmarkFixture {
  static func record(measurementsPerMetric count: Int) -> RunRecord {
    func metric(_ name: String) -> MetricRow {
      MetricRow(
        name: name, phase: "Successful", dryRun: false,
        measurements: (0..<count).map { i in
          MeasurementRow(tMs: Int64(i) * 30_000, phase: "Successful", value: "[0.99\(i % 100)]", message: "")
        })
    }
    return RunRecord(
      seed: 1, rollout: "bench", strategy: "canary", stepCount: 4,
      summary: RunSummary(phase: "Healthy", reason: "Healthy", promoted: true, aborted: false, promotedAtMs: 3_600_000, endedAtMs: 3_900_000),
      analysisRuns: [
        AnalysisRunRow(
          name: "bench-1", kind: "Background", step: nil, phase: "Successful", startedAtMs: 0, completedAtMs: 3_600_000,
          message: "", metrics: [metric("success-rate"), metric("latency")])
      ])
  }
}
