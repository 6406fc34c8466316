import Diagnostics

/// An Istio destination: `host` (a Service name, possibly an FQDN), `subset`, `port`.
public struct IstioDestination: Sendable, Hashable {
  public var host: Located<String>?
  public var subset: Located<String>?
  public var port: Int?
  public var location: SourceLocation

  public init(host: Located<String>? = nil, subset: Located<String>? = nil, port: Int? = nil, location: SourceLocation = .synthesized) {
    self.host = host
    self.subset = subset
    self.port = port
    self.location = location
  }

  public init(decoding node: YAMLNode) {
    self.init(host: node.string("host"), subset: node.string("subset"), port: node["port"]?.int("number")?.value, location: node.location)
  }

  /// The host up to its first '.', as Argo compares it with the canary/stable Service names.
  public var shortHost: String {
    let host = host?.value ?? ""
    if let dot = host.firstIndex(of: "."), dot > host.startIndex { return String(host[..<dot]) }
    return host
  }
}

/// A weighted destination of an Istio route.
public struct IstioRouteDestination: Sendable, Hashable {
  public var destination: IstioDestination
  public var weight: Located<Int>?
  public var location: SourceLocation

  public init(destination: IstioDestination = IstioDestination(), weight: Located<Int>? = nil, location: SourceLocation = .synthesized) {
    self.destination = destination
    self.weight = weight
    self.location = location
  }

  public init(decoding node: YAMLNode) {
    self.init(
      destination: node.object("destination", IstioDestination.init(decoding:)) ?? IstioDestination(location: node.location),
      weight: node.int("weight"), location: node.location)
  }
}

/// An HTTP, TLS or TCP route of a VirtualService.
public struct IstioRoute: Sendable, Hashable {
  public var name: Located<String>?
  public var destinations: [IstioRouteDestination]
  /// HTTP only: `mirror` and `mirrorPercentage.value`.
  public var mirror: IstioDestination?
  public var mirrorPercentage: Double?
  /// HTTP: the raw `match`; TLS/TCP: the ports and SNI hosts matched.
  public var match: YAMLNode?
  public var matchPorts: [Int]
  public var sniHosts: [String]
  public var location: SourceLocation

  public init(
    name: Located<String>? = nil, destinations: [IstioRouteDestination] = [], mirror: IstioDestination? = nil,
    mirrorPercentage: Double? = nil, match: YAMLNode? = nil, matchPorts: [Int] = [], sniHosts: [String] = [],
    location: SourceLocation = .synthesized
  ) {
    self.name = name
    self.destinations = destinations
    self.mirror = mirror
    self.mirrorPercentage = mirrorPercentage
    self.match = match
    self.matchPorts = matchPorts
    self.sniHosts = sniHosts
    self.location = location
  }

  public init(decoding node: YAMLNode) {
    let matches = node["match"]?.sequence ?? []
    self.init(
      name: node.string("name"), destinations: node.list("route", IstioRouteDestination.init(decoding:)),
      mirror: node.object("mirror", IstioDestination.init(decoding:)),
      mirrorPercentage: node["mirrorPercentage"]?.double("value")?.value, match: node.raw("match"),
      matchPorts: matches.compactMap { $0.int("port")?.value },
      sniHosts: matches.flatMap { $0.strings("sniHosts").map(\.value) }, location: node.location)
  }
}

/// An Istio VirtualService (networking.istio.io v1alpha3 / v1beta1 / v1).
public struct VirtualService: Sendable, Hashable {
  public var apiVersion: String
  public var metadata: ObjectMeta
  public var hosts: [Located<String>]
  public var gateways: [String]
  public var http: [IstioRoute]
  public var tls: [IstioRoute]
  public var tcp: [IstioRoute]
  public var node: YAMLNode

  public init(
    apiVersion: String = "networking.istio.io/v1beta1", metadata: ObjectMeta = ObjectMeta(), hosts: [Located<String>] = [],
    gateways: [String] = [], http: [IstioRoute] = [], tls: [IstioRoute] = [], tcp: [IstioRoute] = [],
    node: YAMLNode = .mapping([])
  ) {
    self.apiVersion = apiVersion
    self.metadata = metadata
    self.hosts = hosts
    self.gateways = gateways
    self.http = http
    self.tls = tls
    self.tcp = tcp
    self.node = node
  }

