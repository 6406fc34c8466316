import Foundation
import VirtualTime

/// The Prometheus provider (metricproviders/prometheus): an instant query at the measurement instant
/// (or a range query), shaped as Argo shapes it — scalar → float64, vector → `[]float64` in response
/// order (an empty vector is `[]`), matrix → every sample flattened — then classified. Timeouts are
/// not simulated.
public struct PrometheusProvider: MeasurementProvider {
  public let spec: PrometheusQuerySpec

  public var typeName: String { "Prometheus" }

  /// `NewPrometheusAPI` / `NewPrometheusProvider`: the configuration errors Argo reports before querying.
  public static func make(_ spec: PrometheusQuerySpec) -> Result<PrometheusProvider, ProviderFailure> {
    // An empty address is accepted: the controller's ARGO_ROLLOUTS_PROMETHEUS_ADDRESS is assumed set.
    if !spec.address.isEmpty && !isURL(spec.address) {
      return .failure(ProviderFailure("prometheus address is not is url format"))
    }
    if !spec.basicAuthUsername.isEmpty || !spec.basicAuthPassword.isEmpty {
      if spec.basicAuthUsername.isEmpty {
        return .failure(ProviderFailure("missing mandatory parameter in metric for basic auth setup: username"))
      }
      if spec.basicAuthPassword.isEmpty {
        return .failure(ProviderFailure("missing mandatory parameter in metric for basic auth setup: password"))
      }
    }
    if let oauth = spec.oauth2, !oauth.tokenURL.isEmpty, oauth.clientID.isEmpty || oauth.clientSecret.isEmpty {
      return .failure(ProviderFailure("missing mandatory parameter in metric for OAuth2 setup"))
    }
    if let timeout = spec.timeout, timeout < 0 {
      return .failure(ProviderFailure("prometheus timeout should not be negative"))
    }
    return .success(PrometheusProvider(spec: spec))
  }

  /// `IsUrl`: a scheme and a host.
  static func isURL(_ text: String) -> Bool {
    guard let schemeEnd = text.range(of: "://") else { return false }
    let scheme = text[..<schemeEnd.lowerBound]
    let host = text[schemeEnd.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" }
    return !scheme.isEmpty && scheme.allSatisfy { $0.isLetter || $0.isNumber || "+-.".contains($0) } && !host.isEmpty
      && !host.contains(" ")
  }

  public func metadata(for metric: MetricSpec) -> [String: String] {
    spec.query.isEmpty ? [:] : ["ResolvedPrometheusQuery": spec.query]
  }

  public func run(_ request: MeasurementRequest, environment: inout AnalysisEnvironment) -> Measurement {
    let now = request.now
    let measurement = Measurement(startedAt: now)
    guard var backend = environment.prometheus else {
      return measurement.markedError(
        "rollout-sim: no telemetry is available to answer the Prometheus query \(GoFloat.goQuoted(spec.query))",
        at: now)
    }
    // Moved out of the environment while it works, so its caches stay uniquely referenced.
    environment.prometheus = nil
    defer { environment.prometheus = backend }
    let response: Result<PrometheusResponse, ProviderFailure>
    if let range = spec.rangeQuery {
      let start: SimInstant
      let end: SimInstant
      switch TimeExpression.evaluate(range.start, now: now) {
      case .success(let t): start = t
      case .failure(let f): return measurement.markedError("failed to parse rangeQuery.start as time: \(f.message)", at: now)
      }
      switch TimeExpression.evaluate(range.end, now: now) {
      case .success(let t): end = t
      case .failure(let f): return measurement.markedError("failed to parse rangeQuery.end as time: \(f.message)", at: now)
      }
      let step: SimDuration
      do { step = .nanoseconds(try GoDuration.parseNanoseconds(range.step)) } catch {
        return measurement.markedError("failed to parse rangeQuery.step as duration: \(error.message)", at: now)
      }
      response = backend.queryRange(spec.query, start: start, end: end, step: step)
    } else {
      response = backend.query(spec.query, at: now)
    }
    let value: PrometheusValue
    var done = measurement
    switch response {
    case .failure(let failure): return measurement.markedError(failure.message, at: now)
    case .success(let answer):
      value = answer.value
      if !answer.warnings.isEmpty {
        done.metadata = ["warnings": answer.warnings.map { "\"\($0)\"" }.joined(separator: ", ")]
      }
    }
    let result: ResultValue
    let text: String
    switch value {
    case .scalar(let v):
      result = .number(v)
      text = GoFloat.fixed(v)
    case .vector(let values):
      result = .floats(values)
      text = "[" + values.map(GoFloat.fixed).joined(separator: ",") + "]"
    case .matrix(let series):
      let values = series.flatMap { $0 }
      result = .floats(values)
      text = "[" + values.map(GoFloat.fixed).joined(separator: ",") + "]"
    case .string:
      return done.markedError("Prometheus metric type not supported", at: now)
    }
    let (phase, error) = environment.conditions.classify(
      result, success: request.metric.successCondition, failure: request.metric.failureCondition)
    if let error { return done.markedError(error, at: now) }
    done.value = text
    done.phase = phase
    done.finishedAt = now
    return done
  }
}
