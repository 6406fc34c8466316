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
  public var metric: MetricSpec {
    get { metricBox.spec }
    set { metricBox = MetricBox(newValue) }
  }
  /// The metric by reference: the run shares one box per metric with every request, so a request
  /// costs one reference count instead of a copy of every string of the metric.
  private var metricBox: MetricBox
  public var now: SimInstant
  public var runName: String
  public var namespace: String
  /// Measurements of this metric so far + 1 (count + error + 1): the Job provider's name suffix.
  public var sequence: Int
  /// A generator for this measurement only, derived from the run's seed, the metric and `sequence`,
  /// so draws do not depend on the order metrics are measured in.
  public var random: SeededRandom {
    get {
      switch randomSource {
      case .given(let random): random
      case .forked(let runRandom, let label): runRandom.fork(label: label.description)
      }
    }
    set { randomSource = .given(newValue) }
  }

  /// Most providers draw nothing, so the run's engine hands over what derives the generator and it is
  /// derived (a label built and hashed) only when a provider asks for it.
  private enum RandomSource: Sendable {
    case given(SeededRandom)
    /// The run's generator and the label to fork it with (`metric#sequence`, built when needed).
    case forked(SeededRandom, ForkLabel)
  }
  private var randomSource: RandomSource

  private struct ForkLabel: Sendable, CustomStringConvertible {
    var name: String
    var sequence: Int
    var description: String { "\(name)#\(sequence)" }
  }

  public init(metric: MetricSpec, now: SimInstant, runName: String, namespace: String, sequence: Int, random: SeededRandom) {
    self.metricBox = MetricBox(metric)
    self.now = now
    self.runName = runName
    self.namespace = namespace
    self.sequence = sequence
    self.randomSource = .given(random)
  }

  /// A request whose `random` is `runRandom.fork(label: "\(forkLabel)#\(sequence)")`.
  init(
    metric: MetricBox, now: SimInstant, runName: String, namespace: String, sequence: Int, runRandom: SeededRandom,
    forkLabel: String
  ) {
    self.metricBox = metric
    self.now = now
    self.runName = runName
    self.namespace = namespace
    self.sequence = sequence
    self.randomSource = .forked(runRandom, ForkLabel(name: forkLabel, sequence: sequence))
  }
}

/// A metric shared by reference (see `MeasurementRequest.metric`).
final class MetricBox: Sendable {
  let spec: MetricSpec
  init(_ spec: MetricSpec) { self.spec = spec }
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
