import VirtualTime

/// One entry of `status.conditions`.
public struct RolloutCondition: Sendable, Hashable {
  public enum Kind: String, Sendable, Hashable {
    case progressing = "Progressing"
    case available = "Available"
    case healthy = "Healthy"
    case paused = "Paused"
    case completed = "Completed"
    case invalidSpec = "InvalidSpec"
    case replicaFailure = "ReplicaFailure"
  }

  public enum Status: String, Sendable, Hashable {
    case `true` = "True"
    case `false` = "False"
    case unknown = "Unknown"
  }

  public var type: Kind
  public var status: Status
  public var reason: String
  public var message: String
  public var lastUpdateTime: SimInstant
  public var lastTransitionTime: SimInstant

  public init(_ type: Kind, _ status: Status, reason: String, message: String, at time: SimInstant) {
    self.type = type
    self.status = status
    self.reason = reason
    self.message = message
    lastUpdateTime = time
    lastTransitionTime = time
  }
}

/// Condition reasons and messages, verbatim from utils/conditions/conditions.go.
public enum ConditionText {
  public static let invalidSpecReason = "InvalidSpec"
  public static let availableReason = "AvailableReason"
  public static let notAvailableMessage = "Rollout does not have minimum availability"
  public static let availableMessage = "Rollout has minimum availability"
  public static let replicaSetUpdatedReason = "ReplicaSetUpdated"
  public static let newReplicaSetReason = "NewReplicaSetCreated"
  public static let foundNewRSReason = "FoundNewReplicaSet"
  public static let rolloutCompletedReason = "RolloutCompleted"
  public static let rolloutHealthyReason = "RolloutHealthy"
  public static let rolloutHealthyMessage = "Rollout is healthy"
  public static let rolloutNotHealthyMessage = "Rollout is not healthy"
  public static let rolloutAbortedReason = "RolloutAborted"
  public static let rolloutRetryReason = "RolloutRetry"
  public static let rolloutRetryMessage = "Retrying Rollout after abort"
  public static let rolloutPausedReason = "RolloutPaused"
  public static let rolloutPausedMessage = "Rollout is paused"
  public static let replicaSetNotAvailableReason = "ReplicaSetNotAvailable"
  public static let rolloutResumedReason = "RolloutResumed"
  public static let rolloutResumedMessage = "Rollout is resumed"
  public static let newRSAvailableReason = "NewReplicaSetAvailable"
  public static let timedOutReason = "ProgressDeadlineExceeded"

  public static func newReplicaSetMessage(_ rs: String) -> String { "Created new replica set \"\(rs)\"" }
  public static func rolloutAbortedMessage(revision: Int) -> String { "Rollout aborted update to revision \(revision)" }
  public static func replicaSetProgressingMessage(_ rs: String) -> String { "ReplicaSet \"\(rs)\" is progressing." }
  public static func rolloutProgressingMessage(_ name: String) -> String { "Rollout \"\(name)\" is progressing." }
  public static func replicaSetTimeOutMessage(_ rs: String) -> String { "ReplicaSet \"\(rs)\" has timed out progressing." }
  public static func rolloutTimeOutMessage(_ name: String) -> String { "Rollout \"\(name)\" has timed out progressing." }
  public static func replicaSetCompletedMessage(_ rs: String) -> String { "ReplicaSet \"\(rs)\" has successfully progressed." }
  public static func invalidSpecMessage(rollout: String, error: String) -> String {
    "The Rollout \"\(rollout)\" is invalid: \(error)"
  }
}

extension RolloutStatus {
  /// `SetRolloutCondition`: no-op when type, status and reason are unchanged; keeps the transition time
  /// when only the reason changes. Returns whether anything changed.
  @discardableResult
  public mutating func setCondition(_ condition: RolloutCondition) -> Bool {
    var condition = condition
    if let current = self.condition(condition.type) {
      if current.status == condition.status && current.reason == condition.reason { return false }
      if current.status == condition.status { condition.lastTransitionTime = current.lastTransitionTime }
    }
    conditions.removeAll { $0.type == condition.type }
    conditions.append(condition)
    return true
  }

  public mutating func removeCondition(_ type: RolloutCondition.Kind) {
    conditions.removeAll { $0.type == type }
  }
}
