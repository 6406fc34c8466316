import VirtualTime

/// A change the controller made to the cluster in one reconcile. The simulation applies these to its
/// world (creating pods, re-pointing traffic, starting AnalysisRuns).
public enum ControllerAction: Sendable, Hashable {
  case createReplicaSet(ReplicaSetState)
  case scaleReplicaSet(name: String, from: Int, to: Int)
  case setScaleDownDeadline(name: String, at: SimInstant?)
  case deleteReplicaSet(name: String)
  case setServiceSelector(service: String, hash: String)
  case updateRouter(RouterState)
  case createAnalysisRun(AnalysisRunRequest)
  case terminateAnalysisRun(name: String)
  case deleteAnalysisRun(name: String)
  case createExperiment(ExperimentRequest)
  case terminateExperiment(name: String)
}

/// What the world needs to build an AnalysisRun from the rollout's manifests: which analysis block
/// (role and step), for which pod hashes, under which name.
public struct AnalysisRunRequest: Sendable, Hashable {
  public var name: String
  public var role: AnalysisRunRole
  public var stepIndex: Int?
  public var podTemplateHash: String
  public var stableHash: String
  public var revision: Int

  /// The analysis block this run is built from.
  public var block: AnalysisBlock {
    switch role {
    case .step, .experiment: .step(stepIndex ?? 0)
    case .background: .background
    case .prePromotion: .prePromotion
    case .postPromotion: .postPromotion
    }
  }

  public init(name: String, role: AnalysisRunRole, stepIndex: Int?, podTemplateHash: String, stableHash: String, revision: Int) {
    self.name = name
    self.role = role
    self.stepIndex = stepIndex
    self.podTemplateHash = podTemplateHash
    self.stableHash = stableHash
    self.revision = revision
  }
}

public struct ExperimentRequest: Sendable, Hashable {
  public var name: String
  public var stepIndex: Int
  public var podTemplateHash: String
  public var stableHash: String
  public var step: ExperimentStep

  public init(name: String, stepIndex: Int, podTemplateHash: String, stableHash: String, step: ExperimentStep) {
    self.name = name
    self.stepIndex = stepIndex
    self.podTemplateHash = podTemplateHash
    self.stableHash = stableHash
    self.step = step
  }
}

/// A Kubernetes event the controller records (reason + message), the raw material of the timeline.
public struct ControllerEvent: Sendable, Hashable {
  public enum Kind: String, Sendable, Hashable {
    case normal = "Normal"
    case warning = "Warning"
  }
  public var kind: Kind
  public var reason: String
  public var message: String

  public init(_ reason: String, _ message: String, kind: Kind = .normal) {
    self.reason = reason
    self.message = message
    self.kind = kind
  }
}

/// The result of one reconcile: the new status, what changed in the cluster, what to record, and when
/// the controller asked to be woken up again.
public struct ReconcileOutcome: Sendable {
  public var status: RolloutStatus
  public var actions: [ControllerAction]
  public var events: [ControllerEvent]
  /// Timers: pause expiry, scale-down deadlines, progress-deadline checks.
  public var requeueAt: [SimInstant]
  /// The spec changed (only `replicas` defaulting does this).
  public var statusChanged: Bool

  public var changedAnything: Bool { statusChanged || !actions.isEmpty }
}
