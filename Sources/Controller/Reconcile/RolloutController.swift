import VirtualTime

/// The Argo Rollouts controller's reconcile of one Rollout, as a pure function of the rollout, its
/// status and the cluster objects it owns. The simulation calls it after every change and at every
/// timer it asks for, and applies the returned actions.
public enum RolloutController {
  /// One reconcile (`syncHandler` → `newRolloutContext` → `reconcile`).
  public static func reconcile(
    spec: RolloutSpec, status: RolloutStatus, cluster: ClusterState, now: SimInstant
  ) -> ReconcileOutcome {
    var context = RolloutContext(spec: spec, status: status, cluster: cluster, now: now)
    context.run()
    let finalStatus = context.persisted ?? context.status
    var actions = context.actions
    var events = context.events
    // An aborted traffic-routed canary points its canary Service at the new ReplicaSet
    // (reconcileStableAndCanaryService) and back at the stable one (reconcileTrafficRouting) in the
    // same reconcile. Argo writes both; only the net change of a reconcile is an action here, or the
    // simulation would reconcile again at the same instant forever.
    var switched = Set<String>()
    for action in actions {
      if case .setServiceSelector(let service, _) = action { switched.insert(service) }
    }
    for service in switched.sorted() {
      let before = cluster.services[service]?.selectorHash ?? ""
      let after = context.cluster.services[service]?.selectorHash ?? ""
      actions.removeAll {
        if case .setServiceSelector(service, _) = $0 { return true }
        return false
      }
      if before != after {
        actions.append(.setServiceSelector(service: service, hash: after))
        events.append(ControllerEvent("SwitchService", "Switched selector for service '\(service)' from '\(before)' to '\(after)'"))
      }
    }
    return ReconcileOutcome(
      status: finalStatus, actions: actions, events: events, requeueAt: context.requeueAt,
      statusChanged: finalStatus != status)
  }
}

extension RolloutContext {
  mutating func run() {
    guard prepare() else { return }
    if rolloutUpdated { return }
    // context.go: reconcile()
    checkPausedConditions()
    if rolloutUpdated { return }
    switch spec.strategy {
    case .canary: rolloutCanary()
    case .blueGreen: rolloutBlueGreen()
    }
  }

  /// `newRolloutContext`: sorts the ReplicaSets into roles, validates, creates the new ReplicaSet.
  /// Returns false when the reconcile must stop here.
  mutating func prepare() -> Bool {
    classifyReplicaSets()
    classifyAnalysisRunsAndExperiments()
    if let error = spec.validationError {
      createInvalidRolloutCondition(error)
      return false
    }
    if let deadline = newRS?.scaleDownDeadline, deadline > now { newRSWithinDelay = true }
    if newRSName == nil {
      createDesiredReplicaSet()
      classifyReplicaSets()
    }
    if status.stableRS == status.currentPodHash && !status.stableRS.isEmpty && pause.isAborted {
      pause.removeAbort = true
    }
    newStatus.canary.weights = status.canary.weights
    return true
  }

  mutating func classifyReplicaSets() {
    let sorted = cluster.replicaSets.sorted { $0.creationIndex < $1.creationIndex }
    newRSName = sorted.first { $0.podTemplateHash == spec.template.hash }?.name
    olderRSNames = sorted.filter { $0.name != newRSName }.map(\.name)
    if status.stableRS.isEmpty {
      stableRSName = nil
    } else if let new = newRS, new.podTemplateHash == status.stableRS {
      stableRSName = new.name
    } else {
      stableRSName = olderRSs.first { $0.podTemplateHash == status.stableRS }?.name
    }
    otherRSNames = sorted.map(\.name).filter { $0 != newRSName && $0 != stableRSName }
  }

  mutating func classifyAnalysisRunsAndExperiments() {
    var current = CurrentAnalysisRuns()
    var others: [String] = []
    for run in cluster.analysisRuns.sorted(by: { $0.creationIndex < $1.creationIndex }) {
      if run.name == status.canary.currentStepAnalysisRun?.name {
        current.step = run
      } else if run.name == status.canary.currentBackgroundAnalysisRun?.name {
        current.background = run
      } else if run.name == status.blueGreen.prePromotionAnalysisRun?.name {
        current.prePromotion = run
      } else if run.name == status.blueGreen.postPromotionAnalysisRun?.name {
        current.postPromotion = run
      } else if run.role != .experiment {
        others.append(run.name)
      }
    }
    currentAnalysisRuns = current
    otherAnalysisRunNames = others
    currentExperimentName = cluster.experiments.first { $0.name == status.canary.currentExperiment }?.name
    otherExperimentNames = cluster.experiments.map(\.name).filter { $0 != currentExperimentName }
  }

