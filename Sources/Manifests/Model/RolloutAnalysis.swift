import Diagnostics

/// `templates[]` entry of a rollout analysis: which (Cluster)AnalysisTemplate to run.
public struct AnalysisTemplateRef: Sendable, Hashable {
  public var templateName: Located<String>?
  public var clusterScope: Bool
  public var location: SourceLocation

  public init(templateName: Located<String>? = nil, clusterScope: Bool = false, location: SourceLocation = .synthesized) {
    self.templateName = templateName
    self.clusterScope = clusterScope
    self.location = location
  }

  public init(decoding node: YAMLNode) {
    self.init(templateName: node.string("templateName"), clusterScope: node.flag("clusterScope"), location: node.location)
  }
}

/// An argument a Rollout (or Experiment step) passes to its analysis: a value, or a value the
/// controller reads from the Rollout (`fieldRef`) or from a ReplicaSet (`podTemplateHashValue`).
public struct AnalysisRunArgument: Sendable, Hashable {
  public enum Source: Sendable, Hashable {
    /// `podTemplateHashValue: Stable | Latest`.
    case podTemplateHash(Located<String>)
    /// `fieldRef.fieldPath`, e.g. `metadata.namespace` or `spec.template.spec.containers[0].image`.
    case fieldRef(Located<String>)
  }

  public var name: Located<String>?
  public var value: Located<String>?
  public var valueFrom: Source?
  public var location: SourceLocation

  public init(name: Located<String>? = nil, value: Located<String>? = nil, valueFrom: Source? = nil, location: SourceLocation = .synthesized) {
    self.name = name
    self.value = value
    self.valueFrom = valueFrom
    self.location = location
  }

  public init(decoding node: YAMLNode) {
    var source: Source?
    if let from = node["valueFrom"] {
      if let hash = from.string("podTemplateHashValue") {
        source = .podTemplateHash(hash)
      } else if let path = from["fieldRef"]?.string("fieldPath") {
        source = .fieldRef(path)
      }
    }
    self.init(name: node.string("name"), value: node.string("value"), valueFrom: source, location: node.location)
  }
}

/// `measurementRetention[]`: how many measurements of matching metrics to keep.
public struct MeasurementRetention: Sendable, Hashable {
  /// A regular expression over metric names.
  public var metricName: Located<String>
  public var limit: Int

  public init(metricName: Located<String>, limit: Int) {
    self.metricName = metricName
    self.limit = limit
  }

  public init(decoding node: YAMLNode) {
    self.init(metricName: node.string("metricName") ?? Located("", at: node.location), limit: node.int("limit")?.value ?? 0)
  }
}

/// An analysis a Rollout runs: inline step, background (`startingStep`), or blue-green pre/post promotion.
public struct RolloutAnalysis: Sendable, Hashable {
  public var templates: [AnalysisTemplateRef]
  public var args: [AnalysisRunArgument]
  /// `dryRun[].metricName` regular expressions.
  public var dryRun: [Located<String>]
  public var measurementRetention: [MeasurementRetention]
  public var analysisRunMetadata: LabelsAndAnnotations?
  /// Background analysis only: the step index at which the run starts (default 0).
  public var startingStep: Located<Int>?
  public var location: SourceLocation

  public init(
    templates: [AnalysisTemplateRef] = [], args: [AnalysisRunArgument] = [], dryRun: [Located<String>] = [],
    measurementRetention: [MeasurementRetention] = [], analysisRunMetadata: LabelsAndAnnotations? = nil,
    startingStep: Located<Int>? = nil, location: SourceLocation = .synthesized
  ) {
    self.templates = templates
    self.args = args
    self.dryRun = dryRun
    self.measurementRetention = measurementRetention
    self.analysisRunMetadata = analysisRunMetadata
    self.startingStep = startingStep
    self.location = location
  }

  public init(decoding node: YAMLNode) {
    self.init(
      templates: node.list("templates", AnalysisTemplateRef.init(decoding:)),
      args: node.list("args", AnalysisRunArgument.init(decoding:)),
      dryRun: node.list("dryRun") { $0.string("metricName") ?? Located("", at: $0.location) },
      measurementRetention: node.list("measurementRetention", MeasurementRetention.init(decoding:)),
      analysisRunMetadata: node.object("analysisRunMetadata", LabelsAndAnnotations.init(decoding:)),
      startingStep: node.int("startingStep"), location: node.location)
  }
}
