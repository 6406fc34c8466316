import Diagnostics

public struct PingPong: Sendable, Hashable {
  public var pingService: Located<String>?
  public var pongService: Located<String>?
  public var location: SourceLocation

  public init(pingService: Located<String>? = nil, pongService: Located<String>? = nil, location: SourceLocation = .synthesized) {
    self.pingService = pingService
    self.pongService = pongService
    self.location = location
  }

  public init(decoding node: YAMLNode) {
    self.init(pingService: node.string("pingService"), pongService: node.string("pongService"), location: node.location)
  }
}

/// `replicaProgressThreshold`: a step counts as done when this share (`Percent`) or number (`Pods`) of
/// the desired canary pods is available.
public struct ReplicaProgressThreshold: Sendable, Hashable {
  public var type: Located<String>?
  public var value: Located<Int>?

  public init(type: Located<String>? = nil, value: Located<Int>? = nil) {
    self.type = type
    self.value = value
  }

  public init(decoding node: YAMLNode) {
    self.init(type: node.string("type"), value: node.int("value"))
  }
}

/// `spec.strategy.canary`, with Argo's defaults as computed properties.
public struct CanaryStrategy: Sendable, Hashable {
  public static let defaultMaxSurge = IntOrString.string("25")
  public static let defaultMaxUnavailable = IntOrString.string("25")
  public static let defaultScaleDownDelaySeconds = 30
  public static let defaultAbortScaleDownDelaySeconds = 30

  public var canaryService: Located<String>?
  public var stableService: Located<String>?
  public var steps: [CanaryStep]
  /// Where `steps:` is written (the list node), for diagnostics about the plan as a whole.
  public var stepsLocation: SourceLocation?
  public var trafficRouting: TrafficRouting?
  public var maxUnavailable: Located<IntOrString>?
  public var maxSurge: Located<IntOrString>?
  /// Background analysis (with `startingStep`).
  public var analysis: RolloutAnalysis?
  public var canaryMetadata: LabelsAndAnnotations?
  public var stableMetadata: LabelsAndAnnotations?
  public var scaleDownDelaySeconds: Located<Int>?
  public var scaleDownDelayRevisionLimit: Located<Int>?
  public var abortScaleDownDelaySeconds: Located<Int>?
  public var dynamicStableScale: Located<Bool>?
  public var pingPong: PingPong?
  public var minPodsPerReplicaSet: Located<Int>?
  public var replicaProgressThreshold: ReplicaProgressThreshold?
  /// Present when `antiAffinity` is set (not simulated; validated as Argo does).
  public var antiAffinity: YAMLNode?
  public var location: SourceLocation

  public init(
    canaryService: Located<String>? = nil, stableService: Located<String>? = nil, steps: [CanaryStep] = [],
    stepsLocation: SourceLocation? = nil, trafficRouting: TrafficRouting? = nil,
    maxUnavailable: Located<IntOrString>? = nil, maxSurge: Located<IntOrString>? = nil,
    analysis: RolloutAnalysis? = nil, canaryMetadata: LabelsAndAnnotations? = nil,
    stableMetadata: LabelsAndAnnotations? = nil, scaleDownDelaySeconds: Located<Int>? = nil,
    scaleDownDelayRevisionLimit: Located<Int>? = nil, abortScaleDownDelaySeconds: Located<Int>? = nil,
    dynamicStableScale: Located<Bool>? = nil, pingPong: PingPong? = nil, minPodsPerReplicaSet: Located<Int>? = nil,
    replicaProgressThreshold: ReplicaProgressThreshold? = nil, antiAffinity: YAMLNode? = nil,
    location: SourceLocation = .synthesized
  ) {
    self.canaryService = canaryService
    self.stableService = stableService
    self.steps = steps
    self.stepsLocation = stepsLocation
    self.trafficRouting = trafficRouting
    self.maxUnavailable = maxUnavailable
    self.maxSurge = maxSurge
    self.analysis = analysis
    self.canaryMetadata = canaryMetadata
    self.stableMetadata = stableMetadata
    self.scaleDownDelaySeconds = scaleDownDelaySeconds
    self.scaleDownDelayRevisionLimit = scaleDownDelayRevisionLimit
    self.abortScaleDownDelaySeconds = abortScaleDownDelaySeconds
    self.dynamicStableScale = dynamicStableScale
    self.pingPong = pingPong
    self.minPodsPerReplicaSet = minPodsPerReplicaSet
    self.replicaProgressThreshold = replicaProgressThreshold
    self.antiAffinity = antiAffinity
    self.location = location
  }

  public init(decoding node: YAMLNode) {
    self.init(
      canaryService: node.string("canaryService"), stableService: node.string("stableService"),
      steps: node.list("steps", CanaryStep.init(decoding:)), stepsLocation: node.entry("steps")?.keyLocation,
      trafficRouting: node.object("trafficRouting", TrafficRouting.init(decoding:)),
      maxUnavailable: node.intOrString("maxUnavailable"), maxSurge: node.intOrString("maxSurge"),
      analysis: node.object("analysis", RolloutAnalysis.init(decoding:)),
      canaryMetadata: node.object("canaryMetadata", LabelsAndAnnotations.init(decoding:)),
      stableMetadata: node.object("stableMetadata", LabelsAndAnnotations.init(decoding:)),
      scaleDownDelaySeconds: node.int("scaleDownDelaySeconds"),
      scaleDownDelayRevisionLimit: node.int("scaleDownDelayRevisionLimit"),
      abortScaleDownDelaySeconds: node.int("abortScaleDownDelaySeconds"),
      dynamicStableScale: node.bool("dynamicStableScale"), pingPong: node.object("pingPong", PingPong.init(decoding:)),
      minPodsPerReplicaSet: node.int("minPodsPerReplicaSet"),
      replicaProgressThreshold: node.object("replicaProgressThreshold", ReplicaProgressThreshold.init(decoding:)),
      antiAffinity: node.raw("antiAffinity"), location: node.location)
  }

