import VirtualTime

/// rollout/service.go (canary part) and rollout/trafficrouting.go.
extension RolloutContext {
  /// `reconcileStableAndCanaryService`.
  mutating func reconcileStableAndCanaryService() {
    guard let canary else { return }
    ensureServiceTargets(canary.stableService, rsName: stableRSName, checkAvailability: true)
    if pause.isAborted && canary.trafficRouting == nil {
      ensureServiceTargets(canary.canaryService, rsName: stableRSName, checkAvailability: true)
      return
    }
    if isDynamicallyRollingBackToStable().rollingBack { return }
    ensureServiceTargets(canary.canaryService, rsName: newRSName, checkAvailability: true)
  }

  /// `ensureSVCTargets`: point a Service at a ReplicaSet once it has available pods (fully available
  /// the first time, before the Service carries the managed-by annotation).
  mutating func ensureServiceTargets(_ service: String?, rsName: String?, checkAvailability: Bool) {
    guard let service, let rsName, let rs = cluster.replicaSets.first(where: { $0.name == rsName }) else { return }
    guard let current = cluster.services[service] else { return }
    guard current.selectorHash != rs.podTemplateHash else { return }
    if !current.managedByRollouts && checkAvailability {
      let fullyAvailable = rs.specReplicas != 0 && rs.availableReplicas != 0 && rs.specReplicas <= rs.availableReplicas
      if !fullyAvailable { return }
    }
    if checkAvailability && rs.availableReplicas == 0 { return }
    switchServiceSelector(service, to: rs.podTemplateHash)
  }

  mutating func switchServiceSelector(_ service: String, to hash: String) {
    guard var state = cluster.services[service], state.selectorHash != hash || !state.managedByRollouts else { return }
    let old = state.selectorHash
    state.selectorHash = hash
    state.managedByRollouts = true
    cluster.services[service] = state
    if old != hash {
      actions.append(.setServiceSelector(service: service, hash: hash))
    }
  }

  /// `IsDynamicallyRollingBackToStable`.
  func isDynamicallyRollingBackToStable() -> (rollingBack: Bool, previousHash: String) {
    guard isFullyPromoted, let canary, canary.trafficRouting != nil, canary.dynamicStableScale,
      let weights = status.canary.weights, let new = newRS
    else { return (false, "") }
    if weights.canary.podTemplateHash == new.podTemplateHash { return (false, "") }
    if new.availableReplicas >= spec.replicas { return (false, "") }
    return (true, weights.canary.podTemplateHash)
  }

