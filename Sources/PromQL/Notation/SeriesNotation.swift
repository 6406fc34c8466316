import TimeSeries

/// Prometheus' expanding notation for series values, shared by `promtool test rules`
/// (`input_series: [{series, values}]`), the promqltest `load` command and scenario curves
/// (`{series: "0+10x100"}`).
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
/// Items are separated by spaces; the i-th value belongs at `i × interval`.
public enum SeriesNotation {
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

  static func expand(_ text: String, baseOffset: Int) throws(ParseError) -> [Double?] {
    var values: [Double?] = []
    let bytes = Array(text.utf8)
    var index = 0
    while index < bytes.count {
      while index < bytes.count, Lexer.isSpace(bytes[index]) { index += 1 }
      let start = index
      while index < bytes.count, !Lexer.isSpace(bytes[index]) { index += 1 }
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
    let whole = ParseError("invalid series value \(GoQuote.string(text)): expected a number, \"_\", \"stale\" or a+bxN", offset: offset, length: item.count)
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
      throw ParseError("invalid repetition in series values: \(GoQuote.string(text))", offset: offset, length: max(1, digits.count))
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
      if Lexer.isDigit(c) || c == UInt8(ascii: ".") || c == UInt8(ascii: "_") {
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

  // MARK: - Series descriptions

  /// Parses `metric{label="value", …} values…` (a promqltest `load` line or a promtool
  /// `series` + `values`); the values may be empty.
  public static func parseSeries(_ line: String) throws(ParseError) -> (labels: Labels, values: [Double?]) {
    let bytes = Array(line.utf8)
    var index = 0
    let labels = try parseMetric(bytes, &index)
    let rest = String(decoding: bytes[index...], as: UTF8.self)
    return (labels, try expand(rest, baseOffset: index))
  }

  /// Parses a series selector-like label set: `name`, `name{a="b"}`, `{a="b"}` or `{}`.
  public static func parseLabels(_ text: String) throws(ParseError) -> Labels {
    let bytes = Array(text.utf8)
    var index = 0
    let labels = try parseMetric(bytes, &index)
    while index < bytes.count, Lexer.isSpace(bytes[index]) { index += 1 }
    if index < bytes.count { throw ParseError("unexpected text after the label set", offset: index, length: bytes.count - index) }
    return labels
  }

  private static func parseMetric(_ bytes: [UInt8], _ index: inout Int) throws(ParseError) -> Labels {
    var pairs: [String: String] = [:]
    while index < bytes.count, Lexer.isSpace(bytes[index]) { index += 1 }
    let nameStart = index
    while index < bytes.count, Lexer.isAlphaNumeric(bytes[index]) || bytes[index] == UInt8(ascii: ":") { index += 1 }
    if index > nameStart {
      pairs[Labels.metricNameLabel] = String(decoding: bytes[nameStart..<index], as: UTF8.self)
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: "{") {
      index += 1
      while true {
        while index < bytes.count, Lexer.isSpace(bytes[index]) { index += 1 }
        guard index < bytes.count else { throw ParseError("unexpected end of input inside braces", offset: index) }
        if bytes[index] == UInt8(ascii: "}") {
          index += 1
          break
        }
        let name: String
        if bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") || bytes[index] == UInt8(ascii: "`") {
          name = try quoted(bytes, &index)
          while index < bytes.count, Lexer.isSpace(bytes[index]) { index += 1 }
          if index < bytes.count, bytes[index] == UInt8(ascii: ",") || bytes[index] == UInt8(ascii: "}") {
            pairs[Labels.metricNameLabel] = name
            if bytes[index] == UInt8(ascii: ",") { index += 1 }
            continue
          }
        } else {
          let start = index
          while index < bytes.count, Lexer.isAlphaNumeric(bytes[index]) { index += 1 }
          guard index > start else {
            throw ParseError("unexpected character in label set: \(GoQuote.rune(Unicode.Scalar(bytes[index])))", offset: index)
          }
          name = String(decoding: bytes[start..<index], as: UTF8.self)
        }
        while index < bytes.count, Lexer.isSpace(bytes[index]) { index += 1 }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else {
          throw ParseError("expected \"=\" after label name \(GoQuote.string(name))", offset: index)
        }
        index += 1
        while index < bytes.count, Lexer.isSpace(bytes[index]) { index += 1 }
        pairs[name] = try quoted(bytes, &index)
        while index < bytes.count, Lexer.isSpace(bytes[index]) { index += 1 }
        if index < bytes.count, bytes[index] == UInt8(ascii: ",") { index += 1 }
      }
    }
    if pairs.isEmpty && index == nameStart && (index >= bytes.count || bytes[index] != UInt8(ascii: "{")) {
      if index < bytes.count, !Lexer.isSpace(bytes[index]) {
        throw ParseError("expected a metric name or a label set", offset: index)
      }
    }
    return Labels(pairs)
  }

  private static func quoted(_ bytes: [UInt8], _ index: inout Int) throws(ParseError) -> String {
    guard index < bytes.count else { throw ParseError("expected a quoted string", offset: index) }
    let quote = bytes[index]
    guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") || quote == UInt8(ascii: "`") else {
      throw ParseError("expected a quoted string", offset: index)
    }
    let start = index
    index += 1
    while index < bytes.count, bytes[index] != quote {
      if bytes[index] == UInt8(ascii: "\\") && quote != UInt8(ascii: "`") { index += 1 }
      index += 1
    }
    guard index < bytes.count else { throw ParseError("unterminated quoted string", offset: start, length: bytes.count - start) }
    index += 1
    let literal = String(decoding: bytes[start..<index], as: UTF8.self)
    do {
      return try GoUnquote.unquote(literal)
    } catch {
      throw ParseError("invalid quoted string \(literal)", offset: start, length: index - start)
    }
  }
}
