import VirtualTime

/// `v1alpha1.AnalysisRunStatus`.
public struct AnalysisRunStatus: Sendable, Hashable {
  public var phase: AnalysisPhase
  public var message: String
  /// In order of each metric's first measurement.
  public var metricResults: [MetricResult]
  public var startedAt: SimInstant?
  public var completedAt: SimInstant?
  public var runSummary: RunSummary
  public var dryRunSummary: RunSummary?

  public init(
    phase: AnalysisPhase = .pending, message: String = "", metricResults: [MetricResult] = [],
    startedAt: SimInstant? = nil, completedAt: SimInstant? = nil, runSummary: RunSummary = RunSummary(),
    dryRunSummary: RunSummary? = nil
  ) {
    self.phase = phase
    self.message = message
    self.metricResults = metricResults
    self.startedAt = startedAt
    self.completedAt = completedAt
    self.runSummary = runSummary
    self.dryRunSummary = dryRunSummary
  }

  /// `GetResult`.
  public func result(_ metric: String) -> MetricResult? {
    metricResults.first { $0.name == metric }
  }

  /// `SetResult`: replaces the result of the same name, or appends it.
  mutating func setResult(_ result: MetricResult) {
    if let i = metricResults.firstIndex(where: { $0.name == result.name }) {
      metricResults[i] = result
    } else {
      metricResults.append(result)
    }
  }

  func resultIndex(_ metric: String) -> Int? {
    metricResults.firstIndex { $0.name == metric }
  }

  /// `MetricCompleted`.
  func metricCompleted(_ metric: String) -> Bool {
    guard let i = resultIndex(metric) else { return false }
    return metricResults[i].phase.isCompleted
  }

  /// `LastMeasurement`.
  func lastMeasurement(_ metric: String) -> Measurement? {
    guard let i = resultIndex(metric) else { return nil }
    return metricResults[i].measurements.last
  }

  /// The metric's count of Successful, Failed and Inconclusive measurements.
  func count(_ metric: String) -> Int {
    guard let i = resultIndex(metric) else { return 0 }
    return metricResults[i].count
  }
}
