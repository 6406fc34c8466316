/// The provider block of a metric, reduced to what the simulated providers use.
public enum ProviderSpec: Sendable, Hashable {
  case prometheus(PrometheusQuerySpec)
  case web(WebRequestSpec)
  case job(JobSpec)
  /// Datadog, New Relic, CloudWatch, Wavefront, Graphite, InfluxDB, SkyWalking, Kayenta and plugins:
  /// answered by the scenario's values bindings.
  case other(OtherProviderSpec)

  /// Argo's provider type name (`metricproviders.Type`), as its messages print it.
  public var typeName: String {
    switch self {
    case .prometheus: "Prometheus"
    case .web: "Web"
    case .job: "Job"
    case .other(let other): other.kind.typeName
    }
  }

  /// Position in `metricproviders.Type`'s if-chain.
  var precedence: Int {
    switch self {
    case .prometheus: 0
    case .job: 1
    case .web: 3
    case .other(let other): other.kind.precedence
    }
  }
}

public struct PrometheusQuerySpec: Sendable, Hashable {
  public struct RangeQuery: Sendable, Hashable {
    /// expr time expressions such as `now() - duration("5m")`.
    public var start: String
    public var end: String
    /// A Go duration string.
    public var step: String
    public init(start: String = "", end: String = "", step: String = "") {
      self.start = start
      self.end = end
      self.step = step
    }
  }

  public var address: String
  public var query: String
  /// Seconds; nil = the default 30 s. Timeouts are not simulated, but a negative one fails like Argo.
  public var timeout: Int?
  public var rangeQuery: RangeQuery?
  public var basicAuthUsername: String
  public var basicAuthPassword: String
  public var oauth2: OAuth2Spec?

  public init(
    address: String = "", query: String = "", timeout: Int? = nil, rangeQuery: RangeQuery? = nil,
    basicAuthUsername: String = "", basicAuthPassword: String = "", oauth2: OAuth2Spec? = nil
  ) {
    self.address = address
    self.query = query
    self.timeout = timeout
    self.rangeQuery = rangeQuery
    self.basicAuthUsername = basicAuthUsername
    self.basicAuthPassword = basicAuthPassword
    self.oauth2 = oauth2
  }
}

/// `authentication.oauth2` (only checked for completeness, as Argo does before any request).
public struct OAuth2Spec: Sendable, Hashable {
  public var tokenURL: String
  public var clientID: String
  public var clientSecret: String
  public init(tokenURL: String = "", clientID: String = "", clientSecret: String = "") {
    self.tokenURL = tokenURL
    self.clientID = clientID
    self.clientSecret = clientSecret
  }
}

public struct WebRequestSpec: Sendable, Hashable {
  /// GET (default when empty), POST or PUT.
  public var method: String
  public var url: String
  public var headers: [Header]
  public var body: String
  /// `jsonBody` as JSON text; nil when absent.
  public var jsonBody: String?
  /// Seconds; 0 or negative = the default 10 s.
  public var timeoutSeconds: Int
  /// Kubernetes JSONPath; "" = `{$}`.
  public var jsonPath: String
  public var oauth2: OAuth2Spec?

  public struct Header: Sendable, Hashable {
    public var key: String
    public var value: String
    public init(key: String, value: String) {
      self.key = key
      self.value = value
    }
  }

  public init(
    method: String = "", url: String = "", headers: [Header] = [], body: String = "", jsonBody: String? = nil,
    timeoutSeconds: Int = 0, jsonPath: String = "", oauth2: OAuth2Spec? = nil
  ) {
    self.method = method
    self.url = url
    self.headers = headers
    self.body = body
    self.jsonBody = jsonBody
    self.timeoutSeconds = timeoutSeconds
    self.jsonPath = jsonPath
    self.oauth2 = oauth2
  }

  /// The client timeout Argo uses (`NewWebMetricHttpClient`).
  public var effectiveTimeoutSeconds: Int { timeoutSeconds <= 0 ? 10 : timeoutSeconds }
}

/// The parts of a Job spec that decide how the simulated Job behaves.
public struct JobSpec: Sendable, Hashable {
  public struct Container: Sendable, Hashable {
    public var name: String
    public var image: String
    public init(name: String, image: String) {
      self.name = name
      self.image = image
    }
  }

  /// `spec.backoffLimit`; nil = Kubernetes' default 6.
  public var backoffLimit: Int?
  /// `spec.activeDeadlineSeconds`.
  public var activeDeadlineSeconds: Int?
  public var containers: [Container]

  public init(backoffLimit: Int? = nil, activeDeadlineSeconds: Int? = nil, containers: [Container] = []) {
    self.backoffLimit = backoffLimit
    self.activeDeadlineSeconds = activeDeadlineSeconds
    self.containers = containers
  }

  public static let defaultBackoffLimit = 6
}

/// A provider rollout-sim does not call: it is answered from a values binding.
public struct OtherProviderSpec: Sendable, Hashable {
  public enum Kind: Sendable, Hashable {
    case kayenta, datadog, wavefront, newRelic, cloudWatch, graphite, influxdb, skyWalking
    /// A metric plugin (`plugin: {argoproj-labs/…: …}`), by its name.
    case plugin(String)

    /// The provider key as written in a metric (`datadog`, `newRelic`, `plugin`).
    public init?(key: String) {
      switch key {
      case "kayenta": self = .kayenta
      case "datadog": self = .datadog
      case "wavefront": self = .wavefront
      case "newRelic": self = .newRelic
      case "cloudWatch": self = .cloudWatch
      case "graphite": self = .graphite
      case "influxdb": self = .influxdb
      case "skywalking": self = .skyWalking
      default: return nil
      }
    }

    public var typeName: String {
      switch self {
      case .kayenta: "Kayenta"
      case .datadog: "Datadog"
      case .wavefront: "Wavefront"
      case .newRelic: "NewRelic"
      case .cloudWatch: "CloudWatch"
      case .graphite: "Graphite"
      case .influxdb: "Influxdb"
      case .skyWalking: "skywalking"
      case .plugin: "RPCPlugin"
      }
    }

    /// How users name it (for messages): `datadog`, `plugin argoproj-labs/metric-ai`.
    public var displayName: String {
      switch self {
      case .kayenta: "kayenta"
      case .datadog: "datadog"
      case .wavefront: "wavefront"
      case .newRelic: "newRelic"
      case .cloudWatch: "cloudWatch"
      case .graphite: "graphite"
      case .influxdb: "influxdb"
      case .skyWalking: "skywalking"
      case .plugin(let name): "plugin \(name)"
      }
    }

    var precedence: Int {
      switch self {
      case .kayenta: 2
      case .datadog: 4
      case .wavefront: 5
      case .newRelic: 6
      case .cloudWatch: 7
      case .graphite: 8
      case .influxdb: 9
      case .skyWalking: 10
      case .plugin: 11
      }
    }
  }

  public var kind: Kind
  /// The query as written (for messages and the record), when the provider has one.
  public var query: String
  /// Kayenta's `threshold {pass, marginal}`.
  public var kayentaThreshold: KayentaThreshold?

  public struct KayentaThreshold: Sendable, Hashable {
    public var pass: Int
    public var marginal: Int
    public init(pass: Int, marginal: Int) {
      self.pass = pass
      self.marginal = marginal
    }
  }

  public init(kind: Kind, query: String = "", kayentaThreshold: KayentaThreshold? = nil) {
    self.kind = kind
    self.query = query
    self.kayentaThreshold = kayentaThreshold
  }
}
