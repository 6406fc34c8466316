/// `canary.trafficRouting`, for the routers the simulator models.
public struct TrafficRouting: Sendable, Hashable {
  public enum Router: Sendable, Hashable {
    /// Istio host split (no DestinationRule) or subset split (with one).
    case istio(IstioRouting)
    /// `plugins: {argoproj-labs/openshift: {routes: [...]}}`: weights on OpenShift Routes.
    case openshiftRoutes([String])
    /// Any other router (nginx, alb, smi, …): the same weight stream, specifics not modelled.
    case other(String)
  }

  public var router: Router
  public var managedRoutes: [String]
  /// `maxTrafficWeight` (only nginx and plugins accept it).
  public var maxTrafficWeight: Int?

  public init(router: Router, managedRoutes: [String] = [], maxTrafficWeight: Int? = nil) {
    self.router = router
    self.managedRoutes = managedRoutes
    self.maxTrafficWeight = maxTrafficWeight
  }

  /// Only ALB verifies weights; every modelled router reports "verified" (nil).
  public var verifiesWeights: Bool {
    if case .other(let name) = router { return name == "alb" }
    return false
  }
}

public struct IstioRouting: Sendable, Hashable {
  public var virtualServices: [VirtualServiceRef]
  public var destinationRule: DestinationRuleRef?

  public init(virtualServices: [VirtualServiceRef], destinationRule: DestinationRuleRef? = nil) {
    self.virtualServices = virtualServices
    self.destinationRule = destinationRule
  }

  public struct VirtualServiceRef: Sendable, Hashable {
    public var name: String
    /// HTTP route names to edit; empty: the single route the VirtualService has.
    public var routes: [String]
    public init(name: String, routes: [String] = []) {
      self.name = name
      self.routes = routes
    }
  }

  public struct DestinationRuleRef: Sendable, Hashable {
    public var name: String
    public var canarySubsetName: String
    public var stableSubsetName: String
    public init(name: String, canarySubsetName: String, stableSubsetName: String) {
      self.name = name
      self.canarySubsetName = canarySubsetName
      self.stableSubsetName = stableSubsetName
    }
  }
}
