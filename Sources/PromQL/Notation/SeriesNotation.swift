import TimeSeries

/// promtool's and promqltest's series descriptions: `metric{label="value", …}` followed by values in
/// Prometheus' expanding notation (`ExpandingNotation`, in TimeSeries, which scenario curves share).
public enum SeriesNotation {
  public typealias ParseError = ExpandingNotation.ParseError

  /// Expands a value sequence such as `0+10x100 _ stale 5` (see `ExpandingNotation`).
  public static func expand(_ text: String) throws(ParseError) -> [Double?] {
    try ExpandingNotation.expand(text)
  }

  static func expand(_ text: String, baseOffset: Int) throws(ParseError) -> [Double?] {
    try ExpandingNotation.expand(text, baseOffset: baseOffset)
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
