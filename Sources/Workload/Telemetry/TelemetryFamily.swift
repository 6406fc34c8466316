/// A set of metrics as one kind of exporter emits them, with its labels.
public enum TelemetryFamily: String, Sendable, Hashable, CaseIterable, Codable {
  /// Istio's standard metrics from the sidecars and gateways.
  case istio
  /// The OpenShift router's HAProxy metrics, per Route and per endpoint.
  case openshiftRouter = "openshift-router"
  /// ingress-nginx's request metrics.
  case nginxIngress = "nginx-ingress"
  /// An application's own `http_requests_total` / `http_request_duration_seconds`.
  case http

  /// Every metric name the family can emit (with default options), for lint checks such as "the query
  /// names a metric the scenario never produces".
  public func metricNames(_ options: TelemetryOptions = TelemetryOptions()) -> [String] {
    switch self {
    case .istio:
      return ["istio_requests_total"] + HistogramLayout.seriesNames("istio_request_duration_milliseconds")
    case .openshiftRouter:
      return ["haproxy_backend_http_responses_total", "haproxy_server_http_responses_total"]
    case .nginxIngress:
      return ["nginx_ingress_controller_requests"]
        + HistogramLayout.seriesNames("nginx_ingress_controller_request_duration_seconds")
    case .http:
      return [options.http.requestsMetric] + HistogramLayout.seriesNames(options.http.durationMetric)
    }
  }
}

/// Which families to emit and how their exporters are set up. Defaults name things the way default
/// installs do (`istio-system`, `openshift-ingress`, `ingress-nginx`).
public struct TelemetryOptions: Sendable, Equatable {
  public var families: [TelemetryFamily]
  /// Emit only these metric names (e.g. those the analysis queries use); nil emits everything. Series
  /// names count individually: `istio_request_duration_milliseconds_bucket`, `…_sum`, `…_count`.
  public var metricNames: Set<String>?
  public var istio: IstioOptions
  public var openshiftRouter: OpenShiftRouterOptions
  public var nginxIngress: NginxIngressOptions
  public var http: HTTPOptions

  public init(
    families: [TelemetryFamily] = [.istio], metricNames: Set<String>? = nil, istio: IstioOptions = IstioOptions(),
    openshiftRouter: OpenShiftRouterOptions = OpenShiftRouterOptions(),
    nginxIngress: NginxIngressOptions = NginxIngressOptions(), http: HTTPOptions = HTTPOptions()
  ) {
    self.families = families
    self.metricNames = metricNames
    self.istio = istio
    self.openshiftRouter = openshiftRouter
    self.nginxIngress = nginxIngress
    self.http = http
  }

  func wants(_ metric: String) -> Bool { metricNames?.contains(metric) ?? true }
}

public struct IstioOptions: Sendable, Equatable {
  public enum Reporter: String, Sendable, Hashable, CaseIterable {
    case source, destination
  }

  /// Both sidecars report every request; queries usually pick one with `reporter="source"`.
  public var reporters: [Reporter]
  /// `istio_request_duration_milliseconds` bucket bounds in ms (Istio's defaults).
  public var buckets: [Double]
  public var requestProtocol: String
  /// `source_cluster` / `destination_cluster`.
  public var cluster: String
  /// The scrape job of sidecar metrics in Istio's Prometheus configuration.
  public var job: String

  public static let defaultBuckets: [Double] = [
    0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000, 300_000, 600_000,
    1_800_000, 3_600_000,
  ]

  public init(
    reporters: [Reporter] = [.source, .destination], buckets: [Double] = IstioOptions.defaultBuckets,
    requestProtocol: String = "http", cluster: String = "Kubernetes", job: String = "kubernetes-pods"
  ) {
    self.reporters = reporters
    self.buckets = buckets
    self.requestProtocol = requestProtocol
    self.cluster = cluster
    self.job = job
  }
}

/// The router pod whose HAProxy exports the metrics, and how Prometheus scrapes it (the router's own
/// `namespace`/`pod`/`service` labels push the exporter's to `exported_*`).
public struct OpenShiftRouterOptions: Sendable, Equatable {
  public var namespace: String
  public var pod: String
  public var service: String
  public var instance: String

  public init(
    namespace: String = "openshift-ingress", pod: String = "router-default-6f7b8c9d5d-4xkqz",
    service: String = "router-internal-default", instance: String = "10.131.0.21:1936"
  ) {
    self.namespace = namespace
    self.pod = pod
    self.service = service
    self.instance = instance
  }
}

public struct NginxIngressOptions: Sendable, Equatable {
  public var controllerNamespace: String
  public var controllerClass: String
  public var controllerPod: String
  public var method: String
  /// ingress-nginx's `--metrics-per-host` (default true) adds the `host` label.
  public var metricsPerHost: Bool
  /// Request-duration bucket bounds in seconds (client_golang's defaults).
  public var buckets: [Double]

  public init(
    controllerNamespace: String = "ingress-nginx", controllerClass: String = "k8s.io/ingress-nginx",
    controllerPod: String = "ingress-nginx-controller-7d9b8c6f4b-q2w8e", method: String = "GET",
    metricsPerHost: Bool = true, buckets: [Double] = HTTPOptions.defaultBuckets
  ) {
    self.controllerNamespace = controllerNamespace
    self.controllerClass = controllerClass
    self.controllerPod = controllerPod
    self.method = method
    self.metricsPerHost = metricsPerHost
    self.buckets = buckets
  }
}

/// An application instrumented with a Prometheus client, scraped per pod.
///
/// Applications disagree on the status label (`code` in Go's promhttp and prometheus-net, `status` in
/// many Python/Node middlewares, `status_code` elsewhere); by default both `code` and `status` carry the
/// code so either spelling of a query matches.
public struct HTTPOptions: Sendable, Equatable {
  public var requestsMetric: String
  /// The histogram's base name; `_bucket`, `_sum`, `_count` are appended.
  public var durationMetric: String
  public var statusLabels: [String]
  /// Labels carrying the status class (`status_class="5xx"`), empty by default.
  public var statusClassLabels: [String]
  public var method: String
  /// A `handler` label (promhttp-style), or nil for none.
  public var handler: String?
  /// Overrides the `job` label (default: the backend's Service, as a ServiceMonitor names its job).
  public var job: String?
  /// Overrides the `service` label (default: the backend's Service).
  public var service: String?
  /// The ServiceMonitor endpoint (port) name.
  public var endpoint: String
  /// Bucket bounds in seconds (client_golang's `DefBuckets`).
  public var buckets: [Double]

  public static let defaultBuckets: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

  public init(
    requestsMetric: String = "http_requests_total", durationMetric: String = "http_request_duration_seconds",
    statusLabels: [String] = ["code", "status"], statusClassLabels: [String] = [], method: String = "GET",
    handler: String? = nil,
    job: String? = nil, service: String? = nil, endpoint: String = "http",
    buckets: [Double] = HTTPOptions.defaultBuckets
  ) {
    self.requestsMetric = requestsMetric
    self.durationMetric = durationMetric
    self.statusLabels = statusLabels
    self.statusClassLabels = statusClassLabels
    self.method = method
    self.handler = handler
    self.job = job
    self.service = service
    self.endpoint = endpoint
    self.buckets = buckets
  }
}
