import Analysis
import Foundation
import Report
import VirtualTime

/// What `analyze` prints: the measurements and the run's verdict, as text or as one entry of the
/// `analysisRuns` array of design §5.
struct AnalyzeReport {
  var run: SimulatedAnalysisRun
  var scenario: String
  var seed: UInt64
  var canaryWeight: Int
  var horizon: SimInstant

  struct Row {
    var t: SimInstant
    var metric: String
    var phase: String
    var value: String
    var why: String
  }

  var rows: [Row] {
    let specs = Dictionary(run.resolvedMetrics.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    var rows: [Row] = []
    for history in run.metricHistories {
      for m in history.measurements {
        let why = specs[history.name].map { MeasurementExplanation.why(m, metric: $0) } ?? m.message
        rows.append(
          Row(
            t: m.finishedAt ?? m.startedAt ?? .zero, metric: history.name + (history.dryRun ? " (dry-run)" : ""),
            phase: m.phase.rawValue, value: m.value, why: why.trimmingCharacters(in: .whitespacesAndNewlines)))
      }
    }
    // By time, then in metric order (stable sort).
    return rows.enumerated().sorted { ($0.element.t, $0.offset) < ($1.element.t, $1.offset) }.map(\.element)
  }

  func text() -> String {
    var out = "AnalysisRun \(run.name) — scenario \(scenario), seed \(seed), canary weight \(canaryWeight)%, up to \(DurationFormat.compact(milliseconds: horizon.milliseconds))\n"
    let table = rows
    if table.isEmpty {
      out += "  (no measurements)\n"
    } else {
      let header = Row(t: .zero, metric: "METRIC", phase: "PHASE", value: "VALUE", why: "WHY")
      let times = table.map { DurationFormat.compact(milliseconds: $0.t.milliseconds) }
      let tWidth = max(1, times.map(\.count).max() ?? 1)
      let metricWidth = ([header] + table).map(\.metric.count).max() ?? 6
      let phaseWidth = ([header] + table).map(\.phase.count).max() ?? 5
      let valueWidth = min(24, ([header] + table).map(\.value.count).max() ?? 5)
      func line(_ t: String, _ row: Row) -> String {
        let value = row.value.count > valueWidth ? String(row.value.prefix(valueWidth - 1)) + "…" : row.value
        return "  " + pad(t, tWidth, left: true) + "  " + pad(row.metric, metricWidth) + "  " + pad(row.phase, phaseWidth)
          + "  " + pad(value, valueWidth) + "  " + row.why
      }
      out += line(pad("T", tWidth, left: true), header).trimmingTrailingSpaces + "\n"
      for (row, t) in zip(table, times) { out += line(t, row).trimmingTrailingSpaces + "\n" }
    }
    let phase = run.phase.rawValue
    if run.phase.isCompleted {
      let at = DurationFormat.compact(milliseconds: (run.status.completedAt ?? .zero).milliseconds)
      out += "\(phase) at \(at)" + (run.message.isEmpty ? "" : ": \(run.message)") + "\n"
    } else {
      out += "\(phase) at \(DurationFormat.compact(milliseconds: horizon.milliseconds)) (still measuring; a longer --for shows more)\n"
    }
    return out
  }

  func json() -> String {
    func seconds(_ t: SimInstant?) -> JSONValue { t.map { .number($0.seconds) } ?? .null }
    let metrics: [JSONValue] = run.metricHistories.map { history in
      .object([
        ("name", .string(history.name)),
        ("phase", .string(history.phase.rawValue)),
        ("dryRun", .bool(history.dryRun)),
        (
          "measurements",
          .array(
            history.measurements.map { m in
              .object([
                ("t", seconds(m.finishedAt ?? m.startedAt)), ("phase", .string(m.phase.rawValue)),
                ("value", .string(m.value)), ("message", .string(m.message)),
              ])
            })
        ),
      ])
    }
    let document = JSONValue.object([
      ("name", .string(run.name)),
      ("kind", .string("Standalone")),
      ("step", .null),
      ("phase", .string(run.phase.rawValue)),
      ("startedAt", seconds(run.status.startedAt)),
      ("completedAt", seconds(run.status.completedAt)),
      ("message", .string(run.message)),
      ("metrics", .array(metrics)),
    ])
    return document.rendered() + "\n"
  }

  func pad(_ s: String, _ width: Int, left: Bool = false) -> String {
    let fill = String(repeating: " ", count: max(0, width - s.count))
    return left ? fill + s : s + fill
  }
}

extension String {
  fileprivate var trimmingTrailingSpaces: String {
    var s = Substring(self)
    while s.last == " " { s = s.dropLast() }
    return String(s)
  }
}
