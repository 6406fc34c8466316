import Diagnostics

/// `spec` of an AnalysisTemplate or ClusterAnalysisTemplate.
public struct AnalysisTemplateSpec: Sendable, Hashable {
  public var metrics: [Metric]
  public var args: [AnalysisArgument]
  public var dryRun: [Located<String>]
  public var measurementRetention: [MeasurementRetention]
  /// Nested templates, resolved recursively when a run is built.
  public var templates: [AnalysisTemplateRef]
  public var location: SourceLocation

  public init(
    metrics: [Metric] = [], args: [AnalysisArgument] = [], dryRun: [Located<String>] = [],
    measurementRetention: [MeasurementRetention] = [], templates: [AnalysisTemplateRef] = [],
    location: SourceLocation = .synthesized
  ) {
    self.metrics = metrics
    self.args = args
    self.dryRun = dryRun
    self.measurementRetention = measurementRetention
    self.templates = templates
    self.location = location
  }

  public init(decoding node: YAMLNode) {
    self.init(
      metrics: node.list("metrics", Metric.init(decoding:)), args: node.list("args", AnalysisArgument.init(decoding:)),
      dryRun: node.list("dryRun") { $0.string("metricName") ?? Located("", at: $0.location) },
      measurementRetention: node.list("measurementRetention", MeasurementRetention.init(decoding:)),
      templates: node.list("templates", AnalysisTemplateRef.init(decoding:)), location: node.location)
  }
}

/// An AnalysisTemplate or a ClusterAnalysisTemplate (same spec; `isClusterScoped` tells them apart).
public struct AnalysisTemplate: Sendable, Hashable {
  public var apiVersion: String
  public var isClusterScoped: Bool
  public var metadata: ObjectMeta
  public var spec: AnalysisTemplateSpec
  public var node: YAMLNode

  public init(
    apiVersion: String = "argoproj.io/v1alpha1", isClusterScoped: Bool = false, metadata: ObjectMeta = ObjectMeta(),
    spec: AnalysisTemplateSpec = AnalysisTemplateSpec(), node: YAMLNode = .mapping([])
  ) {
    self.apiVersion = apiVersion
    self.isClusterScoped = isClusterScoped
    self.metadata = metadata
    self.spec = spec
    self.node = node
  }

  public init(decoding node: YAMLNode, isClusterScoped: Bool) {
    self.init(
      apiVersion: node.stringValueAt("apiVersion"), isClusterScoped: isClusterScoped,
      metadata: ObjectMeta(decoding: node["metadata"] ?? .mapping([])),
      spec: AnalysisTemplateSpec(decoding: node["spec"] ?? .mapping([], at: node.location)), node: node)
  }

  public var name: String { metadata.nameValue }
  public var kind: String { isClusterScoped ? "ClusterAnalysisTemplate" : "AnalysisTemplate" }
  public var location: SourceLocation { node.location }
}

/// A standalone AnalysisRun.
public struct AnalysisRun: Sendable, Hashable {
  public var apiVersion: String
  public var metadata: ObjectMeta
  public var metrics: [Metric]
  public var args: [AnalysisArgument]
  public var terminate: Bool
  public var dryRun: [Located<String>]
  public var measurementRetention: [MeasurementRetention]
  public var node: YAMLNode

  public init(
    apiVersion: String = "argoproj.io/v1alpha1", metadata: ObjectMeta = ObjectMeta(), metrics: [Metric] = [],
    args: [AnalysisArgument] = [], terminate: Bool = false, dryRun: [Located<String>] = [],
    measurementRetention: [MeasurementRetention] = [], node: YAMLNode = .mapping([])
  ) {
    self.apiVersion = apiVersion
    self.metadata = metadata
    self.metrics = metrics
    self.args = args
    self.terminate = terminate
    self.dryRun = dryRun
    self.measurementRetention = measurementRetention
    self.node = node
  }

