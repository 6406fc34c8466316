import Foundation
import PromQL
import TimeSeries

/// A reader for Prometheus' test-script language (promql/promqltest/README.md): `load`, `clear`
/// and `eval instant|range` commands with expected results and `expect` lines.
struct PromQLTestScript {
  struct Expectation {
    enum Kind: String { case fail, warn, info, noWarn = "no_warn", noInfo = "no_info", ordered }
    var kind: Kind
    var message: String?
    var regex: String?
  }

  struct ExpectedSeries {
    var labels: Labels
    var values: [Double?]
  }

  struct Eval {
    var line: Int
    var query: String
    var isRange: Bool
    var start: Int64
    var end: Int64
    var step: Int64
    var expectations: [Expectation] = []
    var expectedScalar: Double?
    var expectedSeries: [ExpectedSeries] = []
    var expectedString: String?
    /// `expect range vector from … to … step …`: the matrix of an instant query.
    var rangeVector: (start: Int64, end: Int64, step: Int64)?
    /// Deprecated `eval_fail` / `eval_warn` / `eval_info` / `eval_ordered` and `expected_fail_*`.
    var legacyFail = false
    var legacyWarn = false
    var legacyInfo = false
    var legacyOrdered = false
    var failMessage: String?
    var failRegex: String?
    /// An expected value is a native histogram (`{{…}}`).
    var expectsNativeHistograms = false

    var expectsFailure: Bool { legacyFail || expectations.contains { $0.kind == .fail } }
    var ordered: Bool { legacyOrdered || expectations.contains { $0.kind == .ordered } }
  }

  enum Command {
    case load(interval: Int64, lines: [(line: Int, text: String)], nativeHistograms: Bool)
    case clear
    case eval(Eval)
  }

  var commands: [Command] = []

  struct ReadError: Error, CustomStringConvertible {
    var line: Int
    var message: String
    var description: String { "line \(line): \(message)" }
  }

  init(_ text: String) throws {
    let lines = text.components(separatedBy: "\n")
    var i = 0
    // As Prometheus' getLines: comment lines count as blank, so they end a block.
    func isBlank(_ s: String) -> Bool {
      let t = s.trimmingCharacters(in: .whitespaces)
      return t.isEmpty || t.hasPrefix("#")
    }
    while i < lines.count {
      let raw = lines[i]
      let trimmed = raw.trimmingCharacters(in: .whitespaces)
      if trimmed.isEmpty || trimmed.hasPrefix("#") {
        i += 1
        continue
      }
      let words = trimmed.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
      switch words[0] {
      case "load", "load_with_nhcb":
        guard words.count >= 2 else { throw ReadError(line: i + 1, message: "load without interval") }
        let interval = try PromDuration.parse(words[1])
        var block: [(Int, String)] = []
        i += 1
        while i < lines.count, !isBlank(lines[i]) {
          let t = lines[i].trimmingCharacters(in: .whitespaces)
          if !t.hasPrefix("#") { block.append((i + 1, t)) }
          i += 1
        }
        commands.append(.load(interval: interval, lines: block, nativeHistograms: words[0] == "load_with_nhcb"))
      case "clear":
        commands.append(.clear)
        i += 1
      default:
        guard words[0].hasPrefix("eval") else { throw ReadError(line: i + 1, message: "unknown command \(words[0])") }
        var eval = try Self.parseEvalLine(trimmed, line: i + 1)
        i += 1
        while i < lines.count, !isBlank(lines[i]) {
          let t = lines[i].trimmingCharacters(in: .whitespaces)
          i += 1
          if t.hasPrefix("#") { continue }
          if t.hasPrefix("expected_fail_message") {
            eval.failMessage = t.dropFirst("expected_fail_message".count).trimmingCharacters(in: .whitespaces)
            break
          }
          if t.hasPrefix("expected_fail_regexp") {
            eval.failRegex = t.dropFirst("expected_fail_regexp".count).trimmingCharacters(in: .whitespaces)
            break
          }
          if t.hasPrefix("expect range vector") {
            let parts = t.split(separator: " ").map(String.init)
            // expect range vector from A to B step C
            if parts.count >= 9 {
              eval.rangeVector = (try PromDuration.parse(parts[4]), try PromDuration.parse(parts[6]), try PromDuration.parse(parts[8]))
            }
            continue
          }
          if t.hasPrefix("expect string") {
            let literal = t.dropFirst("expect string".count).trimmingCharacters(in: .whitespaces)
            eval.expectedString = Self.unquote(literal)
            continue
          }
          if t.split(separator: " ").first == "expect" {
            eval.expectations.append(try Self.parseExpect(t, line: i))
            continue
          }
          if let scalar = Self.parseNumber(t) {
            eval.expectedScalar = scalar
            break
          }
          if t.contains("{{") {
            eval.expectsNativeHistograms = true
            continue
          }
          let labels: Labels, values: [Double?]
          do {
            (labels, values) = try SeriesNotation.parseSeries(t)
          } catch {
            throw ReadError(line: i, message: "\(error.message): \(t)")
          }
          eval.expectedSeries.append(ExpectedSeries(labels: labels, values: values))
        }
        commands.append(.eval(eval))
      }
    }
  }

