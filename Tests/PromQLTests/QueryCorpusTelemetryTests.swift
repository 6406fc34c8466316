import Foundation
import PromQL
import SimKernel
import TestSupport
import TimeSeries
import Testing
import VirtualTime
import Workload

/// Issue 4: every query of promql-cases.txt evaluates over the telemetry a scenario of its exporter
/// family produces (the Workload module's series, not series made up from the query's selectors).
@Suite struct QueryCorpusTelemetryTests {
  /// The family whose exporter emits `metric`; application metrics are the `http` family renamed.
  static func family(for metrics: [String]) -> (TelemetryFamily, HTTPOptions?) {
    if metrics.contains(where: { $0.hasPrefix("istio_") }) { return (.istio, nil) }
    if metrics.contains(where: { $0.hasPrefix("haproxy_") }) { return (.openshiftRouter, nil) }
    if metrics.contains(where: { $0.hasPrefix("nginx_ingress_controller_") }) { return (.nginxIngress, nil) }
    var options = HTTPOptions()
    if let counter = metrics.first(where: { !$0.hasSuffix("_bucket") && !$0.hasSuffix("_sum") && !$0.hasSuffix("_count") }) {
      options.requestsMetric = counter
    }
    if let histogram = metrics.first(where: { $0.hasSuffix("_bucket") }) {
      options.durationMetric = String(histogram.dropLast("_bucket".count))
    }
    return (.http, options)
  }

  static func telemetry(_ family: TelemetryFamily, http: HTTPOptions?) -> SeriesStore {
    var options = TelemetryOptions(families: [family])
    if let http { options.http = http }
    let model = WorkloadModel(
      rps: .constant(100, unit: .rate), scrapeInterval: .seconds(15),
      revisions: [
        "stable": RevisionProfile(errorRate: .constant(0.002, unit: .fraction)),
        "canary": RevisionProfile(errorRate: .constant(0.05, unit: .fraction)),
      ], telemetry: options)
    let route = RouteRef(name: "rollout-demo")
    let stable = Backend(
      revision: "stable", podTemplateHash: "7d74ffc5cb", share: 0.8, namespace: "rollout-demo",
      workload: "rollout-demo-7d74ffc5cb", service: "istio-rollout", route: route,
      ingress: IngressRef(name: "rollout-demo-ingress", service: "istio-rollout"), pods: ["rollout-demo-7d74ffc5cb-a1b2c"],
      podLabels: ["app": "rollout-demo"])
    var canary = stable
    canary.revision = "canary"
    canary.podTemplateHash = "84b7f6d9c"
    canary.workload = "rollout-demo-84b7f6d9c"
    canary.pods = ["rollout-demo-84b7f6d9c-d3e4f"]
    canary.route = RouteRef(name: "rollout-demo", role: .alternateBackend)
    let plan = CanaryWeightPlan(stable: stable, canary: canary, canaryWeight: .constant(20, unit: .weight))
    var rng = SeededRandom(seed: 5)
    return TelemetryGenerator.run(model: model, weights: plan, to: SimInstant.zero + .hours(1), rng: &rng).store
  }

  @Test(.enabled(if: PackagePaths.sharedDataAvailable(QueryCorpusTests.file)))
  func everyQueryEvaluatesOverItsFamilysTelemetry() throws {
    var evaluated = 0, withData = 0, typos = 0
    for c in try QueryCorpusTests.cases() {
      let query = QueryCorpusTests.render(c.query)
      guard var prepared = try? PreparedQuery(query) else {
        // The Argo docs' `response_code~"5.*"` typo, which Prometheus rejects too (QueryCorpusTests).
        #expect((c.headers["result-type"] ?? "").contains("bad char '~'"), "line \(c.line) does not parse")
        typos += 1
        continue
      }
      let metrics = (c.headers["metrics"] ?? "").split(separator: " ").prefix { !$0.hasSuffix(":") }.map(String.init)
      let (family, http) = Self.family(for: metrics)
      let store = Self.telemetry(family, http: http)
      do {
        let result = try prepared.evaluate(at: 3_600_000, in: store)
        evaluated += 1
        switch result.value {
        case .vector(let v) where !v.isEmpty: withData += 1
        case .scalar(let s) where !s.isNaN: withData += 1
        case .matrix(let m) where !m.isEmpty: withData += 1
        default: break
        }
      } catch {
        Issue.record("line \(c.line): \(error.message) for \(query)")
      }
    }
    print("promql-cases over family telemetry: \(evaluated) evaluated, \(withData) with data, \(typos) rejected typos")
    #expect(evaluated >= 75)
    #expect(typos == 2)
  }
}
