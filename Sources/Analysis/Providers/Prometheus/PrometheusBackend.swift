import VirtualTime

/// Evaluates PromQL over the simulated telemetry, as the Prometheus HTTP API would answer it.
public protocol PrometheusBackend: Sendable {
  /// `/api/v1/query` at an instant.
  mutating func query(_ query: String, at instant: SimInstant) -> Result<PrometheusValue, ProviderFailure>
  /// `/api/v1/query_range`.
  mutating func queryRange(
    _ query: String, start: SimInstant, end: SimInstant, step: SimDuration
  ) -> Result<PrometheusValue, ProviderFailure>
}

/// A query's result as the provider sees it: label sets are dropped, order is the response order.
public enum PrometheusValue: Sendable, Hashable {
  case scalar(Double)
  case vector([Double])
  /// One array of sample values per series.
  case matrix([[Double]])
  case string(String)
}
