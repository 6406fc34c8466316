/// The status of one metric in a run (`v1alpha1.MetricResult`): its phase, the retained measurements
/// and counters that survive trimming.
public struct MetricResult: Sendable, Hashable {
  public var name: String
  public var phase: AnalysisPhase
  /// The most recent measurements (trimmed to the retention limit, oldest first).
  public var measurements: [Measurement]
  public var message: String
  /// successful + failed + inconclusive: what `count` is compared with. Errors do not count.
  public var count: Int
  public var successful: Int
  public var failed: Int
  public var inconclusive: Int
  public var error: Int
  public var consecutiveError: Int
  public var consecutiveSuccess: Int
  public var dryRun: Bool
  /// Provider metadata (`ResolvedPrometheusQuery`). Output code must sort the keys.
  public var metadata: [String: String]

  public init(
    name: String, phase: AnalysisPhase = .running, measurements: [Measurement] = [], message: String = "",
    count: Int = 0, successful: Int = 0, failed: Int = 0, inconclusive: Int = 0, error: Int = 0,
    consecutiveError: Int = 0, consecutiveSuccess: Int = 0, dryRun: Bool = false, metadata: [String: String] = [:]
  ) {
    self.name = name
    self.phase = phase
    self.measurements = measurements
    self.message = message
    self.count = count
    self.successful = successful
    self.failed = failed
    self.inconclusive = inconclusive
    self.error = error
    self.consecutiveError = consecutiveError
    self.consecutiveSuccess = consecutiveSuccess
    self.dryRun = dryRun
    self.metadata = metadata
  }

  /// Folds a completed measurement into the counters (runMeasurements).
  mutating func count(_ phase: AnalysisPhase) {
    switch phase {
    case .successful:
      successful += 1
      count += 1
      consecutiveError = 0
      consecutiveSuccess += 1
    case .failed:
      failed += 1
      count += 1
      consecutiveError = 0
      consecutiveSuccess = 0
    case .inconclusive:
      inconclusive += 1
      count += 1
      consecutiveError = 0
      consecutiveSuccess = 0
    case .error:
      error += 1
      consecutiveError += 1
      consecutiveSuccess = 0
    case .pending, .running:
      break
    }
  }
}

/// `v1alpha1.RunSummary`: how many metrics ended in each phase.
public struct RunSummary: Sendable, Hashable {
  public var count = 0
  public var successful = 0
  public var failed = 0
  public var inconclusive = 0
  public var error = 0

  public init(count: Int = 0, successful: Int = 0, failed: Int = 0, inconclusive: Int = 0, error: Int = 0) {
    self.count = count
    self.successful = successful
    self.failed = failed
    self.inconclusive = inconclusive
    self.error = error
  }

  mutating func add(_ phase: AnalysisPhase?) {
    switch phase {
    case .error: error += 1
    case .failed: failed += 1
    case .inconclusive: inconclusive += 1
    default: successful += 1  // Argo counts anything else as successful
    }
  }
}
