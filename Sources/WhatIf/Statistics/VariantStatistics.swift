/// What a sweep says about one variant. Rates carry Wilson 95% intervals; times are seconds of virtual
/// time since the update; percentiles are nearest-rank.
public struct VariantStatistics: Sendable, Hashable, Codable {
  public var index: Int
  public var name: String
  public var runs: Int
  public var goodRuns: Int
  public var badRuns: Int
  /// Aborted given a bad release.
  public var detection: Proportion?
  /// Aborted given a good release.
  public var falseRollback: Proportion?
  /// Promoted given a good release (all runs when the sweep has no release profiles).
  public var promotion: Proportion?
  /// Aborted, over all runs.
  public var aborts: Proportion?
  /// Of the promoted good releases (all promoted runs without release profiles).
  public var timeToPromote: Quantiles?
  /// Of the aborted bad releases: from the update to the abort.
  public var timeToDetect: Quantiles?
  /// Of the aborted bad releases: failed requests the canary served before the abort.
  public var badRequests: Quantiles?
  /// 1 is best (see `SweepStatistics.ranking`).
  public var rank: Int = 0
  public var onParetoFront: Bool = false

  /// Statistics of `outcomes`, which must all belong to this variant.
  public init(index: Int, name: String, outcomes: [SweepOutcome]) {
    self.index = index
    self.name = name
    runs = outcomes.count
    let good = outcomes.filter { $0.release == .good }
    let bad = outcomes.filter { $0.release == .bad }
    let hasProfiles = outcomes.contains { $0.release != nil }
    goodRuns = good.count
    badRuns = bad.count
    detection = Proportion(successes: bad.count { $0.summary.aborted }, trials: bad.count)
    falseRollback = Proportion(successes: good.count { $0.summary.aborted }, trials: good.count)
    let promotable = hasProfiles ? good : outcomes
    promotion = Proportion(successes: promotable.count { $0.summary.promoted }, trials: promotable.count)
    aborts = Proportion(successes: outcomes.count { $0.summary.aborted }, trials: outcomes.count)
    timeToPromote = Quantiles(promotable.compactMap { $0.summary.promotedAtMs.map(Self.seconds) })
    let detected = bad.filter { $0.summary.aborted }
    timeToDetect = Quantiles(detected.compactMap { $0.summary.abortedAtMs.map(Self.seconds) })
    badRequests = Quantiles(detected.map { Double($0.summary.canaryErrors) })
  }

  static func seconds(_ ms: Int64) -> Double { Double(ms) / 1000 }
}
