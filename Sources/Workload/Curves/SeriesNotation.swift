import Diagnostics

/// Prometheus' expanding notation for series values, the `values` of `promtool test rules`
/// `input_series`: space-separated items, each one of
///
///     a           one value (signed decimal, `Inf`, `NaN`)
///     axn         a repeated n+1 times
///     a+bxn a-bxn n+1 values a, a±b, …, a±n·b
///     _  _xn      one / n missing values
///     stale       a staleness marker
///
/// The result is one value per step; missing and stale values are NaN (a gap in the curve).
public enum SeriesNotation {
  /// The expanded values, or the problems with their offsets in `text`.
  public static func expand(_ text: String) -> Result<[SeriesValue], SeriesNotationError> {
    var parser = Parser(chars: Array(text))
    return parser.parse()
  }

  /// Refuses expansions beyond this many values (`1x100000000` would exhaust memory).
  public static let maximumValues = 5_000_000

  struct Parser {
    let chars: [Character]
    var i = 0
    var values: [SeriesValue] = []

    init(chars: [Character]) { self.chars = chars }

    mutating func parse() -> Result<[SeriesValue], SeriesNotationError> {
      while true {
        skipSpaces()
        if i >= chars.count { break }
        let start = i
        if let error = item() {
          return .failure(error)
        }
        if i < chars.count, !chars[i].isWhitespace {
          return .failure(
            SeriesNotationError(message: "unexpected character in series values: \"\(chars[i])\"", offset: i, length: 1))
        }
        if values.count > SeriesNotation.maximumValues {
          return .failure(
            SeriesNotationError(
              message: "the series expands to more than \(SeriesNotation.maximumValues) values", offset: start,
              length: i - start))
        }
      }
      return .success(values)
    }

    mutating func skipSpaces() {
      while i < chars.count, chars[i].isWhitespace { i += 1 }
    }

    /// Parses one item at `i`; returns an error or nil.
    mutating func item() -> SeriesNotationError? {
      let start = i
      if chars[i] == "_" {
        i += 1
        if i < chars.count, chars[i] == "x" {
          i += 1
          guard let n = unsigned() else { return expected("a repeat count after \"x\"", at: i) }
          guard n < SeriesNotation.maximumValues else {
            return SeriesNotationError(
              message: "the series expands to more than \(SeriesNotation.maximumValues) values", offset: start,
              length: i - start)
          }
          values.append(contentsOf: repeatElement(.missing, count: n))
        } else {
          values.append(.missing)
        }
        return nil
      }
      if chars[i].isLetter, identifierAt(i).lowercased() == "stale" {
        i += 5
        values.append(.stale)
        return nil
      }
      guard let first = number() else {
        return SeriesNotationError(
          message: "expected a number, \"_\" or \"stale\" in series values, found \"\(word(from: start))\"",
          offset: start, length: max(1, word(from: start).count))
      }
      guard i < chars.count, chars[i] == "x" || chars[i] == "+" || chars[i] == "-" else {
        values.append(.value(first))
        return nil
      }
      var increment = 0.0
      if chars[i] == "+" || chars[i] == "-" {
        let negative = chars[i] == "-"
        i += 1
        guard let step = number(allowSign: false) else { return expected("a number after the sign", at: i) }
        increment = negative ? -step : step
        guard i < chars.count, chars[i] == "x" else {
          return expected("\"x\" and a repeat count after the increment", at: i)
        }
      }
      i += 1  // "x"
      guard let n = unsigned() else { return expected("a repeat count after \"x\"", at: i) }
      guard n < SeriesNotation.maximumValues else {
        return SeriesNotationError(
          message: "the series expands to more than \(SeriesNotation.maximumValues) values", offset: start,
          length: i - start)
      }
      var value = first
      for _ in 0...n {
        values.append(.value(value))
        value += increment
      }
      return nil
    }

    /// A decimal number, or `Inf` / `NaN` (any case), with an optional sign.
    mutating func number(allowSign: Bool = true) -> Double? {
      let start = i
      var sign = 1.0
      if allowSign, i < chars.count, chars[i] == "+" || chars[i] == "-" {
        sign = chars[i] == "-" ? -1 : 1
        i += 1
      }
      guard i < chars.count else {
        i = start
        return nil
      }
      if chars[i].isLetter {
        let word = identifierAt(i).lowercased()
        if word == "inf" || word == "nan" {
          i += 3
          return word == "inf" ? sign * Double.infinity : Double.nan
        }
        i = start
        return nil
      }
      let digitsStart = i
      var sawDigit = false
      var sawDot = false
      while i < chars.count {
        let c = chars[i]
        if c.isASCII && c.isNumber {
          sawDigit = true
          i += 1
        } else if c == ".", !sawDot {
          sawDot = true
          i += 1
        } else {
          break
        }
      }
      if sawDigit, i < chars.count, chars[i] == "e" || chars[i] == "E" {
        var j = i + 1
        if j < chars.count, chars[j] == "+" || chars[j] == "-" { j += 1 }
        if j < chars.count, chars[j].isASCII, chars[j].isNumber {
          while j < chars.count, chars[j].isASCII, chars[j].isNumber { j += 1 }
          i = j
        }
      }
      guard sawDigit, let value = Double(String(chars[digitsStart..<i])) else {
        i = start
        return nil
      }
      return sign * value
    }

    mutating func unsigned() -> Int? {
      let start = i
      while i < chars.count, chars[i].isASCII, chars[i].isNumber { i += 1 }
      guard i > start else { return nil }
      let digits = String(chars[start..<i])
      guard digits.count <= 9, let n = Int(digits) else { return Int.max }
      return n
    }

    func identifierAt(_ index: Int) -> String {
      var j = index
      while j < chars.count, chars[j].isLetter || (chars[j].isASCII && chars[j].isNumber) || chars[j] == "_" { j += 1 }
      return String(chars[index..<j])
    }

    func word(from index: Int) -> String {
      var j = index
      while j < chars.count, !chars[j].isWhitespace { j += 1 }
      return String(chars[index..<j])
    }

    func expected(_ what: String, at offset: Int) -> SeriesNotationError {
      let found = offset < chars.count ? "\"\(chars[offset])\"" : "the end"
      return SeriesNotationError(message: "expected \(what), found \(found)", offset: offset, length: 1)
    }
  }
}

/// One expanded value of a series description.
public enum SeriesValue: Sendable, Hashable {
  case value(Double)
  case missing
  case stale

  /// The value a curve takes there: NaN for gaps.
  public var number: Double {
    if case .value(let v) = self { return v }
    return .nan
  }
}

/// A syntax error in series values, at a character offset of the text.
public struct SeriesNotationError: Error, Sendable, Hashable {
  public var message: String
  public var offset: Int
  public var length: Int
}
