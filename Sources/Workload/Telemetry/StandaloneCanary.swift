import SimKernel
import TimeSeries
import VirtualTime

/// Standalone use before the controller drives the split: two backends whose shares follow a weight
/// curve, the way a router would apply `setWeight` steps.
public struct CanaryWeightPlan: Sendable, Equatable {
  public var stable: Backend
  public var canary: Backend
  /// Canary weight in percent (unit `.weight`), evaluated at the middle of each scrape interval.
  public var canaryWeight: Curve
  public var tests: [TestTraffic]

  public init(stable: Backend, canary: Backend, canaryWeight: Curve, tests: [TestTraffic] = []) {
    self.stable = stable
    self.canary = canary
    self.canaryWeight = canaryWeight
    self.tests = tests
  }

  /// The split for weight `w` percent: stable gets 1 − w/100, canary w/100. The canary backend is
  /// listed only while its weight is above 0 (as the OpenShift plugin drops `alternateBackends` at 0).
  public func split(weight: Double) -> TrafficSplit {
    let w = weight.isFinite ? min(max(weight, 0), 100) / 100 : 0
    var stable = self.stable
    stable.share = 1 - w
    var backends = [stable]
    if w > 0 {
      var canary = self.canary
      canary.share = w
      backends.append(canary)
    }
    return TrafficSplit(backends: backends, tests: tests)
  }
}

extension TelemetryGenerator {
  /// Advances to `end` one scrape interval at a time, with the split the weight curve gives for each.
  public mutating func advance(
    to end: SimInstant, following weights: CanaryWeightPlan, store: inout SeriesStore, rng: inout SeededRandom
  ) {
    while now < end {
      let stepEnd = min(end, nextScrape)
      let mid = now.milliseconds + (stepEnd.milliseconds - now.milliseconds) / 2
      let split = weights.split(weight: weights.canaryWeight.value(atMilliseconds: mid))
      advance(to: stepEnd, split: split, store: &store, rng: &rng)
    }
  }

  /// Generates telemetry from `start` to `end` for a weight curve into a fresh store.
  public static func run(
    model: WorkloadModel, weights: CanaryWeightPlan, from start: SimInstant = .zero, to end: SimInstant,
    rng: inout SeededRandom
  ) -> (store: SeriesStore, ledger: TrafficLedger) {
    var generator = TelemetryGenerator(model: model, start: start)
    var store = SeriesStore()
    generator.advance(to: end, following: weights, store: &store, rng: &rng)
    return (store, generator.ledger)
  }
}
