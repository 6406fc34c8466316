/// A point of virtual time: milliseconds since the simulated update was applied (t = 0).
public struct SimInstant: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
  public var milliseconds: Int64

  @inlinable public init(milliseconds: Int64) { self.milliseconds = milliseconds }

  public static let zero = SimInstant(milliseconds: 0)
  /// A sentinel later than any real event, for "never".
  public static let distantFuture = SimInstant(milliseconds: Int64.max / 4)

  @inlinable public static func + (lhs: SimInstant, rhs: SimDuration) -> SimInstant {
    SimInstant(milliseconds: lhs.milliseconds + rhs.milliseconds)
  }
  @inlinable public static func - (lhs: SimInstant, rhs: SimDuration) -> SimInstant {
    SimInstant(milliseconds: lhs.milliseconds - rhs.milliseconds)
  }
  @inlinable public static func - (lhs: SimInstant, rhs: SimInstant) -> SimDuration {
    SimDuration(milliseconds: lhs.milliseconds - rhs.milliseconds)
  }
  @inlinable public static func < (lhs: SimInstant, rhs: SimInstant) -> Bool { lhs.milliseconds < rhs.milliseconds }

  /// Seconds since t = 0, as the JSON output reports times.
  public var seconds: Double { Double(milliseconds) / 1_000 }

  /// `T+1h02m03s` style clock for timelines.
  public var description: String { DurationFormat.clock(milliseconds: milliseconds) }

  public init(from decoder: any Decoder) throws {
    milliseconds = try decoder.singleValueContainer().decode(Int64.self)
  }
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(milliseconds)
  }
}
