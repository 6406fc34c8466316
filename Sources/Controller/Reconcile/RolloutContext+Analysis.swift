import VirtualTime

/// rollout/analysis.go: which AnalysisRuns the rollout wants, and what their phases do to it.
extension RolloutContext {
  mutating func reconcileAnalysisRuns() {
    let aborted = pause.isAborted
    let initialDeploy = status.stableRS.isEmpty
    let shouldCancel = isFullyPromoted || aborted || status.promoteFull || isFastRollback() || initialDeploy
    var newCurrent = CurrentAnalysisRuns()
    if shouldCancel {
      cancelAnalysisRuns(currentAnalysisRuns.all)
      newCurrent.prePromotion = currentAnalysisRuns.prePromotion
      newCurrent.postPromotion = currentAnalysisRuns.postPromotion
    } else if spec.canary != nil {
      newCurrent.step = reconcileStepBasedAnalysisRun()
      newCurrent.background = reconcileBackgroundAnalysisRun()
    } else if let blueGreen = spec.blueGreen {
      let pre = reconcilePrePromotionAnalysisRun(blueGreen)
      setPauseOrAbortForBlueGreen(pre, postPromotion: false)
      newCurrent.prePromotion = pre
      let post = reconcilePostPromotionAnalysisRun(blueGreen)
      setPauseOrAbortForBlueGreen(post, postPromotion: true)
      newCurrent.postPromotion = post
    }
    setCurrentAnalysisRuns(newCurrent)
    let currentNames = Set(newCurrent.all.map(\.name))
    let others = otherAnalysisRunNames.filter { !currentNames.contains($0) }
    cancelAnalysisRuns(others.compactMap { name in cluster.analysisRuns.first { $0.name == name } })
    deleteOldAnalysisRuns(others)
    emitAnalysisRunStatusChanges(newCurrent)
  }

  mutating func setCurrentAnalysisRuns(_ runs: CurrentAnalysisRuns) {
    currentAnalysisRuns = runs
    func ref(_ run: AnalysisRunView?) -> AnalysisRunStatusRef? {
      run.map { AnalysisRunStatusRef(name: $0.name, phase: $0.phase, message: $0.message) }
    }
    if spec.canary != nil {
      if let background = runs.background { newStatus.canary.currentBackgroundAnalysisRun = ref(background) }
      if let step = runs.step { newStatus.canary.currentStepAnalysisRun = ref(step) }
    } else {
      if let pre = runs.prePromotion { newStatus.blueGreen.prePromotionAnalysisRun = ref(pre) }
      if let post = runs.postPromotion { newStatus.blueGreen.postPromotionAnalysisRun = ref(post) }
    }
  }

  /// `needsNewAnalysisRun`.
  func needsNewAnalysisRun(_ current: AnalysisRunView?) -> Bool {
    guard let current else { return true }
    if status.controllerPause && status.pauseCondition(.canaryPauseStep) == nil
      && status.pauseCondition(.blueGreenPause) == nil
    {
      return current.phase == .inconclusive
    }
    return status.abortedAt != nil
  }

  mutating func reconcileStepBasedAnalysisRun() -> AnalysisRunView? {
    let (step, index) = currentStep()
    let current = currentAnalysisRuns.step
    if !status.pauseConditions.isEmpty || status.abort { return current }
    let fromPreviousStep = step?.analysis == true && current != nil && current?.stepIndex != index
    guard let step, step.analysis, let index, !fromPreviousStep else {
      cancelAnalysisRuns([current].compactMap { $0 })
      return nil
    }
    if needsNewAnalysisRun(current) {
      return createAnalysisRun(role: .step, stepIndex: index, infix: String(index))
    }
    guard let current else { return nil }
    switch current.phase {
    case .inconclusive: pause.addPauseCondition(.inconclusiveAnalysis)
    case .error, .failed:
      pause.addAbort(message: "Step-based analysis phase error/failed" + (current.message.isEmpty ? "" : ": \(current.message)"))
    default: break
    }
    return current
  }

  mutating func reconcileBackgroundAnalysisRun() -> AnalysisRunView? {
    let current = currentAnalysisRuns.background
    guard let background = canary?.backgroundAnalysis else {
      cancelAnalysisRuns([current].compactMap { $0 })
      return nil
    }
    if isFullyPromoted || status.stableRS.isEmpty || status.currentPodHash.isEmpty || beforeStartingStep(background) {
      return nil
    }
    if status.pauseCondition(.inconclusiveAnalysis) != nil { return current }
    if needsNewAnalysisRun(current) {
      return createAnalysisRun(role: .background, stepIndex: nil, infix: "")
    }
    guard let current else { return nil }
    switch current.phase {
    case .inconclusive: pause.addPauseCondition(.inconclusiveAnalysis)
    case .error, .failed:
      pause.addAbort(message: "Background analysis phase error/failed" + (current.message.isEmpty ? "" : ": \(current.message)"))
    default: break
    }
    return current
  }

