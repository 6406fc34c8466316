import Diagnostics

/// The parts of Kubernetes' ObjectMeta rollout-sim uses.
public struct ObjectMeta: Sendable, Hashable {
  public var name: Located<String>?
  public var namespace: Located<String>?
  public var labels: [String: String]
  public var annotations: [String: String]
  public var location: SourceLocation

  public init(
    name: Located<String>? = nil, namespace: Located<String>? = nil, labels: [String: String] = [:],
    annotations: [String: String] = [:], location: SourceLocation = .synthesized
  ) {
    self.name = name
    self.namespace = namespace
    self.labels = labels
    self.annotations = annotations
    self.location = location
  }

  public init(decoding node: YAMLNode) {
    self.init(
      name: node.string("name"), namespace: node.string("namespace"), labels: node.stringMap("labels"),
      annotations: node.stringMap("annotations"), location: node.location)
  }

  /// The name, or "" when the object has none.
  public var nameValue: String { name?.value ?? "" }
}

/// Labels and annotations for pods or analysis runs (`canaryMetadata`, `analysisRunMetadata`…).
public struct LabelsAndAnnotations: Sendable, Hashable {
  public var labels: [String: String]
  public var annotations: [String: String]

  public init(labels: [String: String] = [:], annotations: [String: String] = [:]) {
    self.labels = labels
    self.annotations = annotations
  }

  public init(decoding node: YAMLNode) {
    self.init(labels: node.stringMap("labels"), annotations: node.stringMap("annotations"))
  }
}

/// A Kubernetes label selector.
public struct LabelSelector: Sendable, Hashable {
  public struct Requirement: Sendable, Hashable {
    public var key: String
    public var `operator`: String
    public var values: [String]

    public init(key: String, operator: String, values: [String] = []) {
      self.key = key
      self.operator = `operator`
      self.values = values
    }
  }

  public var matchLabels: [String: String]
  public var matchExpressions: [Requirement]
  public var location: SourceLocation

  public init(matchLabels: [String: String] = [:], matchExpressions: [Requirement] = [], location: SourceLocation = .synthesized) {
    self.matchLabels = matchLabels
    self.matchExpressions = matchExpressions
    self.location = location
  }

  public init(decoding node: YAMLNode) {
    self.init(
      matchLabels: node.stringMap("matchLabels"),
      matchExpressions: node.list("matchExpressions") {
        Requirement(key: $0.string("key")?.value ?? "", operator: $0.string("operator")?.value ?? "", values: $0.strings("values").map(\.value))
      },
      location: node.location)
  }

  public var isEmpty: Bool { matchLabels.isEmpty && matchExpressions.isEmpty }

  /// Whether `labels` satisfy the selector (In, NotIn, Exists, DoesNotExist).
  public func matches(_ labels: [String: String]) -> Bool {
    for (key, value) in matchLabels where labels[key] != value { return false }
    for requirement in matchExpressions {
      let value = labels[requirement.key]
      switch requirement.operator {
      case "In":
        guard let value, requirement.values.contains(value) else { return false }
      case "NotIn": if let value, requirement.values.contains(value) { return false }
      case "Exists": if value == nil { return false }
      case "DoesNotExist": if value != nil { return false }
      default: return false
      }
    }
    return true
  }
}

/// One container of a pod template: what workload models and fieldRef args look at.
public struct Container: Sendable, Hashable {
  public var name: Located<String>?
  public var image: Located<String>?
  public var location: SourceLocation

  public init(name: Located<String>? = nil, image: Located<String>? = nil, location: SourceLocation = .synthesized) {
    self.name = name
    self.image = image
    self.location = location
  }

  public init(decoding node: YAMLNode) {
    self.init(name: node.string("name"), image: node.string("image"), location: node.location)
  }
}

/// A pod template (`spec.template` of a Rollout, Deployment, Experiment or Job). The pod spec itself is
/// Kubernetes' and kept as a node; the hash of a revision is computed from it.
public struct PodTemplate: Sendable, Hashable {
  public var labels: [String: String]
  public var annotations: [String: String]
  public var containers: [Container]
  public var initContainers: [Container]
  /// The whole `template` node.
  public var node: YAMLNode

  public init(
    labels: [String: String] = [:], annotations: [String: String] = [:], containers: [Container] = [],
    initContainers: [Container] = [], node: YAMLNode = .mapping([])
  ) {
    self.labels = labels
    self.annotations = annotations
    self.containers = containers
    self.initContainers = initContainers
    self.node = node
  }

  public init(decoding node: YAMLNode) {
    let metadata = node["metadata"]
    let spec = node["spec"]
    self.init(
      labels: metadata?.stringMap("labels") ?? [:], annotations: metadata?.stringMap("annotations") ?? [:],
      containers: spec?.list("containers", Container.init(decoding:)) ?? [],
      initContainers: spec?.list("initContainers", Container.init(decoding:)) ?? [], node: node)
  }

  public var location: SourceLocation { node.location }

  /// The revision's pod-template hash (see ``PodTemplateHash``).
  public var hash: String { PodTemplateHash.compute(node) }
}
