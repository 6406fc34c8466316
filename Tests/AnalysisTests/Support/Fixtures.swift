import Analysis
import SimKernel
import VirtualTime

/// A Prometheus backend that answers every query with one value, or fails.
struct FixedPrometheus: PrometheusBackend {
  var answer: Result<PrometheusValue, ProviderFailure>
  var queries: [(String, SimInstant)] = []

  mutating func query(_ query: String, at instant: SimInstant) -> Result<PrometheusResponse, ProviderFailure> {
    queries.append((query, instant))
    return answer.map { PrometheusResponse($0) }
  }

  mutating func queryRange(_ query: String, start: SimInstant, end: SimInstant, step: SimDuration) -> Result<PrometheusResponse, ProviderFailure> {
    answer.map { PrometheusResponse($0) }
  }
}

enum Fixture {
  static let prometheus = ProviderSpec.prometheus(
    PrometheusQuerySpec(address: "http://prometheus.example:9090", query: "sum(rate(x[1m]))"))

  static func metric(
    _ name: String = "m", interval: String = "", initialDelay: String = "", count: Int? = nil,
    success: String = "", failure: String = "", failureLimit: Int? = nil, inconclusiveLimit: Int? = nil,
    consecutiveErrorLimit: Int? = nil, consecutiveSuccessLimit: Int? = nil, provider: ProviderSpec = prometheus
  ) -> MetricSpec {
    MetricSpec(
      name: name, interval: interval, initialDelay: initialDelay, count: count, successCondition: success,
      failureCondition: failure, failureLimit: failureLimit, inconclusiveLimit: inconclusiveLimit,
      consecutiveErrorLimit: consecutiveErrorLimit, consecutiveSuccessLimit: consecutiveSuccessLimit,
      providers: [provider])
  }

  static func run(_ metrics: [MetricSpec], dryRun: [String] = [], args: [RunArgument] = [], seed: UInt64 = 1) -> SimulatedAnalysisRun {
    SimulatedAnalysisRun(
      name: "demo-6f9c-2", spec: AnalysisRunSpec(metrics: metrics, args: args, dryRun: dryRun),
      random: SeededRandom(seed: seed))
  }

  /// A driver with scripted providers for the named metrics and the table conditions.
  static func driver(_ run: SimulatedAnalysisRun, scripts: [String: [Scripted]] = [:], models: ProviderModels = ProviderModels(),
    prometheus: (any PrometheusBackend)? = nil, signals: (any SignalSource)? = nil) -> RunDriver
  {
    RunDriver(
      run,
      environment: AnalysisEnvironment(
        models: models, conditions: TableConditions.standard, prometheus: prometheus, signals: signals,
        factory: ScriptedFactory(scripts: scripts)))
  }
}
