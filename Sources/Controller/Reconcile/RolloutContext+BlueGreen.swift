import VirtualTime

/// rollout/bluegreen.go and the blue-green parts of rollout/service.go and rollout/analysis.go.
extension RolloutContext {
  var blueGreen: BlueGreenStrategy? { spec.blueGreen }

  mutating func rolloutBlueGreen() {
    guard let strategy = blueGreen else { return }
    syncReplicaSetRevision()
    reconcilePreviewService(strategy)
    if checkPodSpecChange() {
      syncRolloutStatusBlueGreen(strategy)
      return
    }
    reconcileBlueGreenReplicaSets()
    reconcileBlueGreenPause(strategy)
    reconcileActiveService(strategy)
    reconcileAnalysisRuns()
    if reconcileError != nil { return }
    syncRolloutStatusBlueGreen(strategy)
  }

  /// `CheckPodSpecChange`.
  func checkPodSpecChange() -> Bool {
    if status.currentPodHash.isEmpty { return false }
    return status.currentPodHash != (newRS?.podTemplateHash ?? spec.template.hash)
  }

  /// `reconcilePreviewService`: the preview Service follows the new ReplicaSet at once.
  mutating func reconcilePreviewService(_ strategy: BlueGreenStrategy) {
    guard let preview = strategy.previewService, cluster.services[preview] != nil else { return }
    if haltProgressReason != nil { return }
    switchServiceSelector(preview, to: newRSHash)
  }

  /// `reconcileActiveService`: switch the active Service once the new ReplicaSet is saturated, the
  /// pause (if any) is over and pre-promotion analysis passed; back to stable on abort.
  mutating func reconcileActiveService(_ strategy: BlueGreenStrategy) {
    if haltProgressReason != nil { return }
    guard let new = newRS, readyForPause(strategy), isSaturated(new) else { return }
    guard let active = cluster.services[strategy.activeService] else { return }
    var hash = active.selectorHash
    if isBlueGreenFastTracked(active) { hash = new.podTemplateHash }
    if pause.completedBlueGreenPause(strategy, now: now) && completedPrePromotionAnalysis(strategy) {
      hash = new.podTemplateHash
    }
    if status.abort { hash = status.stableRS }
    switchServiceSelector(strategy.activeService, to: hash)
  }

  /// `ReadyForPause`: the new ReplicaSet is at its desired (preview or full) size and available.
  func readyForPause(_ strategy: BlueGreenStrategy) -> Bool {
    guard let new = newRS else { return false }
    let desired = blueGreenNewReplicas(strategy)
    return new.specReplicas == desired && new.availableReplicas == desired
  }

  func isBlueGreenFastTracked(_ active: ServiceState) -> Bool {
    if isFastRollback() || status.promoteFull { return true }
    if active.selectorHash.isEmpty { return true }
    return active.selectorHash == newRSHash
  }

  func completedPrePromotionAnalysis(_ strategy: BlueGreenStrategy) -> Bool {
    !strategy.prePromotionAnalysis || currentAnalysisRuns.prePromotion?.phase == .successful
  }

  mutating func reconcileBlueGreenReplicaSets() {
    removeScaleDownDeadlines()
    if let stable = stableRS { scaleReplicaSet(stable.name, to: spec.replicas) }
    _ = reconcileNewReplicaSet()
    _ = reconcileOtherReplicaSets()
    reconcileRevisionHistoryLimit()
  }

