import Store
import WhatIf
import VirtualTime

/// What differs between two stored runs: where they came from, their parameters, their outcomes and
/// figures, and the first timeline entry where they part.
struct RunsDiff {
  let a: StoredRun
  let b: StoredRun

  init(_ a: StoredRun, _ b: StoredRun) {
    self.a = a
    self.b = b
  }

  var text: String {
    var lines: [String] = []
    func compare(_ name: String, _ x: String, _ y: String) {
      if x != y { lines.append("  \(RunsRendering.pad(name, 14)) \(x)  →  \(y)") }
    }
    compare("scenario", "\(a.scenarioName) (\(a.scenarioHash.prefix(12)))", "\(b.scenarioName) (\(b.scenarioHash.prefix(12)))")
    compare("seed", String(a.record.seed), String(b.record.seed))
    var names: [String] = []
    for parameter in a.record.parameters + b.record.parameters where !names.contains(parameter.name) {
      names.append(parameter.name)
    }
    for name in names {
      compare(name, a.record.parameter(name) ?? "(none)", b.record.parameter(name) ?? "(none)")
    }
    let x = a.record.summary
    let y = b.record.summary
    compare("phase", "\(x.phase) (\(x.reason))", "\(y.phase) (\(y.reason))")
    compare("promoted", time(x.promoted, x.promotedAtMs), time(y.promoted, y.promotedAtMs))
    compare("aborted", time(x.aborted, x.abortedAtMs), time(y.aborted, y.abortedAtMs))
    compare("ended at", DurationFormat.clock(milliseconds: x.endedAtMs), DurationFormat.clock(milliseconds: y.endedAtMs))
    compare("requests", String(x.requests), String(y.requests))
    compare("errors", String(x.errors), String(y.errors))
    compare("canary req.", String(x.canaryRequests), String(y.canaryRequests))
    compare("canary errors", String(x.canaryErrors), String(y.canaryErrors))

    var out = "run \(a.id) → run \(b.id)\n"
    out += lines.isEmpty ? "  same scenario, seed, parameters, outcome and figures\n" : lines.joined(separator: "\n") + "\n"
    out += timelineDifference()
    return out
  }

  func time(_ happened: Bool, _ at: Int64?) -> String {
    guard happened else { return "no" }
    return at.map { "at \(DurationFormat.clock(milliseconds: $0))" } ?? "yes"
  }

  func timelineDifference() -> String {
    let x = a.record.timeline
    let y = b.record.timeline
    guard let index = x.indices.first(where: { $0 >= y.count || x[$0] != y[$0] }) ?? (y.count > x.count ? x.count : nil)
    else {
      return "  timelines identical (\(x.count) entries)\n"
    }
    func line(_ rows: [TimelineRow], _ stepCount: Int?) -> String {
      index < rows.count ? RunsRendering.timelineLine(rows[index], stepCount: stepCount) : "  (timeline ends)"
    }
    return "  timelines part at entry \(index + 1):\n"
      + "  - \(line(x, a.record.stepCount).dropFirst(2))\n"
      + "  + \(line(y, b.record.stepCount).dropFirst(2))\n"
  }
}
