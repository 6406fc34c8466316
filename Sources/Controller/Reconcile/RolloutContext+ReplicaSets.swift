import VirtualTime

/// rollout/replicaset.go.
extension RolloutContext {
  /// `scaleReplicaSetAndRecordEvent`: returns whether the size changed.
  @discardableResult
  mutating func scaleReplicaSet(_ name: String, to newScale: Int) -> Bool {
    guard let rs = cluster.replicaSets.first(where: { $0.name == name }), rs.specReplicas != newScale else {
      return false
    }
    let old = rs.specReplicas
    let fullScaleDown = newScale == 0
    let keepDeadline = shouldDelayScaleDownOnAbort
    updateReplicaSet(named: name) { state in
      state.specReplicas = newScale
      if fullScaleDown && !keepDeadline { state.scaleDownDeadline = nil }
    }
    actions.append(.scaleReplicaSet(name: name, from: old, to: newScale))
    if fullScaleDown && !keepDeadline && rs.scaleDownDeadline != nil {
      actions.append(.setScaleDownDeadline(name: name, at: nil))
    }
    let direction = old < newScale ? "up" : "down"
    record("ScalingReplicaSet", "Scaled \(direction) ReplicaSet \(name) (revision \(rs.revision)) from \(old) to \(newScale)")
    return true
  }

  /// `reconcileNewReplicaSet`.
  mutating func reconcileNewReplicaSet() -> Bool {
    guard let new = newRS else { return false }
    var newReplicas = newRSNewReplicas()
    if shouldDelayScaleDownOnAbort {
      if let deadline = new.scaleDownDeadline {
        if deadline > now {
          requeue(at: deadline)
          return false
        }
        newReplicas = 0
      } else if let delay = abortScaleDownDelay {
        if let stable = stableRS, stable.availableReplicas >= spec.replicas {
          addScaleDownDelay(new.name, seconds: delay)
        }
        return false
      }
    }
    return scaleReplicaSet(new.name, to: newReplicas)
  }

  /// `NewRSNewReplicas`.
  func newRSNewReplicas() -> Int {
    switch spec.strategy {
    case .canary: return desiredCanaryCounts(weights: newStatus.canary.weights).new
    case .blueGreen(let blueGreen): return blueGreenNewReplicas(blueGreen)
    }
  }

  /// `GetAbortScaleDownDelaySecondsOrDefault`: nil means "never scale down on abort" (explicit 0), or
  /// no traffic routing for canary (the basic canary is scaled down right away).
  var abortScaleDownDelay: Int? {
    switch spec.strategy {
    case .blueGreen(let b):
      if let explicit = b.abortScaleDownDelaySeconds { return explicit == 0 ? nil : explicit }
      return 30
    case .canary(let c):
      guard c.trafficRouting != nil else { return 0 }
      if let explicit = c.abortScaleDownDelaySeconds { return explicit == 0 ? nil : explicit }
      return 30
    }
  }

  var hasExplicitAbortScaleDownDelay: Bool {
    switch spec.strategy {
    case .blueGreen(let b): return (b.abortScaleDownDelaySeconds ?? 0) != 0
    case .canary(let c): return c.trafficRouting != nil && (c.abortScaleDownDelaySeconds ?? 0) != 0
    }
  }

  /// `shouldDelayScaleDownOnAbort`.
  var shouldDelayScaleDownOnAbort: Bool {
    guard pause.isAborted, stableRSName != nil else { return false }
    if let c = canary, c.trafficRouting == nil { return false }
    guard abortScaleDownDelay != nil else { return false }
    if canary?.dynamicStableScale == true && !hasExplicitAbortScaleDownDelay { return false }
    return true
  }

  /// `GetScaleDownDelaySecondsOrDefault`.
  var scaleDownDelaySeconds: Int {
    switch spec.strategy {
    case .blueGreen(let b): return b.scaleDownDelaySeconds ?? 30
    case .canary(let c): return c.trafficRouting == nil ? 0 : (c.scaleDownDelaySeconds ?? 30)
    }
  }

  var scaleDownRevisionLimit: Int {
    switch spec.strategy {
    case .blueGreen(let b): return b.scaleDownDelayRevisionLimit ?? Int(Int32.max)
    case .canary(let c): return c.scaleDownDelayRevisionLimit ?? Int(Int32.max)
    }
  }

  mutating func addScaleDownDelay(_ name: String, seconds: Int) {
    if seconds == 0 {
      removeScaleDownDelay(name)
      return
    }
    let deadline = now + .seconds(Int64(seconds))
    updateReplicaSet(named: name) { $0.scaleDownDeadline = deadline }
    actions.append(.setScaleDownDeadline(name: name, at: deadline))
    requeue(at: deadline)
  }

