import VirtualTime

/// `status` of a Rollout: what the controller persists between reconciles.
public struct RolloutStatus: Sendable, Hashable {
  public var phase: RolloutPhase = .progressing
  public var message: String = ""
  public var currentPodHash: String = ""
  public var currentStepHash: String = ""
  /// nil when the rollout has no steps.
  public var currentStepIndex: Int?
  public var stableRS: String = ""
  public var pauseConditions: [PauseCondition] = []
  public var controllerPause = false
  public var abort = false
  public var abortedAt: SimInstant?
  public var promoteFull = false
  public var conditions: [RolloutCondition] = []
  public var replicas = 0
  public var updatedReplicas = 0
  public var readyReplicas = 0
  public var availableReplicas = 0
  /// The generation the controller last saw (the simulator bumps `RolloutSpec` generations on edits).
  public var observedGeneration = 0
  public var canary = CanaryStatus()
  public var blueGreen = BlueGreenStatus()
  /// The `rollout.argoproj.io/revision` annotation the controller keeps on the Rollout.
  public var revision = 0

  public init() {}

  public func condition(_ type: RolloutCondition.Kind) -> RolloutCondition? {
    conditions.first { $0.type == type }
  }

  public func pauseCondition(_ reason: PauseReason) -> PauseCondition? {
    pauseConditions.first { $0.reason == reason }
  }
}

public struct CanaryStatus: Sendable, Hashable {
  public var weights: TrafficWeights?
  public var currentStepAnalysisRun: AnalysisRunStatusRef?
  public var currentBackgroundAnalysisRun: AnalysisRunStatusRef?
  public var currentExperiment: String?
  public init() {}
}

public struct BlueGreenStatus: Sendable, Hashable {
  public var activeSelector = ""
  public var previewSelector = ""
  public var scaleUpPreviewCheckPoint = false
  public var prePromotionAnalysisRun: AnalysisRunStatusRef?
  public var postPromotionAnalysisRun: AnalysisRunStatusRef?
  public init() {}
}

/// `status.canary.weights`: what the router was last told.
public struct TrafficWeights: Sendable, Hashable {
  public var canary: WeightDestination
  public var stable: WeightDestination
  public var additional: [WeightDestination]
  /// nil for routers that do not verify (everything but ALB).
  public var verified: Bool?

  public init(canary: WeightDestination, stable: WeightDestination, additional: [WeightDestination] = [], verified: Bool? = nil) {
    self.canary = canary
    self.stable = stable
    self.additional = additional
    self.verified = verified
  }
}

public struct WeightDestination: Sendable, Hashable {
  public var weight: Int
  public var podTemplateHash: String
  public var serviceName: String
  public init(weight: Int, podTemplateHash: String, serviceName: String) {
    self.weight = weight
    self.podTemplateHash = podTemplateHash
    self.serviceName = serviceName
  }
}

/// The rollout's summary of one of its AnalysisRuns.
public struct AnalysisRunStatusRef: Sendable, Hashable {
  public var name: String
  public var phase: AnalysisPhase
  public var message: String
  public init(name: String, phase: AnalysisPhase, message: String) {
    self.name = name
    self.phase = phase
    self.message = message
  }
}

public enum PauseReason: String, Sendable, Hashable {
  case canaryPauseStep = "CanaryPauseStep"
  case blueGreenPause = "BlueGreenPause"
  case inconclusiveAnalysis = "InconclusiveAnalysisRun"
  case inconclusiveExperiment = "InconclusiveExperiment"
}

public struct PauseCondition: Sendable, Hashable {
  public var reason: PauseReason
  public var startTime: SimInstant
  public init(reason: PauseReason, startTime: SimInstant) {
    self.reason = reason
    self.startTime = startTime
  }
}

public enum RolloutPhase: String, Sendable, Hashable, Codable {
  case healthy = "Healthy"
  case degraded = "Degraded"
  case paused = "Paused"
  case progressing = "Progressing"
}
