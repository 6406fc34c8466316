/// Where requests come from, as Istio's source-side labels describe it. User traffic enters through
/// the ingress gateway by default.
public struct TrafficSource: Sendable, Hashable {
  public var workload: String
  public var namespace: String
  public var app: String
  public var version: String
  public var canonicalService: String
  public var canonicalRevision: String
  public var principal: String
  /// The source pod scraped for `reporter="source"` series; nil leaves out `pod` and `instance`.
  public var pod: String?
  /// Pod labels of the source pod (Prometheus `labelmap` target labels on source-reported series).
  public var podLabels: [String: String]

  public init(
    workload: String, namespace: String, app: String? = nil, version: String = "unknown",
    canonicalService: String? = nil, canonicalRevision: String = "latest", principal: String? = nil,
    pod: String? = nil, podLabels: [String: String] = [:], serviceAccount: String = "default"
  ) {
    self.workload = workload
    self.namespace = namespace
    self.app = app ?? workload
    self.version = version
    self.canonicalService = canonicalService ?? workload
    self.canonicalRevision = canonicalRevision
    self.principal = principal ?? "spiffe://cluster.local/ns/\(namespace)/sa/\(serviceAccount)"
    self.pod = pod
    self.podLabels = podLabels
  }

  /// `istio-ingressgateway` in `istio-system`, as a default Istio install names it.
  public static let istioIngressGateway = TrafficSource(
    workload: "istio-ingressgateway", namespace: "istio-system", app: "istio-ingressgateway",
    canonicalService: "istio-ingressgateway",
    principal: "spiffe://cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account",
    pod: "istio-ingressgateway-5d8c6b8b9c-7xk2p",
    podLabels: ["app": "istio-ingressgateway", "istio": "ingressgateway"])
}
