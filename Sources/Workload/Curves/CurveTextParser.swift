import VirtualTime
import Diagnostics

/// Parses the string form of a curve:
///
///     curve    := segment ( "," ["then"] segment | "then" segment )*
///     segment  := value [ ".." value ] [ length ]
///     length   := "for" DURATION | "until" DURATION | "over" DURATION
///
/// A segment with a length lasts that long (`for`, `over`) or until that time since the update
/// (`until`); only the last segment may have no length, and it then lasts forever. `A..B` ramps
/// linearly across its segment and needs a length. After a last segment with a length, its final value
/// holds. Keywords are case-insensitive.
struct CurveTextParser {
  struct Token {
    enum Kind { case word, number, ellipsis, comma }
    var kind: Kind
    var text: String
    var offset: Int
    var length: Int
  }

  private enum Length {
    case forever
    case span(Int64)
    case until(Int64)
  }

  private struct Segment {
    var from: Double
    var to: Double
    var length: Length
    var isRamp: Bool
    var offset: Int
    var textLength: Int
  }

  let text: String
  let unit: CurveUnit
  let location: SourceLocation?
  private(set) var diagnostics: [Diagnostic] = []

  init(text: String, unit: CurveUnit, location: SourceLocation?) {
    self.text = text
    self.unit = unit
    self.location = location
  }

  mutating func parse() -> Curve? {
    let tokens = tokenize()
    guard diagnostics.isEmpty else { return nil }
    if tokens.isEmpty {
      report(CurveProblem("empty curve", hint: CurveValues.example(unit)), offset: 0, length: 1)
      return nil
    }
    var segments: [Segment] = []
    var index = 0
    while index < tokens.count {
      if let segment = parseSegment(tokens, &index) {
        segments.append(segment)
      } else {
        // Resynchronise at the next comma so every broken segment is reported once.
        while index < tokens.count, tokens[index].kind != .comma { index += 1 }
      }
      guard index < tokens.count else { break }
      let separator = tokens[index]
      if separator.kind == .comma {
        index += 1
        if index < tokens.count, isKeyword(tokens[index], "then") { index += 1 }
        if index >= tokens.count {
          report(CurveProblem("expected a segment after \",\""), offset: separator.offset, length: 1)
        }
      } else if isKeyword(separator, "then") {
        index += 1
        if index >= tokens.count {
          report(CurveProblem("expected a segment after \"then\""), offset: separator.offset, length: separator.length)
        }
      } else {
        report(
          CurveProblem(
            "expected \"for\", \"until\", \"over\" or \",\" after the value, found \(CurveValues.quoted(separator.text))"),
          offset: separator.offset, length: separator.length)
        while index < tokens.count, tokens[index].kind != .comma { index += 1 }
      }
    }
    guard diagnostics.isEmpty else { return nil }
    return build(segments)
  }

  // MARK: - Segments

  private mutating func parseSegment(_ tokens: [Token], _ index: inout Int) -> Segment? {
    let first = tokens[index]
    guard let from = valueToken(first) else {
      index += 1
      return nil
    }
    index += 1
    var to = from
    var isRamp = false
    var end = first.offset + first.length
    if index < tokens.count, tokens[index].kind == .ellipsis {
      let ellipsis = tokens[index]
      index += 1
      guard index < tokens.count else {
        report(CurveProblem("expected a value after \"..\""), offset: ellipsis.offset, length: 2)
        return nil
      }
      guard let target = valueToken(tokens[index]) else {
        index += 1
        return nil
      }
      to = target
      isRamp = true
      end = tokens[index].offset + tokens[index].length
      index += 1
    }
    var length = Length.forever
    if index < tokens.count, tokens[index].kind == .word {
      let keyword = tokens[index].text.lowercased()
      if keyword == "for" || keyword == "over" || keyword == "until" {
        let keywordToken = tokens[index]
        index += 1
        guard index < tokens.count, tokens[index].kind == .number || tokens[index].kind == .word else {
          report(
            CurveProblem("expected a duration after \"\(keyword)\"", hint: "e.g. \(keyword) 10m"),
            offset: keywordToken.offset, length: keywordToken.length)
          return nil
        }
        let durationToken = tokens[index]
        index += 1
        switch CurveValues.duration(durationToken.text) {
        case .failure(let problem):
          report(problem, offset: durationToken.offset, length: durationToken.length)
          return nil
        case .success(let milliseconds):
          if keyword == "until" {
            length = .until(milliseconds)
          } else {
            guard milliseconds > 0 else {
              report(
                CurveProblem("a segment must last longer than 0"), offset: durationToken.offset,
                length: durationToken.length)
              return nil
            }
            length = .span(milliseconds)
          }
        }
        end = durationToken.offset + durationToken.length
      }
    }
    return Segment(
      from: from, to: to, length: length, isRamp: isRamp, offset: first.offset, textLength: end - first.offset)
  }

