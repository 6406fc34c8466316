/// One value of a series at a time in integer milliseconds.
public struct Sample: Sendable, Hashable {
  public var timestamp: Int64
  public var value: Double

  public init(timestamp: Int64, value: Double) {
    self.timestamp = timestamp
    self.value = value
  }

  /// Prometheus' staleness marker: a NaN with a specific bit pattern that ends a series' lookback.
  public static let staleNaNBits: UInt64 = 0x7FF0_0000_0000_0002
  public static let staleNaN = Double(bitPattern: staleNaNBits)

  @inlinable public static func isStale(_ value: Double) -> Bool { value.bitPattern == staleNaNBits }
}
