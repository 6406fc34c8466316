import VirtualTime

/// rollout/pause.go: pause and abort changes gathered during a reconcile and folded into the
/// persisted status at the end (`CalculatePauseStatus`).
struct PauseContext {
  let status: RolloutStatus
  var addPauseReasons: [PauseReason] = []
  var removePauseReasons: [PauseReason] = []
  var clearPauseConditions = false
  var addAbort = false
  var removeAbort = false
  var abortMessage = ""

  init(status: RolloutStatus) { self.status = status }

  var hasAddPause: Bool { !addPauseReasons.isEmpty }

  var isAborted: Bool {
    if removeAbort { return false }
    return addAbort || status.abort
  }

  mutating func addAbort(message: String) {
    addAbort = true
    abortMessage = message
  }

  mutating func addPauseCondition(_ reason: PauseReason) { addPauseReasons.append(reason) }
  mutating func removePauseCondition(_ reason: PauseReason) { removePauseReasons.append(reason) }

  func calculatePauseStatus(_ newStatus: inout RolloutStatus, now: SimInstant) {
    if calculateAbortStatus(&newStatus, now: now) { return }
    if clearPauseConditions { return }
    calculatePauseConditions(&newStatus, now: now)
  }

  /// Returns true when the rollout is (still) aborted; pause conditions are then dropped.
  func calculateAbortStatus(_ newStatus: inout RolloutStatus, now: SimInstant) -> Bool {
    if addAbort || (!removeAbort && status.abort) {
      newStatus.abort = true
      newStatus.abortedAt = status.abortedAt ?? now
      return true
    }
    newStatus.abort = false
    newStatus.abortedAt = nil
    return false
  }

  func calculatePauseConditions(_ newStatus: inout RolloutStatus, now: SimInstant) {
    var controllerPause = status.controllerPause
    let toRemove = Set(removePauseReasons.map(\.rawValue))
    var existing = Set<String>()
    var conditions: [PauseCondition] = []
    for condition in status.pauseConditions {
      if !toRemove.contains(condition.reason.rawValue) { conditions.append(condition) }
      existing.insert(condition.reason.rawValue)
    }
    for reason in addPauseReasons where !existing.contains(reason.rawValue) {
      conditions.append(PauseCondition(reason: reason, startTime: now))
      existing.insert(reason.rawValue)
      controllerPause = true
    }
    if conditions.isEmpty { return }
    newStatus.controllerPause = controllerPause
    newStatus.pauseConditions = conditions
  }

  /// `CompletedCanaryPauseStep`: resumed by the user, or the duration has passed.
  func completedCanaryPauseStep(_ step: PauseStep, now: SimInstant) -> Bool {
    let condition = status.pauseCondition(.canaryPauseStep)
    if status.controllerPause && condition == nil { return true }
    if let seconds = step.durationSeconds, let condition {
      // Go compares now.After(start + d); the wake-up timer fires at the expiry instant, which in real
      // time is always a little after it, so the instant itself counts as expired.
      return now >= condition.startTime + .seconds(Int64(seconds))
    }
    return false
  }

  /// `CompletedBlueGreenPause`.
  func completedBlueGreenPause(_ strategy: BlueGreenStrategy, now: SimInstant) -> Bool {
    let condition = status.pauseCondition(.blueGreenPause)
    if hasAddPause { return false }
    if status.blueGreen.scaleUpPreviewCheckPoint { return true }
    if strategy.autoPromotionEnabled {
      if strategy.autoPromotionSeconds == 0 { return true }
      if let condition {
        return now >= condition.startTime + .seconds(Int64(strategy.autoPromotionSeconds))
      }
      return false
    }
    return status.controllerPause && condition == nil
  }
}
