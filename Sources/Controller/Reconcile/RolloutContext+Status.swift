import VirtualTime

/// rollout/sync.go: building, judging and persisting the status.
extension RolloutContext {
  /// `calculateBaseStatus`.
  func calculateBaseStatus() -> RolloutStatus {
    var base = newStatus
    base.currentPodHash = newRS?.podTemplateHash ?? spec.template.hash
    base.replicas = allRSs.reduce(0) { $0 + $1.replicas }
    base.updatedReplicas = newRS?.replicas ?? 0
    base.readyReplicas = allRSs.reduce(0) { $0 + $1.readyReplicas }
    base.conditions = status.conditions
    if spec.validationError == nil { base.removeCondition(.invalidSpec) }
    base.promoteFull = base.currentPodHash != base.stableRS && status.promoteFull
    base.revision = status.revision
    return base
  }

  /// `persistRolloutStatus`.
  mutating func persistRolloutStatus(_ newStatus: inout RolloutStatus) {
    newStatus.observedGeneration = spec.generation
    newStatus.revision = status.revision
    evaluateProgressDeadlineAbort(newStatus)
    pause.calculatePauseStatus(&newStatus, now: now)
    calculateRolloutConditions(&newStatus)
    (newStatus.phase, newStatus.message) = RolloutPhaseCalculator.phase(spec: spec, status: newStatus)
    if newStatus == status {
      requeueStuckRollout(newStatus)
      persisted = nil
      return
    }
    sendStateChangeEvents(from: status, to: newStatus)
    persisted = newStatus
  }

  /// `sendStateChangeEvents`.
  mutating func sendStateChangeEvents(from previous: RolloutStatus, to current: RolloutStatus) {
    let wasPaused = !previous.pauseConditions.isEmpty
    let isPaused = !current.pauseConditions.isEmpty
    guard wasPaused != isPaused else { return }
    if let first = current.pauseConditions.first {
      record(ConditionText.rolloutPausedReason, "\(ConditionText.rolloutPausedMessage) (\(first.reason.rawValue))")
    } else if current.abortedAt == nil {
      record(ConditionText.rolloutResumedReason, ConditionText.rolloutResumedMessage)
    }
  }

  /// `isIndefiniteStep`: pause, analysis and experiment steps (and manual pauses) never time out.
  func isIndefiniteStep() -> Bool {
    if let step = currentStep().step, step.experiment != nil || step.analysis || step.pause != nil { return true }
    return status.condition(.paused)?.status == .true
  }

  func isWaitingForReplicaSetScaleDown() -> Bool {
    otherRSs.contains { $0.scaleDownDeadline != nil }
  }

  /// `RolloutProgressing` (conditions.go): did anything move since the last persisted status?
  func rolloutProgressing(_ newStatus: RolloutStatus) -> Bool {
    let old = status
    var strategyProgress = false
    if spec.blueGreen != nil {
      strategyProgress =
        old.blueGreen.activeSelector != newStatus.blueGreen.activeSelector
        || old.blueGreen.previewSelector != newStatus.blueGreen.previewSelector
    }
    if spec.canary != nil {
      var stepChanged = false
      if let n = newStatus.currentStepIndex, let o = old.currentStepIndex { stepChanged = n != o }
      strategyProgress = newStatus.stableRS != old.stableRS || stepChanged || newStatus.currentStepHash != old.currentStepHash
    }
    let oldOld = old.replicas - old.updatedReplicas
    let newOld = newStatus.replicas - newStatus.updatedReplicas
    return newStatus.updatedReplicas != old.updatedReplicas || newOld < oldOld
      || newStatus.readyReplicas > old.readyReplicas || newStatus.availableReplicas > old.availableReplicas
      || strategyProgress
  }

  /// `RolloutHealthy`.
  func rolloutHealthy(_ newStatus: RolloutStatus) -> Bool {
    var completed = true
    if let blueGreen = spec.blueGreen {
      let active = newStatus.blueGreen.activeSelector == newStatus.currentPodHash
      let preview = blueGreen.previewService == nil || newStatus.blueGreen.previewSelector == newStatus.currentPodHash
      completed = active && preview
    }
    if spec.canary != nil {
      var allSteps = true
      if !steps.isEmpty, let index = newStatus.currentStepIndex { allSteps = index == steps.count }
      let currentIsStable = !newStatus.stableRS.isEmpty && newStatus.stableRS == newStatus.currentPodHash
      completed = allSteps && currentIsStable && newStatus.replicas == spec.replicas
    }
    return newStatus.updatedReplicas == spec.replicas && newStatus.availableReplicas == spec.replicas
      && status.observedGeneration == spec.generation && completed
  }