  mutating func removeScaleDownDelay(_ name: String) {
    guard let rs = cluster.replicaSets.first(where: { $0.name == name }), rs.scaleDownDeadline != nil else { return }
    updateReplicaSet(named: name) { $0.scaleDownDeadline = nil }
    actions.append(.setScaleDownDeadline(name: name, at: nil))
  }

  /// `removeScaleDownDeadlines`: the new and stable ReplicaSets never keep a deadline (unless the new one
  /// is waiting out an abort delay).
  mutating func removeScaleDownDeadlines() {
    var names: [String] = []
    if let new = newRSName, !shouldDelayScaleDownOnAbort { names.append(new) }
    if let stable = stableRSName, names.isEmpty || stable != newRSName { names.append(stable) }
    for name in names { removeScaleDownDelay(name) }
  }

  /// `reconcileOtherReplicaSets`.
  mutating func reconcileOtherReplicaSets() -> Bool {
    let active = otherRSs.filter { $0.specReplicas > 0 }.map(\.name)
    guard !active.isEmpty else { return false }
    switch spec.strategy {
    case .canary: return scaleDownOldReplicaSetsForCanary(active) > 0
    case .blueGreen: return scaleDownOldReplicaSetsForBlueGreen(active)
    }
  }

  /// `cleanupUnhealthyReplicas`: old ReplicaSets drop pods that are not available.
  mutating func cleanupUnhealthyReplicas(_ names: [String]) -> Int {
    var total = 0
    let ordered = names.compactMap { name in cluster.replicaSets.first { $0.name == name } }
      .sorted { $0.creationIndex < $1.creationIndex }
    for rs in ordered where rs.specReplicas != 0 && rs.specReplicas != rs.availableReplicas {
      guard rs.availableReplicas < rs.specReplicas else { continue }
      total += rs.specReplicas - rs.availableReplicas
      scaleReplicaSet(rs.name, to: rs.availableReplicas)
    }
    return total
  }

  /// `scaleDownDelayHelper`: returns the updated count of annotated ReplicaSets and the desired size.
  /// While the deadline is ahead the ReplicaSet keeps `keep` pods: its current size for canary,
  /// the rollout's full size for blue-green (the callers pass what Go passes).
  mutating func scaleDownDelayHelper(_ rs: ReplicaSetState, annotated: Int, keep: Int) -> (Int, Int) {
    var annotated = annotated
    var desired = 0
    if rs.scaleDownDeadline == nil && rs.specReplicas > 0 {
      if annotated < scaleDownRevisionLimit {
        annotated += 1
        desired = rs.specReplicas
        addScaleDownDelay(rs.name, seconds: scaleDownDelaySeconds)
      }
    } else if let deadline = rs.scaleDownDeadline {
      annotated += 1
      if annotated <= scaleDownRevisionLimit, deadline > now {
        requeue(at: deadline)
        desired = keep
      }
    }
    return (annotated, desired)
  }

  /// `isReplicaSetReferenced`: by the status, a Service selector, or a DestinationRule subset.
  func isReplicaSetReferenced(_ rs: ReplicaSetState) -> Bool {
    let hash = rs.podTemplateHash
    var references = [status.stableRS, status.currentPodHash, status.blueGreen.activeSelector, status.blueGreen.previewSelector]
    if let weights = status.canary.weights {
      references += [weights.canary.podTemplateHash, weights.stable.podTemplateHash]
    }
    if references.contains(hash) { return true }
    let services: [String?]
    switch spec.strategy {
    case .canary(let c): services = [c.canaryService, c.stableService]
    case .blueGreen(let b): services = [b.activeService, b.previewService]
    }
    for name in services.compactMap({ $0 }) where cluster.services[name]?.selectorHash == hash { return true }
    if case .istio(let istio)? = canary?.trafficRouting?.router, istio.destinationRule != nil {
      if cluster.router.canaryHash == hash || cluster.router.stableHash == hash { return true }
    }
    return false
  }

  /// `reconcileRevisionHistoryLimit`: delete the oldest ReplicaSets at 0 replicas beyond the limit,
  /// with their AnalysisRuns.
  mutating func reconcileRevisionHistoryLimit() {
    let cleanable = otherRSs.sorted { $0.creationIndex < $1.creationIndex }
    let excess = cleanable.count - spec.revisionHistoryLimit
    guard excess > 0 else { return }
    for rs in cleanable.prefix(excess) where rs.replicas == 0 && rs.specReplicas == 0 {
      cluster.replicaSets.removeAll { $0.name == rs.name }
      actions.append(.deleteReplicaSet(name: rs.name))
      for run in cluster.analysisRuns where run.podTemplateHash == rs.podTemplateHash
        && otherAnalysisRunNames.contains(run.name)
      {
        actions.append(.deleteAnalysisRun(name: run.name))
      }
      cluster.analysisRuns.removeAll { $0.podTemplateHash == rs.podTemplateHash && otherAnalysisRunNames.contains($0.name) }
    }
    classifyReplicaSets()
  }
}
