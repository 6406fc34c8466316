import Diagnostics

/// `pause: {duration?}`. Without a duration the pause lasts until a user promotes.
public struct PauseStep: Sendable, Hashable {
  public var duration: Located<IntOrString>?
  public var location: SourceLocation

  public init(duration: Located<IntOrString>? = nil, location: SourceLocation = .synthesized) {
    self.duration = duration
    self.location = location
  }

  public init(decoding node: YAMLNode) {
    self.init(duration: node.intOrString("duration"), location: node.location)
  }

  /// Argo's `RolloutPause.DurationSeconds()`: nil for an indefinite pause, -1 for an invalid duration
  /// (which makes the Rollout InvalidSpec), otherwise whole seconds.
  public var durationSeconds: Int32? {
    guard let duration else { return nil }
    return PauseDuration.seconds(duration.value)
  }
}

public struct SetCanaryScale: Sendable, Hashable {
  public var weight: Located<Int>?
  public var replicas: Located<Int>?
  public var matchTrafficWeight: Bool
  public var location: SourceLocation

  public init(weight: Located<Int>? = nil, replicas: Located<Int>? = nil, matchTrafficWeight: Bool = false, location: SourceLocation = .synthesized) {
    self.weight = weight
    self.replicas = replicas
    self.matchTrafficWeight = matchTrafficWeight
    self.location = location
  }

  public init(decoding node: YAMLNode) {
    self.init(weight: node.int("weight"), replicas: node.int("replicas"), matchTrafficWeight: node.flag("matchTrafficWeight"), location: node.location)
  }
}

/// `{exact | prefix | regex}`.
public struct StringMatch: Sendable, Hashable {
  public var exact: String?
  public var prefix: String?
  public var regex: String?

  public init(exact: String? = nil, prefix: String? = nil, regex: String? = nil) {
    self.exact = exact
    self.prefix = prefix
    self.regex = regex
  }

  public init(decoding node: YAMLNode) {
    self.init(exact: node.string("exact")?.value, prefix: node.string("prefix")?.value, regex: node.string("regex")?.value)
  }
}

public struct SetHeaderRoute: Sendable, Hashable {
  public struct Match: Sendable, Hashable {
    public var headerName: String
    public var headerValue: StringMatch?
    public var location: SourceLocation

    public init(headerName: String, headerValue: StringMatch? = nil, location: SourceLocation = .synthesized) {
      self.headerName = headerName
      self.headerValue = headerValue
      self.location = location
    }
  }

  public var name: Located<String>?
  public var match: [Match]
  public var location: SourceLocation

  public init(name: Located<String>? = nil, match: [Match] = [], location: SourceLocation = .synthesized) {
    self.name = name
    self.match = match
    self.location = location
  }

  public init(decoding node: YAMLNode) {
    self.init(
      name: node.string("name"),
      match: node.list("match") {
        Match(headerName: $0.string("headerName")?.value ?? "", headerValue: $0.object("headerValue", StringMatch.init(decoding:)), location: $0.location)
      },
      location: node.location)
  }
}

public struct SetMirrorRoute: Sendable, Hashable {
  public struct Match: Sendable, Hashable {
    public var method: StringMatch?
    public var path: StringMatch?
    public var headers: [String: StringMatch]
    public var location: SourceLocation

    public init(method: StringMatch? = nil, path: StringMatch? = nil, headers: [String: StringMatch] = [:], location: SourceLocation = .synthesized) {
      self.method = method
      self.path = path
      self.headers = headers
      self.location = location
    }
  }

  public var name: Located<String>?
  public var match: [Match]
  /// Percentage of matched requests mirrored to the canary; nil means 100.
  public var percentage: Located<Int>?
  public var location: SourceLocation

  public init(name: Located<String>? = nil, match: [Match] = [], percentage: Located<Int>? = nil, location: SourceLocation = .synthesized) {
    self.name = name
    self.match = match
    self.percentage = percentage
    self.location = location
  }

