/// One way traffic reaches one revision: the pods of one ReplicaSet, reached through a Service (and
/// possibly an Istio subset, an OpenShift Route, an Ingress). The controller/simulation fills these in;
/// each telemetry family reads the identities it knows about and ignores the others.
///
/// Backends are identified by their labels, not by their position: the same backend in the next split
/// continues the same counters; a backend that is no longer listed has its series marked stale. List a
/// backend with `share: 0` to keep its pods scraped without sending it traffic.
public struct Backend: Sendable, Hashable {
  /// The revision profile this backend follows (`stable`, `canary`, …).
  public var revision: String
  /// The ReplicaSet's `rollouts-pod-template-hash`.
  public var podTemplateHash: String
  /// The fraction of the stream's traffic this backend receives, in [0, 1].
  public var share: Double
  /// The namespace of the pods and the Service.
  public var namespace: String
  /// The workload name Istio reports, which for Argo Rollouts pods is the ReplicaSet name
  /// `<rollout>-<hash>` (Istio only trims the hash for pods with a `pod-template-hash` label). Defaults
  /// to `<revision>-<hash>`.
  public var workload: String
  /// The pods' `version` label, if any (Istio's `destination_version`).
  public var version: String?
  /// The Kubernetes Service the traffic is addressed to (Istio host, Route `to`/alternate backend).
  public var service: String?
  /// The Istio DestinationRule subset the traffic goes to (Istio's metrics carry no subset label;
  /// kept so callers can describe the route fully).
  public var subset: String?
  public var route: RouteRef?
  public var ingress: IngressRef?
  /// Pod names. Per-pod metrics (`http`, Istio's destination reporter, HAProxy servers) are split
  /// evenly among them; empty means one anonymous instance without a `pod` label.
  public var pods: [String]
  /// Pod labels besides `rollouts-pod-template-hash` and `version`, e.g. `app`. Prometheus'
  /// `labelmap` turns them into target labels (`app.kubernetes.io/name` → `app_kubernetes_io_name`).
  public var podLabels: [String: String]
  /// The pods' service account (Istio principals).
  public var serviceAccount: String
  /// The container port the pods serve on (HAProxy `server`, `instance`).
  public var port: Int

  public init(
    revision: String, podTemplateHash: String, share: Double, namespace: String = "default",
    workload: String? = nil, version: String? = nil, service: String? = nil, subset: String? = nil,
    route: RouteRef? = nil, ingress: IngressRef? = nil, pods: [String] = [], podLabels: [String: String] = [:],
    serviceAccount: String = "default", port: Int = 8080
  ) {
    self.revision = revision
    self.podTemplateHash = podTemplateHash
    self.share = share
    self.namespace = namespace
    self.workload = workload ?? "\(revision)-\(podTemplateHash)"
    self.version = version
    self.service = service
    self.subset = subset
    self.route = route
    self.ingress = ingress
    self.pods = pods
    self.podLabels = podLabels
    self.serviceAccount = serviceAccount
    self.port = port
  }

  /// The pod labels Kubernetes would show: `podLabels` plus `rollouts-pod-template-hash` and `version`.
  public var effectivePodLabels: [String: String] {
    var labels = podLabels
    labels["rollouts-pod-template-hash"] = podTemplateHash
    if let version { labels["version"] = version }
    return labels
  }
}

/// An OpenShift Route that carries traffic to a backend's Service.
public struct RouteRef: Sendable, Hashable {
  public enum Role: String, Sendable, Hashable {
    /// `spec.to` (the stable Service under the openshift traffic-router plugin).
    case to
    /// An entry of `spec.alternateBackends` (the canary Service).
    case alternateBackend
  }

  /// How the route terminates TLS, which names HAProxy's backend (`be_http`, `be_edge_http`, …) and so
  /// the `backend` label of the router's metrics.
  public enum Termination: String, Sendable, Hashable {
    case none, edge, reencrypt, passthrough

    /// The `backend` label value the OpenShift router exports for this kind of route.
    public var backendLabel: String {
      switch self {
      case .none: "http"
      case .edge: "https-edge"
      case .reencrypt: "https"
      case .passthrough: "tcp"
      }
    }
  }

  public var name: String
  /// The Route's namespace; nil means the backend's namespace.
  public var namespace: String?
  public var role: Role
  /// The backend's weight in the Route (`spec.to.weight` / `alternateBackends[].weight`), informational.
  public var weight: Int?
  public var termination: Termination

  public init(name: String, namespace: String? = nil, role: Role = .to, weight: Int? = nil, termination: Termination = .none) {
    self.name = name
    self.namespace = namespace
    self.role = role
    self.weight = weight
    self.termination = termination
  }
}

/// An Ingress handled by ingress-nginx that carries traffic to a backend.
///
/// ingress-nginx labels a request with the *primary* Ingress and its Service even when the canary
/// Ingress (Argo's `<rollout>-<ingress>-canary`) routed it; such requests carry `canary` = the
/// alternative upstream's name, `<namespace>-<canary service>-<port>`. Describe canary traffic with the
/// primary's `name` and `service` and set `canaryUpstream`.
public struct IngressRef: Sendable, Hashable {
  public var name: String
  public var namespace: String?
  public var host: String
  public var path: String
  /// The `service` label: the primary Ingress's backend Service.
  public var service: String
  /// The `canary` label, set only for requests the canary Ingress routed.
  public var canaryUpstream: String?

  public init(
    name: String, namespace: String? = nil, host: String = "example.com", path: String = "/", service: String,
    canaryUpstream: String? = nil
  ) {
    self.name = name
    self.namespace = namespace
    self.host = host
    self.path = path
    self.service = service
    self.canaryUpstream = canaryUpstream
  }

  /// The upstream name ingress-nginx gives a Service port: `<namespace>-<service>-<port>`.
  public static func upstreamName(namespace: String, service: String, port: Int) -> String {
    "\(namespace)-\(service)-\(port)"
  }
}
