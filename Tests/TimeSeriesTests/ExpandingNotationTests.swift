import Testing
import TimeSeries

/// Prometheus' expanding notation (promql/parser/generated_parser.y: series_item), shared by
/// promtool files, promqltest scripts and scenario curves.
@Suite struct ExpandingNotationTests {
  @Test(arguments: [
    ("0+10x3", [0.0, 10, 20, 30] as [Double?]),
    ("1-2x2", [1.0, -1, -3]),
    ("5x2", [5.0, 5, 5]),
    ("1 _ 3", [1.0, nil, 3]),
    ("_x3 1", [nil, nil, nil, 1.0]),
    ("-1+0.5x2", [-1.0, -0.5, 0]),
    ("1e3 2.5", [1000.0, 2.5]),
    ("0+10x1 100+30x1", [0.0, 10, 100, 130]),
    ("", []),
    ("-1 +2", [-1.0, 2]),
    ("1.5e2 .5", [150.0, 0.5]),
    ("  7   8  ", [7.0, 8]),
  ])
  func expands(_ text: String, _ expected: [Double?]) throws {
    #expect(try ExpandingNotation.expand(text) == expected)
  }

  @Test func specialValues() throws {
    let values = try ExpandingNotation.expand("Inf -Inf NaN stale")
    #expect(values[0] == .infinity && values[1] == -.infinity)
    #expect(values[2]!.isNaN && !Sample.isStale(values[2]!))
    #expect(Sample.isStale(values[3]!))
  }

  @Test func repeatedAdditionMatchesPrometheusRounding() throws {
    // Prometheus adds the step repeatedly, so 0.1 steps accumulate float error exactly like this.
    var expected = 0.0
    var sequence: [Double] = []
    for _ in 0...10 {
      sequence.append(expected)
      expected += 0.1
    }
    #expect(try ExpandingNotation.expand("0+0.1x10") == sequence)
  }

  @Test(arguments: ["1+", "x3", "1+2", "1x", "1x-2", "{{schema:1}}", "abc", "1+2y3"])
  func rejects(_ text: String) {
    #expect(throws: ExpandingNotation.ParseError.self) { try ExpandingNotation.expand(text) }
  }

  @Test func errorsCarryTheirOffset() {
    do {
      _ = try ExpandingNotation.expand("1 2 1+x3")
      Issue.record("expanded")
    } catch {
      #expect(error.offset == 4)
      #expect(error.length == 4)
    }
  }

  @Test(arguments: [
    ("1 2 a", 4, "invalid series value \"a\": expected a number, \"_\", \"stale\" or a+bxN"),
    ("1x", 2, "invalid repetition in series values: \"\""),
    ("1,2", 0, "invalid series value \"1,2\": expected a number, \"_\", \"stale\" or a+bxN"),
  ] as [(String, Int, String)])
  func errorMessages(_ text: String, _ offset: Int, _ message: String) {
    do {
      _ = try ExpandingNotation.expand(text)
      Issue.record("\(text) expanded")
    } catch {
      #expect(error.offset == offset)
      #expect(error.message == message)
    }
  }

  @Test func hugeExpansionsAreRefused() {
    #expect(throws: ExpandingNotation.ParseError.self) { try ExpandingNotation.expand("0+1x100000000") }
  }
}
