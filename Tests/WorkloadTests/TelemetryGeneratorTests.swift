import Foundation
import SimKernel
import Testing
import TimeSeries
import VirtualTime

@testable import Workload

@Suite struct TelemetryGeneratorTests {
  /// A canary at 20% for 10 minutes, 50% for 10 minutes, then gone.
  static let steps: [(SimDuration, Double)] = [(.minutes(5), 0), (.minutes(15), 0.2), (.minutes(25), 0.5), (.minutes(35), 0)]

  @Test func countersNeverDecreaseAndCarryOnAcrossWeightChanges() {
    let (store, _) = Fixture.run(model: Fixture.model(families: TelemetryFamily.allCases), steps: Self.steps)
    #expect(store.count > 50)
    for series in store.series {
      let values = series.values.filter { !Sample.isStale($0) }
      #expect(zip(values, values.dropFirst()).allSatisfy { $0 <= $1 }, "\(series.labels)")
      #expect(series.timestamps.allSatisfy { $0 % 15_000 == 0 })
    }
    // The stable destination series lives through every weight change without a reset or a gap.
    let stable = store.ids(
      "istio_requests_total",
      ["reporter": "destination", "response_code": "200", "pod": "rollouts-demo-\(Fixture.stableHash)-s0"])
    #expect(stable.count == 1)
    #expect(store[stable[0]].count == 35 * 4)
  }

  @Test func theSameSeedGivesTheSameStoreAndAnotherSeedDoesNot() {
    let model = Fixture.model(families: TelemetryFamily.allCases)
    let (a, _) = Fixture.run(model: model, steps: Self.steps, seed: 42)
    let (b, _) = Fixture.run(model: model, steps: Self.steps, seed: 42)
    let (c, _) = Fixture.run(model: model, steps: Self.steps, seed: 43)
    #expect(identical(a, b))
    #expect(!identical(a, c))
    #expect(a.lastSum("istio_requests_total") != c.lastSum("istio_requests_total"))
  }

  @Test func sampledRatesFollowTheCurve() throws {
    let rps = try Curve.parse(.text("100 for 30m, 300"), unit: .rate)
    let model = Fixture.model(families: [.http], rps: rps, metricNames: ["http_requests_total"])
    let (store, generator) = Fixture.run(model: model, steps: [(.hours(1), 0.25)])
    let ids = store.ids("http_requests_total")
    func total(at t: Int64) -> Double { ids.reduce(0) { $0 + (store.value($1, at: t) ?? 0) } }
    let firstHalf = total(at: 1_800_000) / 1_800
    let secondHalf = (total(at: 3_600_000) - total(at: 1_800_000)) / 1_800
    #expect(abs(firstHalf - 100) < 3, "\(firstHalf)")
    #expect(abs(secondHalf - 300) < 5, "\(secondHalf)")
    // Error fractions per revision follow their profiles (canary 8%, stable 0.2%).
    let canary = generator.ledger.user(revision: "canary")
    let stable = generator.ledger.user(revision: "stable")
    #expect(abs(Double(canary.errors) / Double(canary.requests) - 0.08) < 0.01)
    #expect(abs(Double(stable.errors) / Double(stable.requests) - 0.002) < 0.001)
    #expect(abs(Double(canary.requests) / Double(canary.requests + stable.requests) - 0.25) < 0.01)
  }

  @Test func aBackendThatLeavesGetsOneStalenessMarkerAndStops() {
    let (store, _) = Fixture.run(model: Fixture.model(families: [.istio, .http]), steps: Self.steps)
    let canary = store.ids("istio_requests_total", ["destination_workload": "rollouts-demo-\(Fixture.canaryHash)"])
    #expect(!canary.isEmpty)
    for id in canary {
      let series = store[id]
      let staleIndices = series.values.indices.filter { Sample.isStale(series.values[$0]) }
      #expect(staleIndices == [series.count - 1], "\(series.labels)")
      // Removed at 25m: the tick at 25m still reports, the next (25m15s) is the marker.
      #expect(series.timestamps.last == Int64(25 * 60_000 + 15_000))
    }
    let stable = store.ids("istio_requests_total", ["destination_workload": "rollouts-demo-\(Fixture.stableHash)"])
    #expect(stable.allSatisfy { !store[$0].values.contains(where: Sample.isStale) })
  }

  @Test func aReturningBackendStartsAFreshCounter() {
    let model = Fixture.model(families: [.http], metricNames: ["http_requests_total"])
    let (store, _) = Fixture.run(model: model, steps: [(.minutes(5), 0.5), (.minutes(10), 0), (.minutes(15), 0.5)])
    let id = store.ids("http_requests_total", ["code": "200", "pod": "rollouts-demo-\(Fixture.canaryHash)-c0"])[0]
    let series = store[id]
    let stale = series.values.firstIndex(where: Sample.isStale)!
    #expect(series.timestamps[stale] == Int64(5 * 60_000 + 15_000))
    let restarted = series.values[(stale + 1)...]
    #expect(restarted.first! < series.values[stale - 1])  // a counter reset, as a new pod shows
    #expect(series.timestamps[stale + 1] == Int64(10 * 60_000 + 15_000))
  }

