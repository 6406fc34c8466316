import Diagnostics
import PropertyBased
import Testing
import VirtualTime

@testable import Workload

/// The string forms of design §4.2, evaluated at chosen instants.
@Suite struct CurveGrammarTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var text: String
    var unit: CurveUnit
    /// (virtual time, expected value)
    var points: [(String, Double)]
    var testDescription: String { "\(unit): \(text)" }
  }

  static let cases: [Case] = [
    Case(text: "200", unit: .rate, points: [("0s", 200), ("6h", 200)]),
    Case(text: "200rps", unit: .rate, points: [("1m", 200)]),
    Case(text: "12.5/s", unit: .rate, points: [("1m", 12.5)]),
    Case(text: "0.5%", unit: .fraction, points: [("0s", 0.005)]),
    Case(text: "0.005", unit: .fraction, points: [("0s", 0.005)]),
    Case(text: "1e-3", unit: .fraction, points: [("0s", 0.001)]),
    Case(text: "40ms", unit: .latency, points: [("0s", 40)]),
    Case(text: "1.5s", unit: .latency, points: [("0s", 1500)]),
    Case(text: "250us", unit: .latency, points: [("0s", 0.25)]),
    Case(text: "40", unit: .latency, points: [("0s", 40)]),
    Case(text: "25", unit: .weight, points: [("0s", 25)]),
    Case(text: "25%", unit: .weight, points: [("0s", 25)]),
    Case(
      text: "0.2% for 10m, then 8%", unit: .fraction,
      points: [("-1m", 0.002), ("0s", 0.002), ("9m59s", 0.002), ("10m", 0.08), ("5h", 0.08)]),
    Case(text: "100 until 1h, 400", unit: .rate, points: [("30m", 100), ("59m59.999s", 100), ("1h", 400)]),
    Case(
      text: "0.2%..8% over 5m", unit: .fraction,
      points: [("0s", 0.002), ("2m30s", 0.041), ("5m", 0.08), ("1h", 0.08)]),
    Case(
      text: "100 for 1h, 400 for 30m, then 100", unit: .rate,
      points: [("59m", 100), ("1h", 400), ("1h29m", 400), ("1h30m", 100), ("3d", 100)]),
    Case(
      text: "0.2% for 10m, then 0.2%..8% over 10m, then 8%", unit: .fraction,
      points: [("10m", 0.002), ("15m", 0.041), ("20m", 0.08)]),
    Case(text: "100..300 until 2h, 300", unit: .rate, points: [("1h", 200), ("2h", 300)]),
    Case(text: "40ms for 2d, 60ms", unit: .latency, points: [("47h", 40), ("48h", 60)]),
    Case(text: "10 FOR 1m THEN 20", unit: .rate, points: [("0s", 10), ("1m", 20)]),
    Case(text: "5 for 1d12h, 6", unit: .rate, points: [("35h", 5), ("36h", 6)]),
    Case(text: "1% for 10m", unit: .fraction, points: [("5m", 0.01), ("1h", 0.01)]),
  ]

  @Test(arguments: cases) func evaluates(_ c: Case) throws {
    let curve = try Curve.parse(.text(c.text), unit: c.unit)
    #expect(curve.unit == c.unit)
    for (time, expected) in c.points {
      let t = try millis(time)
      let value = curve.value(atMilliseconds: t)
      #expect(abs(value - expected) <= 1e-12 * max(1, abs(expected)), "at \(time): \(value) != \(expected)")
    }
  }

  @Test func constantsAreRecognisedAsSuch() throws {
    #expect(try Curve.parse(.text("0.5%"), unit: .fraction).constantValue == 0.005)
    #expect(try Curve.parse(.number(200), unit: .rate).constantValue == 200)
    #expect(try Curve.parse(.text("0.2% for 10m, then 8%"), unit: .fraction).constantValue == nil)
  }

  struct ErrorCase: CustomTestStringConvertible, Sendable {
    var text: String
    var unit: CurveUnit
    /// 1-based column of the caret in `text` (the string starts at column 10 of line 3 below).
    var column: Int
    var message: String
    var testDescription: String { "\(unit): \(text)" }
  }

  static let errorCases: [ErrorCase] = [
    ErrorCase(text: "", unit: .rate, column: 1, message: "empty curve"),
    ErrorCase(text: "8", unit: .fraction, column: 1, message: "8 is not a fraction between 0 and 1"),
    ErrorCase(text: "0.2% for 10m, then 800%", unit: .fraction, column: 20, message: "\"800%\" is more than 100%"),
    ErrorCase(text: "0.2% for 10x, then 8%", unit: .fraction, column: 10, message: "unknown unit \"x\" in duration \"10x\""),
    ErrorCase(text: "0.2% for 10, then 8%", unit: .fraction, column: 10, message: "missing unit in duration \"10\""),
    ErrorCase(text: "0.2%..8%", unit: .fraction, column: 1, message: "a ramp needs a length"),
    ErrorCase(text: "100, 200", unit: .rate, column: 1, message: "only the last segment may last forever"),
    ErrorCase(text: "100 until 1h, 200 until 30m, 300", unit: .rate, column: 15, message: "\"until 30m\" is not after the segment's start at 1h"),
    ErrorCase(text: "100 for 1h 200", unit: .rate, column: 12, message: "expected \"for\", \"until\", \"over\" or \",\" after the value, found \"200\""),
    ErrorCase(text: "-5", unit: .rate, column: 1, message: "a request rate cannot be negative: \"-5\""),
    ErrorCase(text: "5%", unit: .rate, column: 1, message: "unknown unit \"%\" in \"5%\" for a request rate"),
    ErrorCase(text: "40 parsecs", unit: .latency, column: 4, message: "expected \"for\", \"until\", \"over\" or \",\" after the value, found \"parsecs\""),
    ErrorCase(text: "40pc", unit: .latency, column: 1, message: "unknown unit \"pc\" in \"40pc\" for a latency"),
    ErrorCase(text: "fast", unit: .latency, column: 1, message: "expected a latency, found \"fast\""),
    ErrorCase(text: "100 for 1h,", unit: .rate, column: 11, message: "expected a segment after \",\""),
    ErrorCase(text: "100 for", unit: .rate, column: 5, message: "expected a duration after \"for\""),
    ErrorCase(text: "1 for 0s, 2", unit: .rate, column: 7, message: "a segment must last longer than 0"),
    ErrorCase(text: "150", unit: .weight, column: 1, message: "a weight is a percentage between 0 and 100, found \"150\""),
    ErrorCase(text: "100 @ 5", unit: .rate, column: 5, message: "unexpected character \"@\""),
  ]

  @Test(arguments: errorCases) func reportsErrorsWithColumns(_ c: ErrorCase) {
    let start = SourceLocation(file: "scenario.yaml", line: 3, column: 10)
    var bag = DiagnosticBag()
    let curve = Curve.parse(.text(c.text, at: start), unit: c.unit, diagnostics: &bag)
    #expect(curve == nil)
    let first = bag.sorted.first
    #expect(first?.message == c.message)
    #expect(first?.location == SourceLocation(file: "scenario.yaml", line: 3, column: 9 + c.column))
    #expect(first?.severity == .error)
  }

  @Test func reportsEverySegmentThatIsWrong() {
    var bag = DiagnosticBag()
    _ = Curve.parse(.text("5x for 1m, 7y for 2m, then 3", at: nil), unit: .rate, diagnostics: &bag)
    #expect(bag.errorCount == 2)
  }

  @Test func numbersFollowTheirUnit() {
    #expect((try? Curve.parse(.number(0.005), unit: .fraction))?.constantValue == 0.005)
    #expect((try? Curve.parse(.number(40), unit: .latency))?.constantValue == 40)
    #expect(throws: DiagnosticError.self) { try Curve.parse(.number(2), unit: .fraction) }
    #expect(throws: DiagnosticError.self) { try Curve.parse(.number(-1), unit: .rate) }
    #expect(throws: DiagnosticError.self) { try Curve.parse(.number(.nan), unit: .rate) }
  }

  @Test func dailyCycleHasItsDocumentedPhase() throws {
    let curve = try Curve.parse(.daily(base: .number(200), diurnal: .text("30%")), unit: .rate)
    // Mean and rising at the update, peak 6 h later, trough at 18 h, period 24 h.
    #expect(abs(curve.value(atMilliseconds: 0) - 200) < 1e-9)
    #expect(abs(curve.value(at: .zero + .hours(6)) - 260) < 1e-9)
    #expect(abs(curve.value(at: .zero + .hours(18)) - 140) < 1e-9)
    #expect(abs(curve.value(at: .zero + .hours(30)) - 260) < 1e-9)
    #expect(curve.value(at: .zero + .hours(1)) > 200)
    let shifted = try Curve.parse(
      .daily(base: .number(200), diurnal: .text("30%"), peakAt: .text("14h")), unit: .rate)
    #expect(abs(shifted.value(at: .zero + .hours(14)) - 260) < 1e-9)
    #expect(throws: DiagnosticError.self) {
      try Curve.parse(.daily(base: .number(200), diurnal: .text("130%")), unit: .rate)
    }
  }

  /// Whatever the text, parsing returns a curve or diagnostics — never a crash — and a parsed curve
  /// evaluates to finite values in its unit's range.
  @Test func arbitraryTextNeverCrashes() async {
    let pieces = [
      "0.2%", "8%", "..", "for", "until", "over", "then", ",", " ", "10m", "1h", "2d", "40ms", "x", "+", "-",
      "_", "stale", "µs", "1e3", "d", "%", ".", "5", "0", "9999999999999999999999", "1e400", "inf", "NaN", "@",
      "\u{00E9}", "\n", "h", "m", "1.5", "-3",
    ]
    let generator = Gen.element(of: pieces).array(of: 0...14)
    await propertyCheck(count: 400, input: generator) { parts in
      let text = parts.compactMap { $0 }.joined()
      for unit in CurveUnit.allCases {
        var bag = DiagnosticBag()
        let curve = Curve.parse(.text(text, at: SourceLocation(file: "f", line: 1, column: 1)), unit: unit, diagnostics: &bag)
        #expect((curve == nil) == bag.hasErrors)
        for diagnostic in bag.all {
          #expect((diagnostic.location?.column ?? 0) >= 1)
          #expect((diagnostic.location?.column ?? 0) <= text.count + 1)
        }
        if let curve {
          for t in [-60_000, 0, 1, 299_999, 3_600_000, 86_400_000 * 3] as [Int64] {
            let v = curve.value(atMilliseconds: t)
            #expect(v.isFinite && v >= 0)
            if unit == .fraction { #expect(v <= 1) }
          }
        }
        var seriesBag = DiagnosticBag()
        _ = Curve.parse(.series(text), unit: unit, diagnostics: &seriesBag)
        var csvBag = DiagnosticBag()
        _ = Curve.parse(.csv(text: text, path: "t.csv"), unit: unit, diagnostics: &csvBag)
      }
    }
  }

  private func millis(_ text: String) throws -> Int64 {
    if text.hasPrefix("-") { return -(try millis(String(text.dropFirst()))) }
    return try CurveValues.duration(text).get()
  }
}
