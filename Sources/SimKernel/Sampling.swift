import Foundation

/// Draws from the distributions the workload needs, using only the run's generator.
///
/// Counts are sampled per scrape interval, never per request: a Poisson draw for how many requests
/// arrived and a binomial draw for how many of them failed.
extension SeededRandom {
  /// A Poisson-distributed count with mean `lambda` (Knuth's method for small means, a rounded
  /// normal approximation above 30, clamped at 0).
  public mutating func poisson(mean lambda: Double) -> Int64 {
    guard lambda > 0, lambda.isFinite else { return 0 }
    if lambda < 30 {
      let limit = exp(-lambda)
      var k: Int64 = 0
      var p = nextUnit()
      while p > limit {
        k += 1
        p *= nextUnit()
      }
      return k
    }
    let value = (lambda + sqrt(lambda) * standardNormal()).rounded()
    return max(0, Int64(value))
  }

  /// A binomial count of successes in `trials` with probability `p` (exact draws for small trial
  /// counts, a normal approximation otherwise, clamped to [0, trials]).
  public mutating func binomial(trials: Int64, probability p: Double) -> Int64 {
    guard trials > 0, p > 0 else { return 0 }
    if p >= 1 { return trials }
    let mean = Double(trials) * p
    if trials <= 64 {
      var successes: Int64 = 0
      for _ in 0..<trials where nextUnit() < p { successes += 1 }
      return successes
    }
    if mean < 30 {
      // Rare events in many trials: Poisson is the better approximation.
      return min(trials, poisson(mean: mean))
    }
    let sd = (mean * (1 - p)).squareRoot()
    let value = (mean + sd * standardNormal()).rounded()
    return min(trials, max(0, Int64(value)))
  }

  /// A standard normal draw (Box–Muller, one value per call; deterministic given the stream).
  public mutating func standardNormal() -> Double {
    var u1 = nextUnit()
    if u1 < 1e-300 { u1 = 1e-300 }
    let u2 = nextUnit()
    return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
  }

  /// A uniform integer in `range` (inclusive), without modulo bias.
  public mutating func uniform(_ range: ClosedRange<Int64>) -> Int64 {
    Int64.random(in: range, using: &self)
  }
}
