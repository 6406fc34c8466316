/// An argument of an AnalysisRun (`v1alpha1.Argument`) after the rollout resolved its own `valueFrom`:
/// a value, a Secret reference read at measurement time, or nothing (which fails the run).
public struct RunArgument: Sendable, Hashable {
  public enum Source: Sendable, Hashable {
    case value(String)
    case secretKeyRef(name: String, key: String)
    /// A template-side `fieldRef`: the AnalysisRun controller does not resolve it.
    case fieldRef(String)
    /// Declared without a value.
    case none
  }

  public var name: String
  public var source: Source

  public init(name: String, source: Source) {
    self.name = name
    self.source = source
  }

  public static func value(_ name: String, _ value: String) -> RunArgument {
    RunArgument(name: name, source: .value(value))
  }

  var value: String? {
    if case .value(let v) = source { return v }
    return nil
  }
}

/// `spec.measurementRetention[]`: keep `limit` measurements of the metrics whose name matches.
public struct MeasurementRetentionRule: Sendable, Hashable {
  /// A Go regular expression, matched unanchored.
  public var metricName: String
  public var limit: Int

  public init(metricName: String, limit: Int) {
    self.metricName = metricName
    self.limit = limit
  }
}