  private mutating func valueToken(_ token: Token) -> Double? {
    guard token.kind == .number else {
      report(
        CurveProblem("expected \(unit.noun), found \(CurveValues.quoted(token.text))", hint: CurveValues.example(unit)),
        offset: token.offset, length: token.length)
      return nil
    }
    switch CurveValues.value(token.text, unit: unit) {
    case .success(let value): return value
    case .failure(let problem):
      report(problem, offset: token.offset, length: token.length)
      return nil
    }
  }

  private mutating func build(_ segments: [Segment]) -> Curve? {
    if segments.count == 1, !segments[0].isRamp, case .forever = segments[0].length {
      return .constant(segments[0].from, unit: unit)
    }
    var piecewise = Piecewise(starts: [], ends: [], from: [], to: [])
    var cursor: Int64 = 0
    for (i, segment) in segments.enumerated() {
      let end: Int64
      switch segment.length {
      case .forever:
        if segment.isRamp {
          report(
            CurveProblem("a ramp needs a length", hint: "e.g. \"0.2%..8% over 5m\""), offset: segment.offset,
            length: segment.textLength)
          return nil
        }
        if i != segments.count - 1 {
          report(
            CurveProblem(
              "only the last segment may last forever", hint: "add \"for DURATION\" or \"until TIME\" to this segment"),
            offset: segment.offset, length: segment.textLength)
          return nil
        }
        end = Int64.max
      case .span(let milliseconds):
        let (sum, overflow) = cursor.addingReportingOverflow(milliseconds)
        end = overflow ? Int64.max : sum
      case .until(let time):
        guard time > cursor else {
          report(
            CurveProblem(
              "\"until \(DurationFormatting.text(time))\" is not after the segment's start at \(DurationFormatting.text(cursor))"
            ), offset: segment.offset, length: segment.textLength)
          return nil
        }
        end = time
      }
      piecewise.starts.append(cursor)
      piecewise.ends.append(end)
      piecewise.from.append(segment.from)
      piecewise.to.append(segment.to)
      cursor = end
      if end == Int64.max, i != segments.count - 1 { break }
    }
    return Curve(unit: unit, shape: .piecewise(piecewise))
  }

  // MARK: - Tokens

  private mutating func tokenize() -> [Token] {
    let chars = Array(text)
    var tokens: [Token] = []
    var i = 0
    while i < chars.count {
      let c = chars[i]
      if c.isWhitespace {
        i += 1
        continue
      }
      if c == "," {
        tokens.append(Token(kind: .comma, text: ",", offset: i, length: 1))
        i += 1
        continue
      }
      if c == ".", i + 1 < chars.count, chars[i + 1] == "." {
        tokens.append(Token(kind: .ellipsis, text: "..", offset: i, length: 2))
        i += 2
        continue
      }
      let startsNumber =
        (c.isASCII && c.isNumber) || ((c == "." || c == "+" || c == "-") && i + 1 < chars.count && startsDigit(chars, i + 1))
      if startsNumber || c.isLetter {
        let start = i
        i += 1
        while i < chars.count, Self.continuesToken(chars, i) { i += 1 }
        tokens.append(
          Token(kind: startsNumber ? .number : .word, text: String(chars[start..<i]), offset: start, length: i - start))
        continue
      }
      report(CurveProblem("unexpected character \(CurveValues.quoted(String(c)))"), offset: i, length: 1)
      return []
    }
    return tokens
  }

  private func startsDigit(_ chars: [Character], _ i: Int) -> Bool {
    let c = chars[i]
    return (c.isASCII && c.isNumber) || (c == "." && i + 1 < chars.count && chars[i + 1].isASCII && chars[i + 1].isNumber)
  }

  private static func continuesToken(_ chars: [Character], _ i: Int) -> Bool {
    let c = chars[i]
    if c.isLetter || (c.isASCII && c.isNumber) || c == "%" || c == "/" || c == "µ" || c == "μ" { return true }
    if c == "." { return !(i + 1 < chars.count && chars[i + 1] == ".") }
    // A signed exponent: `1e-3`.
    if c == "+" || c == "-" {
      return (chars[i - 1] == "e" || chars[i - 1] == "E") && i + 1 < chars.count && chars[i + 1].isASCII
        && chars[i + 1].isNumber && i >= 2 && chars[i - 2].isASCII && chars[i - 2].isNumber
    }
    return false
  }

  private func isKeyword(_ token: Token, _ word: String) -> Bool {
    token.kind == .word && token.text.lowercased() == word
  }

  private mutating func report(_ problem: CurveProblem, offset: Int, length: Int) {
    diagnostics.append(CurveDiagnostics.make(problem, location: location, offset: offset, length: length))
  }
}

/// Places curve problems in the user's file.
enum CurveDiagnostics {
  static func make(_ problem: CurveProblem, location: SourceLocation?, offset: Int, length: Int) -> Diagnostic {
    var placed = location
    placed?.column += offset
    return Diagnostic.error(problem.message, at: placed, length: max(1, length), hint: problem.hint, rule: "curve")
  }
}

/// Durations in curve messages, in the compact form users write (`10m`, `1h30m`).
enum DurationFormatting {
  static func text(_ milliseconds: Int64) -> String {
    milliseconds == Int64.max ? "forever" : DurationFormat.compact(milliseconds: milliseconds)
  }
}