  /// `BeforeStartingStep`.
  func beforeStartingStep(_ background: BackgroundAnalysis) -> Bool {
    guard let starting = background.startingStep else { return false }
    let (_, index) = currentStep()
    guard let index else { return false }
    return index < starting
  }

  /// `createAnalysisRun`: asks the world to build the run; visible at once as Pending. When the block
  /// cannot be built, the reconcile fails with the error (and is retried on the next change).
  mutating func createAnalysisRun(role: AnalysisRunRole, stepIndex: Int?, infix: String) -> AnalysisRunView? {
    let block: AnalysisBlock =
      switch role {
      case .step, .experiment: .step(stepIndex ?? 0)
      case .background: .background
      case .prePromotion: .prePromotion
      case .postPromotion: .postPromotion
      }
    if let error = cluster.analysisBlockErrors[block] {
      if reconcileError == nil {
        reconcileError = error
        record("ReconciliationError", "Reconciliation failed with error: \(error)", warning: true)
      }
      return nil
    }
    var name = [spec.name, newRSHash, String(status.revision)].joined(separator: "-")
    if !infix.isEmpty { name += "-" + infix }
    // CreateWithCollisionCounter: an existing name gets ".1", ".2", … (runs are immutable once created).
    var unique = name
    var collision = 0
    while cluster.analysisRuns.contains(where: { $0.name == unique }) {
      collision += 1
      unique = "\(name).\(collision)"
    }
    let view = AnalysisRunView(
      name: unique, role: role, stepIndex: stepIndex, podTemplateHash: newRSHash,
      creationIndex: (cluster.analysisRuns.map(\.creationIndex).max() ?? 0) + 1)
    cluster.analysisRuns.append(view)
    actions.append(
      .createAnalysisRun(
        AnalysisRunRequest(
          name: unique, role: role, stepIndex: stepIndex, podTemplateHash: newRSHash,
          stableHash: stableRS?.podTemplateHash ?? "", revision: status.revision)))
    return view
  }

  /// `cancelAnalysisRuns`: sets `spec.terminate` on runs that are still going.
  mutating func cancelAnalysisRuns(_ runs: [AnalysisRunView]) {
    for run in runs where !run.terminate && !run.phase.isCompleted {
      guard let index = cluster.analysisRuns.firstIndex(where: { $0.name == run.name }) else { continue }
      cluster.analysisRuns[index].terminate = true
      actions.append(.terminateAnalysisRun(name: run.name))
    }
  }

  /// `FilterAnalysisRunsToDelete` + `deleteAnalysisRuns`: history limits on finished runs.
  mutating func deleteOldAnalysisRuns(_ names: [String]) {
    let liveHashes = Set(allRSs.map(\.podTemplateHash))
    var keptSuccessful = 0
    var keptUnsuccessful = 0
    let runs = names.compactMap { name in cluster.analysisRuns.first { $0.name == name } }
      .sorted { $0.creationIndex > $1.creationIndex }
    for run in runs {
      var delete = false
      if !liveHashes.contains(run.podTemplateHash) {
        delete = true
      } else if run.phase == .successful {
        if keptSuccessful < spec.successfulRunHistoryLimit { keptSuccessful += 1 } else { delete = true }
      } else if run.phase == .failed || run.phase == .error || run.phase == .inconclusive {
        if keptUnsuccessful < spec.unsuccessfulRunHistoryLimit { keptUnsuccessful += 1 } else { delete = true }
      }
      if delete {
        cluster.analysisRuns.removeAll { $0.name == run.name }
        actions.append(.deleteAnalysisRun(name: run.name))
      }
    }
  }

