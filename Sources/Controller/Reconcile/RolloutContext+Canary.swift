import VirtualTime

/// rollout/canary.go.
extension RolloutContext {
  var steps: [CanaryStep] { canary?.steps ?? [] }

  /// `GetCurrentCanaryStep`: the step at the current index (nil past the end), and the index
  /// (nil when there are no steps).
  func currentStep(_ status: RolloutStatus? = nil) -> (step: CanaryStep?, index: Int?) {
    let status = status ?? self.status
    guard !steps.isEmpty else { return (nil, nil) }
    let index = status.currentStepIndex ?? 0
    guard index < steps.count else { return (nil, index) }
    return (steps[index], index)
  }

  mutating func rolloutCanary() {
    if podTemplateOrStepsChanged() {
      syncReplicaSetRevision()
      syncRolloutStatusCanary()
      return
    }
    syncReplicaSetRevision()
    reconcileRevisionHistoryLimit()
    reconcileStableAndCanaryService()
    reconcileTrafficRouting()
    if reconcileError != nil { return }
    reconcileExperiments()
    reconcileAnalysisRuns()
    if pause.hasAddPause {
      syncRolloutStatusCanary()
      return
    }
    if reconcileError != nil { return }
    if reconcileCanaryReplicaSets() {
      syncRolloutStatusCanary()
      return
    }
    if reconcileCanaryPause() {
      syncRolloutStatusCanary()
      return
    }
    syncRolloutStatusCanary()
  }

  /// `PodTemplateOrStepsChanged`: the steps hash or the pod template hash moved since the last persist.
  func podTemplateOrStepsChanged() -> Bool {
    if status.currentStepHash.isEmpty { return true }
    if let canary, status.currentStepHash != canary.stepsHash { return true }
    if status.currentPodHash.isEmpty { return false }
    let podHash = newRS?.podTemplateHash ?? spec.template.hash
    return status.currentPodHash != podHash
  }

  /// `reconcileCanaryReplicaSets`: one structural change per reconcile — stable first, then new, then
  /// the others. Returns whether anything was scaled.
  mutating func reconcileCanaryReplicaSets() -> Bool {
    if haltProgressReason != nil { return false }
    removeScaleDownDeadlines()
    if reconcileCanaryStableReplicaSet() { return true }
    if reconcileNewReplicaSet() { return true }
    if reconcileOtherReplicaSets() { return true }
    return false
  }

  var haltProgressReason: String? {
    if spec.paused { return "user paused" }
    if status.pauseCondition(.inconclusiveAnalysis) != nil { return "inconclusive analysis" }
    return nil
  }

  mutating func reconcileCanaryStableReplicaSet() -> Bool {
    guard stableRSExists, let stable = stableRS else { return false }
    let desired = desiredCanaryCounts(weights: status.canary.weights).stable
    return scaleReplicaSet(stable.name, to: desired)
  }

  /// The (new, stable) counts the replica arithmetic wants now.
  func desiredCanaryCounts(weights: TrafficWeights?) -> (new: Int, stable: Int) {
    guard let canary else { return (spec.replicas, 0) }
    let (setCanaryScaleReplicas, weight) = canaryReplicasOrWeight()
    if canary.trafficRouting == nil {
      let fence = Fenceposts.resolve(maxSurge: canary.maxSurge, maxUnavailable: canary.maxUnavailable, replicas: spec.replicas)
      return CanaryReplicaMath.basic(
        .init(
          replicas: spec.replicas, desiredWeight: weight, maxWeight: maxWeight, maxSurge: fence.maxSurge,
          maxUnavailable: fence.maxUnavailable, newRS: newRS?.counts, stableRS: stableRS?.counts,
          stableIsNew: stableRSName != nil && stableRSName == newRSName, otherRSs: otherRSs.map(\.counts)))
    }
    let out = CanaryReplicaMath.trafficRouted(
      .init(
        replicas: spec.replicas, canaryScaleReplicas: setCanaryScaleReplicas, desiredWeight: weight, maxWeight: maxWeight,
        minPodsPerReplicaSet: canary.minPodsPerReplicaSet, dynamicStableScale: canary.dynamicStableScale,
        persistedWeights: weights.map { ($0.canary.weight, $0.stable.weight) }, aborted: status.abort))
    return (out.canary, out.stable)
  }