  public init(decoding node: YAMLNode) {
    let spec = node["spec"] ?? .mapping([], at: node.location)
    self.init(
      apiVersion: node.stringValueAt("apiVersion"), metadata: ObjectMeta(decoding: node["metadata"] ?? .mapping([])),
      metrics: spec.list("metrics", Metric.init(decoding:)), args: spec.list("args", AnalysisArgument.init(decoding:)),
      terminate: spec.flag("terminate"),
      dryRun: spec.list("dryRun") { $0.string("metricName") ?? Located("", at: $0.location) },
      measurementRetention: spec.list("measurementRetention", MeasurementRetention.init(decoding:)), node: node)
  }

  public var name: String { metadata.nameValue }
  public var location: SourceLocation { node.location }
}

/// A standalone Experiment (enough for experiment steps and `analyze`).
public struct Experiment: Sendable, Hashable {
  public struct Template: Sendable, Hashable {
    public var name: Located<String>?
    public var replicas: Located<Int>?
    public var minReadySeconds: Located<Int>?
    public var selector: LabelSelector?
    public var template: PodTemplate?
    public var serviceName: String?
    public var createsService: Bool
    public var location: SourceLocation

    public init(
      name: Located<String>? = nil, replicas: Located<Int>? = nil, minReadySeconds: Located<Int>? = nil,
      selector: LabelSelector? = nil, template: PodTemplate? = nil, serviceName: String? = nil,
      createsService: Bool = false, location: SourceLocation = .synthesized
    ) {
      self.name = name
      self.replicas = replicas
      self.minReadySeconds = minReadySeconds
      self.selector = selector
      self.template = template
      self.serviceName = serviceName
      self.createsService = createsService
      self.location = location
    }

    public init(decoding node: YAMLNode) {
      self.init(
        name: node.string("name"), replicas: node.int("replicas"), minReadySeconds: node.int("minReadySeconds"),
        selector: node.object("selector", LabelSelector.init(decoding:)),
        template: node.object("template", PodTemplate.init(decoding:)),
        serviceName: node["service"]?.string("name")?.value, createsService: node.entry("service") != nil,
        location: node.location)
    }
  }

  public var apiVersion: String
  public var metadata: ObjectMeta
  public var templates: [Template]
  public var duration: Located<String>?
  public var progressDeadlineSeconds: Located<Int>?
  public var terminate: Bool
  public var analyses: [ExperimentAnalysisRef]
  public var scaleDownDelaySeconds: Located<Int>?
  public var dryRun: [Located<String>]
  public var measurementRetention: [MeasurementRetention]
  public var node: YAMLNode

  public init(
    apiVersion: String = "argoproj.io/v1alpha1", metadata: ObjectMeta = ObjectMeta(), templates: [Template] = [],
    duration: Located<String>? = nil, progressDeadlineSeconds: Located<Int>? = nil, terminate: Bool = false,
    analyses: [ExperimentAnalysisRef] = [], scaleDownDelaySeconds: Located<Int>? = nil,
    dryRun: [Located<String>] = [], measurementRetention: [MeasurementRetention] = [], node: YAMLNode = .mapping([])
  ) {
    self.apiVersion = apiVersion
    self.metadata = metadata
    self.templates = templates
    self.duration = duration
    self.progressDeadlineSeconds = progressDeadlineSeconds
    self.terminate = terminate
    self.analyses = analyses
    self.scaleDownDelaySeconds = scaleDownDelaySeconds
    self.dryRun = dryRun
    self.measurementRetention = measurementRetention
    self.node = node
  }

  public init(decoding node: YAMLNode) {
    let spec = node["spec"] ?? .mapping([], at: node.location)
    self.init(
      apiVersion: node.stringValueAt("apiVersion"), metadata: ObjectMeta(decoding: node["metadata"] ?? .mapping([])),
      templates: spec.list("templates", Template.init(decoding:)), duration: spec.string("duration"),
      progressDeadlineSeconds: spec.int("progressDeadlineSeconds"), terminate: spec.flag("terminate"),
      analyses: spec.list("analyses", ExperimentAnalysisRef.init(decoding:)),
      scaleDownDelaySeconds: spec.int("scaleDownDelaySeconds"),
      dryRun: spec.list("dryRun") { $0.string("metricName") ?? Located("", at: $0.location) },
      measurementRetention: spec.list("measurementRetention", MeasurementRetention.init(decoding:)), node: node)
  }

  public var name: String { metadata.nameValue }
  public var location: SourceLocation { node.location }
}
