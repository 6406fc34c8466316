import Diagnostics

/// A template-side argument (`spec.args[]` of an AnalysisTemplate / AnalysisRun).
public struct AnalysisArgument: Sendable, Hashable {
  public enum Source: Sendable, Hashable {
    /// Read from a Secret in the run's namespace when the run measures.
    case secretKeyRef(name: Located<String>, key: Located<String>)
    /// Written in a template, a `fieldRef` is **not** resolved by the AnalysisRun controller: the run
    /// goes Error ("argument … was not supplied") unless the Rollout passes a value.
    case fieldRef(Located<String>)
  }

  public var name: Located<String>?
  public var value: Located<String>?
  public var valueFrom: Source?
  public var location: SourceLocation

  public init(name: Located<String>? = nil, value: Located<String>? = nil, valueFrom: Source? = nil, location: SourceLocation = .synthesized) {
    self.name = name
    self.value = value
    self.valueFrom = valueFrom
    self.location = location
  }

  public init(decoding node: YAMLNode) {
    var source: Source?
    if let from = node["valueFrom"] {
      if let secret = from["secretKeyRef"], secret.isMapping {
        source = .secretKeyRef(
          name: secret.string("name") ?? Located("", at: secret.location),
          key: secret.string("key") ?? Located("", at: secret.location))
      } else if let path = from["fieldRef"]?.string("fieldPath") {
        source = .fieldRef(path)
      }
    }
    self.init(name: node.string("name"), value: node.string("value"), valueFrom: source, location: node.location)
  }

  public var nameValue: String { name?.value ?? "" }
}

/// `headers[]` of the Web and Prometheus providers.
public struct HTTPHeader: Sendable, Hashable {
  public var key: Located<String>?
  public var value: Located<String>?

  public init(key: Located<String>? = nil, value: Located<String>? = nil) {
    self.key = key
    self.value = value
  }

  public init(decoding node: YAMLNode) {
    self.init(key: node.string("key"), value: node.string("value"))
  }
}

public struct PrometheusMetric: Sendable, Hashable {
  public struct RangeQuery: Sendable, Hashable {
    public var start: Located<String>?
    public var end: Located<String>?
    public var step: Located<String>?
    public init(start: Located<String>? = nil, end: Located<String>? = nil, step: Located<String>? = nil) {
      self.start = start
      self.end = end
      self.step = step
    }
  }

  public var address: Located<String>?
  public var query: Located<String>?
  /// Seconds.
  public var timeout: Located<Int>?
  public var insecure: Bool
  public var headers: [HTTPHeader]
  public var rangeQuery: RangeQuery?
  public var authentication: YAMLNode?
  public var location: SourceLocation

  public init(
    address: Located<String>? = nil, query: Located<String>? = nil, timeout: Located<Int>? = nil, insecure: Bool = false,
    headers: [HTTPHeader] = [], rangeQuery: RangeQuery? = nil, authentication: YAMLNode? = nil,
    location: SourceLocation = .synthesized
  ) {
    self.address = address
    self.query = query
    self.timeout = timeout
    self.insecure = insecure
    self.headers = headers
    self.rangeQuery = rangeQuery
    self.authentication = authentication
    self.location = location
  }

  public init(decoding node: YAMLNode) {
    self.init(
      address: node.string("address"), query: node.string("query"), timeout: node.int("timeout"),
      insecure: node.flag("insecure"), headers: node.list("headers", HTTPHeader.init(decoding:)),
      rangeQuery: node.object("rangeQuery") { RangeQuery(start: $0.string("start"), end: $0.string("end"), step: $0.string("step")) },
      authentication: node.raw("authentication"), location: node.location)
  }
}

public struct WebMetric: Sendable, Hashable {
  /// GET (default), POST or PUT.
  public var method: Located<String>?
  public var url: Located<String>?
  public var headers: [HTTPHeader]
  public var body: Located<String>?
  public var jsonBody: YAMLNode?
  public var timeoutSeconds: Located<Int>?
  public var jsonPath: Located<String>?
  public var insecure: Bool
  public var authentication: YAMLNode?
  public var location: SourceLocation

  public init(
    method: Located<String>? = nil, url: Located<String>? = nil, headers: [HTTPHeader] = [], body: Located<String>? = nil,
    jsonBody: YAMLNode? = nil, timeoutSeconds: Located<Int>? = nil, jsonPath: Located<String>? = nil,
    insecure: Bool = false, authentication: YAMLNode? = nil, location: SourceLocation = .synthesized
  ) {
    self.method = method
    self.url = url
    self.headers = headers
    self.body = body
    self.jsonBody = jsonBody
    self.timeoutSeconds = timeoutSeconds
    self.jsonPath = jsonPath
    self.insecure = insecure
    self.authentication = authentication
    self.location = location
  }

