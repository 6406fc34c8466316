import Controller
import Report
import Store
import WhatIf
import VirtualTime

/// Text and JSON of stored runs for `runs list` and `runs show`.
enum RunsRendering {
  static func list(_ runs: [RunListing]) -> String {
    guard !runs.isEmpty else { return "no runs stored yet\n" }
    var rows = [["ID", "SCENARIO", "SEED", "SWEEP", "VARIANT", "RELEASE", "OUTCOME", "AT"]]
    for run in runs {
      rows.append([
        String(run.id), run.scenarioName, String(run.seed), run.sweepName.map { "\($0) #\(run.sweepID ?? 0)" } ?? "-",
        run.variant ?? "-", run.release ?? "-", outcome(phase: run.phase, promoted: run.promoted, aborted: run.aborted),
        DurationFormat.clock(milliseconds: run.outcomeAtMs),
      ])
    }
    return ComparisonRendering.table(rows)
  }

  static func outcome(phase: String, promoted: Bool, aborted: Bool) -> String {
    let symbol = RolloutPhase(rawValue: phase).map(TimelineText.symbol) ?? "?"
    return "\(symbol) \(phase)\(promoted ? " promoted" : aborted ? " aborted" : "")"
  }

  static func listing(_ run: RunListing) -> JSONValue {
    let sweep: JSONValue = run.sweepName.map { .string($0) } ?? .null
    let sweepID: JSONValue = run.sweepID.map { .int($0) } ?? .null
    let variant: JSONValue = run.variant.map { .string($0) } ?? .null
    let release: JSONValue = run.release.map { .string($0) } ?? .null
    let members: [(String, JSONValue)] = [
      ("id", .int(run.id)), ("scenario", .string(run.scenarioName)), ("seed", .int(Int64(bitPattern: run.seed))),
      ("sweep", sweep), ("sweepId", sweepID), ("variant", variant), ("release", release), ("phase", .string(run.phase)),
      ("reason", .string(run.reason)), ("promoted", .bool(run.promoted)), ("aborted", .bool(run.aborted)),
      ("at", .number(Double(run.outcomeAtMs) / 1000)),
    ]
    return .object(members)
  }

  // MARK: - show

  /// The stored run: its timeline (the columns of `run`'s TIMELINE), outcome, AnalysisRuns, figures
  /// and parameters.
  static func show(_ run: StoredRun) -> String {
    let record = run.record
    var out = "\(record.rollout) (\(record.strategy)) · scenario \(run.scenarioName) · seed \(record.seed)\n\n"
    out += "  TIME          STATUS          STEP   WEIGHT    STABLE  CANARY  EVENT\n"
    for row in record.timeline { out += timelineLine(row, stepCount: record.stepCount) + "\n" }
    let phase = record.summary.phase
    out += "\n" + symbol(phase) + " " + phase
    if !record.message.isEmpty { out += "  \(record.message)" }
    out += "  (at \(DurationFormat.clock(milliseconds: record.outcomeAtMs)))\n"
    out += "\nrun \(run.id) · scenario \(run.scenarioPath) (sha256 \(run.scenarioHash.prefix(12)))"
    if let sweep = run.sweepID { out += " · sweep #\(sweep)" }
    out += "\n"
    let s = record.summary
    out += "  outcome     \(s.phase) (\(s.reason))"
    if let at = s.promotedAtMs { out += " · promoted at \(DurationFormat.clock(milliseconds: at))" }
    if let at = s.abortedAtMs { out += " · aborted at \(DurationFormat.clock(milliseconds: at))" }
    out += " · ended at \(DurationFormat.clock(milliseconds: s.endedAtMs))\n"
    out += "  traffic     \(s.requests) requests, \(s.errors) errors; canary \(s.canaryRequests) requests, \(s.canaryErrors) errors\n"
    for analysis in record.analysisRuns {
      let measurements = analysis.metrics.reduce(0) { $0 + $1.measurements.count }
      out += "  analysis    \(analysis.name) (\(analysis.kind)\(analysis.step.map { ", step \($0)" } ?? "")): \(analysis.phase)"
      out += measurements > 0 ? ", \(measurements) measurement\(measurements == 1 ? "" : "s")" : ""
      out += analysis.message.isEmpty ? "\n" : " · \(analysis.message)\n"
    }
    for parameter in record.parameters { out += "  \(pad(parameter.name, 11)) \(parameter.value)\n" }
    return out
  }

  /// One timeline line in `TimelineText`'s columns.
  static func timelineLine(_ row: TimelineRow, stepCount: Int?) -> String {
    let status = symbol(row.phase) + " " + row.phase
    let step = row.step.map { index in stepCount.map { "\(index)/\($0)" } ?? "\(index)" } ?? "-"
    var line = "  " + pad(DurationFormat.clock(milliseconds: row.tMs), 13) + " "
    line += pad(status, 15, visible: 2 + row.phase.count) + " " + pad(step, 6) + " "
    line += pad("\(row.canaryWeight)/\(row.stableWeight)", 9) + " " + pad(pods(row, "stable"), 7) + " "
    line += pad(pods(row, "canary"), 7) + " " + row.event + "  " + row.message
    return line
  }