  /// `reconcileBlueGreenPause`.
  mutating func reconcileBlueGreenPause(_ strategy: BlueGreenStrategy) {
    if status.abort { return }
    guard readyForPause(strategy) else { return }
    if haltProgressReason != nil { return }
    guard let active = cluster.services[strategy.activeService] else { return }
    if isBlueGreenFastTracked(active) || active.selectorHash == newRSHash || status.blueGreen.scaleUpPreviewCheckPoint
      || !(strategy.autoPromotionEnabled == false || strategy.autoPromotionSeconds > 0)
    {
      pause.removePauseCondition(.blueGreenPause)
      return
    }
    guard completedPrePromotionAnalysis(strategy) else { return }
    if let condition = status.pauseCondition(.blueGreenPause) {
      if !pause.completedBlueGreenPause(strategy, now: now) {
        if strategy.autoPromotionSeconds > 0 {
          let expiry = condition.startTime + .seconds(Int64(strategy.autoPromotionSeconds))
          if expiry > now { requeue(at: expiry) }
        }
      } else {
        pause.removePauseCondition(.blueGreenPause)
      }
    } else if !status.controllerPause {
      pause.addPauseCondition(.blueGreenPause)
    }
  }

  /// `NewRSNewReplicas` for blue-green: previewReplicaCount until the scale-up checkpoint.
  func blueGreenNewReplicas(_ strategy: BlueGreenStrategy) -> Int {
    guard let previewCount = strategy.previewReplicaCount else { return spec.replicas }
    let activeRS = allRSs.first { $0.podTemplateHash == status.blueGreen.activeSelector }
    guard let activeRS, let new = newRS, activeRS.name != new.name else { return spec.replicas }
    if status.promoteFull { return spec.replicas }
    if new.podTemplateHash != status.currentPodHash { return previewCount }
    let notPaused = !spec.paused && status.pauseConditions.isEmpty
    if notPaused && status.blueGreen.scaleUpPreviewCheckPoint { return spec.replicas }
    return previewCount
  }

  /// `scaleDownOldReplicaSetsForBlueGreen`.
  mutating func scaleDownOldReplicaSetsForBlueGreen(_ names: [String]) -> Bool {
    guard let strategy = blueGreen else { return false }
    if status.pauseCondition(.inconclusiveAnalysis) != nil { return false }
    let post = currentAnalysisRuns.postPromotion
    if strategy.postPromotionAnalysis && strategy.scaleDownDelaySeconds == nil && !skipPostPromotionAnalysisRun(post) {
      if post?.phase != .successful { return false }
    }
    let ordered = names.compactMap { name in cluster.replicaSets.first { $0.name == name } }
      .sorted { ($0.revision, $0.creationIndex) > ($1.revision, $1.creationIndex) }
    var scaled = false
    var annotated = 0
    for target in ordered {
      if isReplicaSetReferenced(target) { continue }
      if target.specReplicas == 0 { continue }
      let desired: Int
      (annotated, desired) = scaleDownDelayHelper(target, annotated: annotated, keep: spec.replicas)
      if target.specReplicas == desired { continue }
      scaleReplicaSet(target.name, to: desired)
      scaled = true
    }
    return scaled
  }

  /// `syncRolloutStatusBlueGreen`.
  mutating func syncRolloutStatusBlueGreen(_ strategy: BlueGreenStrategy) {
    var newStatus = calculateBaseStatus()
    newStatus.stableRS = status.stableRS
    if checkPodSpecChange() { resetRolloutStatus(&newStatus) }
    if status.promoteFull || isRollbackWithinWindow() {
      pause.clearPauseConditions = true
      pause.removeAbort = true
    }
    newStatus.blueGreen.previewSelector = strategy.previewService.flatMap { cluster.services[$0]?.selectorHash } ?? ""
    newStatus.blueGreen.activeSelector = cluster.services[strategy.activeService]?.selectorHash ?? ""
    if let reason = shouldFullPromoteBlueGreen(newStatus, strategy) {
      promoteStable(&newStatus, reason: reason)
    } else {
      newStatus.blueGreen.scaleUpPreviewCheckPoint = calculateScaleUpPreviewCheckPoint(strategy)
    }
    if let activeRS = allRSs.first(where: { $0.podTemplateHash == newStatus.blueGreen.activeSelector }) {
      newStatus.availableReplicas = activeRS.availableReplicas
      newStatus.readyReplicas = activeRS.readyReplicas
    } else {
      newStatus.availableReplicas = allRSs.reduce(0) { $0 + $1.availableReplicas }
    }
    persistRolloutStatus(&newStatus)
  }