  public init(decoding node: YAMLNode) {
    self.init(
      method: node.string("method"), url: node.string("url"), headers: node.list("headers", HTTPHeader.init(decoding:)),
      body: node.string("body"), jsonBody: node.raw("jsonBody"), timeoutSeconds: node.int("timeoutSeconds"),
      jsonPath: node.string("jsonPath"), insecure: node.flag("insecure"), authentication: node.raw("authentication"),
      location: node.location)
  }
}

/// The Job provider: a Kubernetes Job spec (kept raw) plus the fields a Job model needs.
public struct JobMetric: Sendable, Hashable {
  public var metadata: LabelsAndAnnotations?
  /// The whole `spec` (a batch/v1 JobSpec).
  public var spec: YAMLNode
  public var backoffLimit: Located<Int>?
  public var activeDeadlineSeconds: Located<Int>?
  public var containers: [Container]
  public var location: SourceLocation

  public init(
    metadata: LabelsAndAnnotations? = nil, spec: YAMLNode = .mapping([]), backoffLimit: Located<Int>? = nil,
    activeDeadlineSeconds: Located<Int>? = nil, containers: [Container] = [], location: SourceLocation = .synthesized
  ) {
    self.metadata = metadata
    self.spec = spec
    self.backoffLimit = backoffLimit
    self.activeDeadlineSeconds = activeDeadlineSeconds
    self.containers = containers
    self.location = location
  }

  public init(decoding node: YAMLNode) {
    let spec = node["spec"] ?? .mapping([], at: node.location)
    self.init(
      metadata: node.object("metadata", LabelsAndAnnotations.init(decoding:)), spec: spec,
      backoffLimit: spec.int("backoffLimit"), activeDeadlineSeconds: spec.int("activeDeadlineSeconds"),
      containers: spec["template"]?["spec"]?.list("containers", Container.init(decoding:)) ?? [],
      location: node.location)
  }

  /// The images of the Job's containers.
  public var containerImages: [Located<String>] { containers.compactMap(\.image) }
}

/// A provider rollout-sim keeps raw (Datadog, Kayenta, New Relic, … and `plugin` entries): its values
/// come from the scenario's bindings.
public struct RawProvider: Sendable, Hashable {
  /// `datadog`, `kayenta`, … or the plugin name for `plugin` entries (`argoproj-labs/metric-ai`).
  public var name: String
  public var isPlugin: Bool
  public var config: YAMLNode
  public var location: SourceLocation

  public init(name: String, isPlugin: Bool = false, config: YAMLNode = .mapping([]), location: SourceLocation = .synthesized) {
    self.name = name
    self.isPlugin = isPlugin
    self.config = config
    self.location = location
  }
}

/// `provider:` of a metric. Argo requires exactly one; validation reports none or several.
public struct MetricProvider: Sendable, Hashable {
  public var prometheus: PrometheusMetric?
  public var web: WebMetric?
  public var job: JobMetric?
  public var others: [RawProvider]
  public var location: SourceLocation

  public init(
    prometheus: PrometheusMetric? = nil, web: WebMetric? = nil, job: JobMetric? = nil, others: [RawProvider] = [],
    location: SourceLocation = .synthesized
  ) {
    self.prometheus = prometheus
    self.web = web
    self.job = job
    self.others = others
    self.location = location
  }

  public init(decoding node: YAMLNode) {
    var others: [RawProvider] = []
    for entry in node.entries ?? [] where !entry.value.isNull {
      if AnalysisSchemas.rawProviders.contains(entry.key) {
        others.append(RawProvider(name: entry.key, config: entry.value, location: entry.keyLocation))
      } else if entry.key == "plugin" {
        for plugin in entry.value.entries ?? [] {
          others.append(RawProvider(name: plugin.key, isPlugin: true, config: plugin.value, location: plugin.keyLocation))
        }
      }
    }
    self.init(
      prometheus: node.object("prometheus", PrometheusMetric.init(decoding:)),
      web: node.object("web", WebMetric.init(decoding:)), job: node.object("job", JobMetric.init(decoding:)),
      others: others, location: node.location)
  }

