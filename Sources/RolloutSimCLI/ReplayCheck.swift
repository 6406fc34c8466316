import Store
import VirtualTime
import WhatIf

/// What differs between a stored run and its replay today. The simulation is deterministic per seed,
/// so any difference means the run was stored by a version that simulated differently (or the record
/// was altered): the report then shows the replay, and says so.
enum ReplayCheck {
  /// One line per differing figure ("outcome: stored …, replay …"); empty when the replay matches.
  static func differences(stored: RunRecord, replay: RunRecord) -> [String] {
    var lines: [String] = []
    func compare(_ what: String, _ a: String, _ b: String) {
      if a != b { lines.append("\(what): stored \(a), replay \(b)") }
    }
    compare("outcome", outcome(stored), outcome(replay))
    compare("promoted at", time(stored.summary.promotedAtMs), time(replay.summary.promotedAtMs))
    compare("aborted at", time(stored.summary.abortedAtMs), time(replay.summary.abortedAtMs))
    // Stores written before the event count was kept hold 0: nothing to compare with.
    if stored.events != 0 { compare("events", "\(stored.events)", "\(replay.events)") }
    compare(
      "requests (failed)", "\(stored.summary.requests) (\(stored.summary.errors))",
      "\(replay.summary.requests) (\(replay.summary.errors))")
    return lines
  }

  static func outcome(_ record: RunRecord) -> String {
    let reason = record.summary.reason == record.summary.phase ? "" : " (\(record.summary.reason))"
    return "\(record.summary.phase)\(reason) at \(time(record.outcomeAtMs))"
  }

  static func time(_ milliseconds: Int64?) -> String {
    milliseconds.map { DurationFormat.clock(milliseconds: $0) } ?? "never"
  }
}
