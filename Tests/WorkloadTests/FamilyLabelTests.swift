import SimKernel
import Testing
import TimeSeries
import VirtualTime

@testable import Workload

/// The label names each family's series carry, as the real exporters (plus the Prometheus scrape that
/// collects them) produce them. A change here changes which user queries match.
@Suite struct FamilyLabelTests {
  static let istioLabels: Set<String> = [
    "__name__", "reporter", "connection_security_policy", "request_protocol", "response_code", "response_flags",
    "source_workload", "source_workload_namespace", "source_app", "source_version", "source_canonical_service",
    "source_canonical_revision", "source_principal", "source_cluster", "destination_workload",
    "destination_workload_namespace", "destination_app", "destination_version", "destination_canonical_service",
    "destination_canonical_revision", "destination_principal", "destination_cluster", "destination_service",
    "destination_service_name", "destination_service_namespace",
    // target labels of Istio's kubernetes-pods scrape job: the scraped pod and its labels
    "namespace", "pod", "instance", "job", "app",
  ]

  static let table: [(metric: String, match: [String: String], names: Set<String>)] = [
    (
      "istio_requests_total", ["reporter": "destination"],
      istioLabels.union(["rollouts_pod_template_hash"])
    ),
    ("istio_requests_total", ["reporter": "source"], istioLabels.union(["istio"])),
    (
      "istio_request_duration_milliseconds_bucket", ["reporter": "source"],
      istioLabels.union(["istio", "le"])
    ),
    ("istio_request_duration_milliseconds_sum", ["reporter": "destination"], istioLabels.union(["rollouts_pod_template_hash"])),
    (
      "haproxy_backend_http_responses_total", [:],
      [
        "__name__", "backend", "code", "exported_namespace", "route", "namespace", "pod", "service", "job",
        "instance", "endpoint", "container",
      ]
    ),
    (
      "haproxy_server_http_responses_total", [:],
      [
        "__name__", "server", "code", "exported_namespace", "route", "exported_pod", "exported_service",
        "namespace", "pod", "service", "job", "instance", "endpoint", "container",
      ]
    ),
    (
      "nginx_ingress_controller_requests", ["canary": ""],
      [
        "__name__", "controller_namespace", "controller_class", "controller_pod", "ingress", "namespace", "service",
        "status", "method", "path", "host",
      ]
    ),
    (
      "nginx_ingress_controller_requests", ["service": "rollouts-demo-stable"],
      [
        "__name__", "controller_namespace", "controller_class", "controller_pod", "ingress", "namespace", "service",
        "status", "method", "path", "host", "canary",
      ]
    ),
    (
      "nginx_ingress_controller_request_duration_seconds_bucket", ["canary": ""],
      [
        "__name__", "controller_namespace", "controller_class", "controller_pod", "ingress", "namespace", "service",
        "status", "method", "path", "host", "le",
      ]
    ),
    (
      "http_requests_total", [:],
      [
        "__name__", "code", "status", "method", "namespace", "pod", "instance", "service", "job", "endpoint", "app",
        "rollouts_pod_template_hash",
      ]
    ),
    (
      "http_request_duration_seconds_bucket", [:],
      [
        "__name__", "code", "status", "method", "namespace", "pod", "instance", "service", "job", "endpoint", "app",
        "rollouts_pod_template_hash", "le",
      ]
    ),
  ]

  static let store: SeriesStore = {
    let (store, _) = Fixture.run(model: Fixture.model(families: TelemetryFamily.allCases), steps: [(.minutes(5), 0.3)])
    return store
  }()

  @Test(arguments: 0..<table.count) func labelNamesMatchTheExporter(_ row: Int) throws {
    let (metric, match, names) = Self.table[row]
    var matchers = [try LabelMatcher("__name__", .equal, metric)]
    for (name, value) in match.sorted(by: { $0.key < $1.key }) { matchers.append(try LabelMatcher(name, .equal, value)) }
    let ids = Self.store.select(matchers)
    #expect(!ids.isEmpty, "no \(metric) series")
    // Every series of that kind carries exactly these names (canary-routed nginx requests add `canary`).
    let found = Set(ids.map { Set(Self.store[$0].labels.pairs.map(\.name)) })
    if match["service"] != nil {
      #expect(found.contains(names))
    } else {
      #expect(found == [names], "\(found.map { $0.symmetricDifference(names).sorted() })")
    }
  }

