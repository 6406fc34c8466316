/// What a sweep report shows: per variant of the plan, how fast it promotes good releases and how
/// reliably it catches bad ones (design §6 `compare`). The store's `compare` fills one in; the
/// renderers rank the variants and draw the speed-versus-safety scatter with its Pareto front.
public struct SweepSummary: Sendable, Hashable, Codable {
  public var name: String
  public var scenario: String
  public var seeds: Int
  public var variants: [SweepVariant]

  public init(name: String, scenario: String, seeds: Int, variants: [SweepVariant]) {
    self.name = name
    self.scenario = scenario
    self.seeds = seeds
    self.variants = variants
  }
}

public struct SweepVariant: Sendable, Hashable, Codable {
  /// How the variant differs, e.g. `steps=plan B, interval=1m`.
  public var name: String
  public var runs: Int
  /// Aborted runs among runs of bad releases, with a 95% interval.
  public var detectionRate: Rate?
  /// Aborted runs among runs of good releases.
  public var falseRollbackRate: Rate?
  /// Seconds from the update to promotion (good releases).
  public var timeToPromote: Quantiles?
  /// Seconds from the update to the abort (bad releases).
  public var timeToDetect: Quantiles?
  /// Failed requests served by the bad release before the abort (or to the end).
  public var badRequests: Quantiles?
  /// The rank and front membership `compare` computed, when it did; otherwise `SweepRanking` decides.
  public var rank: Int?
  public var onParetoFront: Bool?

  public init(
    name: String, runs: Int, detectionRate: Rate? = nil, falseRollbackRate: Rate? = nil, timeToPromote: Quantiles? = nil,
    timeToDetect: Quantiles? = nil, badRequests: Quantiles? = nil, rank: Int? = nil, onParetoFront: Bool? = nil
  ) {
    self.rank = rank
    self.onParetoFront = onParetoFront
    self.name = name
    self.runs = runs
    self.detectionRate = detectionRate
    self.falseRollbackRate = falseRollbackRate
    self.timeToPromote = timeToPromote
    self.timeToDetect = timeToDetect
    self.badRequests = badRequests
  }

  public struct Rate: Sendable, Hashable, Codable {
    public var value: Double
    public var low: Double
    public var high: Double
    public var count: Int
    public var of: Int
    public init(value: Double, low: Double, high: Double, count: Int, of: Int) {
      self.value = value
      self.low = low
      self.high = high
      self.count = count
      self.of = of
    }
  }

  public struct Quantiles: Sendable, Hashable, Codable {
    public var p50: Double
    public var p95: Double
    public init(p50: Double, p95: Double) {
      self.p50 = p50
      self.p95 = p95
    }
  }

  /// Speed: the median time to promote a good release (lower is better).
  public var speed: Double? { timeToPromote?.p50 }
  /// Safety: the share of bad releases caught (higher is better).
  public var safety: Double? { detectionRate?.value }
}

/// The ranking of a sweep's variants: the Pareto front of speed against safety first, then by
/// detection rate, false rollbacks and speed.
public struct SweepRanking: Sendable, Hashable {
  public struct Entry: Sendable, Hashable {
    public var rank: Int
    public var variant: SweepVariant
    /// No other variant is at least as fast and at least as safe, and better in one.
    public var onFront: Bool
  }

  public var entries: [Entry]

  public init(_ summary: SweepSummary) {
    let variants = summary.variants
    // A ranking computed by `compare` is kept as it is, so the report and the table agree.
    if !variants.isEmpty, variants.allSatisfy({ $0.rank != nil && $0.onParetoFront != nil }) {
      entries = variants.sorted { ($0.rank!, $0.name) < ($1.rank!, $1.name) }.map {
        Entry(rank: $0.rank!, variant: $0, onFront: $0.onParetoFront!)
      }
      return
    }
    let front = Self.front(variants)
    let order = variants.indices.sorted { a, b in
      let va = variants[a], vb = variants[b]
      if front.contains(a) != front.contains(b) { return front.contains(a) }
      let sa = va.safety ?? -1, sb = vb.safety ?? -1
      if sa != sb { return sa > sb }
      let fa = va.falseRollbackRate?.value ?? 2, fb = vb.falseRollbackRate?.value ?? 2
      if fa != fb { return fa < fb }
      let ta = va.speed ?? .infinity, tb = vb.speed ?? .infinity
      if ta != tb { return ta < tb }
      return va.name < vb.name
    }
    entries = order.enumerated().map { Entry(rank: $0.offset + 1, variant: variants[$0.element], onFront: front.contains($0.element)) }
  }

  /// Indices of the variants on the Pareto front (those with both a speed and a safety figure).
  public static func front(_ variants: [SweepVariant]) -> Set<Int> {
    var front = Set<Int>()
    for (i, v) in variants.enumerated() {
      guard let x = v.speed, let y = v.safety else { continue }
      let dominated = variants.enumerated().contains { j, w in
        guard j != i, let wx = w.speed, let wy = w.safety else { return false }
        return wx <= x && wy >= y && (wx < x || wy > y)
      }
      if !dominated { front.insert(i) }
    }
    return front
  }
}