  /// `GetCanaryReplicasOrWeight`.
  func canaryReplicasOrWeight() -> (replicas: Int?, weight: Int) {
    if status.promoteFull || status.stableRS.isEmpty || status.currentPodHash == status.stableRS {
      return (nil, maxWeight)
    }
    if let scale = useSetCanaryScale() {
      if let replicas = scale.replicas { return (replicas, 0) }
      if let weight = scale.weight { return (nil, weight) }
    }
    return (nil, desiredCanaryWeight())
  }

  /// `GetDesiredCanaryWeight`: the step weight, or the stepwise walk-back on a dynamic-stable abort.
  func desiredCanaryWeight() -> Int {
    if status.abort, let canary, canary.dynamicStableScale, let new = newRS, let stable = stableRS {
      let expectedCanaryReplicas = spec.replicas - stable.availableReplicas
      var canaryReplicas = max(expectedCanaryReplicas, new.availableReplicas)
      if hasExplicitAbortScaleDownDelay { canaryReplicas = expectedCanaryReplicas }
      for step in steps.reversed() {
        if let w = step.setWeight,
          CanaryReplicaMath.replicasForWeight(replicas: spec.replicas, weight: w, maxWeight: maxWeight) < canaryReplicas
        {
          return w
        }
      }
      return 0
    }
    return currentSetWeight()
  }

  /// `GetCurrentSetWeight`.
  func currentSetWeight() -> Int {
    if status.abort { return 0 }
    let (step, index) = currentStep()
    guard step != nil, let index else { return maxWeight }
    for i in stride(from: index, through: 0, by: -1) {
      if let w = steps[i].setWeight { return w }
    }
    return 0
  }

  /// `UseSetCanaryScale`.
  func useSetCanaryScale() -> SetCanaryScale? {
    guard hasTrafficRouting else { return nil }
    if status.abort, abortScaleDownDelay != nil { return nil }
    let (step, index) = currentStep()
    guard step != nil, let index else { return nil }
    for i in stride(from: index, through: 0, by: -1) {
      guard let scale = steps[i].setCanaryScale else { continue }
      if scale.matchTrafficWeight { return nil }
      return scale
    }
    return nil
  }

  /// `reconcileCanaryPause`: adds the CanaryPauseStep condition at a pause step and schedules its
  /// expiry. Returns true while at a pause step (the sync then ends).
  mutating func reconcileCanaryPause() -> Bool {
    if spec.paused || status.promoteFull || steps.isEmpty { return false }
    let (step, index) = currentStep()
    guard let index, index < steps.count, let pauseStep = step?.pause else { return false }
    guard let condition = status.pauseCondition(.canaryPauseStep) else {
      if !status.controllerPause { pause.addPauseCondition(.canaryPauseStep) }
      return true
    }
    if let seconds = pauseStep.durationSeconds {
      let expiry = condition.startTime + .seconds(Int64(seconds))
      if expiry > now { requeue(at: expiry) }
    }
    return true
  }

  /// `completedCurrentCanaryStep`.
  func completedCurrentCanaryStep() -> Bool {
    if spec.paused { return false }
    let (step, index) = currentStep()
    guard let step, let index else { return false }
    if let pauseStep = step.pause { return pause.completedCanaryPauseStep(pauseStep, now: now) }
    if step.setCanaryScale != nil { return atDesiredReplicaCountsForCanary(weights: newStatus.canary.weights) }
    if step.setWeight != nil {
      guard atDesiredReplicaCountsForCanary(weights: newStatus.canary.weights) else { return false }
      if newStatus.canary.weights?.verified == false { return false }
      return true
    }
    if step.experiment != nil {
      guard let name = currentExperimentName, let experiment = cluster.experiments.first(where: { $0.name == name })
      else { return false }
      return experiment.phase == .successful
    }
    if step.analysis {
      guard let run = currentAnalysisRuns.step else { return false }
      return run.phase == .successful
    }
    if step.setHeaderRoute != nil || step.setMirrorRoute != nil { return true }
    _ = index
    return false
  }

