import Diagnostics

/// `trafficRouting.istio.virtualService(s)[]`.
public struct IstioVirtualServiceRef: Sendable, Hashable {
  public struct TLSRoute: Sendable, Hashable {
    public var port: Int?
    public var sniHosts: [String]
    public init(port: Int? = nil, sniHosts: [String] = []) {
      self.port = port
      self.sniHosts = sniHosts
    }
  }

  /// `name` or `namespace/name`.
  public var name: Located<String>?
  /// HTTP route names to edit; empty means "the only HTTP route".
  public var routes: [Located<String>]
  public var tlsRoutes: [TLSRoute]
  public var tcpRoutes: [Int]
  public var location: SourceLocation

  public init(
    name: Located<String>? = nil, routes: [Located<String>] = [], tlsRoutes: [TLSRoute] = [], tcpRoutes: [Int] = [],
    location: SourceLocation = .synthesized
  ) {
    self.name = name
    self.routes = routes
    self.tlsRoutes = tlsRoutes
    self.tcpRoutes = tcpRoutes
    self.location = location
  }

  public init(decoding node: YAMLNode) {
    self.init(
      name: node.string("name"), routes: node.strings("routes"),
      tlsRoutes: node.list("tlsRoutes") { TLSRoute(port: $0.int("port")?.value, sniHosts: $0.strings("sniHosts").map(\.value)) },
      tcpRoutes: node.list("tcpRoutes") { $0.int("port")?.value ?? 0 }, location: node.location)
  }

  /// The VirtualService's name without a `namespace/` prefix.
  public var objectName: String {
    let full = name?.value ?? ""
    if let slash = full.lastIndex(of: "/") { return String(full[full.index(after: slash)...]) }
    return full
  }
}

/// `trafficRouting.istio.destinationRule`: subset-level splitting.
public struct IstioDestinationRuleRef: Sendable, Hashable {
  public var name: Located<String>?
  public var canarySubsetName: Located<String>?
  public var stableSubsetName: Located<String>?
  public var additionalSubsetNames: [Located<String>]
  public var location: SourceLocation

  public init(
    name: Located<String>? = nil, canarySubsetName: Located<String>? = nil, stableSubsetName: Located<String>? = nil,
    additionalSubsetNames: [Located<String>] = [], location: SourceLocation = .synthesized
  ) {
    self.name = name
    self.canarySubsetName = canarySubsetName
    self.stableSubsetName = stableSubsetName
    self.additionalSubsetNames = additionalSubsetNames
    self.location = location
  }

  public init(decoding node: YAMLNode) {
    self.init(
      name: node.string("name"), canarySubsetName: node.string("canarySubsetName"),
      stableSubsetName: node.string("stableSubsetName"), additionalSubsetNames: node.strings("additionalSubsetNames"),
      location: node.location)
  }
}

public struct IstioTrafficRouting: Sendable, Hashable {
  public var virtualService: IstioVirtualServiceRef?
  public var virtualServices: [IstioVirtualServiceRef]
  public var destinationRule: IstioDestinationRuleRef?
  public var location: SourceLocation

  public init(
    virtualService: IstioVirtualServiceRef? = nil, virtualServices: [IstioVirtualServiceRef] = [],
    destinationRule: IstioDestinationRuleRef? = nil, location: SourceLocation = .synthesized
  ) {
    self.virtualService = virtualService
    self.virtualServices = virtualServices
    self.destinationRule = destinationRule
    self.location = location
  }

  public init(decoding node: YAMLNode) {
    self.init(
      virtualService: node.object("virtualService", IstioVirtualServiceRef.init(decoding:)),
      virtualServices: node.list("virtualServices", IstioVirtualServiceRef.init(decoding:)),
      destinationRule: node.object("destinationRule", IstioDestinationRuleRef.init(decoding:)), location: node.location)
  }

  /// Every VirtualService the rollout edits (`virtualServices`, or the single `virtualService`).
  public var allVirtualServices: [IstioVirtualServiceRef] {
    virtualServices.isEmpty ? (virtualService.map { [$0] } ?? []) : virtualServices
  }
}

/// A traffic-router plugin entry (`plugins: {argoproj-labs/openshift: {...}}`), config kept raw.
public struct TrafficRouterPlugin: Sendable, Hashable {
  public static let openShift = "argoproj-labs/openshift"

  public var name: String
  public var config: YAMLNode
  public var location: SourceLocation

  public init(name: String, config: YAMLNode, location: SourceLocation = .synthesized) {
    self.name = name
    self.config = config
    self.location = location
  }

  /// For the OpenShift plugin: the Route names it re-weights.
  public var routes: [Located<String>] { config.strings("routes") }
}

