import SimKernel
import VirtualTime

/// `metric.Provider`: takes a measurement (completed, or in flight with `resumeAt`), resumes an
/// in-flight one, or terminates it. Implementations are value types; everything they read of the
/// world comes through the environment.
public protocol MeasurementProvider: Sendable {
  /// Argo's provider type name (`Prometheus`, `Job`, …).
  var typeName: String { get }
  func run(_ request: MeasurementRequest, environment: inout AnalysisEnvironment) -> Measurement
  func resume(_ request: MeasurementRequest, _ measurement: Measurement, environment: inout AnalysisEnvironment) -> Measurement
  func terminate(_ request: MeasurementRequest, _ measurement: Measurement, environment: inout AnalysisEnvironment) -> Measurement
  /// `GetMetadata`: stored on the metric's result when it is first measured.
  func metadata(for metric: MetricSpec) -> [String: String]
}

extension MeasurementProvider {
  /// Providers that finish in `run` leave an in-flight measurement as it is (Argo logs a warning).
  public func resume(_ request: MeasurementRequest, _ measurement: Measurement, environment: inout AnalysisEnvironment) -> Measurement {
    measurement
  }
  public func terminate(_ request: MeasurementRequest, _ measurement: Measurement, environment: inout AnalysisEnvironment) -> Measurement {
    measurement
  }
  public func metadata(for metric: MetricSpec) -> [String: String] { [:] }
}

/// One measurement to take: the metric (arguments and secrets substituted) and where it happens.
public struct MeasurementRequest: Sendable {
  public var metric: MetricSpec
  public var now: SimInstant
  public var runName: String
  public var namespace: String
  /// Measurements of this metric so far + 1 (count + error + 1): the Job provider's name suffix.
  public var sequence: Int
  /// A generator for this measurement only, derived from the run's seed, the metric and `sequence`,
  /// so draws do not depend on the order metrics are measured in.
  public var random: SeededRandom

  public init(metric: MetricSpec, now: SimInstant, runName: String, namespace: String, sequence: Int, random: SeededRandom) {
    self.metric = metric
    self.now = now
    self.runName = runName
    self.namespace = namespace
    self.sequence = sequence
    self.random = random
  }
}

/// Why a provider could not be created (`newProvider` failed): the measurement becomes an Error
/// with this message.
public struct ProviderFailure: Error, Sendable, Hashable, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

/// `ProviderFactory.NewProvider`: the provider for a metric.
public protocol ProviderFactory: Sendable {
  func provider(for metric: MetricSpec, environment: AnalysisEnvironment) -> Result<any MeasurementProvider, ProviderFailure>
}