  private static func parseEvalLine(_ line: String, line number: Int) throws -> Eval {
    var rest = Substring(line)
    let head = rest.prefix { $0 != " " && $0 != "\t" }
    rest = rest.dropFirst(head.count).drop { $0 == " " || $0 == "\t" }
    let modifier = head.hasPrefix("eval_") ? String(head.dropFirst(5)) : ""
    func nextWord() -> String {
      let word = rest.prefix { $0 != " " && $0 != "\t" }
      rest = rest.dropFirst(word.count).drop { $0 == " " || $0 == "\t" }
      return String(word)
    }
    let mode = nextWord()
    var eval: Eval
    if mode == "instant" {
      var time: Int64 = 0
      if rest.hasPrefix("at ") {
        _ = nextWord()
        time = try PromDuration.parse(nextWord())
      }
      eval = Eval(line: number, query: String(rest), isRange: false, start: time, end: time, step: 0)
    } else if mode == "range" {
      _ = nextWord()  // from
      let start = try PromDuration.parse(nextWord())
      _ = nextWord()  // to
      let end = try PromDuration.parse(nextWord())
      _ = nextWord()  // step
      let step = try PromDuration.parse(nextWord())
      eval = Eval(line: number, query: String(rest), isRange: true, start: start, end: end, step: step)
    } else {
      throw ReadError(line: number, message: "invalid eval command")
    }
    switch modifier {
    case "fail": eval.legacyFail = true
    case "warn": eval.legacyWarn = true
    case "info": eval.legacyInfo = true
    case "ordered": eval.legacyOrdered = true
    default: break
    }
    return eval
  }

  private static func parseExpect(_ line: String, line number: Int) throws -> Expectation {
    var rest = line.dropFirst("expect".count).trimmingCharacters(in: .whitespaces)
    let kindWord = String(rest.prefix { $0 != " " && $0 != "\t" })
    guard let kind = Expectation.Kind(rawValue: kindWord) else {
      throw ReadError(line: number, message: "invalid expect type \(kindWord)")
    }
    rest = rest.dropFirst(kindWord.count).trimmingCharacters(in: .whitespaces)
    var expectation = Expectation(kind: kind)
    if rest.hasPrefix("msg:") {
      expectation.message = rest.dropFirst(4).trimmingCharacters(in: .whitespaces)
    } else if rest.hasPrefix("regex:") {
      expectation.regex = rest.dropFirst(6).trimmingCharacters(in: .whitespaces)
    }
    return expectation
  }

  /// Prometheus' `parseNumber`: an integer of any base, then a float.
  static func parseNumber(_ text: String) -> Double? {
    let t = text.trimmingCharacters(in: .whitespaces)
    if t.isEmpty || t.contains(" ") || t.contains("{") { return nil }
    let lower = t.lowercased()
    if ["+inf", "inf", "-inf", "nan", "+nan", "-nan"].contains(lower) {
      return lower.hasSuffix("nan") ? .nan : (lower.hasPrefix("-") ? -.infinity : .infinity)
    }
    if let i = Int64(t) { return Double(i) }
    guard t.allSatisfy({ "0123456789.eE+-_xXabcdefABCDEFpP".contains($0) }), let d = Double(t.filter { $0 != "_" }) else { return nil }
    return d
  }

  static func unquote(_ literal: String) -> String {
    guard literal.count >= 2, let first = literal.first, literal.last == first else { return literal }
    return String(literal.dropFirst().dropLast())
  }
}
