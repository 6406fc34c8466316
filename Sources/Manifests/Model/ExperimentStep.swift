import Diagnostics

/// An experiment's analysis reference (`analyses[]` of an experiment step or Experiment).
public struct ExperimentAnalysisRef: Sendable, Hashable {
  public var name: Located<String>?
  public var templateName: Located<String>?
  public var clusterScope: Bool
  public var args: [AnalysisRunArgument]
  public var requiredForCompletion: Bool
  public var location: SourceLocation

  public init(
    name: Located<String>? = nil, templateName: Located<String>? = nil, clusterScope: Bool = false,
    args: [AnalysisRunArgument] = [], requiredForCompletion: Bool = false, location: SourceLocation = .synthesized
  ) {
    self.name = name
    self.templateName = templateName
    self.clusterScope = clusterScope
    self.args = args
    self.requiredForCompletion = requiredForCompletion
    self.location = location
  }

  public init(decoding node: YAMLNode) {
    self.init(
      name: node.string("name"), templateName: node.string("templateName"), clusterScope: node.flag("clusterScope"),
      args: node.list("args", AnalysisRunArgument.init(decoding:)),
      requiredForCompletion: node.flag("requiredForCompletion"), location: node.location)
  }
}

/// A template of an experiment step: a ReplicaSet built from the canary or stable pod spec.
public struct ExperimentStepTemplate: Sendable, Hashable {
  public var name: Located<String>?
  /// `canary` or `stable`.
  public var specRef: Located<String>?
  public var replicas: Located<Int>?
  public var weight: Located<Int>?
  public var serviceName: String?
  /// True when `service:` is present (even empty): the experiment then creates a Service.
  public var createsService: Bool
  public var metadata: LabelsAndAnnotations?
  public var location: SourceLocation

  public init(
    name: Located<String>? = nil, specRef: Located<String>? = nil, replicas: Located<Int>? = nil,
    weight: Located<Int>? = nil, serviceName: String? = nil, createsService: Bool = false,
    metadata: LabelsAndAnnotations? = nil, location: SourceLocation = .synthesized
  ) {
    self.name = name
    self.specRef = specRef
    self.replicas = replicas
    self.weight = weight
    self.serviceName = serviceName
    self.createsService = createsService
    self.metadata = metadata
    self.location = location
  }

  public init(decoding node: YAMLNode) {
    self.init(
      name: node.string("name"), specRef: node.string("specRef"), replicas: node.int("replicas"),
      weight: node.int("weight"), serviceName: node["service"]?.string("name")?.value,
      createsService: node.entry("service") != nil, metadata: node.object("metadata", LabelsAndAnnotations.init(decoding:)),
      location: node.location)
  }
}

/// `experiment:` step of a canary.
public struct ExperimentStep: Sendable, Hashable {
  public var templates: [ExperimentStepTemplate]
  /// A Go duration string; empty/absent means the experiment runs until its analyses finish.
  public var duration: Located<String>?
  public var analyses: [ExperimentAnalysisRef]
  public var dryRun: [Located<String>]
  public var scaleDownDelaySeconds: Located<Int>?
  public var location: SourceLocation

  public init(
    templates: [ExperimentStepTemplate] = [], duration: Located<String>? = nil, analyses: [ExperimentAnalysisRef] = [],
    dryRun: [Located<String>] = [], scaleDownDelaySeconds: Located<Int>? = nil, location: SourceLocation = .synthesized
  ) {
    self.templates = templates
    self.duration = duration
    self.analyses = analyses
    self.dryRun = dryRun
    self.scaleDownDelaySeconds = scaleDownDelaySeconds
    self.location = location
  }

  public init(decoding node: YAMLNode) {
    self.init(
      templates: node.list("templates", ExperimentStepTemplate.init(decoding:)), duration: node.string("duration"),
      analyses: node.list("analyses", ExperimentAnalysisRef.init(decoding:)),
      dryRun: node.list("dryRun") { $0.string("metricName") ?? Located("", at: $0.location) },
      scaleDownDelaySeconds: node.int("scaleDownDelaySeconds"), location: node.location)
  }
}