  /// `RolloutTimedOut`: strictly more than progressDeadlineSeconds since the last progress.
  func rolloutTimedOut(_ newStatus: RolloutStatus) -> Bool {
    guard let condition = newStatus.condition(.progressing),
      condition.reason != ConditionText.rolloutAbortedReason, condition.reason != ConditionText.rolloutPausedReason
    else { return false }
    if condition.reason == ConditionText.timedOutReason { return true }
    return condition.lastUpdateTime + .seconds(Int64(spec.progressDeadlineSeconds)) < now
  }

  /// `evaluateProgressDeadlineAbort`.
  mutating func evaluateProgressDeadlineAbort(_ newStatus: RolloutStatus) {
    guard spec.progressDeadlineAbort, !pause.isAborted else { return }
    if !newStatus.stableRS.isEmpty && newStatus.stableRS == newStatus.currentPodHash { return }
    if rolloutProgressing(newStatus) { return }
    if isIndefiniteStep() || isWaitingForReplicaSetScaleDown() { return }
    guard rolloutTimedOut(status) else { return }
    let message =
      newRS.map { ConditionText.replicaSetTimeOutMessage($0.name) } ?? ConditionText.rolloutTimeOutMessage(spec.name)
    pause.addAbort(message: message)
    record(ConditionText.rolloutAbortedReason, message, warning: true)
  }

  /// `calculateRolloutConditions`.
  mutating func calculateRolloutConditions(_ newStatus: inout RolloutStatus) {
    let isPaused = !newStatus.pauseConditions.isEmpty || spec.paused
    let isAborted = pause.isAborted
    var becameUnhealthy = false
    let currentHealthy = status.condition(.healthy)
    if !isPaused && rolloutHealthy(newStatus) {
      newStatus.setCondition(
        RolloutCondition(
          .healthy, .true, reason: ConditionText.rolloutHealthyReason, message: ConditionText.rolloutHealthyMessage,
          at: now))
    } else if currentHealthy != nil {
      becameUnhealthy = newStatus.setCondition(
        RolloutCondition(
          .healthy, .false, reason: ConditionText.rolloutHealthyReason, message: ConditionText.rolloutNotHealthyMessage,
          at: now))
    }

    if isAborted {
      var message = ConditionText.rolloutAbortedMessage(revision: status.revision)
      if !pause.abortMessage.isEmpty { message += ": \(pause.abortMessage)" }
      let changed = newStatus.setCondition(
        RolloutCondition(.progressing, .false, reason: ConditionText.rolloutAbortedReason, message: message, at: now))
      if changed { record(ConditionText.rolloutAbortedReason, message, warning: true) }
    }

    let currentProgressing = status.condition(.progressing)
    // Go compares `currentCond.Type != RolloutProgressing`, which is never true: this is always false.
    let isHealthyRollout = false
    if !isHealthyRollout && !isAborted {
      if rolloutHealthy(newStatus) {
        let message = ConditionText.replicaSetCompletedMessage(newRS?.name ?? "")
        newStatus.setCondition(
          RolloutCondition(.progressing, .true, reason: ConditionText.newRSAvailableReason, message: message, at: now))
      } else if rolloutProgressing(newStatus) || becameUnhealthy {
        var message =
          newRS.map { ConditionText.replicaSetProgressingMessage($0.name) }
          ?? ConditionText.rolloutProgressingMessage(spec.name)
        var reason = ConditionText.replicaSetUpdatedReason
        if newStatus.stableRS == newStatus.currentPodHash && becameUnhealthy {
          reason = ConditionText.replicaSetNotAvailableReason
          message = "Rollout does not have minimum availability"
        }
        var condition = RolloutCondition(.progressing, .true, reason: reason, message: message, at: now)
        if let currentProgressing {
          if currentProgressing.status == .true { condition.lastTransitionTime = currentProgressing.lastTransitionTime }
          newStatus.removeCondition(.progressing)
        }
        newStatus.setCondition(condition)
      } else if !isIndefiniteStep() && !isWaitingForReplicaSetScaleDown() && rolloutTimedOut(newStatus) {
        let message =
          newRS.map { ConditionText.replicaSetTimeOutMessage($0.name) } ?? ConditionText.rolloutTimeOutMessage(spec.name)
        newStatus.setCondition(
          RolloutCondition(.progressing, .false, reason: ConditionText.timedOutReason, message: message, at: now))
      }
    }

    let available: Bool
    switch spec.strategy {
    case .blueGreen:
      let active = allRSs.first { $0.podTemplateHash == newStatus.blueGreen.activeSelector }
      available = active.map { isSaturated($0) } ?? false
    case .canary:
      available = allRSs.reduce(0) { $0 + $1.availableReplicas } >= spec.replicas
    }
    newStatus.setCondition(
      RolloutCondition(
        .available, available ? .true : .false, reason: ConditionText.availableReason,
        message: available ? ConditionText.availableMessage : ConditionText.notAvailableMessage, at: now))

    let completed = !newStatus.stableRS.isEmpty && newStatus.stableRS == newStatus.currentPodHash
    let changed = newStatus.setCondition(
      RolloutCondition(
        .completed, completed ? .true : .false, reason: ConditionText.rolloutCompletedReason,
        message: ConditionText.rolloutCompletedReason, at: now))
    if changed && !completed {
      record("RolloutNotCompleted", "Rollout not completed, started update to revision \(status.revision) (\(newStatus.currentPodHash))")
    }
  }