  @Test func seriesStartWithTheirFirstRequest() {
    // No canary errors: no canary 5xx series at all, as a real exporter never saw one.
    let model = Fixture.model(families: [.istio], canaryErrors: 0)
    let (store, _) = Fixture.run(model: model, steps: [(.minutes(10), 0.5)])
    #expect(store.ids("istio_requests_total", ["destination_workload": "rollouts-demo-\(Fixture.canaryHash)", "response_code": "500"]).isEmpty)
    #expect(!store.ids("istio_requests_total", ["destination_workload": "rollouts-demo-\(Fixture.stableHash)", "response_code": "500"]).isEmpty)
  }

  @Test func splitChangesInsideAnIntervalStillEmitOncePerTick() {
    var generator = TelemetryGenerator(model: Fixture.model(families: [.istio], metricNames: ["istio_requests_total"]))
    var store = SeriesStore()
    var rng = SeededRandom(seed: 1)
    var t: Int64 = 0
    var weight = 0.0
    while t < 600_000 {
      t += 7_000  // events every 7 s, not aligned with the 15 s scrape
      weight = weight == 0 ? 0.3 : 0
      generator.advance(to: SimInstant(milliseconds: t), split: Fixture.split(canaryWeight: 0.3 + weight), store: &store, rng: &rng)
    }
    for series in store.series {
      #expect(Set(series.timestamps).count == series.count)
      #expect(series.timestamps.allSatisfy { $0 % 15_000 == 0 })
    }
    #expect(generator.now == SimInstant(milliseconds: t))
  }

  @Test func historyBeforeTheUpdateIsEmittedFromANegativeStart() {
    var generator = TelemetryGenerator(model: Fixture.model(families: [.http], metricNames: ["http_requests_total"]), start: .zero - .minutes(10))
    var store = SeriesStore()
    var rng = SeededRandom(seed: 3)
    generator.advance(to: .zero + .minutes(1), split: Fixture.split(canaryWeight: 0), store: &store, rng: &rng)
    let id = store.ids("http_requests_total", ["code": "200"])[0]
    #expect(store[id].timestamps.first == Int64(-585_000))
    #expect(store[id].timestamps.last == Int64(60_000))
  }

  @Test func theMetricFilterKeepsOnlyNamedSeries() {
    let model = Fixture.model(families: TelemetryFamily.allCases, metricNames: ["istio_requests_total", "haproxy_backend_http_responses_total"])
    let (store, _) = Fixture.run(model: model, steps: [(.minutes(5), 0.2)])
    #expect(store.metricNames == ["haproxy_backend_http_responses_total", "istio_requests_total"])
  }

  @Test func replicaRatioWithoutARouterFollowsPodCounts() {
    let split = TrafficSplit.byReplicaRatio([Fixture.stable(pods: 3), Fixture.canary(share: 0, pods: 1)])
    #expect(split.backends.map(\.share) == [0.75, 0.25])
    let byCount = TrafficSplit.byReplicaRatio([Fixture.stable(), Fixture.canary(share: 0)], podCounts: [9, 1])
    #expect(byCount.backends.map(\.share) == [0.9, 0.1])
  }

  @Test func theWeightCurveConvenienceDrivesTheSplit() throws {
    let weights = CanaryWeightPlan(
      stable: Fixture.stable(), canary: Fixture.canary(share: 0),
      canaryWeight: try Curve.parse(.text("0 for 10m, 20 for 10m, 100"), unit: .weight))
    var rng = SeededRandom(seed: 9)
    let (store, ledger) = TelemetryGenerator.run(
      model: Fixture.model(families: [.istio], metricNames: ["istio_requests_total"]), weights: weights,
      to: .zero + .minutes(30), rng: &rng)
    let canary = ledger.user(revision: "canary").requests
    let expected = 200.0 * (600 * 0.2 + 600 * 1.0)
    #expect(abs(Double(canary) - expected) < 0.03 * expected)
    // At 100% the stable backend has share 0 but stays listed: its series stay alive and flat.
    let stable = store.ids("istio_requests_total", ["reporter": "source", "destination_workload": "rollouts-demo-\(Fixture.stableHash)", "response_code": "200"])[0]
    let values = store[stable].values
    #expect(values.last == values[values.count - 30])
    #expect(!values.contains(where: Sample.isStale))
  }
}

/// Same labels, timestamps and value bits (NaN markers included) in the same order.
func identical(_ a: SeriesStore, _ b: SeriesStore) -> Bool {
  guard a.count == b.count else { return false }
  for (x, y) in zip(a.series, b.series) {
    guard x.labels == y.labels, x.timestamps == y.timestamps, x.values.count == y.values.count else { return false }
    for (u, v) in zip(x.values, y.values) where u.bitPattern != v.bitPattern { return false }
  }
  return true
}
