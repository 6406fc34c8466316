import Diagnostics

/// `spec.workloadRef`: the pod template comes from another object (a Deployment in the same set).
public struct WorkloadRef: Sendable, Hashable {
  public var apiVersion: Located<String>?
  public var kind: Located<String>?
  public var name: Located<String>?
  /// `never`, `onsuccess` or `progressively`.
  public var scaleDown: Located<String>?
  public var location: SourceLocation

  public init(
    apiVersion: Located<String>? = nil, kind: Located<String>? = nil, name: Located<String>? = nil,
    scaleDown: Located<String>? = nil, location: SourceLocation = .synthesized
  ) {
    self.apiVersion = apiVersion
    self.kind = kind
    self.name = name
    self.scaleDown = scaleDown
    self.location = location
  }

  public init(decoding node: YAMLNode) {
    self.init(
      apiVersion: node.string("apiVersion"), kind: node.string("kind"), name: node.string("name"),
      scaleDown: node.string("scaleDown"), location: node.location)
  }
}

public struct RolloutStrategy: Sendable, Hashable {
  public var canary: CanaryStrategy?
  public var blueGreen: BlueGreenStrategy?
  public var location: SourceLocation

  public init(canary: CanaryStrategy? = nil, blueGreen: BlueGreenStrategy? = nil, location: SourceLocation = .synthesized) {
    self.canary = canary
    self.blueGreen = blueGreen
    self.location = location
  }

  public init(decoding node: YAMLNode) {
    self.init(
      canary: node.object("canary", CanaryStrategy.init(decoding:)),
      blueGreen: node.object("blueGreen", BlueGreenStrategy.init(decoding:)), location: node.location)
  }
}

/// `spec` of a Rollout, with Argo's defaults (utils/defaults) as computed properties.
public struct RolloutSpec: Sendable, Hashable {
  public static let defaultReplicas = 1
  public static let defaultRevisionHistoryLimit = 10
  public static let defaultProgressDeadlineSeconds = 600
  public static let defaultSuccessfulRunHistoryLimit = 5
  public static let defaultUnsuccessfulRunHistoryLimit = 5

  public var replicas: Located<Int>?
  public var selector: LabelSelector?
  /// The inline pod template; nil when absent (e.g. with workloadRef).
  public var template: PodTemplate?
  public var workloadRef: WorkloadRef?
  public var minReadySeconds: Located<Int>?
  /// `rollbackWindow.revisions`.
  public var rollbackWindowRevisions: Located<Int>?
  public var strategy: RolloutStrategy
  public var revisionHistoryLimit: Located<Int>?
  public var paused: Located<Bool>?
  public var progressDeadlineSeconds: Located<Int>?
  public var progressDeadlineAbort: Located<Bool>?
  public var restartAt: Located<String>?
  public var successfulRunHistoryLimit: Located<Int>?
  public var unsuccessfulRunHistoryLimit: Located<Int>?
  public var location: SourceLocation

  public init(
    replicas: Located<Int>? = nil, selector: LabelSelector? = nil, template: PodTemplate? = nil,
    workloadRef: WorkloadRef? = nil, minReadySeconds: Located<Int>? = nil, rollbackWindowRevisions: Located<Int>? = nil,
    strategy: RolloutStrategy = RolloutStrategy(), revisionHistoryLimit: Located<Int>? = nil,
    paused: Located<Bool>? = nil, progressDeadlineSeconds: Located<Int>? = nil,
    progressDeadlineAbort: Located<Bool>? = nil, restartAt: Located<String>? = nil,
    successfulRunHistoryLimit: Located<Int>? = nil, unsuccessfulRunHistoryLimit: Located<Int>? = nil,
    location: SourceLocation = .synthesized
  ) {
    self.replicas = replicas
    self.selector = selector
    self.template = template
    self.workloadRef = workloadRef
    self.minReadySeconds = minReadySeconds
    self.rollbackWindowRevisions = rollbackWindowRevisions
    self.strategy = strategy
    self.revisionHistoryLimit = revisionHistoryLimit
    self.paused = paused
    self.progressDeadlineSeconds = progressDeadlineSeconds
    self.progressDeadlineAbort = progressDeadlineAbort
    self.restartAt = restartAt
    self.successfulRunHistoryLimit = successfulRunHistoryLimit
    self.unsuccessfulRunHistoryLimit = unsuccessfulRunHistoryLimit
    self.location = location
  }

