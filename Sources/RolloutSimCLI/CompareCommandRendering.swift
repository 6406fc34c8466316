import Foundation
import Report
import Store
import VirtualTime
import WhatIf

/// The comparison of a sweep's variants, as the table `sweep` and `compare` print and as JSON.
enum ComparisonRendering {
  static func text(_ statistics: SweepStatistics, sweep: SweepInfo) -> String {
    var out = header(sweep) + "\n\n"
    let hasReleases = statistics.variants.contains { $0.goodRuns + $0.badRuns > 0 }
    var rows: [[String]] = []
    if hasReleases {
      rows.append(["RANK", "VARIANT", "DETECTED (bad)", "FALSE ROLLBACK (good)", "TO PROMOTE p50/p95", "TO DETECT p50/p95", "BAD REQUESTS p50/p95"])
    } else {
      rows.append(["RANK", "VARIANT", "PROMOTED", "ABORTED", "TO PROMOTE p50/p95"])
    }
    for index in statistics.ranking {
      let v = statistics.variants[index]
      let rank = "\(v.rank)\(v.onParetoFront ? " ★" : "")"
      if hasReleases {
        rows.append([
          rank, v.name, proportion(v.detection), proportion(v.falseRollback), durations(v.timeToPromote),
          durations(v.timeToDetect), counts(v.badRequests),
        ])
      } else {
        rows.append([rank, v.name, proportion(v.promotion), proportion(v.aborts), durations(v.timeToPromote)])
      }
    }
    out += table(rows)
    let front = statistics.paretoFront.map { statistics.variants[$0].name }.joined(separator: ", ")
    out += hasReleases
      ? "\n★ Pareto front of speed (time to promote p50, false-rollback rate) against safety (detection rate, bad requests p50): \(front)\n"
      : "\n★ Pareto front (time to promote p50): \(front)\n"
    if hasReleases {
      out += "Ranked by detection rate, then false-rollback rate, bad requests (p50), time to detect (p50), time to promote (p50).\n"
    } else {
      out += "Without release profiles there is no ground truth: ranked by time to promote (p50).\n"
    }
    out += "Rates with Wilson 95% intervals; times since the update; percentiles nearest-rank.\n"
    if !sweep.isComplete {
      out += "Incomplete: \(sweep.finished) of \(sweep.taskCount) runs stored; finish with `rollout-sim sweep \(sweep.path) --resume`.\n"
    }
    return out
  }

  static func header(_ sweep: SweepInfo) -> String {
    let releases = sweep.taskCount / max(1, sweep.variants.count * sweep.seedCount)
    return "sweep \(sweep.name) #\(sweep.id) · \(sweep.variants.count) variant\(sweep.variants.count == 1 ? "" : "s") × "
      + "\(releases) release\(releases == 1 ? "" : "s") × \(sweep.seedCount) seed\(sweep.seedCount == 1 ? "" : "s") = "
      + "\(sweep.taskCount) runs\(sweep.isComplete ? "" : " (\(sweep.finished) stored)")"
  }

  static func proportion(_ p: Proportion?) -> String {
    guard let p else { return "-" }
    return "\(percent(p.rate)) [\(percent(p.low, sign: false))–\(percent(p.high))] \(p.successes)/\(p.trials)"
  }

  static func percent(_ value: Double, sign: Bool = true) -> String {
    String(format: "%.1f", value * 100) + (sign ? "%" : "")
  }

  static func durations(_ q: Quantiles?) -> String {
    guard let q else { return "-" }
    return "\(duration(q.p50)) / \(duration(q.p95))"
  }

  static func duration(_ seconds: Double) -> String {
    DurationFormat.compact(milliseconds: Int64((seconds).rounded()) * 1000)
  }

  static func counts(_ q: Quantiles?) -> String {
    guard let q else { return "-" }
    return "\(Int64(q.p50)) / \(Int64(q.p95))"
  }

