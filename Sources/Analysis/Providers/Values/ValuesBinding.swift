/// Binds a metric to a signal of the simulated world (scenario `providers.values.<metric>`), so a
/// provider rollout-sim does not call (Datadog, New Relic, CloudWatch, Wavefront, Graphite, InfluxDB,
/// SkyWalking, Kayenta, plugins — or any other metric) gets a value at each measurement.
public struct ValuesBinding: Sendable, Hashable {
  /// How the value reaches the conditions as `result`.
  public enum Shape: Sendable, Hashable {
    /// A float64 (`result < 0.01`), as Datadog, Wavefront, CloudWatch-style scalars.
    case scalar
    /// A one-element `[]float64` (`result[0] < 0.01`), as Graphite, InfluxDB or a Prometheus vector.
    case vector
    /// A map with one field (`result.errorRate < 0.01`), as a New Relic row.
    case field(String)
  }

  public var signal: String
  public var shape: Shape

  public init(signal: String, shape: Shape = .scalar) {
    self.signal = signal
    self.shape = shape
  }
}
