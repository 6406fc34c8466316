/// Answers a metric from its values binding: the bound signal at the measurement instant, shaped as
/// the binding says, then classified by the metric's conditions — or, for Kayenta, taken as the
/// canary score and judged against the metric's `threshold {pass, marginal}`.
public struct ValuesProvider: MeasurementProvider {
  public let binding: ValuesBinding
  /// The provider the binding stands in for (its type name is kept for messages).
  public let provider: ProviderSpec

  public var typeName: String { provider.typeName }

  public func run(_ request: MeasurementRequest, environment: inout AnalysisEnvironment) -> Measurement {
    var measurement = Measurement(startedAt: request.now)
    let reading = environment.signals?.value(of: binding.signal, at: request.now)
      ?? .unknown("rollout-sim: no signals are available to answer providers.values.\(request.metric.name)")
    let number: Double?
    switch reading {
    case .unknown(let message): return measurement.markedError(message, at: request.now)
    case .noData: number = nil
    case .value(let v): number = v
    }
    if case .other(let other) = provider, other.kind == .kayenta {
      guard let score = number, score.isFinite else {
        return measurement.markedError("Missing Score", at: request.now)
      }
      let threshold = other.kayentaThreshold ?? .init(pass: 0, marginal: 0)
      let value = Int(score)
      measurement.value = String(value)
      measurement.phase = value >= threshold.pass ? .successful : value >= threshold.marginal ? .inconclusive : .failed
      measurement.finishedAt = request.now
      return measurement
    }
    let result: ResultValue
    switch (binding.shape, number) {
    case (_, nil): result = .null
    case (.scalar, let v?): result = .number(v)
    case (.vector, let v?): result = .floats([v])
    case (.field(let name), let v?): result = .object([name: .number(v)])
    }
    let (phase, error) = environment.conditions.classify(
      result, success: request.metric.successCondition, failure: request.metric.failureCondition)
    if let error { return measurement.markedError(error, at: request.now) }
    measurement.value = Self.valueText(result)
    measurement.phase = phase
    measurement.finishedAt = request.now
    return measurement
  }

  static func valueText(_ result: ResultValue) -> String {
    switch result {
    case .number(let v): GoFloat.fixed(v)
    case .floats(let values): "[" + values.map(GoFloat.fixed).joined(separator: ",") + "]"
    case .null: "[]"
    default: result.jsonText
    }
  }
}