  /// Left-aligned columns two spaces apart.
  static func table(_ rows: [[String]]) -> String {
    guard let columns = rows.map(\.count).max() else { return "" }
    var widths = Array(repeating: 0, count: columns)
    for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
    return rows.map { row in
      var line = "  "
      for (i, cell) in row.enumerated() {
        line += i == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count + 2)
      }
      return line
    }.joined(separator: "\n") + "\n"
  }

  // MARK: - JSON

  static func json(_ statistics: SweepStatistics, sweep: SweepInfo) -> JSONValue {
    .object([
      (
        "sweep",
        .object([
          ("id", .int(sweep.id)), ("name", .string(sweep.name)), ("path", .string(sweep.path)),
          ("variants", .int(Int64(sweep.variants.count))), ("seeds", .int(Int64(sweep.seedCount))),
          ("runs", .int(Int64(sweep.taskCount))), ("stored", .int(Int64(sweep.finished))),
          ("complete", .bool(sweep.isComplete)),
        ])
      ),
      ("ranking", .array(statistics.ranking.map { .string(statistics.variants[$0].name) })),
      ("paretoFront", .array(statistics.paretoFront.map { .string(statistics.variants[$0].name) })),
      ("variants", .array(statistics.variants.map(variant))),
    ])
  }

  static func variant(_ v: VariantStatistics) -> JSONValue {
    .object([
      ("name", .string(v.name)), ("rank", .int(Int64(v.rank))), ("paretoFront", .bool(v.onParetoFront)),
      ("runs", .int(Int64(v.runs))), ("goodRuns", .int(Int64(v.goodRuns))), ("badRuns", .int(Int64(v.badRuns))),
      ("detectionRate", proportion(v.detection)), ("falseRollbackRate", proportion(v.falseRollback)),
      ("promotionRate", proportion(v.promotion)), ("abortRate", proportion(v.aborts)),
      ("timeToPromote", quantiles(v.timeToPromote)), ("timeToDetect", quantiles(v.timeToDetect)),
      ("badRequests", quantiles(v.badRequests)),
    ])
  }

  static func proportion(_ p: Proportion?) -> JSONValue {
    guard let p else { return .null }
    return .object([
      ("rate", .number(p.rate)), ("low", .number(p.low)), ("high", .number(p.high)),
      ("count", .int(Int64(p.successes))), ("of", .int(Int64(p.trials))),
    ])
  }

  static func quantiles(_ q: Quantiles?) -> JSONValue {
    guard let q else { return .null }
    return .object([("p50", .number(q.p50)), ("p95", .number(q.p95)), ("count", .int(Int64(q.count)))])
  }

  // MARK: - For the report module

  /// The sweep as the HTML and Markdown sweep reports take it (`SweepReport`), with `compare`'s
  /// ranking and front, so the report and the table agree.
  static func summary(_ statistics: SweepStatistics, sweep: SweepInfo) -> SweepSummary {
    func rate(_ p: Proportion?) -> SweepVariant.Rate? {
      p.map { SweepVariant.Rate(value: $0.rate, low: $0.low, high: $0.high, count: $0.successes, of: $0.trials) }
    }
    func quantiles(_ q: Quantiles?) -> SweepVariant.Quantiles? { q.map { SweepVariant.Quantiles(p50: $0.p50, p95: $0.p95) } }
    let variants = statistics.variants.map { v in
      SweepVariant(
        name: v.name, runs: v.runs, detectionRate: rate(v.detection), falseRollbackRate: rate(v.falseRollback),
        timeToPromote: quantiles(v.timeToPromote), timeToDetect: quantiles(v.timeToDetect),
        badRequests: quantiles(v.badRequests), rank: v.rank, onParetoFront: v.onParetoFront)
    }
    return SweepSummary(name: sweep.name, scenario: sweep.scenarioName, seeds: sweep.seedCount, variants: variants)
  }
}
