import VirtualTime
import Workload

/// Signals read from scenario curves: any named curve, plus for each revision profile
/// `<revision>.errorRate`, `<revision>.successRate` (1 − error rate), `<revision>.latency.p50` and
/// `<revision>.latency.p99` (milliseconds). A gap in a curve (`_`, `stale`, NaN) reads as no data.
public struct CurveSignals: SignalSource {
  public var curves: [String: Curve]

  public init(curves: [String: Curve] = [:]) { self.curves = curves }

  public init(revisions: [String: RevisionProfile], curves: [String: Curve] = [:]) {
    var all = curves
    for (name, profile) in revisions {
      all["\(name).errorRate"] = profile.errorRate
      all["\(name).latency.p50"] = profile.latency.p50
      all["\(name).latency.p99"] = profile.latency.p99
    }
    self.curves = all
  }

  public func value(of signal: String, at instant: SimInstant) -> SignalReading {
    if let curve = curves[signal] { return reading(curve.value(at: instant)) }
    if signal.hasSuffix(".successRate") {
      let base = String(signal.dropLast(".successRate".count))
      if let errors = curves[base + ".errorRate"] { return reading(1 - errors.value(at: instant)) }
    }
    let known = curves.keys.sorted().joined(separator: ", ")
    return .unknown("rollout-sim: unknown signal \"\(signal)\"; known: \(known)")
  }

  func reading(_ value: Double) -> SignalReading { value.isNaN ? .noData : .value(value) }
}
