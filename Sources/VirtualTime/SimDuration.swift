/// A span of virtual time in integer milliseconds. Never a `Double`: equal inputs must give equal,
/// exactly ordered outputs.
public struct SimDuration: Sendable, Hashable, Comparable, Codable, AdditiveArithmetic, CustomStringConvertible {
  public var milliseconds: Int64

  @inlinable public init(milliseconds: Int64) { self.milliseconds = milliseconds }

  public static let zero = SimDuration(milliseconds: 0)

  @inlinable public static func milliseconds(_ value: Int64) -> SimDuration { SimDuration(milliseconds: value) }
  @inlinable public static func seconds(_ value: Int64) -> SimDuration { SimDuration(milliseconds: value * 1_000) }
  @inlinable public static func minutes(_ value: Int64) -> SimDuration { SimDuration(milliseconds: value * 60_000) }
  @inlinable public static func hours(_ value: Int64) -> SimDuration { SimDuration(milliseconds: value * 3_600_000) }

  /// Converts Go nanoseconds, truncating toward zero like Go's integer division.
  @inlinable public static func nanoseconds(_ value: Int64) -> SimDuration { SimDuration(milliseconds: value / 1_000_000) }

  /// Whole seconds, truncated toward zero.
  @inlinable public var seconds: Int64 { milliseconds / 1_000 }
  public var secondsValue: Double { Double(milliseconds) / 1_000 }

  @inlinable public static func + (lhs: SimDuration, rhs: SimDuration) -> SimDuration {
    SimDuration(milliseconds: lhs.milliseconds + rhs.milliseconds)
  }
  @inlinable public static func - (lhs: SimDuration, rhs: SimDuration) -> SimDuration {
    SimDuration(milliseconds: lhs.milliseconds - rhs.milliseconds)
  }
  @inlinable public static func * (lhs: SimDuration, rhs: Int64) -> SimDuration {
    SimDuration(milliseconds: lhs.milliseconds * rhs)
  }
  @inlinable public static func < (lhs: SimDuration, rhs: SimDuration) -> Bool { lhs.milliseconds < rhs.milliseconds }

  /// Compact human form: `1h30m`, `45s`, `2m0.5s`, `250ms`, `0s`.
  public var description: String { DurationFormat.compact(milliseconds: milliseconds) }

  public init(from decoder: any Decoder) throws {
    milliseconds = try decoder.singleValueContainer().decode(Int64.self)
  }
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(milliseconds)
  }
}