  /// The configured providers by name (`prometheus`, `web`, `job`, `datadog`, `plugin/NAME`…).
  public var names: [String] {
    var names: [String] = []
    if prometheus != nil { names.append("prometheus") }
    if web != nil { names.append("web") }
    if job != nil { names.append("job") }
    names.append(contentsOf: others.map { $0.isPlugin ? "plugin/\($0.name)" : $0.name })
    return names
  }
}

/// One metric of an analysis (all fields of Argo's `Metric`).
///
/// Argo substitutes `{{args.x}}` into the JSON of a metric and decodes it again, so `count`,
/// `interval`, limits and queries may be templated; decode a metric from the node that
/// ``ArgSubstitution`` returns to see the values a run uses.
public struct Metric: Sendable, Hashable {
  public static let defaultConsecutiveErrorLimit = 4

  public var name: Located<String>?
  /// A Go duration string (unit required).
  public var interval: Located<String>?
  public var initialDelay: Located<String>?
  public var count: Located<IntOrString>?
  public var successCondition: Located<String>?
  public var failureCondition: Located<String>?
  public var failureLimit: Located<IntOrString>?
  public var inconclusiveLimit: Located<IntOrString>?
  public var consecutiveErrorLimit: Located<IntOrString>?
  public var consecutiveSuccessLimit: Located<IntOrString>?
  public var provider: MetricProvider
  /// The metric as written: the input of ``ArgSubstitution``.
  public var node: YAMLNode

  public init(
    name: Located<String>? = nil, interval: Located<String>? = nil, initialDelay: Located<String>? = nil,
    count: Located<IntOrString>? = nil, successCondition: Located<String>? = nil,
    failureCondition: Located<String>? = nil, failureLimit: Located<IntOrString>? = nil,
    inconclusiveLimit: Located<IntOrString>? = nil, consecutiveErrorLimit: Located<IntOrString>? = nil,
    consecutiveSuccessLimit: Located<IntOrString>? = nil, provider: MetricProvider = MetricProvider(),
    node: YAMLNode = .mapping([])
  ) {
    self.name = name
    self.interval = interval
    self.initialDelay = initialDelay
    self.count = count
    self.successCondition = successCondition
    self.failureCondition = failureCondition
    self.failureLimit = failureLimit
    self.inconclusiveLimit = inconclusiveLimit
    self.consecutiveErrorLimit = consecutiveErrorLimit
    self.consecutiveSuccessLimit = consecutiveSuccessLimit
    self.provider = provider
    self.node = node
  }

  public init(decoding node: YAMLNode) {
    self.init(
      name: node.string("name"), interval: node.string("interval"), initialDelay: node.string("initialDelay"),
      count: node.intOrString("count"), successCondition: node.string("successCondition"),
      failureCondition: node.string("failureCondition"), failureLimit: node.intOrString("failureLimit"),
      inconclusiveLimit: node.intOrString("inconclusiveLimit"),
      consecutiveErrorLimit: node.intOrString("consecutiveErrorLimit"),
      consecutiveSuccessLimit: node.intOrString("consecutiveSuccessLimit"),
      provider: node.object("provider", MetricProvider.init(decoding:)) ?? MetricProvider(location: node.location),
      node: node)
  }

  public var nameValue: String { name?.value ?? "" }
  public var location: SourceLocation { node.location }

  /// Argo's `EffectiveCount`: `count` when it is non-zero; otherwise 1 without an interval and nil
  /// (measure forever) with one.
  public var effectiveCount: Int? {
    Self.effectiveCount(count: count?.value.intValue, hasInterval: !(interval?.value ?? "").isEmpty)
  }

  /// `Metric.EffectiveCount()` for any model of a metric (as written, as a run measures it, as a
  /// report shows it).
  public static func effectiveCount(count: Int?, hasInterval: Bool) -> Int? {
    if let count, count != 0 { return count }
    return hasInterval ? nil : 1
  }

  /// failureLimit (default 0; -1 disables failure).
  public var failureLimitValue: Int { failureLimit?.value.intValue ?? 0 }
  /// inconclusiveLimit (default 0).
  public var inconclusiveLimitValue: Int { inconclusiveLimit?.value.intValue ?? 0 }
  /// consecutiveErrorLimit (default 4).
  public var consecutiveErrorLimitValue: Int { consecutiveErrorLimit?.value.intValue ?? Self.defaultConsecutiveErrorLimit }
  /// consecutiveSuccessLimit (default 0 = disabled).
  public var consecutiveSuccessLimitValue: Int { consecutiveSuccessLimit?.value.intValue ?? 0 }
}