  /// `shouldFullPromote` for blue-green.
  func shouldFullPromoteBlueGreen(_ newStatus: RolloutStatus, _ strategy: BlueGreenStrategy) -> String? {
    if stableRS == nil { return "Initial deploy" }
    if newStatus.blueGreen.activeSelector.isEmpty { return "Initial deploy" }
    if newStatus.blueGreen.activeSelector != newStatus.currentPodHash { return nil }
    if status.promoteFull { return "Full promotion requested" }
    if isFastRollback() { return isRollbackWithinWindow() ? "Rollback within window" : "Fast rollback" }
    if pause.isAborted { return nil }
    if strategy.postPromotionAnalysis {
      guard currentAnalysisRuns.postPromotion?.phase == .successful else { return nil }
    }
    return "Completed blue-green update"
  }

  /// `calculateScaleUpPreviewCheckPoint`.
  func calculateScaleUpPreviewCheckPoint(_ strategy: BlueGreenStrategy) -> Bool {
    guard let previewCount = strategy.previewReplicaCount else { return false }
    if status.blueGreen.scaleUpPreviewCheckPoint { return true }
    if !completedPrePromotionAnalysis(strategy) || !pause.completedBlueGreenPause(strategy, now: now) { return false }
    return previewCount == (newRS?.availableReplicas ?? 0)
  }

  // MARK: Analysis (rollout/analysis.go)

  mutating func reconcilePrePromotionAnalysisRun(_ strategy: BlueGreenStrategy) -> AnalysisRunView? {
    let current = currentAnalysisRuns.prePromotion
    guard strategy.prePromotionAnalysis else {
      cancelAnalysisRuns([current].compactMap { $0 })
      return nil
    }
    if skipPrePromotionAnalysisRun(current, strategy) {
      cancelAnalysisRuns([current].compactMap { $0 })
      return current
    }
    if status.pauseCondition(.inconclusiveAnalysis) != nil { return current }
    if needsNewAnalysisRun(current) { return createAnalysisRun(role: .prePromotion, stepIndex: nil, infix: "pre") }
    return current
  }

  mutating func reconcilePostPromotionAnalysisRun(_ strategy: BlueGreenStrategy) -> AnalysisRunView? {
    let current = currentAnalysisRuns.postPromotion
    guard strategy.postPromotionAnalysis else {
      cancelAnalysisRuns([current].compactMap { $0 })
      return nil
    }
    if skipPostPromotionAnalysisRun(current) {
      cancelAnalysisRuns([current].compactMap { $0 })
      return current
    }
    if status.pauseCondition(.inconclusiveAnalysis) != nil { return current }
    if needsNewAnalysisRun(current) { return createAnalysisRun(role: .postPromotion, stepIndex: nil, infix: "post") }
    return current
  }

  func skipPrePromotionAnalysisRun(_ current: AnalysisRunView?, _ strategy: BlueGreenStrategy) -> Bool {
    let hash = newRSHash
    let active = status.blueGreen.activeSelector
    if status.stableRS == hash || active.isEmpty || active == hash || hash.isEmpty { return true }
    if current != nil { return false }
    guard let new = newRS else { return true }
    if let previewCount = strategy.previewReplicaCount {
      return new.specReplicas != previewCount || new.availableReplicas != previewCount
    }
    return !isSaturated(new)
  }

  func skipPostPromotionAnalysisRun(_ current: AnalysisRunView?) -> Bool {
    let hash = newRSHash
    let active = status.blueGreen.activeSelector
    if status.stableRS == hash || active != hash || hash.isEmpty { return true }
    if current != nil { return false }
    guard let new = newRS else { return true }
    return !isSaturated(new)
  }
}
