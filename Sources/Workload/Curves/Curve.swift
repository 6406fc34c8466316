import Foundation
import VirtualTime

/// A value that changes over virtual time: a request rate (rps), an error fraction, a latency (ms) or a
/// traffic weight (percent). Built by `Curve.parse` from a `CurveSource`; evaluated at every scrape
/// tick, so evaluation is a few comparisons and at most one binary search.
///
/// Time is milliseconds since the update (t = 0). Before t = 0 every curve holds its first value,
/// except the daily cycle, which simply continues.
public struct Curve: Sendable, Equatable {
  public let unit: CurveUnit
  let shape: Shape

  indirect enum Shape: Sendable, Equatable {
    case constant(Double)
    case piecewise(Piecewise)
    case daily(base: Curve, diurnal: Curve, peakAtMilliseconds: Int64)
    /// One value per `step` from t = 0 (promtool's expanding notation); NaN marks `_` and `stale`.
    case stepped(stepMilliseconds: Int64, values: [Double])
    /// Recorded points, linearly interpolated, holding the end values outside.
    case interpolated(times: [Int64], values: [Double])
  }

  init(unit: CurveUnit, shape: Shape) {
    self.unit = unit
    self.shape = shape
  }

  /// A curve that never changes.
  public static func constant(_ value: Double, unit: CurveUnit) -> Curve {
    Curve(unit: unit, shape: .constant(value))
  }

  /// The value when the curve never changes, else nil (lets callers skip per-tick work).
  public var constantValue: Double? {
    if case .constant(let value) = shape { return value }
    return nil
  }

  @inlinable public func value(at instant: SimInstant) -> Double { value(atMilliseconds: instant.milliseconds) }

  public func value(atMilliseconds t: Int64) -> Double {
    switch shape {
    case .constant(let value):
      return value
    case .piecewise(let piecewise):
      return piecewise.value(at: t)
    case .daily(let base, let diurnal, let peak):
      // Phase: the sine peaks at `peak`; with the default 6h the curve sits at its mean and rises at t = 0.
      let dayMs = 86_400_000.0
      let phase = 2 * Double.pi * (Double(t - peak) / dayMs + 0.25)
      return base.value(atMilliseconds: t) * (1 + diurnal.value(atMilliseconds: t) * sin(phase))
    case .stepped(let step, let values):
      if t <= 0 { return values[0] }
      let index = Int(min(t / step, Int64(values.count - 1)))
      return values[index]
    case .interpolated(let times, let values):
      return Curve.interpolate(times: times, values: values, at: t)
    }
  }

  static func interpolate(times: [Int64], values: [Double], at t: Int64) -> Double {
    if t <= times[0] { return values[0] }
    let last = times.count - 1
    if t >= times[last] { return values[last] }
    var low = 0, high = last  // invariant: times[low] < t < times[high]... up to equality at high
    while high - low > 1 {
      let mid = (low + high) >> 1
      if times[mid] <= t { low = mid } else { high = mid }
    }
    let span = Double(times[high] - times[low])
    let fraction = Double(t - times[low]) / span
    return values[low] + (values[high] - values[low]) * fraction
  }
}

/// Consecutive segments from t = 0; each holds a value or ramps linearly from `from` to `to` over its
/// length. The last value holds after the last segment.
struct Piecewise: Sendable, Equatable {
  /// Segment starts (the first is 0) and ends (the last may be `Int64.max` for "forever").
  var starts: [Int64]
  var ends: [Int64]
  var from: [Double]
  var to: [Double]

  func value(at t: Int64) -> Double {
    if t <= 0 { return from[0] }
    var low = 0, high = starts.count - 1
    while low < high {
      let mid = (low + high + 1) >> 1
      if starts[mid] <= t { low = mid } else { high = mid - 1 }
    }
    let start = starts[low], end = ends[low]
    let a = from[low], b = to[low]
    if t >= end || a == b { return t >= end ? b : a }
    return a + (b - a) * (Double(t - start) / Double(end - start))
  }
}
