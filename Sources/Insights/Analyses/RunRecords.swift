import Analysis
import Controller
import Simulation

/// The AnalysisRuns of a run that belong to an analysis block, and their measurements of a metric.
enum RunRecords {
  struct Measurement: Sendable {
    var phase: String
    var value: String
  }

  /// Runs built from `block` (a Rollout's background analysis, step i, pre/post promotion), oldest first.
  static func runs(of block: RolloutAnalysisBlock, in records: [AnalysisRunRecord]) -> [AnalysisRunRecord] {
    records.filter { record in
      switch block {
      case .background: record.kind == .background
      case .step(let index): record.kind == .step && record.step == index
      case .prePromotion: record.kind == .prePromotion
      case .postPromotion: record.kind == .postPromotion
      }
    }
  }

  static func measurements(of metric: QueryMetric, in records: [AnalysisRunRecord]) -> [Measurement] {
    guard let block = metric.block else { return [] }
    return runs(of: block, in: records).flatMap { run in
      run.metrics.filter { $0.name == metric.name }.flatMap { $0.measurements.map { Measurement(phase: $0.phase, value: $0.value) } }
    }
  }
}
