/// The Rollout as the controller reads it: Argo's `RolloutSpec` with defaults applied and every
/// string-typed field already resolved (pause seconds, surge/unavailable, step hash).
///
/// This is the resolved layer under the manifest model: the manifest keeps positions and the user's
/// spelling; the controller only needs values. Analysis blocks are referenced by their role, and the
/// world builds AnalysisRuns from the manifests (see `AnalysisRunRequest`).
public struct RolloutSpec: Sendable, Hashable {
  public var name: String
  public var namespace: String
  /// `metadata.generation`: bumped by the simulation on every spec edit (update, pause, undo).
  public var generation: Int = 1
  /// `spec.replicas` (the controller writes 1 when absent).
  public var replicas: Int
  public var minReadySeconds: Int
  public var progressDeadlineSeconds: Int
  public var progressDeadlineAbort: Bool
  /// `spec.paused`: a manual pause.
  public var paused: Bool
  public var revisionHistoryLimit: Int
  public var rollbackWindowRevisions: Int?
  public var successfulRunHistoryLimit: Int
  public var unsuccessfulRunHistoryLimit: Int
  /// The current pod template: its hash and which scenario revision it runs.
  public var template: PodTemplate
  public var strategy: Strategy
  /// The first validation error, as `validation.ValidateRollout` would return it; the controller
  /// turns it into an InvalidSpec condition and does nothing else.
  public var validationError: String?

  public enum Strategy: Sendable, Hashable {
    case canary(CanaryStrategy)
    case blueGreen(BlueGreenStrategy)
  }

  public init(
    name: String, namespace: String = "default", replicas: Int = 1, minReadySeconds: Int = 0,
    progressDeadlineSeconds: Int = 600, progressDeadlineAbort: Bool = false, paused: Bool = false,
    revisionHistoryLimit: Int = 10, rollbackWindowRevisions: Int? = nil,
    successfulRunHistoryLimit: Int = 5, unsuccessfulRunHistoryLimit: Int = 5,
    template: PodTemplate, strategy: Strategy, validationError: String? = nil
  ) {
    self.name = name
    self.namespace = namespace
    self.replicas = replicas
    self.minReadySeconds = minReadySeconds
    self.progressDeadlineSeconds = progressDeadlineSeconds
    self.progressDeadlineAbort = progressDeadlineAbort
    self.paused = paused
    self.revisionHistoryLimit = revisionHistoryLimit
    self.rollbackWindowRevisions = rollbackWindowRevisions
    self.successfulRunHistoryLimit = successfulRunHistoryLimit
    self.unsuccessfulRunHistoryLimit = unsuccessfulRunHistoryLimit
    self.template = template
    self.strategy = strategy
    self.validationError = validationError
  }

  public var canary: CanaryStrategy? {
    if case .canary(let c) = strategy { return c }
    return nil
  }

  public var blueGreen: BlueGreenStrategy? {
    if case .blueGreen(let b) = strategy { return b }
    return nil
  }
}

/// A pod template revision: the `rollouts-pod-template-hash` it gets and the scenario revision
/// (behaviour profile) its pods run.
public struct PodTemplate: Sendable, Hashable {
  public var hash: String
  /// The scenario's name for what these pods do, e.g. `stable`, `canary`, `v3`.
  public var revisionName: String

  public init(hash: String, revisionName: String) {
    self.hash = hash
    self.revisionName = revisionName
  }
}