  public init(decoding node: YAMLNode) {
    let spec = node["spec"] ?? .mapping([], at: node.location)
    self.init(
      apiVersion: node.stringValueAt("apiVersion"), metadata: ObjectMeta(decoding: node["metadata"] ?? .mapping([])),
      hosts: spec.strings("hosts"), gateways: spec.strings("gateways").map(\.value),
      http: spec.list("http", IstioRoute.init(decoding:)), tls: spec.list("tls", IstioRoute.init(decoding:)),
      tcp: spec.list("tcp", IstioRoute.init(decoding:)), node: node)
  }

  public var name: String { metadata.nameValue }
  public var location: SourceLocation { node.location }
  /// Whether `spec.http` / `tls` / `tcp` is present at all (Argo checks presence, not emptiness).
  public var hasHTTP: Bool { node[path: "spec.http"]?.isSequence ?? false }
  public var hasTLS: Bool { node[path: "spec.tls"]?.isSequence ?? false }
  public var hasTCP: Bool { node[path: "spec.tcp"]?.isSequence ?? false }
}

/// An Istio DestinationRule.
public struct DestinationRule: Sendable, Hashable {
  public struct Subset: Sendable, Hashable {
    public var name: Located<String>?
    public var labels: [String: String]
    public var location: SourceLocation

    public init(name: Located<String>? = nil, labels: [String: String] = [:], location: SourceLocation = .synthesized) {
      self.name = name
      self.labels = labels
      self.location = location
    }
  }

  public var apiVersion: String
  public var metadata: ObjectMeta
  public var host: Located<String>?
  public var subsets: [Subset]
  public var node: YAMLNode

  public init(
    apiVersion: String = "networking.istio.io/v1beta1", metadata: ObjectMeta = ObjectMeta(), host: Located<String>? = nil,
    subsets: [Subset] = [], node: YAMLNode = .mapping([])
  ) {
    self.apiVersion = apiVersion
    self.metadata = metadata
    self.host = host
    self.subsets = subsets
    self.node = node
  }

  public init(decoding node: YAMLNode) {
    let spec = node["spec"] ?? .mapping([], at: node.location)
    self.init(
      apiVersion: node.stringValueAt("apiVersion"), metadata: ObjectMeta(decoding: node["metadata"] ?? .mapping([])),
      host: spec.string("host"),
      subsets: spec.list("subsets") { Subset(name: $0.string("name"), labels: $0.stringMap("labels"), location: $0.location) },
      node: node)
  }

  public var name: String { metadata.nameValue }
  public var location: SourceLocation { node.location }
}

/// An OpenShift Route (route.openshift.io/v1): `spec.to` plus weighted `alternateBackends`, which the
/// `argoproj-labs/openshift` traffic-router plugin rewrites.
public struct Route: Sendable, Hashable {
  public struct Backend: Sendable, Hashable {
    public var kind: String
    public var name: Located<String>?
    public var weight: Located<Int>?
    public var location: SourceLocation

    public init(kind: String = "Service", name: Located<String>? = nil, weight: Located<Int>? = nil, location: SourceLocation = .synthesized) {
      self.kind = kind
      self.name = name
      self.weight = weight
      self.location = location
    }

    public init(decoding node: YAMLNode) {
      self.init(kind: node.string("kind")?.value ?? "Service", name: node.string("name"), weight: node.int("weight"), location: node.location)
    }
  }

  public var metadata: ObjectMeta
  public var host: String?
  public var path: String?
  public var to: Backend?
  public var alternateBackends: [Backend]
  public var targetPort: IntOrString?
  public var node: YAMLNode

  public init(
    metadata: ObjectMeta = ObjectMeta(), host: String? = nil, path: String? = nil, to: Backend? = nil,
    alternateBackends: [Backend] = [], targetPort: IntOrString? = nil, node: YAMLNode = .mapping([])
  ) {
    self.metadata = metadata
    self.host = host
    self.path = path
    self.to = to
    self.alternateBackends = alternateBackends
    self.targetPort = targetPort
    self.node = node
  }