  static func symbol(_ phase: String) -> String { RolloutPhase(rawValue: phase).map(TimelineText.symbol) ?? "?" }

  static func pods(_ row: TimelineRow, _ role: String) -> String {
    guard let count = row.replicas.first(where: { $0.role == role }) else { return "-" }
    return "\(count.available)/\(count.desired)"
  }

  static func pad(_ text: String, _ width: Int, visible: Int? = nil) -> String {
    let length = visible ?? text.count
    return length >= width ? text : text + String(repeating: " ", count: width - length)
  }

  // MARK: - JSON

  static func seconds(_ ms: Int64) -> JSONValue { .number(Double(ms) / 1000) }
  static func seconds(_ ms: Int64?) -> JSONValue { ms.map(seconds) ?? .null }

  static func json(_ run: StoredRun) -> JSONValue {
    let record = run.record
    let s = record.summary
    return .object([
      ("id", .int(run.id)), ("scenario", .string(run.scenarioName)), ("scenarioPath", .string(run.scenarioPath)),
      ("scenarioHash", .string(run.scenarioHash)), ("sweepId", run.sweepID.map { .int($0) } ?? .null),
      ("seed", .int(Int64(bitPattern: record.seed))), ("rollout", .string(record.rollout)),
      ("strategy", .string(record.strategy)),
      ("parameters", .object(record.parameters.map { ($0.name, .string($0.value)) })),
      (
        "outcome",
        .object([
          ("phase", .string(s.phase)), ("reason", .string(s.reason)), ("message", .string(record.message)),
          ("at", seconds(record.outcomeAtMs)), ("promoted", .bool(s.promoted)), ("aborted", .bool(s.aborted)),
          ("promotedAt", seconds(s.promotedAtMs)), ("abortedAt", seconds(s.abortedAtMs)), ("endedAt", seconds(s.endedAtMs)),
        ])
      ),
      ("timeline", .array(record.timeline.map(timelineJSON))),
      ("analysisRuns", .array(record.analysisRuns.map(analysisJSON))),
      (
        "traffic",
        .object([
          ("requests", .int(s.requests)), ("errors", .int(s.errors)), ("canaryRequests", .int(s.canaryRequests)),
          ("canaryErrors", .int(s.canaryErrors)),
        ])
      ),
      (
        "charts",
        .array(
          record.charts.map { chart in
            .object([
              ("name", .string(chart.name)), ("revision", .string(chart.revision)), ("start", seconds(chart.startMs)),
              ("step", seconds(chart.stepMs)), ("values", .array(chart.values.map { .number($0) })),
            ])
          })
      ),
    ])
  }

  /// The shape of `run --format json`'s timeline entries (design §5), so the two compare equal.
  static func timelineJSON(_ row: TimelineRow) -> JSONValue {
    var replicas: [(String, JSONValue)] = []
    var used = Set<String>()
    for r in row.replicas {
      let key = used.contains(r.role) ? "\(r.role)-\(r.revision)" : r.role
      used.insert(key)
      replicas.append(
        (
          key,
          .object([
            ("revision", .int(Int64(r.revision))), ("revisionName", .string(r.revisionName)),
            ("desired", .int(Int64(r.desired))), ("ready", .int(Int64(r.ready))), ("available", .int(Int64(r.available))),
          ])
        ))
    }
    return .object([
      ("t", seconds(row.tMs)), ("event", .string(row.event)), ("step", row.step.map { .int(Int64($0)) } ?? .null),
      ("phase", .string(row.phase)),
      ("weights", .object([("canary", .int(Int64(row.canaryWeight))), ("stable", .int(Int64(row.stableWeight)))])),
      ("replicas", .object(replicas)), ("message", .string(row.message)),
    ])
  }

  static func analysisJSON(_ run: AnalysisRunRow) -> JSONValue {
    .object([
      ("name", .string(run.name)), ("kind", .string(run.kind)), ("step", run.step.map { .int(Int64($0)) } ?? .null),
      ("phase", .string(run.phase)), ("startedAt", seconds(run.startedAtMs)), ("completedAt", seconds(run.completedAtMs)),
      ("message", .string(run.message)),
      (
        "metrics",
        .array(
          run.metrics.map { metric in
            .object([
              ("name", .string(metric.name)), ("phase", .string(metric.phase)), ("dryRun", .bool(metric.dryRun)),
              (
                "measurements",
                .array(
                  metric.measurements.map { m in
                    .object([
                      ("t", seconds(m.tMs)), ("phase", .string(m.phase)), ("value", .string(m.value)),
                      ("message", .string(m.message)),
                    ])
                  })
              ),
            ])
          })
      ),
    ])
  }
}
