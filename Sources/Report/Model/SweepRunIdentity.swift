/// Which run of which sweep a report shows: a sweep's runs share one scenario, so its name alone
/// does not tell them apart; the variant, the release and the seed do.
public struct SweepRunIdentity: Sendable, Hashable, Codable {
  public var sweep: String
  public var sweepID: Int64
  public var runID: Int64
  public var variant: String
  /// `good`, `bad`, or `as-written` when the sweep declares no releases.
  public var release: String

  public init(sweep: String, sweepID: Int64, runID: Int64, variant: String, release: String) {
    self.sweep = sweep
    self.sweepID = sweepID
    self.runID = runID
    self.variant = variant
    self.release = release
  }

  /// `good release`, `bad release`, `release as written`.
  public var releaseText: String { release == "as-written" ? "release as written" : "\(release) release" }

  /// The report's title: `istio-canary-plans · fast-steps · bad release · seed 7`.
  public func title(seed: UInt64) -> String { "\(sweep) · \(variant) · \(releaseText) · seed \(seed)" }

  /// One sentence for under the title.
  public func sentence(scenario: String, seed: UInt64) -> String {
    "Run \(runID) of sweep \(sweep) (#\(sweepID)): variant \(variant), \(releaseText), seed \(seed), of scenario \(scenario)."
  }
}
