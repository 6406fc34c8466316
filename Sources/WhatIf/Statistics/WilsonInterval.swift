/// A proportion with its Wilson score interval: honest at 0% and 100% and for small samples, where the
/// normal approximation gives impossible bounds.
public struct Proportion: Sendable, Hashable, Codable {
  public var successes: Int
  public var trials: Int
  public var rate: Double
  /// The interval's bounds (95% unless asked otherwise).
  public var low: Double
  public var high: Double

  /// z for a two-sided 95% interval.
  public static let z95 = 1.959963984540054

  /// nil when there are no trials.
  public init?(successes: Int, trials: Int, z: Double = Proportion.z95) {
    guard trials > 0, successes >= 0, successes <= trials else { return nil }
    let n = Double(trials)
    let p = Double(successes) / n
    let z2 = z * z
    let denominator = 1 + z2 / n
    let center = (p + z2 / (2 * n)) / denominator
    let half = z * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot() / denominator
    self.successes = successes
    self.trials = trials
    self.rate = p
    // Exact at the edges (the formula gives 0 and 1 up to rounding).
    self.low = successes == 0 ? 0 : max(0, center - half)
    self.high = successes == trials ? 1 : min(1, center + half)
  }
}