  /// maxSurge, defaulting to the string "25" (= 25 %).
  public var effectiveMaxSurge: IntOrString { maxSurge?.value ?? Self.defaultMaxSurge }
  /// maxUnavailable, defaulting to the string "25" (= 25 %).
  public var effectiveMaxUnavailable: IntOrString { maxUnavailable?.value ?? Self.defaultMaxUnavailable }
  public var effectiveScaleDownDelaySeconds: Int { scaleDownDelaySeconds?.value ?? Self.defaultScaleDownDelaySeconds }
  public var effectiveAbortScaleDownDelaySeconds: Int {
    abortScaleDownDelaySeconds?.value ?? Self.defaultAbortScaleDownDelaySeconds
  }
  public var usesDynamicStableScale: Bool { dynamicStableScale?.value ?? false }
}

/// `spec.strategy.blueGreen`, with Argo's defaults as computed properties.
public struct BlueGreenStrategy: Sendable, Hashable {
  public var activeService: Located<String>?
  public var previewService: Located<String>?
  public var previewReplicaCount: Located<Int>?
  public var autoPromotionEnabled: Located<Bool>?
  public var autoPromotionSeconds: Located<Int>?
  public var maxUnavailable: Located<IntOrString>?
  public var scaleDownDelaySeconds: Located<Int>?
  public var scaleDownDelayRevisionLimit: Located<Int>?
  public var prePromotionAnalysis: RolloutAnalysis?
  public var postPromotionAnalysis: RolloutAnalysis?
  public var previewMetadata: LabelsAndAnnotations?
  public var activeMetadata: LabelsAndAnnotations?
  public var abortScaleDownDelaySeconds: Located<Int>?
  public var antiAffinity: YAMLNode?
  public var location: SourceLocation

  public init(
    activeService: Located<String>? = nil, previewService: Located<String>? = nil,
    previewReplicaCount: Located<Int>? = nil, autoPromotionEnabled: Located<Bool>? = nil,
    autoPromotionSeconds: Located<Int>? = nil, maxUnavailable: Located<IntOrString>? = nil,
    scaleDownDelaySeconds: Located<Int>? = nil, scaleDownDelayRevisionLimit: Located<Int>? = nil,
    prePromotionAnalysis: RolloutAnalysis? = nil, postPromotionAnalysis: RolloutAnalysis? = nil,
    previewMetadata: LabelsAndAnnotations? = nil, activeMetadata: LabelsAndAnnotations? = nil,
    abortScaleDownDelaySeconds: Located<Int>? = nil, antiAffinity: YAMLNode? = nil,
    location: SourceLocation = .synthesized
  ) {
    self.activeService = activeService
    self.previewService = previewService
    self.previewReplicaCount = previewReplicaCount
    self.autoPromotionEnabled = autoPromotionEnabled
    self.autoPromotionSeconds = autoPromotionSeconds
    self.maxUnavailable = maxUnavailable
    self.scaleDownDelaySeconds = scaleDownDelaySeconds
    self.scaleDownDelayRevisionLimit = scaleDownDelayRevisionLimit
    self.prePromotionAnalysis = prePromotionAnalysis
    self.postPromotionAnalysis = postPromotionAnalysis
    self.previewMetadata = previewMetadata
    self.activeMetadata = activeMetadata
    self.abortScaleDownDelaySeconds = abortScaleDownDelaySeconds
    self.antiAffinity = antiAffinity
    self.location = location
  }

  public init(decoding node: YAMLNode) {
    self.init(
      activeService: node.string("activeService"), previewService: node.string("previewService"),
      previewReplicaCount: node.int("previewReplicaCount"), autoPromotionEnabled: node.bool("autoPromotionEnabled"),
      autoPromotionSeconds: node.int("autoPromotionSeconds"), maxUnavailable: node.intOrString("maxUnavailable"),
      scaleDownDelaySeconds: node.int("scaleDownDelaySeconds"),
      scaleDownDelayRevisionLimit: node.int("scaleDownDelayRevisionLimit"),
      prePromotionAnalysis: node.object("prePromotionAnalysis", RolloutAnalysis.init(decoding:)),
      postPromotionAnalysis: node.object("postPromotionAnalysis", RolloutAnalysis.init(decoding:)),
      previewMetadata: node.object("previewMetadata", LabelsAndAnnotations.init(decoding:)),
      activeMetadata: node.object("activeMetadata", LabelsAndAnnotations.init(decoding:)),
      abortScaleDownDelaySeconds: node.int("abortScaleDownDelaySeconds"), antiAffinity: node.raw("antiAffinity"),
      location: node.location)
  }

  public var effectiveAutoPromotionEnabled: Bool { autoPromotionEnabled?.value ?? true }
  public var effectiveAutoPromotionSeconds: Int { autoPromotionSeconds?.value ?? 0 }
  public var effectiveScaleDownDelaySeconds: Int { scaleDownDelaySeconds?.value ?? 30 }
  public var effectiveAbortScaleDownDelaySeconds: Int { abortScaleDownDelaySeconds?.value ?? 30 }
  public var effectiveMaxUnavailable: IntOrString { maxUnavailable?.value ?? .string("25") }
}
