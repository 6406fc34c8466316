import Controller
import Simulation
import VirtualTime

/// The figures of one run that the statistics use, small enough to keep for millions of runs.
/// Times are milliseconds of virtual time since the update.
public struct RunSummary: Sendable, Hashable, Codable {
  public var phase: String
  public var reason: String
  public var promoted: Bool
  public var aborted: Bool
  public var promotedAtMs: Int64?
  public var abortedAtMs: Int64?
  public var endedAtMs: Int64
  public var requests: Int64
  public var errors: Int64
  public var canaryRequests: Int64
  /// Failed requests the updated revision served. After an abort the canary gets no more user
  /// traffic, so for an aborted run these are the bad requests served before the abort.
  public var canaryErrors: Int64

  public init(
    phase: String, reason: String, promoted: Bool, aborted: Bool, promotedAtMs: Int64? = nil, abortedAtMs: Int64? = nil,
    endedAtMs: Int64, requests: Int64 = 0, errors: Int64 = 0, canaryRequests: Int64 = 0, canaryErrors: Int64 = 0
  ) {
    self.phase = phase
    self.reason = reason
    self.promoted = promoted
    self.aborted = aborted
    self.promotedAtMs = promotedAtMs
    self.abortedAtMs = abortedAtMs
    self.endedAtMs = endedAtMs
    self.requests = requests
    self.errors = errors
    self.canaryRequests = canaryRequests
    self.canaryErrors = canaryErrors
  }

  public init(result: SimulationResult) {
    let outcome = result.outcome
    self.init(
      phase: outcome.phase.rawValue, reason: outcome.reason, promoted: outcome.promoted, aborted: outcome.aborted,
      promotedAtMs: outcome.promoted ? outcome.promotedAt?.milliseconds : nil,
      abortedAtMs: outcome.aborted ? outcome.abortedAt?.milliseconds : nil, endedAtMs: result.endedAt.milliseconds,
      requests: result.traffic.requests, errors: result.traffic.errors, canaryRequests: result.traffic.canaryRequests,
      canaryErrors: result.traffic.canaryErrors)
  }
}

/// A stored run as the statistics see it: which variant and release it belongs to, and its summary.
public struct SweepOutcome: Sendable, Hashable {
  public var task: Int
  public var variant: Int
  public var release: ReleaseKind?
  public var summary: RunSummary
  public init(task: Int, variant: Int, release: ReleaseKind?, summary: RunSummary) {
    self.task = task
    self.variant = variant
    self.release = release
    self.summary = summary
  }
}
