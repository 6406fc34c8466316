import Diagnostics
import Testing
import VirtualTime

@testable import Workload
import TimeSeries

/// `{series: …}` curves: Prometheus' expanding notation (TimeSeries' `ExpandingNotation`) stepped at
/// the scrape interval, with gaps for missing and stale values.
@Suite struct SeriesCurveTests {
  @Test func missingAndStaleValuesAreGaps() throws {
    let curve = try Curve.parse(.series("1 _ stale 4"), unit: .rate, scrapeInterval: .seconds(10))
    #expect(curve.value(atMilliseconds: 0) == 1)
    #expect(curve.value(atMilliseconds: 10_000).isNaN)
    #expect(curve.value(atMilliseconds: 20_000).isNaN)
    #expect(curve.value(atMilliseconds: 30_000) == 4)
  }

  @Test func notationErrorsArePlacedAtTheirColumn() {
    let location = SourceLocation(file: "s.yaml", line: 3, column: 20)
    var bag = DiagnosticBag()
    _ = Curve.parse(.series("1 2 1+x3", at: location), unit: .rate, diagnostics: &bag)
    #expect(bag.all.first?.location == SourceLocation(file: "s.yaml", line: 3, column: 24))
    #expect(bag.all.first?.message.hasPrefix("invalid series value \"1+x3\"") == true)
  }

  @Test func aSeriesCurveStepsAtTheScrapeInterval() throws {
    let curve = try Curve.parse(.series("0+10x3"), unit: .rate, scrapeInterval: .seconds(15))
    #expect(curve.value(atMilliseconds: -5_000) == 0)
    #expect(curve.value(atMilliseconds: 14_999) == 0)
    #expect(curve.value(atMilliseconds: 15_000) == 10)
    #expect(curve.value(atMilliseconds: 45_000) == 30)
    #expect(curve.value(atMilliseconds: 3_600_000) == 30)  // the last value holds
    let gaps = try Curve.parse(.series("1 _ 3"), unit: .rate, scrapeInterval: .seconds(10))
    #expect(gaps.value(atMilliseconds: 10_000).isNaN)
  }

  @Test func seriesValuesAreCheckedAgainstTheUnit() {
    let location = SourceLocation(file: "s.yaml", line: 7, column: 14)
    var bag = DiagnosticBag()
    _ = Curve.parse(.series("0.1 0.5 2", at: location), unit: .fraction, diagnostics: &bag)
    #expect(bag.all.first?.message == "a fraction must stay within [0, 1], the series reaches 2.0")
    bag = DiagnosticBag()
    _ = Curve.parse(.series("10-5x3", at: location), unit: .rate, diagnostics: &bag)
    #expect(bag.all.first?.message == "a request rate cannot be negative, the series reaches -5.0")
    bag = DiagnosticBag()
    _ = Curve.parse(.series("1 2 ?", at: location), unit: .rate, diagnostics: &bag)
    #expect(bag.all.first?.location == SourceLocation(file: "s.yaml", line: 7, column: 18))
  }
}

@Suite struct CurveCSVTests {
  @Test func parsesDurationsSecondsHeaderAndComments() throws {
    let text = """
      time,value
      # recorded on a Tuesday
      0,100
      90s, 200

      5m,400
      -1m,50
      """
    // The last row goes back in time: an error at its time column.
    var bag = DiagnosticBag()
    _ = Curve.parse(.csv(text: text, path: "traffic.csv"), unit: .rate, diagnostics: &bag)
    #expect(bag.all.map(\.message) == ["times must increase: -1m is not after 5m"])
    #expect(bag.all.first?.location == SourceLocation(file: "traffic.csv", line: 7, column: 1))

    let good = try Curve.parse(.csv(text: "time,value\n0,100\n90s, 200\n\n5m,400\n", path: "t.csv"), unit: .rate)
    #expect(good.value(atMilliseconds: -10_000) == 100)
    #expect(good.value(atMilliseconds: 45_000) == 150)  // linear between rows
    #expect(good.value(atMilliseconds: 90_000) == 200)
    #expect(good.value(atMilliseconds: 195_000) == 300)
    #expect(good.value(atMilliseconds: 86_400_000) == 400)
  }

  @Test func valuesUseTheCurveUnit() throws {
    let curve = try Curve.parse(.csv(text: "0,0.5%\n10m,8%", path: "e.csv"), unit: .fraction)
    #expect(curve.value(atMilliseconds: 600_000) == 0.08)
    let latency = try Curve.parse(.csv(text: "0s,40ms\n1h,1.5s", path: "l.csv"), unit: .latency)
    #expect(latency.value(atMilliseconds: 3_600_000) == 1500)
  }

  @Test func reportsEveryBadRowWithItsColumn() {
    let text = "time,value\n0,100\n1m,lots\n2m;300\n3x,5\n"
    var bag = DiagnosticBag()
    _ = Curve.parse(.csv(text: text, path: "t.csv"), unit: .rate, diagnostics: &bag)
    let found = bag.sorted.map { "\($0.location!.line):\($0.location!.column) \($0.message)" }
    #expect(
      found == [
        "3:4 expected a request rate, found \"lots\"",
        "4:1 expected two columns (time,value), found 1",
        "5:1 unknown unit \"x\" in duration \"3x\"",
      ])
  }

  @Test func anEmptyFileIsAnError() {
    var bag = DiagnosticBag()
    _ = Curve.parse(.csv(text: "# nothing\n", path: "t.csv"), unit: .rate, diagnostics: &bag)
    #expect(bag.all.first?.message == "the CSV file has no rows")
  }
}
