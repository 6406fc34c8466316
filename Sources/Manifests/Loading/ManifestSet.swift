import Diagnostics

/// One YAML document of the input, classified by kind.
public struct ManifestDocument: Sendable, Hashable {
  public var file: String
  /// 0-based position among the file's documents.
  public var index: Int
  public var apiVersion: String?
  public var kind: String?
  /// The kind when rollout-sim reads it; nil for ignored kinds and non-objects.
  public var manifestKind: ManifestKind?
  public var name: String?
  public var namespace: String?
  public var root: YAMLNode

  public init(
    file: String, index: Int, apiVersion: String? = nil, kind: String? = nil, manifestKind: ManifestKind? = nil,
    name: String? = nil, namespace: String? = nil, root: YAMLNode
  ) {
    self.file = file
    self.index = index
    self.apiVersion = apiVersion
    self.kind = kind
    self.manifestKind = manifestKind
    self.name = name
    self.namespace = namespace
    self.root = root
  }

  public var location: SourceLocation { root.location }
}

/// Everything read from a set of manifest files: the typed objects, the documents they came from,
/// the diagnostics of reading them (YAML, kinds, field types, unknown fields) and the source texts for
/// rendering those diagnostics. Semantic validation is ``Validator/validate(_:)``.
public struct ManifestSet: Sendable {
  public var files: [String] = []
  public var sources: [String: SourceText] = [:]
  public var documents: [ManifestDocument] = []
  public var diagnostics: [Diagnostic] = []

  public var rollouts: [Rollout] = []
  public var analysisTemplates: [AnalysisTemplate] = []
  public var clusterAnalysisTemplates: [AnalysisTemplate] = []
  public var analysisRuns: [AnalysisRun] = []
  public var experiments: [Experiment] = []
  public var services: [Service] = []
  public var virtualServices: [VirtualService] = []
  public var destinationRules: [DestinationRule] = []
  public var routes: [Route] = []
  public var applications: [Application] = []
  public var deployments: [Deployment] = []
  public var secrets: [Secret] = []

  public init() {}

  public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
  /// Documents whose kind rollout-sim does not read.
  public var ignoredDocuments: [ManifestDocument] { documents.filter { $0.manifestKind == nil } }

  // MARK: Lookups (name, and namespace when both sides state one)
  //
  // When a name is defined twice the last definition wins, as with `kubectl apply` of the files in order.

  private static func matches(_ meta: ObjectMeta, _ name: String, _ namespace: String?) -> Bool {
    guard meta.nameValue == name else { return false }
    guard let namespace, let own = meta.namespace?.value else { return true }
    return own == namespace
  }

  public func rollout(named name: String, namespace: String? = nil) -> Rollout? {
    rollouts.last { Self.matches($0.metadata, name, namespace) }
  }
  public func analysisTemplate(named name: String, namespace: String? = nil) -> AnalysisTemplate? {
    analysisTemplates.last { Self.matches($0.metadata, name, namespace) }
  }
  public func clusterAnalysisTemplate(named name: String) -> AnalysisTemplate? {
    clusterAnalysisTemplates.last { $0.name == name }
  }
  /// The template a reference names: a ClusterAnalysisTemplate when `clusterScope` is set.
  public func template(for ref: AnalysisTemplateRef, namespace: String? = nil) -> AnalysisTemplate? {
    guard let name = ref.templateName?.value else { return nil }
    return ref.clusterScope ? clusterAnalysisTemplate(named: name) : analysisTemplate(named: name, namespace: namespace)
  }
  public func service(named name: String, namespace: String? = nil) -> Service? {
    services.last { Self.matches($0.metadata, name, namespace) }
  }
  public func virtualService(named name: String, namespace: String? = nil) -> VirtualService? {
    virtualServices.last { Self.matches($0.metadata, name, namespace) }
  }
  public func destinationRule(named name: String, namespace: String? = nil) -> DestinationRule? {
    destinationRules.last { Self.matches($0.metadata, name, namespace) }
  }
  public func route(named name: String, namespace: String? = nil) -> Route? {
    routes.last { Self.matches($0.metadata, name, namespace) }
  }
  public func deployment(named name: String, namespace: String? = nil) -> Deployment? {
    deployments.last { Self.matches($0.metadata, name, namespace) }
  }
  public func secret(named name: String, namespace: String? = nil) -> Secret? {
    secrets.last { Self.matches($0.metadata, name, namespace) }
  }
  public func experiment(named name: String, namespace: String? = nil) -> Experiment? {
    experiments.last { Self.matches($0.metadata, name, namespace) }
  }

  /// A renderer that can show the source lines of this set's diagnostics.
  public func renderer(useColor: Bool = false) -> DiagnosticRenderer {
    DiagnosticRenderer(sources: sources, useColor: useColor)
  }

  /// Adds the typed objects and documents of `other` (e.g. a second directory).
  public mutating func merge(_ other: ManifestSet) {
    for file in other.files where sources[file] == nil { files.append(file) }
    sources.merge(other.sources) { current, _ in current }
    documents += other.documents
    diagnostics += other.diagnostics
    rollouts += other.rollouts
    analysisTemplates += other.analysisTemplates
    clusterAnalysisTemplates += other.clusterAnalysisTemplates
    analysisRuns += other.analysisRuns
    experiments += other.experiments
    services += other.services
    virtualServices += other.virtualServices
    destinationRules += other.destinationRules
    routes += other.routes
    applications += other.applications
    deployments += other.deployments
    secrets += other.secrets
  }
}
