/// The simulated providers: Prometheus over the scenario's telemetry, Job and Web from their
/// scenario models, and values bindings for everything else (a binding also overrides any non-Job
/// metric it names). A provider that is neither simulated nor bound fails every measurement with a
/// message naming it.
public struct StandardProviderFactory: ProviderFactory {
  public init() {}

  public func provider(for metric: MetricSpec, environment: AnalysisEnvironment) -> Result<any MeasurementProvider, ProviderFailure> {
    guard let provider = metric.provider else {
      return .failure(ProviderFailure("no valid provider in metric '\(metric.name)'"))
    }
    if case .job = provider {
    } else if let binding = environment.models.values[metric.name] {
      return .success(ValuesProvider(binding: binding, provider: provider))
    }
    switch provider {
    case .prometheus(let spec): return PrometheusProvider.make(spec).map { $0 }
    case .web(let spec): return WebProvider.make(spec).map { $0 }
    case .job(let spec): return .success(JobProvider(spec: spec))
    case .other(let other): return .failure(ProviderFailure(ProviderSupport.unboundMessage(other.kind, metric: metric.name)))
    }
  }
}

/// What the simulation cannot answer for a metric, for `lint` and run warnings.
public enum ProviderSupport {
  static func unboundMessage(_ kind: OtherProviderSpec.Kind, metric: String) -> String {
    "rollout-sim: the \(kind.displayName) provider is not simulated; bind metric \"\(metric)\" to a signal under providers.values in the scenario"
  }

  /// Why measurements of `metric` will fail whatever the world does, or nil.
  public static func gap(for metric: MetricSpec, models: ProviderModels) -> String? {
    guard let provider = metric.provider else { return nil }
    switch provider {
    case .job:
      return models.jobs[metric.name] == nil ? "the Job metric \"\(metric.name)\" has no providers.job model in the scenario" : nil
    case .web:
      if models.values[metric.name] != nil { return nil }
      return models.web[metric.name] == nil ? "the Web metric \"\(metric.name)\" has no providers.web model in the scenario" : nil
    case .prometheus:
      return nil
    case .other(let other):
      return models.values[metric.name] == nil ? unboundMessage(other.kind, metric: metric.name) : nil
    }
  }
}
