import PromQL
import TimeSeries

/// P4: the seed's Istio success-rate query, prepared once and evaluated at successive instants over
/// six hours of telemetry at 15 s resolution (two revisions, both reporters, four response codes).
let promqlSuccessRate = Benchmark(
  name: "promql.successRate", goal: "P4 ≥ 500k evaluations/s", unit: "evaluations", defaultIterations: 2_000_000
) { iterations in
  let store = PromQLBenchmarkData.istioStore()
  var query = try PromQLBenchmarkData.successRateQuery()
  let start: Int64 = 600_000, span: Int64 = 5 * 3_600_000
  var checksum = 0.0
  for i in 0..<iterations {
    // Spread the instants over the whole store (every 1.7 s of virtual time, wrapping around).
    let t = start + (Int64(i) &* 1_700) % span
    if case .vector(let v) = try query.evaluate(at: t, in: store).value, let first = v.first {
      checksum += first.value
    }
  }
  precondition(checksum.isFinite && checksum > 0, "the benchmark query returned no data")
  return iterations
}

enum PromQLBenchmarkData {
  static let successRate = """
    sum(irate(istio_requests_total{reporter="source",destination_service=~"istio-rollout.rollout-demo.svc.cluster.local",response_code!~"5.*"}[1m])) / sum(irate(istio_requests_total{reporter="source",destination_service=~"istio-rollout.rollout-demo.svc.cluster.local"}[1m]))
    """

  static func successRateQuery() throws -> PreparedQuery {
    do {
      return try PreparedQuery(successRate)
    } catch {
      throw BenchmarkSetupError(message: error.description)
    }
  }

  struct BenchmarkSetupError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
  }

  /// Six hours of Istio request counters for two revisions, as the telemetry emitter writes them.
  static func istioStore() -> SeriesStore {
    var store = SeriesStore()
    let revisions = [("stable", "6f8d9c7b5"), ("canary", "84b7f6d9c")]
    let codes = [("200", 190.0), ("404", 2.0), ("500", 0.6), ("503", 0.4)]
    let samples = 6 * 3600 / 15
    for reporter in ["source", "destination"] {
      for (version, hash) in revisions {
        for (code, rate) in codes {
          let labels = Labels(name: "istio_requests_total", [
            "reporter": reporter, "source_workload": "istio-ingressgateway", "source_workload_namespace": "istio-system",
            "destination_service": "istio-rollout.rollout-demo.svc.cluster.local",
            "destination_service_name": "istio-rollout", "destination_service_namespace": "rollout-demo",
            "destination_workload": "istio-rollout-\(hash)", "destination_workload_namespace": "rollout-demo",
            "destination_version": version, "destination_canonical_revision": version,
            "request_protocol": "http", "response_code": code, "response_flags": "-",
            "connection_security_policy": reporter == "destination" ? "mutual_tls" : "unknown",
          ])
          let id = store.seriesID(for: labels)
          store.reserveCapacity(id, samples)
          var counter = 0.0
          for i in 0..<samples {
            counter += rate * 15 * (version == "canary" ? 0.25 : 0.75) * (1 + 0.1 * Double(i % 7) / 7)
            store.append(id, timestamp: Int64(i) * 15_000, value: counter.rounded())
          }
        }
      }
    }
    // Other families in the same store, as a real scrape would have them.
    for le in ["1", "5", "10", "25", "50", "100", "250", "500", "1000", "+Inf"] {
      let labels = Labels(name: "istio_request_duration_milliseconds_bucket", ["reporter": "source", "le": le])
      store.append(labels, timestamp: 0, value: 0)
    }
    return store
  }
}
