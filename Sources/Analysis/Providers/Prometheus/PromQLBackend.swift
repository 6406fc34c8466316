import PromQL
import TimeSeries
import VirtualTime

/// Answers Prometheus queries with the PromQL engine over the simulated telemetry, as the Prometheus
/// HTTP API would: parse errors are `bad_data: invalid parameter "query": 1:5: parse error: …`,
/// evaluation errors `execution: …`. Prepared queries are kept per query text.
public struct PromQLBackend: PrometheusBackend {
  /// The telemetry scraped so far; the simulation replaces it before each reconcile.
  public var store: SeriesStore
  var prepared: [String: Result<PreparedQuery, ParseErrors>] = [:]
  /// The query used last, kept out of the dictionary.
  var lastQuery: PreparedQuery?

  public init(store: SeriesStore = SeriesStore()) { self.store = store }

  /// The prepared query for `text`, taken out of the cache (the caller puts it back after use, so the
  /// query's selection caches are uniquely referenced and update in place).
  mutating func preparedQuery(_ text: String) -> Result<PreparedQuery, ProviderFailure> {
    let entry: Result<PreparedQuery, ParseErrors>
    if let last = lastQuery, last.text == text {
      // The same query as last time (a metric measuring at its interval): no hashing of the text.
      lastQuery = nil
      entry = .success(last)
    } else if let cached = prepared.removeValue(forKey: text) {
      entry = cached
      if case .failure = cached { prepared[text] = cached }
    } else {
      do { entry = .success(try PreparedQuery(text)) } catch { entry = .failure(error) }
      // Queries come from a few templates; a bound only guards against pathological sweeps.
      if prepared.count >= 1_024 { prepared.removeAll(keepingCapacity: true) }
      if case .failure = entry { prepared[text] = entry }
    }
    return entry.mapError { ProviderFailure("bad_data: invalid parameter \"query\": \($0.description)") }
  }

  /// Returns a prepared query to the cache: it becomes the last-used one.
  mutating func keep(_ query: PreparedQuery) {
    if let last = lastQuery, last.text != query.text { prepared[last.text] = .success(last) }
    lastQuery = query
  }

  public mutating func query(_ query: String, at instant: SimInstant) -> Result<PrometheusResponse, ProviderFailure> {
    var prepared: PreparedQuery
    switch preparedQuery(query) {
    case .success(let q): prepared = q
    case .failure(let f): return .failure(f)
    }
    defer { keep(prepared) }
    do {
      let result = try prepared.evaluate(at: instant.milliseconds, in: store)
      return .success(Self.response(result, query: query))
    } catch {
      return .failure(ProviderFailure("execution: \(error.message)"))
    }
  }

  public mutating func queryRange(
    _ query: String, start: SimInstant, end: SimInstant, step: SimDuration
  ) -> Result<PrometheusResponse, ProviderFailure> {
    if end < start {
      return .failure(ProviderFailure("bad_data: invalid parameter \"end\": end timestamp must not be before start time"))
    }
    if step.milliseconds <= 0 {
      return .failure(
        ProviderFailure(
          "bad_data: invalid parameter \"step\": zero or negative query resolution step widths are not accepted. Try a positive integer"
        ))
    }
    if (end - start).milliseconds / step.milliseconds > 11_000 {
      return .failure(
        ProviderFailure(
          "bad_data: exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)"))
    }
    var prepared: PreparedQuery
    switch preparedQuery(query) {
    case .success(let q): prepared = q
    case .failure(let f): return .failure(f)
    }
    defer { keep(prepared) }
    do {
      let result = try prepared.evaluateRange(
        start: start.milliseconds, end: end.milliseconds, step: step.milliseconds, in: store)
      return .success(Self.response(result, query: query))
    } catch {
      return .failure(ProviderFailure("bad_data: \(error.message)"))
    }
  }

  static func response(_ result: QueryResult, query: String) -> PrometheusResponse {
    let warnings = result.annotations.filter { $0.kind == .warning }.map { $0.rendered(in: query) }
    switch result.value {
    case .scalar(let v): return PrometheusResponse(.scalar(v), warnings: warnings)
    case .vector(let elements): return PrometheusResponse(.vector(elements.map(\.value)), warnings: warnings)
    case .matrix(let series): return PrometheusResponse(.matrix(series.map(\.values)), warnings: warnings)
    case .string(let s): return PrometheusResponse(.string(s), warnings: warnings)
    }
  }
}

extension AnalysisEnvironment {
  /// Points the Prometheus provider at the telemetry scraped so far, keeping prepared queries.
  public mutating func setTelemetry(_ store: SeriesStore) {
    if var backend = prometheus as? PromQLBackend {
      prometheus = nil  // keep the backend uniquely referenced while it changes
      backend.store = store
      prometheus = backend
    } else {
      prometheus = PromQLBackend(store: store)
    }
  }

  /// Drops the backend's reference to the telemetry (keeping prepared queries), so the simulation
  /// can append to its store without copying it. Call after each reconcile.
  public mutating func releaseTelemetry() {
    guard var backend = prometheus as? PromQLBackend else { return }
    prometheus = nil
    backend.store = SeriesStore()
    prometheus = backend
  }
}
