import Foundation

/// The latency distribution of one revision at one instant: a log-normal fitted through the profile's
/// p50 and p99. Log-normal because real request latencies are skewed to the right and two quantiles
/// fix its two parameters exactly: median = e^μ, p99 = e^(μ + z₀.₉₉·σ).
public struct LogNormalLatency: Sendable, Hashable {
  /// μ and σ of ln(latency in ms).
  public let mu: Double
  public let sigma: Double

  /// z such that Φ(z) = 0.99.
  public static let z99 = 2.326_347_874_040_840_8

  /// Fits through p50 and p99 (milliseconds). A p99 below the p50 is treated as equal to it (no
  /// spread); non-positive values are lifted to 1 µs so the logarithm exists.
  public init(p50: Double, p99: Double) {
    let median = max(p50.isFinite ? p50 : 0, 0.001)
    let tail = max(p99.isFinite ? p99 : 0, median)
    mu = log(median)
    sigma = (log(tail) - mu) / Self.z99
  }

  /// P(latency ≤ x ms).
  public func cdf(_ milliseconds: Double) -> Double {
    if milliseconds.isInfinite { return milliseconds > 0 ? 1 : 0 }
    if milliseconds <= 0 { return 0 }
    let z = log(milliseconds) - mu
    if sigma <= 0 { return z >= 0 ? 1 : 0 }
    return 0.5 * erfc(-z / (sigma * 2.0.squareRoot()))
  }

  /// The mean latency in ms, e^(μ + σ²/2): what a histogram's `_sum / _count` converges to.
  public var mean: Double { exp(mu + sigma * sigma / 2) }

  /// The q-quantile in ms (q in (0, 1)).
  public func quantile(_ q: Double) -> Double {
    exp(mu + sigma * Self.inverseStandardNormal(q))
  }

  /// Φ⁻¹ by bisection on erfc; only used off the hot path (tests, reports).
  static func inverseStandardNormal(_ p: Double) -> Double {
    guard p > 0 else { return -.infinity }
    guard p < 1 else { return .infinity }
    var low = -40.0, high = 40.0
    for _ in 0..<200 {
      let mid = (low + high) / 2
      if 0.5 * erfc(-mid / 2.0.squareRoot()) < p { low = mid } else { high = mid }
    }
    return (low + high) / 2
  }
}
