import Manifests

extension MetricSpec {
  /// A metric of a manifest (after argument substitution) in the engine's terms: counts and limits
  /// become `IntOrString.IntValue()` (a non-numeric string is 0), providers what the simulated
  /// providers read.
  public init(_ metric: Manifests.Metric) {
    self.init(
      name: metric.nameValue, interval: metric.interval?.value ?? "", initialDelay: metric.initialDelay?.value ?? "",
      count: metric.count?.value.intValue, successCondition: metric.successCondition?.value ?? "",
      failureCondition: metric.failureCondition?.value ?? "", failureLimit: metric.failureLimit?.value.intValue,
      inconclusiveLimit: metric.inconclusiveLimit?.value.intValue,
      consecutiveErrorLimit: metric.consecutiveErrorLimit?.value.intValue,
      consecutiveSuccessLimit: metric.consecutiveSuccessLimit?.value.intValue,
      providers: ProviderSpec.all(metric.provider))
  }
}

extension ProviderSpec {
  static func all(_ provider: MetricProvider) -> [ProviderSpec] {
    var specs: [ProviderSpec] = []
    if let p = provider.prometheus {
      let auth = p.authentication
      specs.append(
        .prometheus(
          PrometheusQuerySpec(
            address: p.address?.value ?? "", query: p.query?.value ?? "", timeout: p.timeout?.value,
            rangeQuery: p.rangeQuery.map {
              .init(start: $0.start?.value ?? "", end: $0.end?.value ?? "", step: $0.step?.value ?? "")
            },
            basicAuthUsername: auth?["basicAuth"]?["username"]?.stringValue ?? "",
            basicAuthPassword: auth?["basicAuth"]?["password"]?.stringValue ?? "", oauth2: oauth2(auth))))
    }
    if let w = provider.web {
      specs.append(
        .web(
          WebRequestSpec(
            method: w.method?.value ?? "", url: w.url?.value ?? "",
            headers: w.headers.map { .init(key: $0.key?.value ?? "", value: $0.value?.value ?? "") },
            body: w.body?.value ?? "", jsonBody: w.jsonBody.map { $0.jsonText() },
            timeoutSeconds: w.timeoutSeconds?.value ?? 0, jsonPath: w.jsonPath?.value ?? "", oauth2: oauth2(w.authentication))))
    }
    if let j = provider.job {
      specs.append(
        .job(
          JobSpec(
            backoffLimit: j.backoffLimit?.value, activeDeadlineSeconds: j.activeDeadlineSeconds?.value,
            containers: j.containers.map { .init(name: $0.name?.value ?? "", image: $0.image?.value ?? "") })))
    }
    for other in provider.others {
      let kind: OtherProviderSpec.Kind? = other.isPlugin ? .plugin(other.name) : OtherProviderSpec.Kind(key: other.name)
      guard let kind else { continue }
      var threshold: OtherProviderSpec.KayentaThreshold?
      if kind == .kayenta, let t = other.config["threshold"] {
        threshold = .init(pass: Int(t["pass"]?.intValue ?? 0), marginal: Int(t["marginal"]?.intValue ?? 0))
      }
      specs.append(.other(OtherProviderSpec(kind: kind, query: other.config["query"]?.stringValue ?? "", kayentaThreshold: threshold)))
    }
    return specs
  }

  static func oauth2(_ authentication: YAMLNode?) -> OAuth2Spec? {
    guard let node = authentication?["oauth2"], node.isMapping else { return nil }
    return OAuth2Spec(
      tokenURL: node["tokenUrl"]?.stringValue ?? "", clientID: node["clientId"]?.stringValue ?? "",
      clientSecret: node["clientSecret"]?.stringValue ?? "")
  }
}
