/// `spec.strategy.canary`, resolved.
public struct CanaryStrategy: Sendable, Hashable {
  public var steps: [CanaryStep]
  /// `ComputeStepHash`: changes whenever the steps change (resets the index to 0).
  public var stepsHash: String
  public var canaryService: String?
  public var stableService: String?
  public var trafficRouting: TrafficRouting?
  public var maxSurge: CountOrPercent?
  public var maxUnavailable: CountOrPercent?
  /// Explicit `scaleDownDelaySeconds` (nil: the default 30 s with traffic routing, 0 without).
  public var scaleDownDelaySeconds: Int?
  public var scaleDownDelayRevisionLimit: Int?
  /// Explicit `abortScaleDownDelaySeconds` (nil: the default 30 s with traffic routing).
  public var abortScaleDownDelaySeconds: Int?
  public var dynamicStableScale: Bool
  public var minPodsPerReplicaSet: Int?
  public var replicaProgressThreshold: ReplicaProgressThreshold?
  /// Background analysis (`canary.analysis`) when it names at least one template.
  public var backgroundAnalysis: BackgroundAnalysis?

  public init(
    steps: [CanaryStep] = [], stepsHash: String? = nil, canaryService: String? = nil,
    stableService: String? = nil, trafficRouting: TrafficRouting? = nil,
    maxSurge: CountOrPercent? = nil, maxUnavailable: CountOrPercent? = nil,
    scaleDownDelaySeconds: Int? = nil, scaleDownDelayRevisionLimit: Int? = nil,
    abortScaleDownDelaySeconds: Int? = nil, dynamicStableScale: Bool = false,
    minPodsPerReplicaSet: Int? = nil, replicaProgressThreshold: ReplicaProgressThreshold? = nil,
    backgroundAnalysis: BackgroundAnalysis? = nil
  ) {
    self.steps = steps
    self.stepsHash = stepsHash ?? StepsHash.compute(steps)
    self.canaryService = canaryService
    self.stableService = stableService
    self.trafficRouting = trafficRouting
    self.maxSurge = maxSurge
    self.maxUnavailable = maxUnavailable
    self.scaleDownDelaySeconds = scaleDownDelaySeconds
    self.scaleDownDelayRevisionLimit = scaleDownDelayRevisionLimit
    self.abortScaleDownDelaySeconds = abortScaleDownDelaySeconds
    self.dynamicStableScale = dynamicStableScale
    self.minPodsPerReplicaSet = minPodsPerReplicaSet
    self.replicaProgressThreshold = replicaProgressThreshold
    self.backgroundAnalysis = backgroundAnalysis
  }

  /// `MaxTrafficWeight`: `maxTrafficWeight` when set (nginx, plugins), else 100.
  public var maxWeight: Int { trafficRouting?.maxTrafficWeight ?? 100 }
}

public struct BackgroundAnalysis: Sendable, Hashable {
  public var startingStep: Int?
  public init(startingStep: Int? = nil) { self.startingStep = startingStep }
}

/// `replicaProgressThreshold`: lets a step count as done before every desired canary pod is available.
public struct ReplicaProgressThreshold: Sendable, Hashable {
  public enum Kind: Sendable, Hashable {
    case percent
    case pods
  }
  public var kind: Kind
  public var value: Int
  public init(kind: Kind, value: Int) {
    self.kind = kind
    self.value = value
  }
}

/// One canary step. Like Argo's `CanaryStep`, fields are optional; validation ensures exactly one of
/// setWeight / pause / analysis / experiment, while setCanaryScale, header and mirror routes and plugins
/// may accompany them.
public struct CanaryStep: Sendable, Hashable {
  public var setWeight: Int?
  public var pause: PauseStep?
  /// An inline analysis that names at least one template.
  public var analysis: Bool
  public var experiment: ExperimentStep?
  public var setCanaryScale: SetCanaryScale?
  public var setHeaderRoute: HeaderRoute?
  public var setMirrorRoute: MirrorRoute?
  public var plugin: String?

  public init(
    setWeight: Int? = nil, pause: PauseStep? = nil, analysis: Bool = false,
    experiment: ExperimentStep? = nil, setCanaryScale: SetCanaryScale? = nil,
    setHeaderRoute: HeaderRoute? = nil, setMirrorRoute: MirrorRoute? = nil, plugin: String? = nil
  ) {
    self.setWeight = setWeight
    self.pause = pause
    self.analysis = analysis
    self.experiment = experiment
    self.setCanaryScale = setCanaryScale
    self.setHeaderRoute = setHeaderRoute
    self.setMirrorRoute = setMirrorRoute
    self.plugin = plugin
  }

  public static func weight(_ w: Int) -> CanaryStep { CanaryStep(setWeight: w) }
  public static func pause(seconds: Int? = nil) -> CanaryStep { CanaryStep(pause: PauseStep(durationSeconds: seconds)) }
  public static let inlineAnalysis = CanaryStep(analysis: true)

