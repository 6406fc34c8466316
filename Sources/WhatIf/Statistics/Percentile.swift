/// The median and 95th percentile of a sample, by the nearest-rank rule: the value at rank ⌈p·n⌉ of the
/// sorted sample, so every figure is a value some run actually had.
public struct Quantiles: Sendable, Hashable, Codable {
  public var count: Int
  public var p50: Double
  public var p95: Double

  /// nil for an empty sample.
  public init?(_ values: [Double]) {
    let sorted = values.filter { !$0.isNaN }.sorted()
    guard let p50 = Self.nearestRank(sorted, percent: 50), let p95 = Self.nearestRank(sorted, percent: 95) else {
      return nil
    }
    self.count = sorted.count
    self.p50 = p50
    self.p95 = p95
  }

  /// The value at rank ⌈percent·n/100⌉ (1-based) of an ascending sample; integer arithmetic, so 95% of
  /// 20 values is rank 19 exactly.
  public static func nearestRank(_ sorted: [Double], percent: Int) -> Double? {
    guard !sorted.isEmpty, (0...100).contains(percent) else { return nil }
    let rank = (percent * sorted.count + 99) / 100
    return sorted[min(sorted.count, max(1, rank)) - 1]
  }
}
