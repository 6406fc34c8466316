import Manifests

/// A metric as a run measures it: `v1alpha1.Metric` after `{{args.x}}` substitution.
///
/// Count and limits keep whether they were written (nil = absent), since Argo's defaults depend on
/// it, and hold `IntOrString.IntValue()` when they were (a string that is not an integer is 0).
public struct MetricSpec: Sendable, Hashable {
  public var name: String
  /// A Go duration string; "" when unset.
  public var interval: String
  public var initialDelay: String
  public var count: Int?
  public var successCondition: String
  public var failureCondition: String
  public var failureLimit: Int?
  public var inconclusiveLimit: Int?
  public var consecutiveErrorLimit: Int?
  public var consecutiveSuccessLimit: Int?
  /// Every provider the metric names; a valid metric has exactly one.
  public var providers: [ProviderSpec]

  public init(
    name: String, interval: String = "", initialDelay: String = "", count: Int? = nil, successCondition: String = "",
    failureCondition: String = "", failureLimit: Int? = nil, inconclusiveLimit: Int? = nil,
    consecutiveErrorLimit: Int? = nil, consecutiveSuccessLimit: Int? = nil, providers: [ProviderSpec] = []
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
    self.providers = providers
  }

  /// `Metric.EffectiveCount()`: count when non-zero; otherwise 1 without an interval, and nil
  /// (unbounded) with one.
  public var effectiveCount: Int? { Metric.effectiveCount(count: count, hasInterval: !interval.isEmpty) }

  /// The provider Argo would pick (`metricproviders.Type`): the first in Argo's precedence order.
  public var provider: ProviderSpec? {
    providers.min { $0.precedence < $1.precedence }
  }

  /// `GetConsecutiveErrorLimitOrDefault`.
  var consecutiveErrorLimitOrDefault: Int { consecutiveErrorLimit ?? Metric.defaultConsecutiveErrorLimit }
}