  @Test func istioValuesFollowIstiosConventions() throws {
    let id = Self.store.ids(
      "istio_requests_total",
      ["reporter": "source", "response_code": "200", "destination_service_name": "rollouts-demo-canary"])
    #expect(id.count == 1)
    let labels = Self.store[id[0]].labels
    #expect(labels["destination_service"] == "rollouts-demo-canary.rollouts-demo.svc.cluster.local")
    #expect(labels["destination_service_namespace"] == "rollouts-demo")
    #expect(labels["destination_workload"] == "rollouts-demo-\(Fixture.canaryHash)")
    #expect(labels["destination_canonical_service"] == "rollouts-demo")
    #expect(labels["destination_canonical_revision"] == "latest")
    #expect(labels["destination_version"] == "unknown")
    #expect(labels["source_workload"] == "istio-ingressgateway")
    #expect(labels["connection_security_policy"] == "unknown")
    #expect(labels["response_flags"] == "-")
    #expect(labels["namespace"] == "istio-system")
    let destination = Self.store.ids("istio_requests_total", ["reporter": "destination", "response_code": "200"])
    #expect(destination.allSatisfy { Self.store[$0].labels["connection_security_policy"] == "mutual_tls" })
    // Istio's default buckets, printed as Envoy prints them.
    let les = Set(Self.store.ids("istio_request_duration_milliseconds_bucket").map { Self.store[$0].labels["le"] })
    #expect(
      les == [
        "0.5", "1", "5", "10", "25", "50", "100", "250", "500", "1000", "2500", "5000", "10000", "30000", "60000",
        "300000", "600000", "1800000", "3600000", "+Inf",
      ])
  }

  @Test func haproxyCodeClassesArePresentFromTheStart() {
    let ids = Self.store.ids("haproxy_backend_http_responses_total")
    #expect(Set(ids.map { Self.store[$0].labels["code"] }) == ["1xx", "2xx", "3xx", "4xx", "5xx", "other"])
    #expect(ids.allSatisfy { Self.store[$0].timestamps.first == 15_000 })
    let server = Self.store.ids("haproxy_server_http_responses_total", ["exported_pod": "rollouts-demo-\(Fixture.canaryHash)-c0", "code": "2xx"])
    #expect(server.count == 1)
    let labels = Self.store[server[0]].labels
    #expect(labels["exported_service"] == "rollouts-demo-canary")
    #expect(labels["backend"] == "")  // server metrics have no backend label
    #expect(labels["server"].hasSuffix(":8080"))
    #expect(labels["namespace"] == "openshift-ingress")
  }

  @Test func nginxCanaryRequestsCarryTheAlternativeUpstream() {
    let canary = Self.store.ids("nginx_ingress_controller_requests", ["status": "200"]).filter {
      !Self.store[$0].labels["canary"].isEmpty
    }
    #expect(canary.count == 1)
    let labels = Self.store[canary[0]].labels
    #expect(labels["canary"] == "rollouts-demo-rollouts-demo-canary-80")
    #expect(labels["ingress"] == "rollouts-demo")
    #expect(labels["service"] == "rollouts-demo-stable")
    let les = Set(Self.store.ids("nginx_ingress_controller_request_duration_seconds_bucket").map { Self.store[$0].labels["le"] })
    #expect(les == ["0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "+Inf"])
  }

  @Test func goAndEnvoyBoundFormatting() {
    #expect(HistogramLayout.goShortest(0.005) == "0.005")
    #expect(HistogramLayout.goShortest(10) == "10")
    #expect(HistogramLayout.goShortest(100_000) == "100000")
    #expect(HistogramLayout.goShortest(1_000_000) == "1e+06")
    #expect(HistogramLayout.goShortest(0.00001) == "1e-05")
    #expect(HistogramLayout.goShortest(0.0001) == "0.0001")
    #expect(HistogramLayout.goShortest(1_234_567) == "1.234567e+06")
    #expect(HistogramLayout.plainDecimal(3_600_000) == "3600000")
    #expect(HistogramLayout.plainDecimal(0.5) == "0.5")
  }

  @Test func podLabelsAreSanitisedLikeLabelmap() {
    #expect(PodIdentity.sanitize("app.kubernetes.io/name") == "app_kubernetes_io_name")
    #expect(PodIdentity.sanitize("rollouts-pod-template-hash") == "rollouts_pod_template_hash")
  }
}