  /// `IsSaturated`: a ReplicaSet at the rollout's full size with every pod available.
  func isSaturated(_ rs: ReplicaSetState) -> Bool {
    rs.specReplicas == spec.replicas && rs.availableReplicas == spec.replicas
  }

  /// `requeueStuckRollout`: wake up just after the progress deadline would pass.
  mutating func requeueStuckRollout(_ newStatus: RolloutStatus) {
    guard let condition = status.condition(.progressing) else { return }
    let isPaused = !status.pauseConditions.isEmpty || spec.paused
    if rolloutHealthy(newStatus) || condition.reason == ConditionText.timedOutReason || isPaused || status.abort
      || isIndefiniteStep()
    {
      return
    }
    let deadline = condition.lastUpdateTime + .seconds(Int64(spec.progressDeadlineSeconds))
    let after = deadline - now
    if after < .seconds(1) {
      // Go re-enqueues at once and keeps doing so until the deadline passes; one wake-up just past
      // the deadline has the same effect without spinning in virtual time.
      requeue(at: max(now, deadline) + .milliseconds(1))
    } else {
      requeue(at: deadline + .seconds(1))
    }
  }
}

/// `CalculateRolloutPhase` (utils/rollout/rolloututil.go), first match wins.
public enum RolloutPhaseCalculator {
  public static func phase(spec: RolloutSpec, status: RolloutStatus) -> (RolloutPhase, String) {
    for condition in status.conditions {
      if condition.type == .invalidSpec { return (.degraded, "InvalidSpec: \(condition.message)") }
      if condition.reason == ConditionText.rolloutAbortedReason || condition.reason == ConditionText.timedOutReason {
        return (.degraded, "\(condition.reason): \(condition.message)")
      }
    }
    if spec.paused { return (.paused, "manually paused") }
    if let first = status.pauseConditions.first { return (.paused, first.reason.rawValue) }
    if status.updatedReplicas < spec.replicas { return (.progressing, "more replicas need to be updated") }
    if status.availableReplicas < status.updatedReplicas {
      return (.progressing, "updated replicas are still becoming available")
    }
    switch spec.strategy {
    case .blueGreen(let blueGreen):
      if status.blueGreen.activeSelector.isEmpty || status.blueGreen.activeSelector != status.currentPodHash {
        return (.progressing, "active service cutover pending")
      }
      if status.stableRS.isEmpty || status.stableRS != status.currentPodHash {
        if blueGreen.postPromotionAnalysis
          && !(status.blueGreen.postPromotionAnalysisRun?.phase.isCompleted ?? false)
        {
          return (.progressing, "waiting for analysis to complete")
        }
        return (.progressing, "waiting for post-promotion verification to complete")
      }
    case .canary(let canary):
      if canary.trafficRouting == nil && status.replicas > status.updatedReplicas {
        return (.progressing, "old replicas are pending termination")
      }
      if status.stableRS.isEmpty || status.stableRS != status.currentPodHash {
        return (.progressing, "waiting for all steps to complete")
      }
    }
    return (.healthy, "")
  }
}
