/// `v1alpha1.AnalysisRunSpec`: the metrics (before argument substitution), arguments, dry-run and
/// retention rules, and the terminate flag.
public struct AnalysisRunSpec: Sendable, Hashable {
  public var metrics: [MetricSource]
  public var args: [RunArgument]
  /// `dryRun[].metricName`: Go regular expressions over metric names.
  public var dryRun: [String]
  public var measurementRetention: [MeasurementRetentionRule]
  public var terminate: Bool

  public init(
    metrics: [MetricSource], args: [RunArgument] = [], dryRun: [String] = [],
    measurementRetention: [MeasurementRetentionRule] = [], terminate: Bool = false
  ) {
    self.metrics = metrics
    self.args = args
    self.dryRun = dryRun
    self.measurementRetention = measurementRetention
    self.terminate = terminate
  }

  /// A spec of metrics built in code.
  public init(metrics: [MetricSpec], args: [RunArgument] = [], dryRun: [String] = [],
    measurementRetention: [MeasurementRetentionRule] = [], terminate: Bool = false)
  {
    self.init(metrics: metrics.map(MetricSource.spec), args: args, dryRun: dryRun,
      measurementRetention: measurementRetention, terminate: terminate)
  }
}
