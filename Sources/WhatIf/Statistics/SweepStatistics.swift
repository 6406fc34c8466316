/// The statistics of a whole sweep: one entry per variant (in variant order), its rank and whether it
/// is on the Pareto front of speed against safety.
///
/// Everything is computed from the set of outcomes, sorted by task, so the figures do not depend on the
/// order in which runs finished (or on a sweep having been interrupted and resumed).
public struct SweepStatistics: Sendable, Hashable, Codable {
  public var variants: [VariantStatistics]
  /// Variant indices, best first.
  public var ranking: [Int]
  /// Variant indices on the Pareto front, in variant order.
  public var paretoFront: [Int]

  public init(variantNames: [String], outcomes: [SweepOutcome]) {
    var byVariant = Array(repeating: [SweepOutcome](), count: variantNames.count)
    for outcome in outcomes.sorted(by: { $0.task < $1.task }) where byVariant.indices.contains(outcome.variant) {
      byVariant[outcome.variant].append(outcome)
    }
    var variants = variantNames.enumerated().map { VariantStatistics(index: $0, name: $1, outcomes: byVariant[$0]) }
    let ranking = variants.indices.sorted { Self.isBetter(variants[$0], than: variants[$1]) }
    for (position, index) in ranking.enumerated() { variants[index].rank = position + 1 }
    let front = Self.paretoFront(variants)
    for index in front { variants[index].onParetoFront = true }
    self.variants = variants
    self.ranking = ranking
    self.paretoFront = front
  }

  /// The ranking: catch more bad releases, then roll back fewer good ones, then let fewer bad requests
  /// through, then detect sooner, then promote sooner. Ties keep the sweep's order.
  static func isBetter(_ a: VariantStatistics, than b: VariantStatistics) -> Bool {
    let keys: [(Double, Double)] = [
      (-(a.detection?.rate ?? 0), -(b.detection?.rate ?? 0)),
      (a.falseRollback?.rate ?? 0, b.falseRollback?.rate ?? 0),
      (a.badRequests?.p50 ?? .infinity, b.badRequests?.p50 ?? .infinity),
      (a.timeToDetect?.p50 ?? .infinity, b.timeToDetect?.p50 ?? .infinity),
      (a.timeToPromote?.p50 ?? .infinity, b.timeToPromote?.p50 ?? .infinity),
    ]
    for (x, y) in keys where x != y { return x < y }
    return a.index < b.index
  }

  /// Speed is how fast good releases get out: the median time to promote one and the false-rollback
  /// rate (a healthy release rolled back must ship again). Safety is the detection rate and the median
  /// bad requests served before an abort. A variant is on the front when no other is at least as good
  /// on every figure and strictly better on one. A figure that cannot be computed counts as the worst.
  static func paretoFront(_ variants: [VariantStatistics]) -> [Int] {
    let hasGood = variants.contains { $0.goodRuns > 0 }
    let hasBad = variants.contains { $0.badRuns > 0 }
    let costs: [[Double]] = variants.map { v in
      var cost = [v.timeToPromote?.p50 ?? .infinity]
      if hasGood { cost.append(v.falseRollback?.rate ?? 1) }
      if hasBad { cost += [-(v.detection?.rate ?? 0), v.badRequests?.p50 ?? .infinity] }
      return cost
    }
    func dominates(_ a: [Double], _ b: [Double]) -> Bool {
      zip(a, b).allSatisfy { $0 <= $1 } && zip(a, b).contains { $0 < $1 }
    }
    return variants.indices.filter { i in !variants.indices.contains { j in j != i && dominates(costs[j], costs[i]) } }
  }
}
