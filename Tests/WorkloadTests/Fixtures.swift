import SimKernel
import TimeSeries
import VirtualTime

@testable import Workload

/// The seed's rollout shape: a stable and a canary ReplicaSet of `rollouts-demo`, reachable through
/// every router identity so each family has something to report.
enum Fixture {
  static let namespace = "rollouts-demo"
  static let stableHash = "687d76d795"
  static let canaryHash = "5b9f7c8d4"

  static func stable(share: Double = 1, pods: Int = 2) -> Backend {
    Backend(
      revision: "stable", podTemplateHash: stableHash, share: share, namespace: namespace,
      workload: "rollouts-demo-\(stableHash)", service: "rollouts-demo-stable", subset: "stable",
      route: RouteRef(name: "rollouts-demo", role: .to),
      ingress: IngressRef(name: "rollouts-demo", host: "demo.example.com", service: "rollouts-demo-stable"),
      pods: (0..<pods).map { "rollouts-demo-\(stableHash)-s\($0)" }, podLabels: ["app": "rollouts-demo"])
  }

  static func canary(share: Double, pods: Int = 1) -> Backend {
    Backend(
      revision: "canary", podTemplateHash: canaryHash, share: share, namespace: namespace,
      workload: "rollouts-demo-\(canaryHash)", service: "rollouts-demo-canary", subset: "canary",
      route: RouteRef(name: "rollouts-demo", role: .alternateBackend),
      ingress: IngressRef(
        name: "rollouts-demo", host: "demo.example.com", service: "rollouts-demo-stable",
        canaryUpstream: IngressRef.upstreamName(namespace: namespace, service: "rollouts-demo-canary", port: 80)),
      pods: (0..<pods).map { "rollouts-demo-\(canaryHash)-c\($0)" }, podLabels: ["app": "rollouts-demo"])
  }

  static func model(
    families: [TelemetryFamily] = [.istio], rps: Curve = .constant(200, unit: .rate),
    canaryErrors: Double = 0.08, canaryLatency: LatencyProfile = LatencyProfile(p50: .constant(45, unit: .latency), p99: .constant(900, unit: .latency)),
    metricNames: Set<String>? = nil, recordIntervals: Bool = false
  ) -> WorkloadModel {
    WorkloadModel(
      rps: rps, scrapeInterval: .seconds(15),
      revisions: [
        "stable": RevisionProfile(errorRate: .constant(0.002, unit: .fraction)),
        "canary": RevisionProfile(errorRate: .constant(canaryErrors, unit: .fraction), latency: canaryLatency),
      ],
      telemetry: TelemetryOptions(families: families, metricNames: metricNames), recordIntervals: recordIntervals)
  }

  static func split(canaryWeight: Double) -> TrafficSplit {
    canaryWeight > 0
      ? TrafficSplit(backends: [stable(share: 1 - canaryWeight), canary(share: canaryWeight)])
      : TrafficSplit(backends: [stable()])
  }

  /// Runs `steps` of (until, canary weight) from t = 0 and returns the store and the generator.
  static func run(
    model: WorkloadModel, steps: [(SimDuration, Double)], seed: UInt64 = 7
  ) -> (SeriesStore, TelemetryGenerator) {
    var generator = TelemetryGenerator(model: model)
    var store = SeriesStore()
    var rng = SeededRandom(seed: seed)
    for (until, weight) in steps {
      generator.advance(to: .zero + until, split: split(canaryWeight: weight), store: &store, rng: &rng)
    }
    return (store, generator)
  }
}

extension SeriesStore {
  func ids(_ metric: String, _ labels: [String: String] = [:]) -> [SeriesID] {
    var matchers = [try! LabelMatcher(Labels.metricNameLabel, .equal, metric)]
    for (name, value) in labels.sorted(by: { $0.key < $1.key }) { matchers.append(try! LabelMatcher(name, .equal, value)) }
    return select(matchers)
  }

  /// The last non-stale value of each selected series, summed.
  func lastSum(_ metric: String, _ labels: [String: String] = [:]) -> Double {
    ids(metric, labels).reduce(0) { total, id in
      let values = self[id].values.filter { !Sample.isStale($0) }
      return total + (values.last ?? 0)
    }
  }

  /// The value of a series at time `t` (the sample at exactly `t`), or nil.
  func value(_ id: SeriesID, at t: Int64) -> Double? {
    let series = self[id]
    let i = series.firstIndex(atOrAfter: t)
    return i < series.count && series.timestamps[i] == t ? series.values[i] : nil
  }
}

/// Prometheus' `histogram_quantile` over classic buckets (promql/quantile.go: bucketQuantile),
/// reimplemented here because the PromQL module is built elsewhere.
func bucketQuantile(_ q: Double, _ buckets: [(le: Double, count: Double)]) -> Double {
  let sorted = buckets.sorted { $0.le < $1.le }
  guard let last = sorted.last, last.le == .infinity, sorted.count >= 2 else { return .nan }
  let total = last.count
  guard total > 0 else { return .nan }
  let rank = q * total
  var b = 0
  while b < sorted.count - 1, sorted[b].count < rank { b += 1 }
  if b == sorted.count - 1 { return sorted[sorted.count - 2].le }
  if b == 0, sorted[0].le <= 0 { return sorted[0].le }
  let start = b == 0 ? 0 : sorted[b - 1].le
  let end = sorted[b].le
  let before = b == 0 ? 0 : sorted[b - 1].count
  let inBucket = sorted[b].count - before
  return start + (end - start) * ((rank - before) / inBucket)
}
