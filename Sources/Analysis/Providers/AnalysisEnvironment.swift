/// Everything a run's providers may read: the scenario's provider models and secrets, the
/// condition evaluator, and the simulated world's telemetry and signals.
///
/// The simulation owns one environment and passes it to every reconcile; `prometheus` may cache
/// prepared queries, hence `inout`. A run creates its providers from `models` and `factory` at its
/// first reconcile, so those must not change while runs are live.
public struct AnalysisEnvironment: Sendable {
  public var models: ProviderModels
  public var conditions: any ConditionEvaluating
  /// Answers Prometheus queries (PromQL over the scenario's telemetry). Nil: the Prometheus
  /// provider reports that it cannot answer.
  public var prometheus: (any PrometheusBackend)?
  /// Answers values bindings (`canary.errorRate` at an instant). Nil: bindings report no signals.
  public var signals: (any SignalSource)?
  public var factory: any ProviderFactory
  /// Parsed Web response bodies (a cache; safe to share across runs).
  public var bodies = BodyCache()

  public init(
    models: ProviderModels = ProviderModels(), conditions: any ConditionEvaluating = ExprConditions(),
    prometheus: (any PrometheusBackend)? = nil, signals: (any SignalSource)? = nil,
    factory: any ProviderFactory = StandardProviderFactory()
  ) {
    self.models = models
    self.conditions = conditions
    self.prometheus = prometheus
    self.signals = signals
    self.factory = factory
  }
}

/// The scenario's provider models (design §4.2 `providers` and `secrets`), keyed by metric name.
public struct ProviderModels: Sendable, Hashable {
  /// `providers.job`: how each Job metric's Jobs behave.
  public var jobs: [String: JobModel]
  /// `providers.web`: what each Web metric's endpoint answers over time.
  public var web: [String: WebModel]
  /// `providers.values`: which signal answers a metric of any other provider.
  public var values: [String: ValuesBinding]
  /// `secrets`: the Secrets of the run's namespace.
  public var secrets: Secrets

  public init(
    jobs: [String: JobModel] = [:], web: [String: WebModel] = [:], values: [String: ValuesBinding] = [:],
    secrets: Secrets = Secrets()
  ) {
    self.jobs = jobs
    self.web = web
    self.values = values
    self.secrets = secrets
  }
}

/// Kubernetes Secrets the scenario declares: name → key → value.
public struct Secrets: Sendable, Hashable {
  public var secrets: [String: [String: String]]

  public init(_ secrets: [String: [String: String]] = [:]) { self.secrets = secrets }

  /// The value of `key` in Secret `name`, or Argo's error (`secrets "x" not found`,
  /// `key 'k' does not exist in secret 'x'`).
  public func value(name: String, key: String) -> Result<String, ProviderFailure> {
    guard let secret = secrets[name] else { return .failure(ProviderFailure("secrets \"\(name)\" not found")) }
    guard let value = secret[key] else {
      return .failure(ProviderFailure("key '\(key)' does not exist in secret '\(name)'"))
    }
    return .success(value)
  }
}
