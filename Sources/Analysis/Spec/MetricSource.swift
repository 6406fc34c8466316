import Manifests

/// A metric as the run's spec holds it: before `{{args.x}}` substitution. The run resolves it on every
/// reconcile, as Argo does, so a bad argument makes the run Error rather than failing its creation.
public enum MetricSource: Sendable, Hashable {
  /// A metric built in code; tags in its string fields are substituted.
  case spec(MetricSpec)
  /// A metric of an AnalysisTemplate: substituted in its JSON as Argo does (`ResolveMetricArgs`), so
  /// `count`, `interval` and the limits can be templated too.
  case manifest(Manifests.Metric)

  /// The metric's name as written (before substitution).
  public var name: String {
    switch self {
    case .spec(let spec): spec.name
    case .manifest(let metric): metric.nameValue
    }
  }

  /// `ResolveMetricArgs`: the metric with every tag replaced, or why that failed. `ResolveArgs` first
  /// requires every argument to have a value.
  func resolve(_ arguments: [(name: String, value: String?)]) -> Result<MetricSpec, ArgumentFailure> {
    switch self {
    case .manifest(let metric):
      let values = arguments.map { ArgSubstitution.Value(name: $0.name, value: $0.value) }
      do {
        return .success(MetricSpec(try ArgSubstitution.resolve(metric, args: values)))
      } catch {
        switch error {
        case .notSupplied(let name): return .failure(ArgumentFailure("argument \"\(name)\" was not supplied"))
        default: return .failure(ArgumentFailure(error.description))
        }
      }
    case .spec(let spec):
      var template: MetricArgTemplate
      switch MetricArgTemplate.make(arguments) {
      case .success(let t): template = t
      case .failure(let f): return .failure(f)
      }
      var failure: ArgumentFailure?
      let resolved = spec.mappingStrings { text in
        if failure != nil { return text }
        switch template.substitute(text) {
        case .success(let out): return out
        case .failure(let error):
          failure = error
          return text
        }
      }
      if let failure { return .failure(failure) }
      if let unresolved = template.unresolvedError { return .failure(ArgumentFailure(unresolved)) }
      return .success(resolved)
    }
  }
}

extension MetricSpec {
  /// The metric with `transform` applied to every string field, in the order Go serialises them.
  func mappingStrings(_ transform: (String) -> String) -> MetricSpec {
    var m = self
    m.name = transform(name)
    m.interval = transform(interval)
    m.initialDelay = transform(initialDelay)
    m.successCondition = transform(successCondition)
    m.failureCondition = transform(failureCondition)
    m.providers = providers.map { $0.mappingStrings(transform) }
    return m
  }
}

extension ProviderSpec {
  func mappingStrings(_ t: (String) -> String) -> ProviderSpec {
    switch self {
    case .prometheus(var p):
      p.address = t(p.address)
      p.query = t(p.query)
      if var range = p.rangeQuery {
        range.start = t(range.start)
        range.end = t(range.end)
        range.step = t(range.step)
        p.rangeQuery = range
      }
      p.basicAuthUsername = t(p.basicAuthUsername)
      p.basicAuthPassword = t(p.basicAuthPassword)
      p.oauth2 = p.oauth2.map { OAuth2Spec(tokenURL: t($0.tokenURL), clientID: t($0.clientID), clientSecret: t($0.clientSecret)) }
      return .prometheus(p)
    case .web(var w):
      w.method = t(w.method)
      w.url = t(w.url)
      w.headers = w.headers.map { .init(key: t($0.key), value: t($0.value)) }
      w.body = t(w.body)
      w.jsonBody = w.jsonBody.map(t)
      w.jsonPath = t(w.jsonPath)
      w.oauth2 = w.oauth2.map { OAuth2Spec(tokenURL: t($0.tokenURL), clientID: t($0.clientID), clientSecret: t($0.clientSecret)) }
      return .web(w)
    case .job(var j):
      j.containers = j.containers.map { .init(name: t($0.name), image: t($0.image)) }
      return .job(j)
    case .other(var o):
      o.query = t(o.query)
      return .other(o)
    }
  }
}