  public init(decoding node: YAMLNode) {
    self.init(
      name: node.string("name"),
      match: node.list("match") { m in
        var headers: [String: StringMatch] = [:]
        for entry in m["headers"]?.entries ?? [] where entry.value.isMapping {
          headers[entry.key] = StringMatch(decoding: entry.value)
        }
        return Match(
          method: m.object("method", StringMatch.init(decoding:)), path: m.object("path", StringMatch.init(decoding:)),
          headers: headers, location: m.location)
      },
      percentage: node.int("percentage"), location: node.location)
  }
}

/// A step plugin (`plugin: {name, config}`); kept raw: rollout-sim does not run plugins.
public struct PluginStep: Sendable, Hashable {
  public var name: Located<String>?
  public var config: YAMLNode?
  public var location: SourceLocation

  public init(name: Located<String>? = nil, config: YAMLNode? = nil, location: SourceLocation = .synthesized) {
    self.name = name
    self.config = config
    self.location = location
  }

  public init(decoding node: YAMLNode) {
    self.init(name: node.string("name"), config: node.raw("config"), location: node.location)
  }
}

/// One entry of `strategy.canary.steps`. Like Argo's `CanaryStep`, every kind is optional; validation
/// reports steps with none or with more than one of setWeight / pause / experiment / analysis.
public struct CanaryStep: Sendable, Hashable {
  public enum Kind: String, Sendable, Hashable {
    case setWeight, pause, experiment, analysis, setCanaryScale, setHeaderRoute, setMirrorRoute, plugin, empty
  }

  public var setWeight: Located<Int>?
  public var pause: PauseStep?
  public var experiment: ExperimentStep?
  public var analysis: RolloutAnalysis?
  public var setCanaryScale: SetCanaryScale?
  public var setHeaderRoute: SetHeaderRoute?
  public var setMirrorRoute: SetMirrorRoute?
  public var plugin: PluginStep?
  public var location: SourceLocation

  public init(
    setWeight: Located<Int>? = nil, pause: PauseStep? = nil, experiment: ExperimentStep? = nil,
    analysis: RolloutAnalysis? = nil, setCanaryScale: SetCanaryScale? = nil, setHeaderRoute: SetHeaderRoute? = nil,
    setMirrorRoute: SetMirrorRoute? = nil, plugin: PluginStep? = nil, location: SourceLocation = .synthesized
  ) {
    self.setWeight = setWeight
    self.pause = pause
    self.experiment = experiment
    self.analysis = analysis
    self.setCanaryScale = setCanaryScale
    self.setHeaderRoute = setHeaderRoute
    self.setMirrorRoute = setMirrorRoute
    self.plugin = plugin
    self.location = location
  }

  public init(decoding node: YAMLNode) {
    // A bare `pause:` is JSON null, which Kubernetes drops: the step is then empty (InvalidSpec), as in
    // the real controller. `pause: {}` is the indefinite pause.
    self.init(
      setWeight: node.int("setWeight"), pause: node.object("pause", PauseStep.init(decoding:)),
      experiment: node.object("experiment", ExperimentStep.init(decoding:)),
      analysis: node.object("analysis", RolloutAnalysis.init(decoding:)),
      setCanaryScale: node.object("setCanaryScale", SetCanaryScale.init(decoding:)),
      setHeaderRoute: node.object("setHeaderRoute", SetHeaderRoute.init(decoding:)),
      setMirrorRoute: node.object("setMirrorRoute", SetMirrorRoute.init(decoding:)),
      plugin: node.object("plugin", PluginStep.init(decoding:)), location: node.location)
  }

  /// The step's kind, in the order `completedCurrentCanaryStep` checks them.
  public var kind: Kind {
    if pause != nil { return .pause }
    if setCanaryScale != nil { return .setCanaryScale }
    if setWeight != nil { return .setWeight }
    if experiment != nil { return .experiment }
    if analysis != nil { return .analysis }
    if setHeaderRoute != nil { return .setHeaderRoute }
    if setMirrorRoute != nil { return .setMirrorRoute }
    if plugin != nil { return .plugin }
    return .empty
  }
}
