import Foundation
import GoCompat
import VirtualTime

/// The Web provider (metricproviders/webmetric): a request answered by the scenario's `WebModel`
/// instead of the network. Non-2xx and timeouts are Errors; a JSON body is searched with the
/// metric's JSONPath (first match = `result`); a body that is not JSON is `result` as a string.
public struct WebProvider: MeasurementProvider {
  public let spec: WebRequestSpec
  let jsonPath: JSONPath

  public var typeName: String { "Web" }

  /// `NewWebMetricHttpClient` + `NewWebMetricJsonParser`: fails like Argo on incomplete OAuth2
  /// settings and on a JSONPath that does not parse.
  public static func make(_ spec: WebRequestSpec) -> Result<WebProvider, ProviderFailure> {
    if let oauth = spec.oauth2, !oauth.tokenURL.isEmpty, oauth.clientID.isEmpty || oauth.clientSecret.isEmpty {
      return .failure(ProviderFailure("missing mandatory parameter in metric for OAuth2 setup"))
    }
    do {
      let path = try JSONPath(spec.jsonPath.isEmpty ? "{$}" : spec.jsonPath)
      return .success(WebProvider(spec: spec, jsonPath: path))
    } catch {
      return .failure(ProviderFailure(error.message))
    }
  }

  var method: String { spec.method.isEmpty ? "GET" : spec.method }

  /// Go's `url.Error` operation name: `Get`, `Post`, `Put`.
  var operation: String { method.prefix(1).uppercased() + method.dropFirst().lowercased() }

  public func run(_ request: MeasurementRequest, environment: inout AnalysisEnvironment) -> Measurement {
    let now = request.now
    let measurement = Measurement(startedAt: now)
    if !spec.body.isEmpty && spec.jsonBody != nil {
      return measurement.markedError("use either Body or JSONBody; both cannot exists for WebMetric payload", at: now)
    }
    if (!spec.body.isEmpty || spec.jsonBody != nil) && method == "GET" {
      return measurement.markedError("Body/JSONBody can only be used with POST or PUT WebMetric Method types", at: now)
    }
    let scheme = spec.url.firstIndex(of: ":").map { String(spec.url[..<$0]).lowercased() } ?? ""
    guard scheme == "http" || scheme == "https" else {
      return measurement.markedError("\(operation) \(GoQuoting.quote(spec.url)): unsupported protocol scheme \(GoQuoting.quote(scheme))", at: now)
    }
    guard let model = environment.models.web[request.metric.name], let response = model.response(at: now) else {
      return measurement.markedError(
        "rollout-sim: no providers.web model answers metric \"\(request.metric.name)\" (\(method) \(spec.url)); add one to the scenario",
        at: now)
    }
    let timeout = SimDuration.seconds(Int64(spec.effectiveTimeoutSeconds))
    let outcome: CompletedResponse
    let delay: SimDuration
    if response.timeout || response.latency >= timeout {
      outcome = CompletedResponse(
        phase: .error,
        message: "\(operation) \(GoQuoting.quote(spec.url)): context deadline exceeded (Client.Timeout exceeded while awaiting headers)")
      delay = timeout
    } else {
      let body = Self.expandSignals(response.body, at: now, signals: environment.signals)
      outcome = evaluate(
        status: response.status, body: body, document: environment.bodies.parse(body), metric: request.metric,
        conditions: environment.conditions)
      delay = response.latency
    }
    guard delay > .zero else { return Self.finish(measurement, outcome, at: now) }
    var inFlight = measurement
    inFlight.phase = .running
    inFlight.resumeAt = now + delay
    inFlight.pending = .response(outcome)
    return inFlight
  }

  public func resume(_ request: MeasurementRequest, _ measurement: Measurement, environment: inout AnalysisEnvironment) -> Measurement {
    guard case .response(let outcome)? = measurement.pending, let due = measurement.resumeAt, request.now >= due else {
      return measurement
    }
    return Self.finish(measurement, outcome, at: request.now)
  }

  /// Argo's request blocks the reconcile, so a termination only takes effect once it returned.
  public func terminate(_ request: MeasurementRequest, _ measurement: Measurement, environment: inout AnalysisEnvironment) -> Measurement {
    guard case .response(let outcome)? = measurement.pending else { return measurement }
    return Self.finish(measurement, outcome, at: request.now)
  }

  static func finish(_ measurement: Measurement, _ outcome: CompletedResponse, at now: SimInstant) -> Measurement {
    var m = measurement
    m.phase = outcome.phase
    m.value = outcome.value
    m.message = outcome.message
    m.finishedAt = now
    m.resumeAt = nil
    m.pending = nil
    return m
  }

  /// `parseResponse`: the measurement a response leads to.
  func evaluate(
    status: Int, body: String, document: ResultValue?, metric: MetricSpec, conditions: any ConditionEvaluating
  ) -> CompletedResponse {
    if status < 200 || status >= 300 {
      return CompletedResponse(phase: .error, message: "received non 2xx response code: \(status)")
    }
    let result: ResultValue
    let valueText: String
    switch document {
    case nil:
      result = .string(body)
      valueText = body
    case let document?:
      let found: [[ResultValue]]
      do { found = try jsonPath.findResults(document) } catch {
        return CompletedResponse(phase: .error, message: "Could not find JSONPath in body: \(error.message)")
      }
      guard let first = found.lazy.compactMap(\.first).first else {
        return CompletedResponse(phase: .error, message: "result of web metric produced no value")
      }
      result = first
      valueText = first.jsonText
    }
    let (phase, error) = conditions.classify(
      result, success: metric.successCondition, failure: metric.failureCondition)
    if let error { return CompletedResponse(phase: .error, message: error) }
    return CompletedResponse(phase: phase, value: valueText)
  }

  /// Replaces `${SIGNAL}` with the signal's value (JSON number, or `null` without data).
  static func expandSignals(_ body: String, at now: SimInstant, signals: (any SignalSource)?) -> String {
    guard body.utf8.contains(UInt8(ascii: "$")) else { return body }
    var out = ""
    var rest = Substring(body)
    while let open = rest.range(of: "${"), let close = rest[open.upperBound...].firstIndex(of: "}") {
      out += rest[..<open.lowerBound]
      let name = String(rest[open.upperBound..<close])
      switch signals?.value(of: name, at: now) {
      case .value(let v)?: out += GoFloat.json(v)
      default: out += "null"
      }
      rest = rest[rest.index(after: close)...]
    }
    return out + rest
  }
}
