import Simulation

/// The request totals in words, shared by every renderer.
enum TrafficText {
  /// `103,860,003 requests, 5,668,215 failed (5.46%)`.
  static func all(_ t: TrafficTotals) -> String {
    guard t.requests > 0 else { return "none (the scenario sends no traffic)" }
    return "\(Number.grouped(t.requests)) requests, \(Number.grouped(t.errors)) failed (\(Number.percent(t.errors, of: t.requests)))"
  }

  /// What the updated revision served.
  static func update(_ t: TrafficTotals) -> String {
    guard t.canaryRequests > 0 else { return "no requests" }
    return "\(Number.grouped(t.canaryRequests)) requests, \(Number.grouped(t.canaryErrors)) failed (\(Number.percent(t.canaryErrors, of: t.canaryRequests)))"
  }

  /// `experiment template baseline (experiment demo-6d4f-2-1, Service demo-6d4f-2-1-baseline, profile stable)`.
  static func experimentName(_ e: ExperimentTraffic) -> String {
    var details = ["experiment \(e.experiment)"]
    if !e.service.isEmpty { details.append("Service \(e.service)") }
    // A template whose pods never became available has no profile (only 503s).
    if !e.revision.hasPrefix("__") { details.append("profile \(e.revision)") }
    return "experiment template \(e.template) (\(details.joined(separator: ", ")))"
  }

  /// What an experiment template served through its router weight.
  static func experiment(_ e: ExperimentTraffic) -> String {
    "\(Number.grouped(e.requests)) requests, \(Number.grouped(e.errors)) failed (\(Number.percent(e.errors, of: e.requests)))"
  }
}
