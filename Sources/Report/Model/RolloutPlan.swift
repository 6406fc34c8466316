import Manifests

/// What the renderers know of the rollout's plan besides the run itself: its steps and the metrics
/// its analyses measure, with their conditions and limits. The explain texts cite these ("0.81 is not
/// > 0.9", "failureLimit (1)"), and the charts draw the thresholds.
///
/// Codable so the store can keep it beside a run and `report RUN_ID` can render without the
/// manifests.
public struct RolloutPlan: Sendable, Hashable, Codable {
  public var namespace: String
  public var replicas: Int
  /// `canary` or `blueGreen`.
  public var strategy: String
  /// `istio`, `openshift`, another router's name, or nil (a canary without traffic routing).
  public var trafficRouter: String?
  public var steps: [PlanStep]
  public var analyses: [PlanAnalysis]
  /// Explicit `scaleDownDelaySeconds` / `abortScaleDownDelaySeconds` (nil: the defaults).
  public var scaleDownDelaySeconds: Int?
  public var abortScaleDownDelaySeconds: Int?
  /// Blue-green: `autoPromotionEnabled` and `autoPromotionSeconds`.
  public var autoPromotionEnabled: Bool
  public var autoPromotionSeconds: Int
  /// The Services the controller points: canary/stable (canary), active/preview (blue-green).
  public var canaryService: String?
  public var stableService: String?
  public var activeService: String?
  public var previewService: String?

  public init(
    namespace: String = "default", replicas: Int = 1, strategy: String = "canary", trafficRouter: String? = nil,
    steps: [PlanStep] = [], analyses: [PlanAnalysis] = [], scaleDownDelaySeconds: Int? = nil,
    abortScaleDownDelaySeconds: Int? = nil, autoPromotionEnabled: Bool = true, autoPromotionSeconds: Int = 0,
    canaryService: String? = nil, stableService: String? = nil, activeService: String? = nil,
    previewService: String? = nil
  ) {
    self.canaryService = canaryService
    self.stableService = stableService
    self.activeService = activeService
    self.previewService = previewService
    self.namespace = namespace
    self.replicas = replicas
    self.strategy = strategy
    self.trafficRouter = trafficRouter
    self.steps = steps
    self.analyses = analyses
    self.scaleDownDelaySeconds = scaleDownDelaySeconds
    self.abortScaleDownDelaySeconds = abortScaleDownDelaySeconds
    self.autoPromotionEnabled = autoPromotionEnabled
    self.autoPromotionSeconds = autoPromotionSeconds
  }

  /// The `setWeight` in force at step `index`: the nearest setWeight step at or before it (0 if none),
  /// as `GetCurrentSetWeight` reads the plan.
  public func setWeight(atStep index: Int) -> Int {
    guard !steps.isEmpty else { return 100 }
    if index >= steps.count { return 100 }
    for i in stride(from: min(index, steps.count - 1), through: 0, by: -1) {
      if let weight = steps[i].weight { return weight }
    }
    return 0
  }

  /// The analysis a run of this kind (and step) was built from.
  public func analysis(kind: String, step: Int?) -> PlanAnalysis? {
    analyses.first { $0.kind == kind && (kind != "Step" || $0.step == step) }
  }
}

/// One canary step as the plan states it.
public struct PlanStep: Sendable, Hashable, Codable {
  /// `setWeight`, `pause`, `analysis`, `experiment`, `setCanaryScale`, `setHeaderRoute`,
  /// `setMirrorRoute`, `plugin`.
  public var kind: String
  /// Argo's `CanaryStepString`, e.g. `setWeight: 5`, `pause: 120h`, `pause`.
  public var text: String
  public var weight: Int?
  /// A timed pause's length; nil for an indefinite pause and for other steps.
  public var pauseSeconds: Int?

  public init(kind: String, text: String, weight: Int? = nil, pauseSeconds: Int? = nil) {
    self.kind = kind
    self.text = text
    self.weight = weight
    self.pauseSeconds = pauseSeconds
  }

  public var isIndefinitePause: Bool { kind == "pause" && pauseSeconds == nil }
}

/// One analysis block of the rollout: which templates it runs and their metrics.
public struct PlanAnalysis: Sendable, Hashable, Codable {
  /// `Background`, `Step`, `PrePromotion`, `PostPromotion` (the run kinds of the result).
  public var kind: String
  /// The step index of an inline analysis.
  public var step: Int?
  /// Background analysis: the step index it starts at.
  public var startingStep: Int?
  public var templates: [String]
  public var metrics: [PlanMetric]

  public init(kind: String, step: Int? = nil, startingStep: Int? = nil, templates: [String], metrics: [PlanMetric]) {
    self.kind = kind
    self.step = step
    self.startingStep = startingStep
    self.templates = templates
    self.metrics = metrics
  }
}

/// A metric with its conditions and limits resolved to what the run uses (`{{args.x}}` substituted
/// where the value is known).
public struct PlanMetric: Sendable, Hashable, Codable {
  public var name: String
  /// `prometheus`, `job`, `web`, … (first configured provider).
  public var provider: String
  public var query: String?
  public var interval: String?
  public var initialDelay: String?
  /// `count` as written; nil when absent (then `effectiveCount` decides).
  public var count: Int?
  public var successCondition: String?
  public var failureCondition: String?
  public var failureLimit: Int
  public var inconclusiveLimit: Int
  public var consecutiveErrorLimit: Int
  public var consecutiveSuccessLimit: Int
  public var dryRun: Bool

  public init(
    name: String, provider: String = "prometheus", query: String? = nil, interval: String? = nil,
    initialDelay: String? = nil, count: Int? = nil, successCondition: String? = nil, failureCondition: String? = nil,
    failureLimit: Int = 0, inconclusiveLimit: Int = 0, consecutiveErrorLimit: Int = Metric.defaultConsecutiveErrorLimit, consecutiveSuccessLimit: Int = 0,
    dryRun: Bool = false
  ) {
    self.name = name
    self.provider = provider
    self.query = query
    self.interval = interval
    self.initialDelay = initialDelay
    self.count = count
    self.successCondition = successCondition
    self.failureCondition = failureCondition
    self.failureLimit = failureLimit
    self.inconclusiveLimit = inconclusiveLimit
    self.consecutiveErrorLimit = consecutiveErrorLimit
    self.consecutiveSuccessLimit = consecutiveSuccessLimit
    self.dryRun = dryRun
  }

  /// Argo's `EffectiveCount`: `count` when non-zero; 1 without an interval; nil (forever) with one.
  /// An interval written as "" counts as one here (Argo: none); the report has always shown it so.
  public var effectiveCount: Int? { Metric.effectiveCount(count: count, hasInterval: interval != nil) }

  /// The threshold the charts draw and the explain texts cite, when a condition has one.
  public var threshold: ConditionThreshold? {
    if let condition = successCondition, let t = ConditionThreshold.parse(condition, meaning: .success) { return t }
    if let condition = failureCondition, let t = ConditionThreshold.parse(condition, meaning: .failure) { return t }
    return nil
  }
}
