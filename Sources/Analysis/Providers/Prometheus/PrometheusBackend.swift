import VirtualTime

/// Evaluates PromQL over the simulated telemetry, as the Prometheus HTTP API would answer it.
public protocol PrometheusBackend: Sendable {
  /// `/api/v1/query` at an instant.
  mutating func query(_ query: String, at instant: SimInstant) -> Result<PrometheusResponse, ProviderFailure>
  /// `/api/v1/query_range`.
  mutating func queryRange(
    _ query: String, start: SimInstant, end: SimInstant, step: SimDuration
  ) -> Result<PrometheusResponse, ProviderFailure>
}

/// A successful answer: the value and the API's warnings.
public struct PrometheusResponse: Sendable, Hashable {
  public var value: PrometheusValue
  public var warnings: [String]

  public init(_ value: PrometheusValue, warnings: [String] = []) {
    self.value = value
    self.warnings = warnings
  }
}

/// A query's result as the provider sees it: label sets are dropped, order is the response order.
public enum PrometheusValue: Sendable, Hashable {
  case scalar(Double)
  case vector([Double])
  /// One array of sample values per series.
  case matrix([[Double]])
  case string(String)
}