  /// `createInvalidRolloutCondition`: an InvalidSpec condition with the validation message.
  mutating func createInvalidRolloutCondition(_ error: String) {
    let message = ConditionText.invalidSpecMessage(rollout: spec.name, error: error)
    let previous = status.condition(.invalidSpec)
    if previous?.message == message && status.observedGeneration == spec.generation { return }
    var newStatus = status
    if previous != nil && previous?.message != message { newStatus.removeCondition(.invalidSpec) }
    let condition = RolloutCondition(.invalidSpec, .true, reason: ConditionText.invalidSpecReason, message: message, at: now)
    record(ConditionText.invalidSpecReason, message, warning: true)
    patchCondition(&newStatus, [condition])
  }

  /// `patchCondition`: sets conditions, recomputes the phase and writes the status.
  mutating func patchCondition(_ newStatus: inout RolloutStatus, _ conditions: [RolloutCondition]) {
    for condition in conditions { newStatus.setCondition(condition) }
    newStatus.observedGeneration = spec.generation
    (newStatus.phase, newStatus.message) = RolloutPhaseCalculator.phase(spec: spec, status: newStatus)
    if newStatus != status {
      status = newStatus
      persisted = newStatus
      rolloutUpdated = true
    }
  }

  /// `createDesiredReplicaSet`: a new ReplicaSet at 0 replicas with the next revision number.
  mutating func createDesiredReplicaSet() {
    let revision = (olderRSs.map(\.revision).max() ?? 0) + 1
    let name = "\(spec.name)-\(spec.template.hash)"
    let rs = ReplicaSetState(
      name: name, podTemplateHash: spec.template.hash, revision: revision, revisionName: spec.template.revisionName,
      creationIndex: (cluster.replicaSets.map(\.creationIndex).max() ?? 0) + 1, createdAt: now)
    cluster.replicaSets.append(rs)
    actions.append(.createReplicaSet(rs))
    setRolloutRevision(revision)
    record("NewReplicaSetCreated", "Created ReplicaSet \(name) (revision \(revision))")
    var updated = status
    updated.setCondition(
      RolloutCondition(
        .progressing, .true, reason: ConditionText.newReplicaSetReason,
        message: ConditionText.newReplicaSetMessage(name), at: now))
    status = updated
    persisted = updated
    rolloutUpdated = true
  }

  mutating func setRolloutRevision(_ revision: Int) {
    guard status.revision != revision else { return }
    status.revision = revision
    persisted = status
    record("RolloutUpdated", "Rollout updated to revision \(revision)")
  }

  /// `syncReplicaSetRevision`: a re-used ReplicaSet (undo) gets the next revision number.
  mutating func syncReplicaSetRevision() {
    guard let new = newRS else { return }
    let maxOld = olderRSs.map(\.revision).max() ?? 0
    if new.revision <= maxOld {
      let revision = maxOld + 1
      updateReplicaSet(named: new.name) { $0.revision = revision }
      setRolloutRevision(revision)
      return
    }
    setRolloutRevision(new.revision)
    if status.condition(.progressing) == nil {
      status.setCondition(
        RolloutCondition(
          .progressing, .true, reason: ConditionText.foundNewRSReason,
          message: "Found new replica set \"\(new.name)\"", at: now))
      persisted = status
    }
  }

  /// `checkPausedConditions`: keeps the Progressing/Paused conditions in step with pauses, in a
  /// status patch of its own that ends this sync (one extra reconcile, as in Argo).
  mutating func checkPausedConditions() {
    guard spec.generation == status.observedGeneration else { return }
    let progressing = status.condition(.progressing)
    let progressingPaused = progressing?.reason == ConditionText.rolloutPausedReason
    let isPaused = !status.pauseConditions.isEmpty || spec.paused
    let abortConditionExists = progressing?.reason == ConditionText.rolloutAbortedReason
    var updates: [RolloutCondition] = []
    let completed = !status.stableRS.isEmpty && status.stableRS == status.currentPodHash
    if isPaused != progressingPaused && !abortConditionExists && !completed {
      updates.append(
        isPaused
          ? RolloutCondition(
            .progressing, .unknown, reason: ConditionText.rolloutPausedReason,
            message: ConditionText.rolloutPausedMessage, at: now)
          : RolloutCondition(
            .progressing, .unknown, reason: ConditionText.rolloutResumedReason,
            message: ConditionText.rolloutResumedMessage, at: now))
    }
    if !status.abort && abortConditionExists {
      updates.append(
        RolloutCondition(
          .progressing, .unknown, reason: ConditionText.rolloutRetryReason,
          message: ConditionText.rolloutRetryMessage, at: now))
    }
    let pausedConditionTrue = status.condition(.paused)?.status == .true
    if isPaused != pausedConditionTrue && !abortConditionExists {
      updates.append(
        RolloutCondition(
          .paused, isPaused ? .true : .false, reason: ConditionText.rolloutPausedReason,
          message: ConditionText.rolloutPausedMessage, at: now))
    }
    guard !updates.isEmpty else { return }
    var newStatus = status
    patchCondition(&newStatus, updates)
  }
}
