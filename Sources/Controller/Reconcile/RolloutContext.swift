import VirtualTime

/// One reconcile of one Rollout: Go's `rolloutContext`. It holds the rollout as read at the start
/// (`rollout` status), the status being built (`newStatus`), a working copy of the cluster, and what
/// the reconcile did. Methods are split by concern across `RolloutContext+*.swift`, mirroring
/// rollout/*.go in Argo Rollouts so each can be checked against its source.
struct RolloutContext {
  let spec: RolloutSpec
  let now: SimInstant
  /// `c.rollout.Status`: the status this reconcile started from (some API writes update it mid-way).
  var status: RolloutStatus
  /// `c.newStatus`: fields accumulated during the reconcile and folded into the persisted status.
  var newStatus = RolloutStatus()
  var cluster: ClusterState
  var pause: PauseContext

  /// Names of the ReplicaSets in their roles (looked up in `cluster` because they change in place).
  var newRSName: String?
  var stableRSName: String?
  var olderRSNames: [String] = []
  var otherRSNames: [String] = []

  var currentAnalysisRuns = CurrentAnalysisRuns()
  var otherAnalysisRunNames: [String] = []
  var currentExperimentName: String?
  var otherExperimentNames: [String] = []

  var actions: [ControllerAction] = []
  var events: [ControllerEvent] = []
  var requeueAt: [SimInstant] = []
  /// Set when an API write of the Rollout itself ended this sync early (Go's `c.newRollout`).
  var rolloutUpdated = false
  /// The status persisted by this reconcile, if any.
  var persisted: RolloutStatus?
  /// A reconcile error (Go's `return err`): the sync stops without persisting the status.
  var reconcileError: String?
  /// The new ReplicaSet still had a scale-down deadline ahead when this reconcile started (Go reads it
  /// once, in `newRolloutContext`, before this reconcile may remove the deadline).
  var newRSWithinDelay = false

  init(spec: RolloutSpec, status: RolloutStatus, cluster: ClusterState, now: SimInstant) {
    self.spec = spec
    self.status = status
    self.cluster = cluster
    self.now = now
    pause = PauseContext(status: status)
  }

  // MARK: ReplicaSet lookups

  var newRS: ReplicaSetState? { newRSName.flatMap { name in cluster.replicaSets.first { $0.name == name } } }
  var stableRS: ReplicaSetState? { stableRSName.flatMap { name in cluster.replicaSets.first { $0.name == name } } }
  var otherRSs: [ReplicaSetState] { otherRSNames.compactMap { name in cluster.replicaSets.first { $0.name == name } } }
  var olderRSs: [ReplicaSetState] { olderRSNames.compactMap { name in cluster.replicaSets.first { $0.name == name } } }
  var allRSs: [ReplicaSetState] { cluster.replicaSets }

  var newRSHash: String { newRS?.podTemplateHash ?? "" }

  /// `CheckStableRSExists`: a stable ReplicaSet that is not the new one.
  var stableRSExists: Bool { stableRSName != nil && stableRSName != newRSName }

  var canary: CanaryStrategy? { spec.canary }
  var hasTrafficRouting: Bool { canary?.trafficRouting != nil }
  var maxWeight: Int { canary?.maxWeight ?? 100 }

  // MARK: Recording

  mutating func record(_ reason: String, _ message: String, warning: Bool = false) {
    events.append(ControllerEvent(reason, message, kind: warning ? .warning : .normal))
  }

  mutating func requeue(at instant: SimInstant) {
    requeueAt.append(instant)
  }

  /// Updates a ReplicaSet in the working copy.
  mutating func updateReplicaSet(named name: String, _ change: (inout ReplicaSetState) -> Void) {
    guard let index = cluster.replicaSetIndex(name: name) else { return }
    change(&cluster.replicaSets[index])
  }
}

/// `analysisutil.CurrentAnalysisRuns`: the runs the rollout's status points at, by role.
struct CurrentAnalysisRuns {
  var step: AnalysisRunView?
  var background: AnalysisRunView?
  var prePromotion: AnalysisRunView?
  var postPromotion: AnalysisRunView?

  var all: [AnalysisRunView] { [step, background, prePromotion, postPromotion].compactMap { $0 } }
}
