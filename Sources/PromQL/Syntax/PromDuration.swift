/// Prometheus' duration syntax (`model.ParseDuration`): `1y2w3d4h5m6s7ms`, units in that order,
/// whole numbers only, `d` = 24h, `w` = 7d, `y` = 365d.
public enum PromDuration {
  public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
  }

  private static let units: [(suffix: String, milliseconds: Int64)] = [
    ("y", 365 * 86_400_000), ("w", 7 * 86_400_000), ("d", 86_400_000), ("h", 3_600_000),
    ("m", 60_000), ("s", 1_000), ("ms", 1),
  ]

  /// Milliseconds of a duration such as `5m` or `1h30m`.
  public static func parse(_ text: String) throws(ParseError) -> Int64 {
    if text == "0" { return 0 }
    if text.isEmpty { throw ParseError(message: "empty duration string") }
    let invalid = ParseError(message: "not a valid duration string: \(GoQuote.string(text))")
    let bytes = Array(text.utf8)
    var index = 0
    var nextUnit = 0
    var total: Int64 = 0
    var sawAny = false
    while index < bytes.count {
      let digitsStart = index
      while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
      guard index > digitsStart else { throw invalid }
      guard let number = Int64(String(decoding: bytes[digitsStart..<index], as: UTF8.self)) else {
        throw ParseError(message: "duration out of range")
      }
      let unitStart = index
      while index < bytes.count, bytes[index] >= UInt8(ascii: "a"), bytes[index] <= UInt8(ascii: "z") { index += 1 }
      let unit = String(decoding: bytes[unitStart..<index], as: UTF8.self)
      guard let found = units[nextUnit...].firstIndex(where: { $0.suffix == unit }) else { throw invalid }
      nextUnit = found + 1
      let (product, overflow) = number.multipliedReportingOverflow(by: units[found].milliseconds)
      let (sum, overflow2) = total.addingReportingOverflow(product)
      // Prometheus keeps nanoseconds in an int64.
      guard !overflow, !overflow2, sum <= Int64.max / 1_000_000 else { throw ParseError(message: "duration out of range") }
      total = sum
      sawAny = true
    }
    guard sawAny else { throw invalid }
    return total
  }

  /// `model.Duration.String()`: the largest units first, `0s` for zero.
  public static func format(milliseconds: Int64) -> String {
    if milliseconds == 0 { return "0s" }
    var ms = milliseconds
    var out = ""
    if ms < 0 {
      out = "-"
      ms = -ms
    }
    for (suffix, size) in units {
      // Prometheus prints weeks and years only when they divide evenly.
      if suffix == "y" || suffix == "w" {
        if ms % size == 0 && ms >= size {
          out += "\(ms / size)\(suffix)"
          ms = 0
        }
        continue
      }
      if ms >= size {
        out += "\(ms / size)\(suffix)"
        ms %= size
      }
    }
    return out
  }
}
