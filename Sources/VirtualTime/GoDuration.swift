/// Go's `time.ParseDuration`, reproduced exactly: the grammar `[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+`, the units
/// `ns us µs μs ms s m h` (no days), the special case `"0"`, overflow rules and error messages.
///
/// Argo Rollouts parses every metric `interval`, `initialDelay`, experiment `duration` and (after the
/// integer forms) step pause durations with this function, so rollout-sim must accept and reject exactly
/// the same strings.
public enum GoDuration {
  public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Go's own message, e.g. `time: unknown unit "d" in duration "5d"`.
    public var message: String
    /// The unit that was not recognised, when that was the problem.
    public var unknownUnit: String?
    public var description: String { message }
  }

  private static let units: [String: UInt64] = [
    "ns": 1,
    "us": 1_000,
    "\u{00B5}s": 1_000,  // U+00B5 micro sign
    "\u{03BC}s": 1_000,  // U+03BC Greek small letter mu
    "ms": 1_000_000,
    "s": 1_000_000_000,
    "m": 60 * 1_000_000_000,
    "h": 3_600 * 1_000_000_000,
  ]

  private static let limit: UInt64 = 1 << 63

  /// Parses `text` and returns nanoseconds.
  public static func parseNanoseconds(_ text: String) throws(ParseError) -> Int64 {
    let original = text
    var s = Array(text.utf8)[...]
    var total: UInt64 = 0
    var negative = false
    if let first = s.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
      negative = first == UInt8(ascii: "-")
      s = s.dropFirst()
    }
    if s.elementsEqual("0".utf8) { return 0 }
    if s.isEmpty { throw invalid(original) }
    while !s.isEmpty {
      guard let c = s.first, c == UInt8(ascii: ".") || isDigit(c) else { throw invalid(original) }
      // Integer part.
      let before = s.count
      var v: UInt64 = 0
      while let c = s.first, isDigit(c) {
        if v > limit / 10 { throw invalid(original) }
        v = v * 10 + UInt64(c - UInt8(ascii: "0"))
        if v > limit { throw invalid(original) }
        s = s.dropFirst()
      }
      let pre = before != s.count
      // Fraction part.
      var f: UInt64 = 0
      var scale: Double = 1
      var post = false
      if s.first == UInt8(ascii: ".") {
        s = s.dropFirst()
        let fractionStart = s.count
        var overflow = false
        while let c = s.first, isDigit(c) {
          s = s.dropFirst()
          if overflow { continue }
          if f > (limit - 1) / 10 {
            overflow = true
            continue
          }
          let y = f * 10 + UInt64(c - UInt8(ascii: "0"))
          if y > limit {
            overflow = true
            continue
          }
          f = y
          scale *= 10
        }
        post = fractionStart != s.count
      }
      if !pre && !post { throw invalid(original) }
      // Unit.
      var unitBytes: [UInt8] = []
      while let c = s.first, c != UInt8(ascii: "."), !isDigit(c) {
        unitBytes.append(c)
        s = s.dropFirst()
      }
      if unitBytes.isEmpty {
        throw ParseError(message: "time: missing unit in duration \(quote(original))", unknownUnit: nil)
      }
      let unitName = String(decoding: unitBytes, as: UTF8.self)
      guard let unit = units[unitName] else {
        throw ParseError(
          message: "time: unknown unit \(quote(unitName)) in duration \(quote(original))", unknownUnit: unitName)
      }
      if v > limit / unit { throw invalid(original) }
      v *= unit
      if f > 0 {
        v += UInt64(Double(f) * (Double(unit) / scale))
        if v > limit { throw invalid(original) }
      }
      total += v
      if total > limit { throw invalid(original) }
    }
    if negative { return total == limit ? Int64.min : -Int64(total) }
    if total > limit - 1 { throw invalid(original) }
    return Int64(total)
  }

  /// Parses `text` into virtual time, truncating below a millisecond.
  public static func parse(_ text: String) throws(ParseError) -> SimDuration {
    .nanoseconds(try parseNanoseconds(text))
  }

  /// Go's `time.Duration.String()` for a count of nanoseconds: `1h30m0s`, `1.5s`, `500ms`, `0s`.
  public static func format(nanoseconds: Int64) -> String {
    if nanoseconds == 0 { return "0s" }
    let negative = nanoseconds < 0
    let u = nanoseconds == Int64.min ? UInt64(1) << 63 : UInt64(abs(nanoseconds))
    let out: String
    if u < 1_000_000_000 {
      // Sub-second: pick ns, µs or ms with a fraction.
      let (unit, digits): (String, Int)
      if u < 1_000 {
        return (negative ? "-" : "") + "\(u)ns"
      } else if u < 1_000_000 {
        (unit, digits) = ("µs", 3)
      } else {
        (unit, digits) = ("ms", 6)
      }
      out = fraction(u, digits: digits) + unit
    } else {
      var text = fraction(u % 60_000_000_000, digits: 9) + "s"
      let minutes = u / 60_000_000_000
      if minutes > 0 { text = "\(minutes % 60)m" + text }
      if minutes >= 60 { text = "\(minutes / 60)h" + text }
      out = text
    }
    return (negative ? "-" : "") + out
  }

  private static func fraction(_ value: UInt64, digits: Int) -> String {
    var divisor: UInt64 = 1
    for _ in 0..<digits { divisor *= 10 }
    let whole = value / divisor
    var rest = value % divisor
    if rest == 0 { return "\(whole)" }
    var fractionDigits = ""
    var d = divisor / 10
    while rest > 0 && d > 0 {
      fractionDigits.append(Character(String(rest / d)))
      rest %= d
      d /= 10
    }
    return "\(whole).\(fractionDigits)"
  }

  private static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

  private static func invalid(_ original: String) -> ParseError {
    ParseError(message: "time: invalid duration \(quote(original))", unknownUnit: nil)
  }

  /// Go's `time.quote` (not `strconv.Quote`): `"` and `\` get a backslash, and every byte of a
  /// control character or a non-ASCII character is written `\xNN`, so `5日` is quoted `"5\xe6\x97\xa5"`.
  static func quote(_ s: String) -> String {
    var out = "\""
    for byte in s.utf8 {
      if byte >= 0x80 || byte < 0x20 {
        out += "\\x" + String(byte, radix: 16).leftPad(2)
      } else {
        if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { out += "\\" }
        out.unicodeScalars.append(Unicode.Scalar(byte))
      }
    }
    return out + "\""
  }
}

extension String {
  fileprivate func leftPad(_ width: Int) -> String {
    count >= width ? self : String(repeating: "0", count: width - count) + self
  }
}