  /// `CanaryStepString`, as the RolloutStepCompleted event prints it.
  public var description: String {
    if let w = setWeight { return "setWeight: \(w)" }
    if let pause {
      guard let text = pause.durationText else { return "pause" }
      return "pause: \(text)"
    }
    if experiment != nil { return "experiment" }
    if analysis { return "analysis" }
    if let scale = setCanaryScale {
      if let w = scale.weight { return "setCanaryScale{weight: \(w)}" }
      if scale.matchTrafficWeight { return "setCanaryScale{matchTrafficWeight: true}" }
      if let r = scale.replicas { return "setCanaryScale{replicas: \(r)}" }
    }
    if let plugin { return "plugin: \(plugin)" }
    if let route = setHeaderRoute { return "setHeaderRoute: \(route.name)" }
    if let route = setMirrorRoute { return "setMirrorRoute: \(route.name)" }
    return "invalid"
  }
}

public struct PauseStep: Sendable, Hashable {
  /// nil: an indefinite pause. Resolved by Argo's `DurationSeconds` (never negative here:
  /// invalid durations are validation errors).
  public var durationSeconds: Int?
  /// The duration as written (`30s`, `"30"`, `1h`), for messages.
  public var durationText: String?
  public init(durationSeconds: Int?, durationText: String? = nil) {
    self.durationSeconds = durationSeconds
    self.durationText = durationText ?? durationSeconds.map { "\($0)" }
  }
}

public struct SetCanaryScale: Sendable, Hashable {
  public var replicas: Int?
  public var weight: Int?
  public var matchTrafficWeight: Bool
  public init(replicas: Int? = nil, weight: Int? = nil, matchTrafficWeight: Bool = false) {
    self.replicas = replicas
    self.weight = weight
    self.matchTrafficWeight = matchTrafficWeight
  }
}

public struct HeaderRoute: Sendable, Hashable {
  public var name: String
  /// Empty: remove the route.
  public var matches: [String]
  public init(name: String, matches: [String]) {
    self.name = name
    self.matches = matches
  }
}

public struct MirrorRoute: Sendable, Hashable {
  public var name: String
  public var percentage: Int
  /// Empty: remove the route.
  public var matches: [String]
  public init(name: String, percentage: Int = 100, matches: [String]) {
    self.name = name
    self.percentage = percentage
    self.matches = matches
  }
}

/// An experiment step, as far as the simulator models it.
public struct ExperimentStep: Sendable, Hashable {
  public struct Template: Sendable, Hashable {
    public var name: String
    /// `specRef`: run the canary's or the stable's pod template.
    public var usesCanarySpec: Bool
    public var replicas: Int
    /// Traffic weight routed to this template's Service (traffic-routed rollouts only).
    public var weight: Int?
    /// `service:` is present: the experiment creates a Service for the template (so does `weight`).
    public var createsService: Bool
    /// `service.name`; nil names the Service after the template's ReplicaSet.
    public var serviceName: String?
    /// `metadata.labels` added to the template's pods; they (and `metadata.annotations`) change its
    /// pod-template hash.
    public var labels: [String: String]
    public var annotations: [String: String]
    public init(
      name: String, usesCanarySpec: Bool, replicas: Int = 1, weight: Int? = nil, createsService: Bool = false,
      serviceName: String? = nil, labels: [String: String] = [:], annotations: [String: String] = [:]
    ) {
      self.name = name
      self.usesCanarySpec = usesCanarySpec
      self.replicas = replicas
      self.weight = weight
      self.createsService = createsService
      self.serviceName = serviceName
      self.labels = labels
      self.annotations = annotations
    }

    /// Go gives a template a Service when it has a weight or a `service:` (GetExperimentFromTemplate).
    public var hasService: Bool { weight != nil || createsService }
  }
  public struct Analysis: Sendable, Hashable {
    public var name: String
    public var requiredForCompletion: Bool
    public init(name: String, requiredForCompletion: Bool = false) {
      self.name = name
      self.requiredForCompletion = requiredForCompletion
    }
  }
  public var templates: [Template]
  /// How long the experiment runs once its pods are available; nil runs until its required analyses
  /// succeed (forever when none is required), or until an analysis fails.
  public var durationSeconds: Int?
  public var analyses: [Analysis]

  public init(templates: [Template], durationSeconds: Int?, analyses: [Analysis] = []) {
    self.templates = templates
    self.durationSeconds = durationSeconds
    self.analyses = analyses
  }
}

/// `ComputeStepHash` stand-in: FNV-1a over a canonical text of the steps, so any edit of the steps
/// changes it and equal steps give equal hashes.
public enum StepsHash {
  public static func compute(_ steps: [CanaryStep]) -> String {
    var hash: UInt32 = 0x811C_9DC5
    for byte in String(describing: steps).utf8 {
      hash ^= UInt32(byte)
      hash = hash &* 0x0100_0193
    }
    return SafeEncoding.encode(String(hash))
  }
}

/// `rand.SafeEncodeString`: maps each character onto an alphabet without vowels or lookalikes.
public enum SafeEncoding {
  static let alphanums = Array("bcdfghjklmnpqrstvwxz2456789")
  public static func encode(_ text: String) -> String {
    String(text.utf8.map { alphanums[Int($0) % alphanums.count] })
  }
}
