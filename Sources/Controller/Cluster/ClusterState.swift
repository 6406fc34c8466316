import VirtualTime

/// The objects the rollout controller reads and writes, as it sees them at the start of a reconcile:
/// its ReplicaSets, the Services it points, the traffic router, and the AnalysisRuns and Experiments
/// it owns. The simulation owns the real objects (and the pods behind them); the controller works on a
/// copy and reports what it changed as `ControllerAction`s.
public struct ClusterState: Sendable, Hashable {
  public var replicaSets: [ReplicaSetState]
  public var services: [String: ServiceState]
  public var router: RouterState
  public var analysisRuns: [AnalysisRunView]
  public var experiments: [ExperimentView]
  /// Why an analysis block cannot be turned into an AnalysisRun (an arg that does not resolve, a
  /// missing template), keyed by `AnalysisBlock`. Argo fails the reconcile with that error and the
  /// rollout stays where it is.
  public var analysisBlockErrors: [AnalysisBlock: String]

  public init(
    replicaSets: [ReplicaSetState] = [], services: [String: ServiceState] = [:], router: RouterState = RouterState(),
    analysisRuns: [AnalysisRunView] = [], experiments: [ExperimentView] = [],
    analysisBlockErrors: [AnalysisBlock: String] = [:]
  ) {
    self.replicaSets = replicaSets
    self.services = services
    self.router = router
    self.analysisRuns = analysisRuns
    self.experiments = experiments
    self.analysisBlockErrors = analysisBlockErrors
  }

  public func replicaSet(hash: String) -> ReplicaSetState? {
    replicaSets.first { $0.podTemplateHash == hash }
  }

  public func replicaSetIndex(name: String) -> Int? {
    replicaSets.firstIndex { $0.name == name }
  }
}

/// A ReplicaSet's spec and status counts.
public struct ReplicaSetState: Sendable, Hashable {
  public var name: String
  public var podTemplateHash: String
  /// The `rollout.argoproj.io/revision` annotation.
  public var revision: Int
  /// Which scenario revision its pods run.
  public var revisionName: String
  /// Creation order; stands in for creationTimestamp (ties impossible).
  public var creationIndex: Int
  public var createdAt: SimInstant
  public var specReplicas: Int
  /// `status.replicas`: pods that exist (ready or not).
  public var replicas: Int
  public var readyReplicas: Int
  public var availableReplicas: Int
  /// The `scale-down-deadline` annotation.
  public var scaleDownDeadline: SimInstant?

  public init(
    name: String, podTemplateHash: String, revision: Int, revisionName: String, creationIndex: Int,
    createdAt: SimInstant, specReplicas: Int = 0, replicas: Int = 0, readyReplicas: Int = 0,
    availableReplicas: Int = 0, scaleDownDeadline: SimInstant? = nil
  ) {
    self.name = name
    self.podTemplateHash = podTemplateHash
    self.revision = revision
    self.revisionName = revisionName
    self.creationIndex = creationIndex
    self.createdAt = createdAt
    self.specReplicas = specReplicas
    self.replicas = replicas
    self.readyReplicas = readyReplicas
    self.availableReplicas = availableReplicas
    self.scaleDownDeadline = scaleDownDeadline
  }

  var counts: ReplicaSetCounts { ReplicaSetCounts(spec: specReplicas, created: replicas, available: availableReplicas) }
}

/// A Service's `rollouts-pod-template-hash` selector.
public struct ServiceState: Sendable, Hashable {
  public var name: String
  /// The hash the selector points at ("" before the controller touched it).
  public var selectorHash: String
  /// The `argo-rollouts.argoproj.io/managed-by-rollouts` annotation: set on the first switch.
  public var managedByRollouts: Bool

  public init(name: String, selectorHash: String = "", managedByRollouts: Bool = false) {
    self.name = name
    self.selectorHash = selectorHash
    self.managedByRollouts = managedByRollouts
  }
}

/// What the traffic router was last told.
public struct RouterState: Sendable, Hashable {
  public var canaryWeight = 0
  public var stableWeight = 100
  public var additional: [WeightDestination] = []
  /// DestinationRule subset hashes (Istio subset split).
  public var canaryHash = ""
  public var stableHash = ""
  public var headerRoutes: [HeaderRoute] = []
  public var mirrorRoutes: [MirrorRoute] = []
  public init() {}
}

/// Which role an AnalysisRun plays for its rollout (the `rollout-type` label).
public enum AnalysisRunRole: String, Sendable, Hashable, Codable {
  case step = "Step"
  case background = "Background"
  case prePromotion = "PrePromotion"
  case postPromotion = "PostPromotion"
  case experiment = "Experiment"
}

/// One `RolloutAnalysis` block of a Rollout: which analysis a run is built from.
public enum AnalysisBlock: Sendable, Hashable, CustomStringConvertible {
  case step(Int)
  case background
  case prePromotion
  case postPromotion

  public var description: String {
    switch self {
    case .step(let index): "steps[\(index)].analysis"
    case .background: "canary.analysis"
    case .prePromotion: "blueGreen.prePromotionAnalysis"
    case .postPromotion: "blueGreen.postPromotionAnalysis"
    }
  }
}

/// An AnalysisRun as the rollout controller sees it.
public struct AnalysisRunView: Sendable, Hashable {
  public var name: String
  public var role: AnalysisRunRole
  public var stepIndex: Int?
  public var podTemplateHash: String
  public var phase: AnalysisPhase
  public var message: String
  public var terminate: Bool
  public var creationIndex: Int

  public init(
    name: String, role: AnalysisRunRole, stepIndex: Int?, podTemplateHash: String, phase: AnalysisPhase = .pending,
    message: String = "", terminate: Bool = false, creationIndex: Int = 0
  ) {
    self.name = name
    self.role = role
    self.stepIndex = stepIndex
    self.podTemplateHash = podTemplateHash
    self.phase = phase
    self.message = message
    self.terminate = terminate
    self.creationIndex = creationIndex
  }
}

/// An Experiment (experiment step) as the rollout controller sees it.
public struct ExperimentView: Sendable, Hashable {
  public var name: String
  public var stepIndex: Int
  public var podTemplateHash: String
  public var phase: AnalysisPhase
  public var message: String
  public var terminate: Bool
  /// `status.templateStatuses`: each template's Service and pod-template hash, in template order.
  public var templates: [ExperimentTemplateStatus]

  public init(
    name: String, stepIndex: Int, podTemplateHash: String, phase: AnalysisPhase = .pending, message: String = "",
    terminate: Bool = false, templates: [ExperimentTemplateStatus] = []
  ) {
    self.name = name
    self.stepIndex = stepIndex
    self.podTemplateHash = podTemplateHash
    self.phase = phase
    self.message = message
    self.terminate = terminate
    self.templates = templates
  }
}
