import SimKernel
import TimeSeries
import VirtualTime
import Workload

/// Issue 4: telemetry for 6 days of a 10-series family at 15 s resolution (34,560 scrapes × 10 series)
/// in at most 20 ms. The family is `http_requests_total` of one backend with 5 pods, each with a 200 and
/// a 500 series, at 200 rps with 0.5% errors; one `advance` covers the 6 days. Units are samples.
let workloadTelemetry6d = Benchmark(
  name: "workload.telemetry6d", goal: "≤ 20 ms per 6-day run = ≥ 17.3M samples/s", unit: "samples",
  defaultIterations: 3_456_000
) { iterations in
  let runs = max(1, iterations / 345_600)
  var samples = 0
  for run in 0..<runs {
    let (store, _) = WorkloadBenchmarkFixture.run(seed: UInt64(run + 1))
    samples += store.series.reduce(0) { $0 + $1.count }
  }
  return samples
}

enum WorkloadBenchmarkFixture {
  static let sixDays = SimInstant(milliseconds: 6 * 86_400_000)

  static var model: WorkloadModel {
    let profile = RevisionProfile(
      errorRate: .constant(0.005, unit: .fraction), errorCodes: StatusMix([.init(code: 500, weight: 1)]))
    return WorkloadModel(
      rps: .constant(200, unit: .rate), scrapeInterval: .seconds(15), revisions: ["stable": profile],
      telemetry: TelemetryOptions(
        families: [.http], metricNames: ["http_requests_total"], http: HTTPOptions(statusLabels: ["code"])))
  }

  static var split: TrafficSplit {
    TrafficSplit(backends: [
      Backend(
        revision: "stable", podTemplateHash: "6d4f8b7c9", share: 1, namespace: "shop", workload: "api-6d4f8b7c9",
        service: "api", pods: (1...5).map { "api-6d4f8b7c9-p\($0)" }, podLabels: ["app": "api"])
    ])
  }

  static func run(seed: UInt64) -> (SeriesStore, TrafficLedger) {
    var generator = TelemetryGenerator(model: model, horizon: sixDays)
    var store = SeriesStore()
    var rng = SeededRandom(seed: seed)
    generator.advance(to: sixDays, split: split, store: &store, rng: &rng)
    return (store, generator.ledger)
  }
}
