/// A JSON document as read, before a caller maps it onto its own values: object members keep their
/// order and their duplicates, numbers keep their text (so a caller can tell `2` from `2.0`, or refuse
/// what does not fit a float64).
public indirect enum JSONTree: Sendable, Hashable {
  case null
  case bool(Bool)
  /// The number as written; with ``GoJSONParser/Options/nonFiniteWords``, also `NaN`, `Inf`,
  /// `+Inf`, `-Inf`, `Infinity`, `+Infinity`, `-Infinity`.
  case number(String)
  case string(String)
  case array([JSONTree])
  case object([Member])

  public struct Member: Sendable, Hashable {
    public var key: String
    public var value: JSONTree
    public init(key: String, value: JSONTree) {
      self.key = key
      self.value = value
    }
  }

  /// A number's value as Go's `float64` reads it (the non-finite words included); nil for a number
  /// outside float64's range and for other nodes.
  public var float64: Double? {
    guard case .number(let text) = self else { return nil }
    switch text {
    case "NaN": return .nan
    case "Inf", "+Inf", "Infinity", "+Infinity": return .infinity
    case "-Inf", "-Infinity": return -.infinity
    default:
      guard let value = Double(text), value.isFinite else { return nil }
      return value
    }
  }
}
