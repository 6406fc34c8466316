import VirtualTime

/// Everything about the synthetic workload that does not depend on the controller: the user traffic
/// rate, the revision profiles, the scrape interval and which telemetry to emit.
public struct WorkloadModel: Sendable, Equatable {
  /// User requests per second (`spec.traffic.rps`).
  public var rps: Curve
  /// Telemetry resolution (`spec.traffic.scrapeInterval`).
  public var scrapeInterval: SimDuration
  /// Behaviour per revision name (`spec.revisions`).
  public var revisions: [String: RevisionProfile]
  /// The profile of a revision name that `revisions` does not list.
  public var defaultProfile: RevisionProfile
  public var telemetry: TelemetryOptions
  /// Who sends user traffic (Istio source labels).
  public var source: TrafficSource
  /// The status code of successful requests.
  public var successCode: Int
  /// Keep per-interval counts in the ledger (for charts); totals are always kept.
  public var recordIntervals: Bool

  public init(
    rps: Curve = .constant(200, unit: .rate), scrapeInterval: SimDuration = .seconds(15),
    revisions: [String: RevisionProfile] = ["stable": .healthy, "canary": .healthy],
    defaultProfile: RevisionProfile = .healthy, telemetry: TelemetryOptions = TelemetryOptions(),
    source: TrafficSource = .istioIngressGateway, successCode: Int = 200, recordIntervals: Bool = false
  ) {
    self.rps = rps
    self.scrapeInterval = scrapeInterval
    self.revisions = revisions
    self.defaultProfile = defaultProfile
    self.telemetry = telemetry
    self.source = source
    self.successCode = successCode
    self.recordIntervals = recordIntervals
  }
}
