import Foundation
import GoCompat
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

  /// `[0.97,0.95]`: Go's `fmt` of a `[]float64` as Argo stores it, built in one string.
  static func listText(_ values: [Double]) -> String {
    var text = "["
    text.reserveCapacity(2 + 24 * values.count)
    for (i, value) in values.enumerated() {
      if i > 0 { text += "," }
      GoFloat.appendFixed(value, to: &text)
    }
    text += "]"
    return text
  }

  var noTelemetryMessage: String {
    "rollout-sim: no telemetry is available to answer the Prometheus query \(GoQuoting.quote(spec.query))"
  }

  public func run(_ request: MeasurementRequest, environment: inout AnalysisEnvironment) -> Measurement {
    let now = request.now
    var metadata: [String: String] = [:]
    // The measurement is built once, from the outcome: copies of it on the way cost more than the work.
    switch measure(request, environment: &environment, metadata: &metadata) {
    case .success(let (phase, value)):
      return Measurement(phase: phase, startedAt: now, finishedAt: now, value: value, metadata: metadata)
    case .failure(let error):
      var measurement = Measurement(startedAt: now, metadata: metadata)
      measurement.markError(error.message, at: now)
      return measurement
    }
  }

  /// The measurement's phase and value, or the message it errs with; `metadata` gets the warnings.
  private func measure(
    _ request: MeasurementRequest, environment: inout AnalysisEnvironment, metadata: inout [String: String]
  ) -> Result<(AnalysisPhase, String), ProviderFailure> {
    let now = request.now
    // The backend answers where it is kept in the environment, so its caches stay uniquely referenced.
    let response: Result<PrometheusResponse, ProviderFailure>
    if let range = spec.rangeQuery {
      guard environment.prometheus != nil else { return .failure(ProviderFailure(noTelemetryMessage)) }
      let start: SimInstant
      let end: SimInstant
      switch TimeExpression.evaluate(range.start, now: now) {
      case .success(let t): start = t
      case .failure(let f): return .failure(ProviderFailure("failed to parse rangeQuery.start as time: \(f.message)"))
      }
      switch TimeExpression.evaluate(range.end, now: now) {
      case .success(let t): end = t
      case .failure(let f): return .failure(ProviderFailure("failed to parse rangeQuery.end as time: \(f.message)"))
      }
      let step: SimDuration
      do { step = .nanoseconds(try GoDuration.parseNanoseconds(range.step)) } catch {
        return .failure(ProviderFailure("failed to parse rangeQuery.step as duration: \(error.message)"))
      }
      response = environment.prometheus!.queryRange(spec.query, start: start, end: end, step: step)
    } else {
      guard let answer = environment.prometheus?.query(spec.query, at: now) else {
        return .failure(ProviderFailure(noTelemetryMessage))
      }
      response = answer
    }
    let value: PrometheusValue
    switch response {
    case .failure(let failure): return .failure(failure)
    case .success(let answer):
      value = answer.value
      if !answer.warnings.isEmpty {
        metadata = ["warnings": answer.warnings.map { "\"\($0)\"" }.joined(separator: ", ")]
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
      text = Self.listText(values)
    case .matrix(let series):
      let values = series.flatMap { $0 }
      result = .floats(values)
      text = Self.listText(values)
    case .string:
      return .failure(ProviderFailure("Prometheus metric type not supported"))
    }
    let (phase, error) = environment.conditions.classify(
      result, success: request.metric.successCondition, failure: request.metric.failureCondition)
    if let error { return .failure(ProviderFailure(error)) }
    return .success((phase, text))
  }
}
