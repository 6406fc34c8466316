/// What the replica arithmetic needs to know about one ReplicaSet.
public struct ReplicaSetCounts: Sendable, Hashable {
  /// `spec.replicas`: how many pods the ReplicaSet wants.
  public var spec: Int
  /// `status.replicas`: pods created (ready or not).
  public var created: Int
  /// `status.availableReplicas`: pods ready for at least minReadySeconds.
  public var available: Int

  public init(spec: Int, created: Int? = nil, available: Int) {
    self.spec = spec
    self.created = created ?? spec
    self.available = available
  }
}

/// An `IntOrString` count as Kubernetes' legacy `GetValueFromIntOrPercent` reads it: an integer is a
/// count; *any* string is a percentage once every `%` is removed (so `"25"` means 25 %).
public enum CountOrPercent: Sendable, Hashable {
  case count(Int)
  case percent(String)

  /// The absolute value against `total`, rounding percentages up or down; nil for an unparsable string.
  public func resolve(total: Int, roundUp: Bool) -> Int? {
    switch self {
    case .count(let value): return value
    case .percent(let text):
      guard let value = Int(String(text.filter { $0 != "%" })) else { return nil }
      let scaled = Double(value) * Double(total) / 100
      return Int(roundUp ? scaled.rounded(.up) : scaled.rounded(.down))
    }
  }
}