  /// `reconcileTrafficRouting`: the weight the router gets this reconcile, and the status weights.
  mutating func reconcileTrafficRouting() {
    guard let canary, let routing = canary.trafficRouting else {
      newStatus.canary.weights = nil
      return
    }
    let (step, index) = currentStep()
    var desiredWeight = 0
    var destinations: [WeightDestination] = []
    var canaryHash = newRS?.podTemplateHash ?? ""
    let stableHash = stableRS?.podTemplateHash ?? ""
    var router = cluster.router
    let rollingBack = isDynamicallyRollingBackToStable()
    if rollingBack.rollingBack {
      desiredWeight = desiredWeightOnAbortOrStableRollback()
      canaryHash = rollingBack.previousHash
    } else if isFullyPromoted {
      removeManagedRoutes(&router)
    } else if pause.isAborted {
      desiredWeight = desiredWeightOnAbortOrStableRollback()
      if !canary.dynamicStableScale || desiredWeight == 0 {
        ensureServiceTargets(canary.canaryService, rsName: stableRSName, checkAvailability: false)
      }
      removeManagedRoutes(&router)
    } else if newRS == nil || newRS!.availableReplicas == 0 {
      destinations = experimentWeightDestinations()
      removeManagedRoutes(&router)
    } else if status.promoteFull {
      if canary.dynamicStableScale {
        desiredWeight = maxWeight * newRS!.availableReplicas / spec.replicas
      } else if let weights = status.canary.weights {
        desiredWeight = weights.canary.weight
      }
      removeManagedRoutes(&router)
    } else if let index {
      if !atDesiredReplicaCountsForCanary(weights: nil) {
        for i in stride(from: index - 1, through: 0, by: -1) {
          if let w = steps[i].setWeight {
            desiredWeight = w
            break
          }
        }
        destinations = experimentWeightDestinations()
      } else if index != steps.count {
        desiredWeight = currentSetWeight()
        destinations = experimentWeightDestinations()
      } else {
        desiredWeight = maxWeight
      }
    }
    // Go's RemoveManagedRoutes writes the VirtualService at once in the branches above, so a removal
    // stands even when the availability check below ends the reconcile.
    write(router)
    // checkReplicasAvailable: no router change until enough stable pods can take the stable share.
    if let stable = stableRS {
      let needed = (maxWeight - desiredWeight) * spec.replicas / maxWeight
      if stable.availableReplicas < needed && !replicaProgressThresholdMet(stable, desired: needed) { return }
    } else {
      return
    }
    if let step, status.revision > 1 {
      if let header = step.setHeaderRoute { setHeaderRoute(header, in: &router, managed: routing.managedRoutes) }
      if let mirror = step.setMirrorRoute { setMirrorRoute(mirror, in: &router, managed: routing.managedRoutes) }
    }
    if case .istio = routing.router, let waitingFor = destinationRuleUpdateBlocker(canaryHash: canaryHash, stableHash: stableHash) {
      // Istio's UpdateHash fails; the routes already set stay, and the reconcile ends here.
      write(router)
      let error = "delaying destination rule switch: ReplicaSet \(waitingFor) not fully available"
      reconcileError = error
      // Go logs this at Info level and retries; the timeline keeps it so a stalled rollout says why.
      record("ReconciliationError", "Reconciliation failed with error: \(error)")
      return
    }
    if case .istio(let istio) = routing.router, istio.destinationRule != nil {
      router.canaryHash = canaryHash
      router.stableHash = stableHash
    }
    let experimentWeight = destinations.reduce(0) { $0 + $1.weight }
    router.canaryWeight = desiredWeight
    if case .openshiftRoutes = routing.router {
      // The OpenShift plugin's SetWeight writes only `to` (100 − w) and the canary backend.
      router.stableWeight = max(0, maxWeight - desiredWeight)
      router.additional = []
    } else {
      // Istio's processRoutes: the stable destination gets what the canary and the experiment
      // templates leave, never below 0.
      router.stableWeight = max(0, maxWeight - desiredWeight - experimentWeight)
      router.additional = destinations
    }
    write(router)
    let weights = TrafficWeights(
      canary: WeightDestination(weight: desiredWeight, podTemplateHash: canaryHash, serviceName: canary.canaryService ?? ""),
      stable: WeightDestination(
        weight: maxWeight - desiredWeight - experimentWeight, podTemplateHash: stableHash,
        serviceName: canary.stableService ?? ""),
      additional: destinations)
    if status.canary.weights != weights {
      record("TrafficWeightUpdated", Self.trafficWeightUpdatedMessage(from: status.canary.weights, to: weights))
      newStatus.canary.weights = weights
    } else {
      newStatus.canary.weights = status.canary.weights
    }
  }

  /// Writes the router's objects (VirtualService, Route, …) when `router` differs from what they hold.
  mutating func write(_ router: RouterState) {
    guard router != cluster.router else { return }
    cluster.router = router
    actions.append(.updateRouter(router))
  }

  /// istio.go `shouldDelayDestinationRuleUpdate`: without canary and stable Services (a subset split),
  /// the name of a ReplicaSet that receives traffic — stable or canary hash, spec replicas > 0, the
  /// canary not counting while aborting or rolling back to stable — and is not fully available.
  func destinationRuleUpdateBlocker(canaryHash: String, stableHash: String) -> String? {
    guard let canary, (canary.canaryService ?? "").isEmpty, (canary.stableService ?? "").isEmpty else { return nil }
    let abortOrRollback = status.abort || isDynamicallyRollingBackToStable().rollingBack
    for rs in allRSs where rs.specReplicas > 0 {
      let hash = rs.podTemplateHash
      guard !hash.isEmpty, hash == stableHash || hash == canaryHash else { continue }
      if abortOrRollback && hash == canaryHash { continue }
      // IsReplicaSetAvailable
      if !(rs.availableReplicas != 0 && rs.specReplicas <= rs.availableReplicas) { return rs.name }
    }
    return nil
  }