  /// `AtDesiredReplicaCountsForCanary`.
  func atDesiredReplicaCountsForCanary(weights: TrafficWeights?) -> Bool {
    let desired = desiredCanaryCounts(weights: weights)
    guard replicaProgressThresholdMet(newRS, desired: desired.new) else { return false }
    if !hasTrafficRouting || !(canary?.dynamicStableScale ?? false) {
      guard let stable = stableRS, stable.specReplicas == desired.stable, stable.replicas == desired.stable else {
        return false
      }
    }
    if !hasTrafficRouting {
      if otherRSs.reduce(0, { $0 + $1.availableReplicas }) != 0 { return false }
    }
    return true
  }

  /// `ReplicaProgressThresholdMet`.
  func replicaProgressThresholdMet(_ rs: ReplicaSetState?, desired: Int) -> Bool {
    guard let rs else { return false }
    guard let threshold = canary?.replicaProgressThreshold, threshold.value >= 0 else {
      return desired == rs.specReplicas && desired == rs.availableReplicas
    }
    switch threshold.kind {
    case .percent:
      if desired == 0 { return true }
      let percent = Double(rs.availableReplicas) / Double(desired) * 100
      return percent >= Double(threshold.value) || abs(percent - Double(threshold.value)) <= 1e-10
    case .pods:
      return rs.availableReplicas >= threshold.value
    }
  }

  /// `syncRolloutStatusCanary`: promotion, abort handling or step advance, then persist.
  mutating func syncRolloutStatusCanary() {
    var newStatus = calculateBaseStatus()
    newStatus.availableReplicas = allRSs.reduce(0) { $0 + $1.availableReplicas }
    newStatus.stableRS = status.stableRS
    newStatus.currentStepHash = canary?.stepsHash ?? ""
    let stepCount = steps.count
    var (step, index) = currentStep()

    if podTemplateOrStepsChanged() {
      resetRolloutStatus(&newStatus)
      if let new = newRS, stepCount > 0 {
        if status.stableRS == new.podTemplateHash {
          record("SkipSteps", "Rollback to stable ReplicaSets")
          newStatus.currentStepIndex = stepCount
        } else if isRollbackWithinWindow() && new.specReplicas > 0 {
          // replicasetutil.IsActive: spec replicas > 0, whatever the pods' availability.
          record("SkipSteps", "Rollback to active ReplicaSets within RollbackWindow")
          newStatus.currentStepIndex = stepCount
        }
      }
      persistRolloutStatus(&newStatus)
      return
    }

    if status.promoteFull || isRollbackWithinWindow() {
      pause.clearPauseConditions = true
      pause.removeAbort = true
      if stepCount > 0 { index = stepCount }
    }

    if let reason = shouldFullPromote(newStatus, stepIndex: index) {
      promoteStable(&newStatus, reason: reason)
      persistRolloutStatus(&newStatus)
      return
    }

    if pause.isAborted {
      if stepCount > 0 {
        newStatus.currentStepIndex = newStatus.stableRS == newStatus.currentPodHash ? stepCount : 0
      }
      persistRolloutStatus(&newStatus)
      return
    }

    if completedCurrentCanaryStep(), let current = step, let i = index {
      index = i + 1
      newStatus.canary.currentStepAnalysisRun = nil
      record("RolloutStepCompleted", "Rollout step \(i + 1)/\(stepCount) completed (\(current.description))")
      pause.removePauseCondition(.canaryPauseStep)
      step = nil
    }
    newStatus.currentStepIndex = index
    persistRolloutStatus(&newStatus)
  }

  /// `shouldFullPromote` for canary; nil when not yet.
  func shouldFullPromote(_ newStatus: RolloutStatus, stepIndex: Int?) -> String? {
    guard stableRS != nil else { return "Initial deploy" }
    if pause.isAborted { return nil }
    guard let new = newRS else { return nil }
    if new.availableReplicas < spec.replicas && !replicaProgressThresholdMet(new, desired: spec.replicas) {
      return nil
    }
    if status.promoteFull { return "Full promotion requested" }
    if isFastRollback() { return isRollbackWithinWindow() ? "Rollback within window" : "Fast rollback" }
    let stepCount = steps.count
    if stepCount == 0 || stepIndex == stepCount { return "Completed all \(stepCount) canary steps" }
    return nil
  }

