import Diagnostics
import Foundation
import SimKernel
import Testing
import TimeSeries
import VirtualTime

@testable import Workload

/// `histogram_quantile(q, sum by (le) (rate(x_bucket[w])))` over the emitted buckets gives back the
/// profile's quantile, within the resolution of the buckets that contain it.
@Suite struct LatencyHistogramTests {
  @Test func theFitReproducesBothQuantiles() {
    let fit = LogNormalLatency(p50: 40, p99: 250)
    #expect(abs(fit.quantile(0.5) - 40) < 1e-6)
    #expect(abs(fit.quantile(0.99) - 250) < 1e-6)
    #expect(abs(fit.cdf(250) - 0.99) < 1e-9)
    #expect(fit.mean > 40 && fit.mean < 250)
    // No spread when p99 <= p50, and non-positive inputs do not break the logarithm.
    #expect(LogNormalLatency(p50: 40, p99: 10).cdf(39.9) == 0)
    #expect(LogNormalLatency(p50: 40, p99: 10).cdf(40) == 1)
    #expect(LogNormalLatency(p50: 0, p99: -1).sigma == 0)
  }

  struct Case: CustomTestStringConvertible, Sendable {
    var family: TelemetryFamily
    var bucketMetric: String
    var match: [String: String]
    var p50: Double
    var p99: Double
    /// Milliseconds per unit of the metric.
    var scale: Double
    var testDescription: String { "\(bucketMetric) p50 \(p50) p99 \(p99)" }
  }

  static let cases: [Case] = [
    Case(family: .istio, bucketMetric: "istio_request_duration_milliseconds_bucket", match: ["reporter": "source"], p50: 45, p99: 900, scale: 1),
    Case(family: .istio, bucketMetric: "istio_request_duration_milliseconds_bucket", match: ["reporter": "destination"], p50: 40, p99: 300, scale: 1),
    Case(family: .http, bucketMetric: "http_request_duration_seconds_bucket", match: [:], p50: 45, p99: 900, scale: 1000),
    Case(family: .http, bucketMetric: "http_request_duration_seconds_bucket", match: [:], p50: 20, p99: 80, scale: 1000),
    Case(family: .nginxIngress, bucketMetric: "nginx_ingress_controller_request_duration_seconds_bucket", match: [:], p50: 120, p99: 2000, scale: 1000),
  ]

  @Test(arguments: cases) func histogramQuantileMatchesTheProfile(_ c: Case) throws {
    let latency = LatencyProfile(p50: .constant(c.p50, unit: .latency), p99: .constant(c.p99, unit: .latency))
    // Only the canary revision, so the buckets hold one distribution.
    let model = Fixture.model(families: [c.family], canaryLatency: latency)
    var generator = TelemetryGenerator(model: model)
    var store = SeriesStore()
    var rng = SeededRandom(seed: 11)
    let split = TrafficSplit(backends: [Fixture.canary(share: 1)])
    generator.advance(to: .zero + .minutes(30), split: split, store: &store, rng: &rng)
    // rate() over the last 5 minutes, summed by le.
    var increases: [Double: Double] = [:]
    for id in store.ids(c.bucketMetric, c.match) {
      let series = store[id]
      let le = series.labels["le"] == "+Inf" ? Double.infinity : try #require(Double(series.labels["le"]))
      let end = try #require(store.value(id, at: 1_800_000))
      let start = store.value(id, at: 1_500_000) ?? 0
      increases[le, default: 0] += end - start
    }
    let buckets = increases.map { (le: $0.key, count: $0.value) }
    for (q, expected) in [(0.5, c.p50), (0.99, c.p99)] {
      let estimate = bucketQuantile(q, buckets) * c.scale
      // The bucket that holds the true quantile bounds the estimate.
      let bounds = buckets.map { $0.le * c.scale }.sorted()
      let upper = bounds.first { $0 >= expected }!
      let lower = bounds.last { $0 < expected } ?? 0
      #expect(estimate >= lower * 0.999 && estimate <= upper * 1.001, "q=\(q): \(estimate) not in [\(lower), \(upper)] for \(expected)")
    }
  }