/// `strategy.canary.trafficRouting`.
public struct TrafficRouting: Sendable, Hashable {
  public var istio: IstioTrafficRouting?
  /// NGINX: `stableIngress` (or `stableIngresses`); annotations are not simulated.
  public var nginxStableIngresses: [Located<String>]?
  /// ALB: `ingress` / `ingresses`, and `rootService` (ping-pong).
  public var albIngresses: [Located<String>]?
  public var albRootService: Located<String>?
  /// SMI: `{rootService, trafficSplitName}`.
  public var smiRootService: Located<String>?
  public var smiTrafficSplitName: Located<String>?
  public var ambassadorMappings: [Located<String>]?
  /// Each router's raw configuration (present when configured, even as `{}`).
  public var nginx: YAMLNode?
  public var alb: YAMLNode?
  public var smi: YAMLNode?
  public var ambassador: YAMLNode?
  public var appMesh: YAMLNode?
  public var traefik: YAMLNode?
  public var apisix: YAMLNode?
  public var plugins: [TrafficRouterPlugin]
  public var managedRoutes: [Located<String>]?
  public var maxTrafficWeight: Located<Int>?
  public var location: SourceLocation

  public init(
    istio: IstioTrafficRouting? = nil, nginxStableIngresses: [Located<String>]? = nil,
    albIngresses: [Located<String>]? = nil, albRootService: Located<String>? = nil,
    smiRootService: Located<String>? = nil, smiTrafficSplitName: Located<String>? = nil,
    ambassadorMappings: [Located<String>]? = nil, nginx: YAMLNode? = nil, alb: YAMLNode? = nil,
    smi: YAMLNode? = nil, ambassador: YAMLNode? = nil, appMesh: YAMLNode? = nil, traefik: YAMLNode? = nil,
    apisix: YAMLNode? = nil, plugins: [TrafficRouterPlugin] = [], managedRoutes: [Located<String>]? = nil,
    maxTrafficWeight: Located<Int>? = nil, location: SourceLocation = .synthesized
  ) {
    self.istio = istio
    self.nginxStableIngresses = nginxStableIngresses
    self.albIngresses = albIngresses
    self.albRootService = albRootService
    self.smiRootService = smiRootService
    self.smiTrafficSplitName = smiTrafficSplitName
    self.ambassadorMappings = ambassadorMappings
    self.nginx = nginx
    self.alb = alb
    self.smi = smi
    self.ambassador = ambassador
    self.appMesh = appMesh
    self.traefik = traefik
    self.apisix = apisix
    self.plugins = plugins
    self.managedRoutes = managedRoutes
    self.maxTrafficWeight = maxTrafficWeight
    self.location = location
  }

  public init(decoding node: YAMLNode) {
    let nginx = node["nginx"].flatMap { $0.isMapping ? $0 : nil }
    let alb = node["alb"].flatMap { $0.isMapping ? $0 : nil }
    let smi = node["smi"].flatMap { $0.isMapping ? $0 : nil }
    let ambassador = node["ambassador"].flatMap { $0.isMapping ? $0 : nil }
    self.init(
      istio: node.object("istio", IstioTrafficRouting.init(decoding:)),
      nginxStableIngresses: nginx.map { n in (n.string("stableIngress").map { [$0] } ?? []) + n.strings("stableIngresses") },
      albIngresses: alb.map { a in (a.string("ingress").map { [$0] } ?? []) + a.strings("ingresses") },
      albRootService: alb?.string("rootService"), smiRootService: smi?.string("rootService"),
      smiTrafficSplitName: smi?.string("trafficSplitName"), ambassadorMappings: ambassador?.strings("mappings"),
      nginx: node.raw("nginx"), alb: node.raw("alb"), smi: node.raw("smi"), ambassador: node.raw("ambassador"),
      appMesh: node.raw("appMesh"), traefik: node.raw("traefik"), apisix: node.raw("apisix"),
      plugins: (node["plugins"]?.entries ?? []).map { TrafficRouterPlugin(name: $0.key, config: $0.value, location: $0.keyLocation) },
      managedRoutes: node["managedRoutes"].map { _ in node.list("managedRoutes") { $0.string("name") ?? Located("", at: $0.location) } },
      maxTrafficWeight: node.int("maxTrafficWeight"), location: node.location)
  }

  /// The routers that are configured, by their field names.
  public var routerNames: [String] {
    var names: [String] = []
    if istio != nil { names.append("istio") }
    if nginx != nil { names.append("nginx") }
    if alb != nil { names.append("alb") }
    if smi != nil { names.append("smi") }
    if ambassador != nil { names.append("ambassador") }
    if appMesh != nil { names.append("appMesh") }
    if traefik != nil { names.append("traefik") }
    if apisix != nil { names.append("apisix") }
    if !plugins.isEmpty { names.append("plugins") }
    return names
  }

  public var usesNginx: Bool { nginx != nil }
  public var usesALB: Bool { alb != nil }
  public var usesSMI: Bool { smi != nil }

  public func plugin(named name: String) -> TrafficRouterPlugin? { plugins.first { $0.name == name } }

  /// The effective maximum weight: `maxTrafficWeight` or 100.
  public var maxWeight: Int { maxTrafficWeight?.value ?? 100 }
}
