import VirtualTime

/// How one revision behaves: its error rate, its latency and which status codes its errors carry.
/// Keyed by revision name (`stable`, `canary`, or any name the scenario uses) in `WorkloadModel`.
public struct RevisionProfile: Sendable, Equatable {
  /// Fraction of requests that fail, over time.
  public var errorRate: Curve
  public var latency: LatencyProfile
  /// The status codes failed requests return and their shares.
  public var errorCodes: StatusMix

  public init(
    errorRate: Curve = .constant(0, unit: .fraction), latency: LatencyProfile = .init(),
    errorCodes: StatusMix = .defaultErrors
  ) {
    self.errorRate = errorRate
    self.latency = latency
    self.errorCodes = errorCodes
  }

  /// No errors, p50 40 ms, p99 250 ms (the design's stable example without its 0.2% errors).
  public static let healthy = RevisionProfile()
}

/// Latency over time as two quantile curves (milliseconds); a log-normal is fitted per instant.
public struct LatencyProfile: Sendable, Equatable {
  public var p50: Curve
  public var p99: Curve

  public init(
    p50: Curve = .constant(40, unit: .latency), p99: Curve = .constant(250, unit: .latency)
  ) {
    self.p50 = p50
    self.p99 = p99
  }

  public func distribution(at instant: SimInstant) -> LogNormalLatency {
    distribution(atMilliseconds: instant.milliseconds)
  }

  func distribution(atMilliseconds t: Int64) -> LogNormalLatency {
    LogNormalLatency(p50: p50.value(atMilliseconds: t), p99: p99.value(atMilliseconds: t))
  }
}

/// Shares of HTTP status codes, e.g. errors split between 500 and 503.
public struct StatusMix: Sendable, Hashable {
  public struct Share: Sendable, Hashable {
    public var code: Int
    public var weight: Double
    public init(code: Int, weight: Double) {
      self.code = code
      self.weight = weight
    }
  }

  /// Codes in the order given; weights are normalised when sampling.
  public private(set) var shares: [Share]

  /// Keeps codes in 100...599 with positive finite weights; duplicates are merged.
  public init(_ shares: [Share]) {
    var merged: [Share] = []
    for share in shares where (100...599).contains(share.code) && share.weight > 0 && share.weight.isFinite {
      if let i = merged.firstIndex(where: { $0.code == share.code }) {
        merged[i].weight += share.weight
      } else {
        merged.append(share)
      }
    }
    self.shares = merged.isEmpty ? [Share(code: 500, weight: 1)] : merged
  }

  /// `[500: 1, 503: 1]` style convenience.
  public init(codes: [(Int, Double)]) {
    self.init(codes.map { Share(code: $0.0, weight: $0.1) })
  }

  /// Errors split evenly between 500 and 503.
  public static let defaultErrors = StatusMix([Share(code: 500, weight: 1), Share(code: 503, weight: 1)])
}
