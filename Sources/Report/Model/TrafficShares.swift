import Simulation

/// Who served the run's user requests: the update's ReplicaSet, the other revisions, and each
/// experiment template with a router `weight`. The rows add up to the run's totals.
struct TrafficShares {
  struct Row {
    var who: String
    var requests: Int64
    var errors: Int64
  }

  var rows: [Row]

  init(_ t: TrafficTotals) {
    let experimentRequests = t.experiments.reduce(0) { $0 + $1.requests }
    let experimentErrors = t.experiments.reduce(0) { $0 + $1.errors }
    rows = [
      Row(who: "the update (its canary ReplicaSet)", requests: t.canaryRequests, errors: t.canaryErrors),
      Row(
        who: "the stable and older revisions", requests: t.requests - t.canaryRequests - experimentRequests,
        errors: t.errors - t.canaryErrors - experimentErrors),
    ]
    rows += t.experiments.map { Row(who: TrafficText.experimentName($0), requests: $0.requests, errors: $0.errors) }
    rows.append(Row(who: "all", requests: t.requests, errors: t.errors))
  }

  /// `0.27%`, or `-` with no requests.
  static func failedShare(_ row: Row) -> String {
    row.requests > 0 ? Number.percent(row.errors, of: row.requests) : "-"
  }
}