  public init(decoding node: YAMLNode) {
    let analysis = node["analysis"]
    self.init(
      replicas: node.int("replicas"), selector: node.object("selector", LabelSelector.init(decoding:)),
      template: node.object("template", PodTemplate.init(decoding:)),
      workloadRef: node.object("workloadRef", WorkloadRef.init(decoding:)),
      minReadySeconds: node.int("minReadySeconds"), rollbackWindowRevisions: node["rollbackWindow"]?.int("revisions"),
      strategy: node.object("strategy", RolloutStrategy.init(decoding:)) ?? RolloutStrategy(location: node.location),
      revisionHistoryLimit: node.int("revisionHistoryLimit"), paused: node.bool("paused"),
      progressDeadlineSeconds: node.int("progressDeadlineSeconds"),
      progressDeadlineAbort: node.bool("progressDeadlineAbort"), restartAt: node.string("restartAt"),
      successfulRunHistoryLimit: analysis?.int("successfulRunHistoryLimit"),
      unsuccessfulRunHistoryLimit: analysis?.int("unsuccessfulRunHistoryLimit"), location: node.location)
  }

  public var effectiveReplicas: Int { replicas?.value ?? Self.defaultReplicas }
  public var effectiveRevisionHistoryLimit: Int { revisionHistoryLimit?.value ?? Self.defaultRevisionHistoryLimit }
  public var effectiveProgressDeadlineSeconds: Int {
    progressDeadlineSeconds?.value ?? Self.defaultProgressDeadlineSeconds
  }
  public var effectiveMinReadySeconds: Int { minReadySeconds?.value ?? 0 }
  public var isPaused: Bool { paused?.value ?? false }
  public var abortsOnProgressDeadline: Bool { progressDeadlineAbort?.value ?? false }
  public var effectiveSuccessfulRunHistoryLimit: Int {
    successfulRunHistoryLimit?.value ?? Self.defaultSuccessfulRunHistoryLimit
  }
  public var effectiveUnsuccessfulRunHistoryLimit: Int {
    unsuccessfulRunHistoryLimit?.value ?? Self.defaultUnsuccessfulRunHistoryLimit
  }
}

/// An Argo Rollout.
public struct Rollout: Sendable, Hashable {
  public var apiVersion: String
  public var metadata: ObjectMeta
  public var spec: RolloutSpec
  /// The whole document: `fieldRef` args walk it, sweeps vary it (``YAMLNode/setValue(_:at:)``).
  public var node: YAMLNode

  public init(apiVersion: String = "argoproj.io/v1alpha1", metadata: ObjectMeta = ObjectMeta(), spec: RolloutSpec = RolloutSpec(), node: YAMLNode = .mapping([])) {
    self.apiVersion = apiVersion
    self.metadata = metadata
    self.spec = spec
    self.node = node
  }

  public init(decoding node: YAMLNode) {
    self.init(
      apiVersion: node.stringValueAt("apiVersion"), metadata: ObjectMeta(decoding: node["metadata"] ?? .mapping([])),
      spec: RolloutSpec(decoding: node["spec"] ?? .mapping([], at: node.location)), node: node)
  }

  public var name: String { metadata.nameValue }
  public var location: SourceLocation { node.location }
  public var canary: CanaryStrategy? { spec.strategy.canary }
  public var blueGreen: BlueGreenStrategy? { spec.strategy.blueGreen }

  /// The pod template of a revision: the inline template or, with `workloadRef`, the referenced
  /// Deployment's template from `set`.
  public func podTemplate(in set: ManifestSet? = nil) -> PodTemplate? {
    if let ref = spec.workloadRef, let set, let name = ref.name?.value,
      ref.kind?.value == "Deployment" || ref.kind == nil,
      let deployment = set.deployment(named: name, namespace: metadata.namespace?.value)
    {
      return deployment.template
    }
    return spec.template
  }

  /// The controller's `currentStepHash` analogue for the canary steps (stable, not Go-identical).
  public var stepsHash: String? {
    guard let steps = node[path: "spec.strategy.canary.steps"] else { return nil }
    return PodTemplateHash.stepHash(steps)
  }
}

extension YAMLNode {
  func stringValueAt(_ key: String) -> String { self[key]?.stringValue ?? "" }
}