  /// `emitAnalysisRunStatusChanges`.
  mutating func emitAnalysisRunStatusChanges(_ runs: CurrentAnalysisRuns) {
    let pairs: [(AnalysisRunStatusRef?, AnalysisRunView?, String)] = [
      (status.blueGreen.postPromotionAnalysisRun, runs.postPromotion, "PostPromotion"),
      (status.blueGreen.prePromotionAnalysisRun, runs.prePromotion, "PrePromotion"),
      (status.canary.currentStepAnalysisRun, runs.step, "Step"),
      (status.canary.currentBackgroundAnalysisRun, runs.background, "Background"),
    ]
    for (previous, run, kind) in pairs {
      guard let run, run.phase != .pending else { continue }
      if previous == nil || (previous!.name == run.name && previous!.phase != run.phase) {
        let before = previous?.phase.rawValue ?? "NoPreviousStatus"
        record(
          "AnalysisRun" + run.phase.rawValue,
          "\(kind) Analysis Run '\(run.name)' Status New: '\(run.phase.rawValue)' Previous: '\(before)'",
          warning: run.phase == .failed || run.phase == .error)
      }
    }
  }

  mutating func setPauseOrAbortForBlueGreen(_ run: AnalysisRunView?, postPromotion: Bool) {
    guard let run else { return }
    switch run.phase {
    case .inconclusive: pause.addPauseCondition(.inconclusiveAnalysis)
    case .error, .failed:
      var message =
        postPromotion
        ? "Blue/green post-promotion analysis phase error/failed" : "Blue/green pre-promotion analysis phase error/failed"
      if !run.message.isEmpty { message += ": " + run.message }
      pause.addAbort(message: message)
    default: break
    }
  }
}

/// rollout/experiment.go, as far as experiment steps go: one Experiment per step, terminated when
/// the rollout moves on; Failed/Error aborts, Inconclusive pauses.
extension RolloutContext {
  mutating func reconcileExperiments() {
    let (step, index) = currentStep()
    let current = currentExperimentName.flatMap { name in cluster.experiments.first { $0.name == name } }
    let shouldCancel = isFullyPromoted || pause.isAborted || status.promoteFull || status.stableRS.isEmpty
    // Go returns before the step logic while the rollout is paused for an inconclusive analysis:
    // the current experiment's phase is not acted on, nothing is terminated, and (newStatus not
    // being set) the status stops naming the experiment.
    if !(pause.isAborted || status.promoteFull) && status.pauseCondition(.inconclusiveAnalysis) != nil { return }
    if shouldCancel || step?.experiment == nil || (current != nil && current?.stepIndex != index) {
      if let current { terminateExperiment(current) }
      for name in otherExperimentNames {
        if let other = cluster.experiments.first(where: { $0.name == name }) { terminateExperiment(other) }
      }
      newStatus.canary.currentExperiment = nil
      return
    }
    guard let experimentStep = step?.experiment, let index else { return }
    if let current {
      newStatus.canary.currentExperiment = current.name
      switch current.phase {
      case .inconclusive: pause.addPauseCondition(.inconclusiveExperiment)
      case .failed, .error:
        pause.addAbort(
          message: "Experiment analysis phase is error/failed" + (current.message.isEmpty ? "" : ": \(current.message)"))
      default: break
      }
      return
    }
    if !status.pauseConditions.isEmpty { return }
    let baseName = "\(spec.name)-\(newRSHash)-\(status.revision)-\(index)"
    // createExperimentWithCollisionHandling: an unfinished, unterminated experiment of this step
    // under the name is ours (re-adopted, e.g. after an inconclusive-analysis pause cleared the
    // status' reference); any other holder of the name makes Go try `<name>-1`, `<name>-2`, …
    var name = baseName
    var collisions = 1
    while let existing = cluster.experiments.first(where: { $0.name == name }) {
      if !existing.phase.isCompleted && !existing.terminate && existing.stepIndex == index
        && existing.podTemplateHash == newRSHash
      {
        currentExperimentName = name
        newStatus.canary.currentExperiment = name
        return
      }
      name = "\(baseName)-\(collisions)"
      collisions += 1
    }
    let request = ExperimentRequest(
      name: name, stepIndex: index, podTemplateHash: newRSHash, stableHash: stableRS?.podTemplateHash ?? "",
      step: experimentStep)
    cluster.experiments.append(
      ExperimentView(name: name, stepIndex: index, podTemplateHash: newRSHash, templates: request.templateStatuses))
    currentExperimentName = name
    newStatus.canary.currentExperiment = name
    actions.append(.createExperiment(request))
    record("ExperimentCreated", "Created Experiment '\(name)'")
  }

  mutating func terminateExperiment(_ experiment: ExperimentView) {
    guard !experiment.terminate, !experiment.phase.isCompleted,
      let i = cluster.experiments.firstIndex(where: { $0.name == experiment.name })
    else { return }
    cluster.experiments[i].terminate = true
    actions.append(.terminateExperiment(name: experiment.name))
  }
}
