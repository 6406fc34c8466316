/// What an operator does with `kubectl argo rollouts …`, as the patches the plugin sends
/// (pkg/kubectl-argo-rollouts/cmd/*). `update` and `undo` change the pod template and are applied by
/// the simulation, which knows the revisions.
public enum OperatorCommand: String, Sendable, Hashable, CaseIterable, Codable {
  case promote
  case promoteFull
  case abort
  case retry
  case pause
  case resume
  case undo
  case update

  /// Applies a status/spec patch. Returns a note when the command had no effect, for the timeline.
  public func apply(spec: inout RolloutSpec, status: inout RolloutStatus) -> String? {
    switch self {
    case .promote:
      return Self.promote(spec: &spec, status: &status)
    case .promoteFull:
      if spec.paused {
        spec.paused = false
        spec.generation += 1
      }
      if status.currentPodHash != status.stableRS {
        status.promoteFull = true
        return nil
      }
      return "already fully promoted"
    case .abort:
      status.abort = true
      return nil
    case .retry:
      status.abort = false
      return nil
    case .pause:
      if spec.paused { return "already paused" }
      spec.paused = true
      spec.generation += 1
      return nil
    case .resume:
      if !spec.paused { return "not paused" }
      spec.paused = false
      spec.generation += 1
      return nil
    case .undo, .update:
      return "applied by the simulation"
    }
  }

  /// `promote` without flags (promote.go getPatches, default case).
  static func promote(spec: inout RolloutSpec, status: inout RolloutStatus) -> String? {
    var changed = false
    if spec.paused {
      spec.paused = false
      spec.generation += 1
      changed = true
    }
    let stepCount = spec.canary?.steps.count ?? 0
    let inconclusive = status.canary.currentStepAnalysisRun?.phase == .inconclusive
    if inconclusive && !status.pauseConditions.isEmpty && status.controllerPause {
      if let index = currentIndex(spec, status) {
        status.pauseConditions = []
        status.controllerPause = false
        status.currentStepIndex = index < stepCount ? index + 1 : index
        return nil
      }
    } else if !status.pauseConditions.isEmpty {
      status.pauseConditions = []
      return nil
    } else if spec.canary != nil, let index = currentIndex(spec, status) {
      status.pauseConditions = []
      status.currentStepIndex = index < stepCount ? index + 1 : index
      return nil
    }
    return changed ? nil : "nothing to promote"
  }

  static func currentIndex(_ spec: RolloutSpec, _ status: RolloutStatus) -> Int? {
    guard let canary = spec.canary, !canary.steps.isEmpty else { return nil }
    return status.currentStepIndex ?? 0
  }
}