  public init(decoding node: YAMLNode) {
    let spec = node["spec"] ?? .mapping([], at: node.location)
    self.init(
      metadata: ObjectMeta(decoding: node["metadata"] ?? .mapping([])), host: spec.string("host")?.value,
      path: spec.string("path")?.value, to: spec.object("to", Backend.init(decoding:)),
      alternateBackends: spec.list("alternateBackends", Backend.init(decoding:)),
      targetPort: spec["port"]?.intOrString("targetPort")?.value, node: node)
  }

  public var name: String { metadata.nameValue }
  public var location: SourceLocation { node.location }
}

/// An Argo CD Application, kept as data for the GitOps drift check.
public struct Application: Sendable, Hashable {
  /// `spec.ignoreDifferences[]`.
  public struct IgnoreDifference: Sendable, Hashable {
    public var group: String?
    public var kind: Located<String>?
    public var name: String?
    public var namespace: String?
    public var jsonPointers: [Located<String>]
    public var jqPathExpressions: [Located<String>]
    public var managedFieldsManagers: [Located<String>]
    public var location: SourceLocation

    public init(
      group: String? = nil, kind: Located<String>? = nil, name: String? = nil, namespace: String? = nil,
      jsonPointers: [Located<String>] = [], jqPathExpressions: [Located<String>] = [],
      managedFieldsManagers: [Located<String>] = [], location: SourceLocation = .synthesized
    ) {
      self.group = group
      self.kind = kind
      self.name = name
      self.namespace = namespace
      self.jsonPointers = jsonPointers
      self.jqPathExpressions = jqPathExpressions
      self.managedFieldsManagers = managedFieldsManagers
      self.location = location
    }

    public init(decoding node: YAMLNode) {
      self.init(
        group: node.string("group")?.value, kind: node.string("kind"), name: node.string("name")?.value,
        namespace: node.string("namespace")?.value, jsonPointers: node.strings("jsonPointers"),
        jqPathExpressions: node.strings("jqPathExpressions"), managedFieldsManagers: node.strings("managedFieldsManagers"),
        location: node.location)
    }
  }

  public var apiVersion: String
  public var metadata: ObjectMeta
  public var project: String?
  public var destinationNamespace: String?
  public var destinationServer: String?
  public var ignoreDifferences: [IgnoreDifference]
  public var syncOptions: [String]
  public var automatedSync: Bool
  public var selfHeal: Bool
  public var node: YAMLNode

  public init(
    apiVersion: String = "argoproj.io/v1alpha1", metadata: ObjectMeta = ObjectMeta(), project: String? = nil,
    destinationNamespace: String? = nil, destinationServer: String? = nil, ignoreDifferences: [IgnoreDifference] = [],
    syncOptions: [String] = [], automatedSync: Bool = false, selfHeal: Bool = false, node: YAMLNode = .mapping([])
  ) {
    self.apiVersion = apiVersion
    self.metadata = metadata
    self.project = project
    self.destinationNamespace = destinationNamespace
    self.destinationServer = destinationServer
    self.ignoreDifferences = ignoreDifferences
    self.syncOptions = syncOptions
    self.automatedSync = automatedSync
    self.selfHeal = selfHeal
    self.node = node
  }

  public init(decoding node: YAMLNode) {
    let spec = node["spec"] ?? .mapping([], at: node.location)
    let automated = spec["syncPolicy"]?["automated"]
    self.init(
      apiVersion: node.stringValueAt("apiVersion"), metadata: ObjectMeta(decoding: node["metadata"] ?? .mapping([])),
      project: spec.string("project")?.value, destinationNamespace: spec["destination"]?.string("namespace")?.value,
      destinationServer: spec["destination"]?.string("server")?.value,
      ignoreDifferences: spec.list("ignoreDifferences", IgnoreDifference.init(decoding:)),
      syncOptions: spec["syncPolicy"]?.strings("syncOptions").map(\.value) ?? [],
      automatedSync: automated.map { $0.isMapping && ($0.bool("enabled")?.value ?? true) } ?? false,
      selfHeal: automated?.flag("selfHeal") ?? false, node: node)
  }

  public var name: String { metadata.nameValue }
  public var location: SourceLocation { node.location }
  /// Whether `RespectIgnoreDifferences=true` is among the sync options.
  public var respectsIgnoreDifferences: Bool { syncOptions.contains("RespectIgnoreDifferences=true") }
}
