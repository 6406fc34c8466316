/// A metric of a run for results and reports: its phase and every measurement it ever took.
public struct MetricHistory: Sendable, Hashable {
  public var name: String
  /// Pending when the metric was never measured.
  public var phase: AnalysisPhase
  public var dryRun: Bool
  public var message: String
  public var measurements: [Measurement]

  public init(name: String, phase: AnalysisPhase, dryRun: Bool, message: String, measurements: [Measurement]) {
    self.name = name
    self.phase = phase
    self.dryRun = dryRun
    self.message = message
    self.measurements = measurements
  }
}

extension SimulatedAnalysisRun {
  /// Every metric in spec order, with all its measurements (not only the retained ones).
  public var metricHistories: [MetricHistory] {
    metricNames.map { name in
      let result = status.result(name)
      return MetricHistory(
        name: name, phase: result?.phase ?? .pending, dryRun: result?.dryRun ?? isDryRun(name),
        message: result?.message ?? "", measurements: log.measurements(name))
    }
  }
}
