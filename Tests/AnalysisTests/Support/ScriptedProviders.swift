import Analysis
import SimKernel
import VirtualTime

/// What a scripted provider's n-th measurement of a metric returns.
enum Scripted: Sendable, Hashable {
  case successful
  case failed
  case inconclusive
  case error(String)
  /// A result classified by the metric's conditions, as a real provider does.
  case result(ResultValue)
  /// A measurement in flight until the given duration after it started, then this outcome.
  indirect case takes(SimDuration, Scripted)
}

/// A provider that replays a script per metric (the last entry repeats).
struct ScriptedProvider: MeasurementProvider {
  var script: [Scripted]
  var typeName: String { "Scripted" }

  func outcome(_ sequence: Int) -> Scripted { script[min(sequence - 1, script.count - 1)] }

  func run(_ request: MeasurementRequest, environment: inout AnalysisEnvironment) -> Measurement {
    var m = Measurement(startedAt: request.now)
    switch outcome(request.sequence) {
    case .takes(let duration, _):
      m.phase = .running
      m.resumeAt = request.now + duration
      return m
    case let other:
      return finish(other, m, request, environment)
    }
  }

  func resume(_ request: MeasurementRequest, _ measurement: Measurement, environment: inout AnalysisEnvironment) -> Measurement {
    guard case .takes(_, let then) = outcome(request.sequence) else { return measurement }
    return finish(then, measurement, request, environment)
  }

  func terminate(_ request: MeasurementRequest, _ measurement: Measurement, environment: inout AnalysisEnvironment) -> Measurement {
    var m = measurement
    m.phase = .inconclusive
    m.finishedAt = request.now
    return m
  }

  func finish(_ outcome: Scripted, _ measurement: Measurement, _ request: MeasurementRequest, _ environment: AnalysisEnvironment) -> Measurement {
    var m = measurement
    m.finishedAt = request.now
    m.resumeAt = nil
    switch outcome {
    case .successful: m.phase = .successful
    case .failed: m.phase = .failed
    case .inconclusive: m.phase = .inconclusive
    case .error(let message):
      m.phase = .error
      m.message = message
    case .result(let value):
      let (phase, error) = ResultClassifier.classify(
        value, success: request.metric.successCondition, failure: request.metric.failureCondition,
        using: environment.conditions)
      m.phase = phase
      if let error { m.message = error } else { m.value = value.jsonText }
    case .takes: m.phase = .error
    }
    return m
  }
}

/// Scripted providers for the metrics named; the standard ones for the rest.
struct ScriptedFactory: ProviderFactory {
  var scripts: [String: [Scripted]]

  func provider(for metric: MetricSpec, environment: AnalysisEnvironment) -> Result<any MeasurementProvider, ProviderFailure> {
    if let script = scripts[metric.name] { return .success(ScriptedProvider(script: script)) }
    return StandardProviderFactory().provider(for: metric, environment: environment)
  }
}

/// Conditions evaluated by Swift closures, one per expression text (what a real evaluator would do).
struct TableConditions: ConditionEvaluating {
  var table: [String: @Sendable (ResultValue) -> Result<Bool, ConditionError>]

  func evaluate(_ condition: String, result: ResultValue) -> Result<Bool, ConditionError> {
    guard let f = table[condition] else {
      let name = condition.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
      return .failure(ConditionError("unknown name \(name)"))
    }
    return f(result)
  }

  /// The expressions the acceptance rows use.
  static let standard = TableConditions(table: [
    "result[0] >= 0.9": { r in first(r).map { $0 >= 0.9 } },
    "result[0] < 0.5": { r in first(r).map { $0 < 0.5 } },
    "result[0] >= 0.95": { r in first(r).map { $0 >= 0.95 } },
    "result >= 0.9": { r in scalar(r).map { $0 >= 0.9 } },
    "result < 0.9": { r in scalar(r).map { $0 < 0.9 } },
    "result >= 0.9 || isNaN(result)": { r in scalar(r).map { $0 >= 0.9 || $0.isNaN } },
    "result > 5": { r in scalar(r).map { $0 > 5 } },
    "len(result) == 0 || result[0] >= 0.95": { r in
      if case .floats(let v) = r, v.isEmpty { return .success(true) }
      return first(r).map { $0 >= 0.95 }
    },
    "len(result) > 0 && result[0] >= 0.95": { r in
      if case .floats(let v) = r, v.isEmpty { return .success(false) }
      return first(r).map { $0 >= 0.95 }
    },
    "1": { _ in .failure(ConditionError("expected bool, but got int")) },
    "len(result) == 0 || isNaN(result[0]) || result[0] > 0.9": { r in
      if case .floats(let v) = r, v.isEmpty { return .success(true) }
      return first(r).map { $0.isNaN || $0 > 0.9 }
    },
    "result == 'It worked!'": { r in .success(r == .string("It worked!")) },
    "result == \"ok\"": { r in .success(r == .string("ok")) },
    "result.ready == true": { r in
      if case .object(let f) = r { return .success(f["ready"] == .bool(true)) }
      return .failure(ConditionError("type \(r) has no field ready"))
    },
  ])

  static func first(_ r: ResultValue) -> Result<Double, ConditionError> {
    var v: [Double] = []
    switch r {
    case .floats(let values): v = values
    case .array(let items):
      for case .number(let x) in items { v.append(x) }
    default: return .failure(ConditionError("invalid operation"))
    }
    guard let x = v.first else { return .failure(ConditionError("runtime error: index out of range [0] with length 0 (1:7)")) }
    return .success(x)
  }

  static func scalar(_ r: ResultValue) -> Result<Double, ConditionError> {
    guard case .number(let x) = r else { return .failure(ConditionError("invalid operation")) }
    return .success(x)
  }
}
