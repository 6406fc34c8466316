import Foundation
import SimKernel

/// The count draws of one `advance` call: Poisson arrivals, binomial errors.
///
/// The same approximations as `SeededRandom.poisson` / `binomial` (Knuth below a mean of 30, a rounded
/// normal above; exact Bernoulli sums up to 64 trials), but normals come from Marsaglia's polar method
/// two at a time, which halves the transcendental calls on the hot path of a days-long run. The spare
/// normal lives only for one `advance`, so results depend on nothing but the generator passed in.
struct CountSampler {
  private var spare = 0.0
  private var hasSpare = false

  /// Means above this are clamped (1e15 requests in one interval is beyond any scenario, and keeps
  /// every count far from Int64's limit).
  static let maximumMean = 1e15

  mutating func poisson(mean unclamped: Double, _ rng: inout SeededRandom) -> Int64 {
    guard unclamped > 0, unclamped.isFinite else { return 0 }
    let lambda = min(unclamped, Self.maximumMean)
    if lambda < 30 {
      let limit = exp(-lambda)
      var k: Int64 = 0
      var p = rng.nextUnit()
      while p > limit {
        k += 1
        p *= rng.nextUnit()
      }
      return k
    }
    // Rounded half up; `Int64(x + 0.5)` avoids a libm call and is exact for the positive values kept.
    let value = lambda + lambda.squareRoot() * normal(&rng)
    return value <= 0 ? 0 : Int64(value + 0.5)
  }

  mutating func binomial(trials: Int64, probability p: Double, _ rng: inout SeededRandom) -> Int64 {
    guard trials > 0, p > 0 else { return 0 }
    if p >= 1 { return trials }
    if trials <= 64 {
      var successes: Int64 = 0
      for _ in 0..<trials where rng.nextUnit() < p { successes += 1 }
      return successes
    }
    let mean = Double(trials) * p
    if mean < 30 { return min(trials, poisson(mean: mean, &rng)) }
    let sd = (mean * (1 - p)).squareRoot()
    let value = mean + sd * normal(&rng)
    return value <= 0 ? 0 : min(trials, Int64(value + 0.5))
  }

  mutating func normal(_ rng: inout SeededRandom) -> Double {
    if hasSpare {
      hasSpare = false
      return spare
    }
    var u = 0.0, v = 0.0, s = 0.0
    repeat {
      u = 2 * rng.nextUnit() - 1
      v = 2 * rng.nextUnit() - 1
      s = u * u + v * v
    } while s >= 1 || s == 0
    let m = (-2 * log(s) / s).squareRoot()
    spare = v * m
    hasSpare = true
    return u * m
  }
}