  /// `promoteStable`.
  mutating func promoteStable(_ newStatus: inout RolloutStatus, reason: String) {
    pause.clearPauseConditions = true
    pause.removeAbort = true
    newStatus.promoteFull = false
    newStatus.blueGreen.scaleUpPreviewCheckPoint = false
    if spec.canary != nil {
      newStatus.currentStepIndex = steps.isEmpty ? nil : steps.count
    }
    if newStatus.stableRS != newStatus.currentPodHash {
      newStatus.stableRS = newStatus.currentPodHash
      record(
        "RolloutCompleted",
        "Rollout completed update to revision \(status.revision) (\(newStatus.currentPodHash)): \(reason)")
    }
  }

  /// `resetRolloutStatus`: a new revision or new steps start from step 0.
  mutating func resetRolloutStatus(_ newStatus: inout RolloutStatus) {
    pause.clearPauseConditions = true
    pause.removeAbort = true
    newStatus.promoteFull = false
    newStatus.blueGreen.prePromotionAnalysisRun = nil
    newStatus.blueGreen.postPromotionAnalysisRun = nil
    newStatus.blueGreen.scaleUpPreviewCheckPoint = false
    newStatus.canary.currentStepAnalysisRun = nil
    newStatus.canary.currentBackgroundAnalysisRun = nil
    newStatus.currentStepIndex = (spec.canary.map { !$0.steps.isEmpty } ?? false) ? 0 : nil
  }

  /// `isRollback`: back to the stable revision, or to a ReplicaSet older than the stable one.
  func isRollback() -> Bool {
    guard let new = newRS, let stable = stableRS else { return false }
    return status.stableRS == new.podTemplateHash || new.creationIndex < stable.creationIndex
  }

  func isFastRollback() -> Bool {
    guard isRollback(), let new = newRS else { return false }
    let withinScaleDownDelay = newRSWithinDelay && spec.blueGreen != nil
    return isRollbackWithinWindow() || withinScaleDownDelay || status.stableRS == new.podTemplateHash
  }


  /// `isRollbackWithinWindow`.
  func isRollbackWithinWindow() -> Bool {
    guard let new = newRS, let stable = stableRS, new.creationIndex < stable.creationIndex else { return false }
    guard let window = spec.rollbackWindowRevisions, window > 0 else { return false }
    let between = allRSs.filter { $0.creationIndex < stable.creationIndex && new.creationIndex < $0.creationIndex }.count
    return between < window
  }

  /// `scaleDownOldReplicaSetsForCanary`: returns how many pods were scaled down.
  mutating func scaleDownOldReplicaSetsForCanary(_ names: [String]) -> Int {
    var totalScaledDown = cleanupUnhealthyReplicas(names)
    let available = allRSs.reduce(0) { $0 + $1.availableReplicas }
    let fence = Fenceposts.resolve(
      maxSurge: canary?.maxSurge, maxUnavailable: canary?.maxUnavailable, replicas: spec.replicas)
    let minAvailable = spec.replicas - fence.maxUnavailable
    var maxScaleDown = available - minAvailable
    if maxScaleDown <= 0 { return 0 }
    let ordered = names.compactMap { name in cluster.replicaSets.first { $0.name == name } }
      .sorted { ($0.revision, $0.creationIndex) > ($1.revision, $1.creationIndex) }
    var annotated = 0
    for target in ordered {
      if hasTrafficRouting && isReplicaSetReferenced(target) { continue }
      if maxScaleDown <= 0 { break }
      if target.specReplicas == 0 { continue }
      var desired = 0
      if !hasTrafficRouting {
        if target.specReplicas > maxScaleDown { desired = target.specReplicas - maxScaleDown }
      } else if isFullyPromoted || target.scaleDownDeadline != nil {
        if canary?.dynamicStableScale == true {
          desired = 0
        } else {
          (annotated, desired) = scaleDownDelayHelper(target, annotated: annotated, keep: target.specReplicas)
        }
      } else {
        // Not promoted and no deadline: an intermediate revision (V2 when V3 arrived mid-rollout).
        // No traffic reaches it, so it goes to 0 now.
        desired = 0
      }
      if target.specReplicas == desired { continue }
      _ = scaleReplicaSet(target.name, to: desired)
      let scaledDown = target.specReplicas - desired
      maxScaleDown -= scaledDown
      totalScaledDown += scaledDown
    }
    return totalScaledDown
  }

  var isFullyPromoted: Bool { status.stableRS == status.currentPodHash }
}