  /// `trafficWeightUpdatedMessage`.
  static func trafficWeightUpdatedMessage(from previous: TrafficWeights?, to new: TrafficWeights) -> String {
    var details: [String] = []
    if let previous {
      if previous.canary.weight != new.canary.weight {
        details.append("from \(previous.canary.weight) to \(new.canary.weight)")
      }
    } else {
      details.append("to \(new.canary.weight)")
    }
    if let previous, previous.additional != new.additional {
      // Go prints the []WeightDestination with %v: `[{5 svc hash} {5 svc2 hash2}]`.
      let items = new.additional.map { "{\($0.weight) \($0.serviceName) \($0.podTemplateHash)}" }
      details.append("additional: [\(items.joined(separator: " "))]")
    }
    // Argo prints "Traffic weight updated " with nothing after it when only the hashes changed.
    return details.isEmpty ? "Traffic weight updated" : "Traffic weight updated " + details.joined(separator: ", ")
  }

  /// `calculateWeightDestinationsFromExperiment`: while the current Experiment runs, one destination
  /// per template of the nearest experiment step (at or before the current index) that has a weight,
  /// with the Service and hash its template status names.
  func experimentWeightDestinations() -> [WeightDestination] {
    // GetCurrentExperimentStep: nothing past the last step.
    guard let index = currentStep().index, index < steps.count,
      let step = steps[...index].last(where: { $0.experiment != nil })?.experiment,
      let name = currentExperimentName, let experiment = cluster.experiments.first(where: { $0.name == name }),
      experiment.phase == .running
    else { return [] }
    return experiment.templates.compactMap { status in
      guard let weight = step.templates.first(where: { $0.name == status.name })?.weight else { return nil }
      return WeightDestination(weight: weight, podTemplateHash: status.podTemplateHash, serviceName: status.serviceName)
    }
  }

  /// `calculateDesiredWeightOnAbortOrStableRollback`.
  func desiredWeightOnAbortOrStableRollback() -> Int {
    guard let canary, canary.dynamicStableScale, let stable = stableRS, newRS != nil, spec.replicas > 0 else { return 0 }
    let desired = desiredCanaryWeight()
    let expected = max(0, maxWeight - (maxWeight * stable.availableReplicas) / spec.replicas)
    guard let weights = status.canary.weights else { return max(expected, desired) }
    let current = weights.canary.weight
    if desired <= 0 { return min(expected, current) }
    let stableReplicasWeight = (maxWeight * stable.availableReplicas) / spec.replicas
    if stableReplicasWeight < maxWeight - desired { return current }
    return min(desired, current)
  }

  func removeManagedRoutes(_ router: inout RouterState) {
    router.headerRoutes = []
    router.mirrorRoutes = []
  }

  func setHeaderRoute(_ route: HeaderRoute, in router: inout RouterState, managed: [String]) {
    router.headerRoutes.removeAll { $0.name == route.name }
    if !route.matches.isEmpty { router.headerRoutes.append(route) }
    router.headerRoutes.sort { (managed.firstIndex(of: $0.name) ?? .max) < (managed.firstIndex(of: $1.name) ?? .max) }
  }

  func setMirrorRoute(_ route: MirrorRoute, in router: inout RouterState, managed: [String]) {
    router.mirrorRoutes.removeAll { $0.name == route.name }
    if !route.matches.isEmpty { router.mirrorRoutes.append(route) }
    router.mirrorRoutes.sort { (managed.firstIndex(of: $0.name) ?? .max) < (managed.firstIndex(of: $1.name) ?? .max) }
  }
}
