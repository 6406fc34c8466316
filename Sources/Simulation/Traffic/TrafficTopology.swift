import Workload

/// How users reach the rollout, for labelling telemetry: names the manifests give to the namespace,
/// Services, Istio hosts, OpenShift Routes and Ingresses, plus any test traffic.
public struct TrafficTopology: Sendable {
  public var namespace: String
  public var rolloutName: String
  /// Labels of the pod template (e.g. `app`), carried by every pod.
  public var podLabels: [String: String]
  /// The Service users reach when there is no router (basic canary): its pods are all revisions'.
  public var userService: String?
  /// Istio subset split: the DestinationRule's host Service.
  public var istioSubsetHost: String?
  /// OpenShift Routes the `argoproj-labs/openshift` plugin manages; user traffic enters via the first.
  public var openshiftRoutes: [String]
  /// The nginx Ingress (primary) users reach.
  public var ingress: String?
  /// OpenShift Routes that send traffic to a Service (`spec.to`), by Service name: traffic addressed
  /// to that Service (blue-green active and preview) is reported under the Route.
  public var routesByService: [String: String] = [:]
  /// Extra streams sent straight to a Service (blue-green preview smoke tests).
  public var tests: [TestStream]

  public struct TestStream: Sendable {
    public var name: String
    public var service: String
    public var rate: Curve
    public init(name: String, service: String, rate: Curve) {
      self.name = name
      self.service = service
      self.rate = rate
    }
  }

  public init(
    namespace: String = "default", rolloutName: String, podLabels: [String: String] = [:], userService: String? = nil,
    istioSubsetHost: String? = nil, openshiftRoutes: [String] = [], ingress: String? = nil, tests: [TestStream] = []
  ) {
    self.namespace = namespace
    self.rolloutName = rolloutName
    self.podLabels = podLabels
    self.userService = userService
    self.istioSubsetHost = istioSubsetHost
    self.openshiftRoutes = openshiftRoutes
    self.ingress = ingress
    self.tests = tests
  }
}