  @Test func sumOverCountIsTheMeanLatency() throws {
    let model = Fixture.model(families: [.istio])
    var generator = TelemetryGenerator(model: model)
    var store = SeriesStore()
    var rng = SeededRandom(seed: 5)
    generator.advance(to: .zero + .minutes(10), split: TrafficSplit(backends: [Fixture.canary(share: 1)]), store: &store, rng: &rng)
    let sum = store.lastSum("istio_request_duration_milliseconds_sum", ["reporter": "source"])
    let count = store.lastSum("istio_request_duration_milliseconds_count", ["reporter": "source"])
    let requests = store.lastSum("istio_requests_total", ["reporter": "source"])
    #expect(count == requests)
    #expect(abs(sum / count - LogNormalLatency(p50: 45, p99: 900).mean) < 1e-6)
  }

  @Test func bucketsAreCumulativeAtEveryTick() {
    let (store, _) = Fixture.run(model: Fixture.model(families: [.http]), steps: [(.minutes(10), 0.3)])
    var byGroup: [Labels: [(Double, SeriesStore.SeriesID)]] = [:]
    for id in store.ids("http_request_duration_seconds_bucket") {
      let labels = store[id].labels
      let le = labels["le"] == "+Inf" ? Double.infinity : Double(labels["le"])!
      byGroup[labels.removing(["le"]), default: []].append((le, id))
    }
    #expect(!byGroup.isEmpty)
    for (_, buckets) in byGroup {
      let ordered = buckets.sorted { $0.0 < $1.0 }.map(\.1)
      for t in stride(from: Int64(15_000), through: 600_000, by: 15_000) {
        let values = ordered.compactMap { store.value($0, at: t) }
        #expect(zip(values, values.dropFirst()).allSatisfy { $0 <= $1 })
      }
    }
  }

  @Test func aLatencyRampMovesTheQuantile() throws {
    let p99 = try Curve.parse(.text("200ms for 10m, then 200ms..2s over 10m, then 2s"), unit: .latency)
    let latency = LatencyProfile(p50: .constant(50, unit: .latency), p99: p99)
    let model = Fixture.model(families: [.istio], canaryLatency: latency, metricNames: ["istio_request_duration_milliseconds_bucket"])
    var generator = TelemetryGenerator(model: model)
    var store = SeriesStore()
    var rng = SeededRandom(seed: 2)
    generator.advance(to: .zero + .minutes(30), split: TrafficSplit(backends: [Fixture.canary(share: 1)]), store: &store, rng: &rng)
    func p99Estimate(from: Int64, to: Int64) -> Double {
      var increases: [Double: Double] = [:]
      for id in store.ids("istio_request_duration_milliseconds_bucket", ["reporter": "source"]) {
        let le = store[id].labels["le"] == "+Inf" ? Double.infinity : Double(store[id].labels["le"])!
        increases[le, default: 0] += (store.value(id, at: to) ?? 0) - (store.value(id, at: from) ?? 0)
      }
      return bucketQuantile(0.99, increases.map { (le: $0.key, count: $0.value) })
    }
    let early = p99Estimate(from: 300_000, to: 600_000)
    let late = p99Estimate(from: 1_500_000, to: 1_800_000)
    #expect(early > 100 && early <= 250)
    #expect(late > 1000 && late <= 2500)
  }
}

@Suite struct RevisionProfileParsingTests {
  @Test func partsDefaultAndParse() throws {
    var bag = DiagnosticBag()
    let profile = try #require(
      RevisionProfile.parse(errorRate: .text("0.2% for 10m, then 8%"), p99: .text("900ms"), diagnostics: &bag))
    #expect(bag.isEmpty)
    #expect(profile.errorRate.value(atMilliseconds: 700_000) == 0.08)
    #expect(profile.latency.p50.constantValue == 40)
    #expect(profile.latency.p99.constantValue == 900)
  }

  @Test func aTailBelowTheMedianIsAnError() {
    var bag = DiagnosticBag()
    let at = SourceLocation(file: "s.yaml", line: 9, column: 30)
    let profile = RevisionProfile.parse(p50: .text("300ms"), p99: .text("100ms", at: at), diagnostics: &bag)
    #expect(profile == nil)
    #expect(bag.all.map(\.message) == ["latency p99 (100ms) is below p50 (300ms)"])
    #expect(bag.all.first?.location == at)
  }
}
