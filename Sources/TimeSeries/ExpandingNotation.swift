import GoCompat

/// Prometheus' expanding notation for series values — the `values` of promtool's `input_series`, the
/// promqltest `load` command, and scenario curves (`{series: "0+10x100"}`):
///
/// | item      | expands to                                   |
/// |-----------|----------------------------------------------|
/// | `7`       | one value                                    |
/// | `a+bxN`   | N+1 values: a, a+b, …, a+N·b                 |
/// | `a-bxN`   | N+1 values: a, a−b, …, a−N·b                 |
/// | `axN`     | N+1 copies of a                              |
/// | `_`       | one missing sample (nil)                     |
/// | `_xN`     | N missing samples                            |
/// | `stale`   | a staleness marker (`Sample.staleNaN`)       |
/// | `Inf` `-Inf` `NaN` | those values                        |
///
/// Items are separated by spaces; the i-th value belongs at `i × interval`. One parser for every
/// user of the notation, so a curve and a promtool file read the same text the same way.
public enum ExpandingNotation {
  public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    /// Byte offset of the problem in the parsed text.
    public var offset: Int
    /// How many bytes the problem spans (at least 1).
    public var length: Int

    public init(_ message: String, offset: Int, length: Int = 1) {
      self.message = message
      self.offset = offset
      self.length = max(1, length)
    }

    public var description: String { message }
  }

  /// Expansions beyond this are refused (a typo such as `0+1x1000000000` must not exhaust memory).
  public static let maximumValues = 10_000_000

  /// Expands a value sequence such as `0+10x100 _ stale 5`.
  public static func expand(_ text: String) throws(ParseError) -> [Double?] {
    try expand(text, baseOffset: 0)
  }

  public static func expand(_ text: String, baseOffset: Int) throws(ParseError) -> [Double?] {
    var values: [Double?] = []
    let bytes = Array(text.utf8)
    var index = 0
    while index < bytes.count {
      while index < bytes.count, isSpace(bytes[index]) { index += 1 }
      let start = index
      while index < bytes.count, !isSpace(bytes[index]) { index += 1 }
      if start == index { break }
      let item = Array(bytes[start..<index])
      try expandItem(item, offset: baseOffset + start, into: &values)
      if values.count > maximumValues {
        throw ParseError("series expands to more than \(maximumValues) values", offset: baseOffset + start, length: index - start)
      }
    }
    return values
  }

  private static func expandItem(_ item: [UInt8], offset: Int, into values: inout [Double?]) throws(ParseError) {
    let text = String(decoding: item, as: UTF8.self)
    let whole = ParseError("invalid series value \(GoQuoting.quote(text)): expected a number, \"_\", \"stale\" or a+bxN", offset: offset, length: item.count)
    if text.hasPrefix("{{") {
      throw ParseError("native histogram values are not supported", offset: offset, length: item.count)
    }
    if text == "_" {
      values.append(nil)
      return
    }
    if text.hasPrefix("_x") {
      let count = try repetitions(Array(item.dropFirst(2)), offset: offset + 2)
      if count > maximumValues { throw ParseError("series expands to more than \(maximumValues) values", offset: offset, length: item.count) }
      values.append(contentsOf: repeatElement(nil, count: count))
      return
    }
    if text == "stale" {
      values.append(Sample.staleNaN)
      return
    }
    var index = 0
    guard let base = number(item, &index, signed: true) else { throw whole }
    if index == item.count {
      values.append(base)
      return
    }
    var step = 0.0
    if item[index] == UInt8(ascii: "+") || item[index] == UInt8(ascii: "-") {
      let negative = item[index] == UInt8(ascii: "-")
      index += 1
      guard let magnitude = number(item, &index, signed: false) else { throw whole }
      step = negative ? -magnitude : magnitude
      guard index < item.count, item[index] == UInt8(ascii: "x") else { throw whole }
    }
    guard index < item.count, item[index] == UInt8(ascii: "x") else { throw whole }
    let count = try repetitions(Array(item[(index + 1)...]), offset: offset + index + 1)
    if count >= maximumValues { throw ParseError("series expands to more than \(maximumValues) values", offset: offset, length: item.count) }
    // Repeated addition, as Prometheus does (so rounding matches it exactly).
    var value = base
    for _ in 0...count {
      values.append(value)
      value += step
    }
  }

  private static func repetitions(_ digits: [UInt8], offset: Int) throws(ParseError) -> Int {
    let text = String(decoding: digits, as: UTF8.self)
    guard !digits.isEmpty, digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
      let count = Int(text)
    else {
      throw ParseError("invalid repetition in series values: \(GoQuoting.quote(text))", offset: offset, length: max(1, digits.count))
    }
    return count
  }

  /// A number at `index`: digits with optional fraction and exponent, or Inf / NaN.
  private static func number(_ item: [UInt8], _ index: inout Int, signed: Bool) -> Double? {
    let start = index
    if signed, index < item.count, item[index] == UInt8(ascii: "+") || item[index] == UInt8(ascii: "-") { index += 1 }
    let bodyStart = index
    for word in ["inf", "nan"] {
      let w = Array(word.utf8)
      if index + 3 <= item.count, item[index..<(index + 3)].map({ $0 | 0x20 }) == w {
        index += 3
        return GoNumber.parseFloat(String(decoding: item[start..<index], as: UTF8.self))
      }
    }
    while index < item.count {
      let c = item[index]
      if (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: ".") || c == UInt8(ascii: "_") {
        index += 1
      } else if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
        index += 1
        if index < item.count, item[index] == UInt8(ascii: "+") || item[index] == UInt8(ascii: "-") { index += 1 }
      } else {
        break
      }
    }
    guard index > bodyStart else { return nil }
    return GoNumber.parse(String(decoding: item[start..<index], as: UTF8.self))
  }

  static func isSpace(_ c: UInt8) -> Bool {
    c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") || c == UInt8(ascii: "\n") || c == UInt8(ascii: "\r")
  }
}
