import Diagnostics
import PromQL
import TimeSeries
import Testing

@Suite struct ParserTests {
  /// Queries that parse, with the canonical text Prometheus would print for them.
  @Test(arguments: [
    ("foo", "foo"),
    (#"foo{a="b", c!~"d.*"}"#, #"foo{a="b", c!~"d.*"}"#),
    (#"{__name__="foo"}"#, #"{__name__="foo"}"#),
    ("sum by (job) (rate(http_requests_total[5m]))", "sum by (job) (rate(http_requests_total[5m]))"),
    ("sum(rate(x[5m])) without (instance)", "sum without (instance) (rate(x[5m]))"),
    ("topk(3, x)", "topk(3, x)"),
    (#"count_values("v", x)"#, #"count_values("v", x)"#),
    ("a + b * c", "a + b * c"),
    ("(a + b) * c", "(a + b) * c"),
    ("2 ^ 3 ^ 2", "2 ^ 3 ^ 2"),
    ("-2 ^ 2", "-2 ^ 2"),
    ("a > bool 1", "a > bool 1"),
    ("a / on (job) group_left (instance) b", "a / on (job) group_left (instance) b"),
    ("a and ignoring (x) b", "a and ignoring (x) b"),
    ("x offset 5m", "x offset 5m"),
    ("x offset -1h30m", "x offset -1h30m"),
    ("rate(x[5m] offset 1d)", "rate(x[1d5m])".isEmpty ? "" : "rate(x[5m] offset 1d)"),
    ("x @ 100", "x @ 100"),
    ("x @ start()", "x @ start()"),
    ("max_over_time(rate(x[1m])[10m:30s])", "max_over_time(rate(x[1m])[10m:30s])"),
    ("max_over_time(x[10m:])", "max_over_time(x[10m:])"),
    ("x[1h/2]", "x[30m]"),
    ("x[2m*(10+5)]", "x[30m]"),
    ("x[300]", "x[5m]"),
    ("+Inf", "+Inf"),
    ("-inf", "-Inf"),
    ("NaN", "NaN"),
    ("0x1F", "31"),
    ("010", "8"),
    ("1e3", "1000"),
    ("5m", "300"),
    ("sum", "sum"),
    ("SUM(x) BY (job)", "sum by (job) (x)"),
    (#"label_replace(up, "d", "$1", "s", "(.*)")"#, #"label_replace(up, "d", "$1", "s", "(.*)")"#),
    ("job:request_rate:5m", "job:request_rate:5m"),
    ("x # a comment\n + y", "x + y"),
  ])
  func parsesToCanonicalText(input: String, printed: String) throws {
    let expr = try PromQLParser.parse(input)
    #expect(expr.description == printed)
    // The printed form parses back to the same text.
    #expect(try PromQLParser.parse(printed).description == printed)
  }

  /// Queries that fail, with Prometheus' `line:col: parse error: message` for the first error.
  @Test(arguments: [
    ("", "1:1: parse error: no expression found in input"),
    ("foo +", "1:6: parse error: unexpected end of input"),
    ("sum(", "1:5: parse error: unclosed left parenthesis"),
    (#"foo{a="b""#, "1:10: parse error: unexpected end of input inside braces"),
    ("{a}", #"1:3: parse error: unexpected "}" in label matching, expected label matching operator"#),
    (#"foo{a="b" c="d"}"#, #"1:11: parse error: unexpected identifier "c" in label matching, expected "," or "}""#),
    ("sum by foo (x)", #"1:8: parse error: unexpected identifier "foo" in grouping opts, expected "(""#),
    ("foo bar", #"1:5: parse error: unexpected identifier "bar""#),
    ("rate(foo)", #"1:6: parse error: expected type range vector in call to function "rate", got instant vector"#),
    ("sum(foo[5m])", "1:5: parse error: expected type instant vector in aggregation expression, got range vector"),
    ("1 > 2", "1:3: parse error: comparisons between scalars must use BOOL modifier"),
    ("{}", "1:1: parse error: vector selector must contain at least one non-empty matcher"),
    ("foo[]", #"1:5: parse error: unexpected "]" in subquery or range selector, expected number, duration, step(), or range()"#),
    ("foo[5m 1m]", #"1:8: parse error: unexpected duration "1m" in subquery or range, expected ":" or "]""#),
    ("raet(foo[5m])", #"1:1: parse error: unknown function with name "raet""#),
    ("sum(foo) offset 5m", "1:1: parse error: offset modifier must be preceded by an instant vector selector or range vector selector or a subquery"),
    ("(foo)[5m]", "1:6: parse error: ranges only allowed for vector selectors"),
    ("foo offset 5m [5m]", "1:15: parse error: no offset modifiers allowed before range"),
    (#"foo{response_code~"5.*"}"#, "1:18: parse error: unexpected character inside braces: '~'"),
    ("rate(foo[5m],)", "1:13: parse error: trailing commas not allowed in function call args"),
    ("topk(foo)", "1:1: parse error: wrong number of arguments for aggregate expression provided, expected 2, got 1"),
    ("foo and 1", #"1:1: parse error: set operator "and" not allowed in binary scalar expression"#),
    ("foo[1.5m]", #"1:5: parse error: not a valid duration string: "1.5m""#),
    ("foo[0s]", "1:5: parse error: duration must be greater than 0"),
    ("5mm", #"1:1: parse error: bad number or duration syntax: "5mm""#),
    (#"'a\q'"#, "1:1: parse error: unknown escape sequence U+0071 'q'"),
    ("foo)", "1:4: parse error: unexpected right parenthesis ')'"),
    ("sum(x)\n  by foo", "2:6: parse error: unexpected identifier \"foo\" in grouping opts, expected \"(\""),
    ("histogram_count(x)", #"1:1: parse error: function "histogram_count" is not supported by this engine: native histograms are not modelled"#),
  ])
  func reportsErrorsWithPositions(input: String, message: String) {
    do {
      _ = try PreparedQuery(input)
      Issue.record("\(input) parsed")
    } catch {
      #expect(error.description == message)
    }
  }

  @Test func collectsEveryNonSyntaxErrorAtOnce() {
    do {
      _ = try PromQLParser.parse(#"foo(x) + bar{a=~"("} + baz(y)"#)
      Issue.record("parsed")
    } catch {
      #expect(error.errors.map(\.message) == [
        #"unknown function with name "foo""#,
        #"invalid regular expression "(": expected ')'"#,
        #"unknown function with name "baz""#,
      ])
    }
  }

  @Test func typeChecksOnlyACleanParse() {
    do {
      _ = try PromQLParser.parse("rate(x) + nope(y)")
      Issue.record("parsed")
    } catch {
      // The unknown function is a parse error, so the type error of rate(x) is not reported.
      #expect(error.errors.map(\.message) == [#"unknown function with name "nope""#])
    }
  }

  @Test func nodesCarryTheirPositions() throws {
    let query = "sum(rate(http_requests_total[5m])) / 2"
    let expr = try PromQLParser.parse(query)
    guard case .binary(let binary) = expr, case .aggregate(let sum) = binary.lhs, case .call(let rate) = sum.expr,
      case .matrixSelector(let matrix) = rate.args[0]
    else {
      Issue.record("unexpected shape \(expr)")
      return
    }
    let text = QueryText(query)
    #expect(text.slice(sum.range) == "sum(rate(http_requests_total[5m]))")
    #expect(text.slice(rate.range) == "rate(http_requests_total[5m])")
    #expect(text.slice(matrix.range) == "http_requests_total[5m]")
    #expect(text.slice(matrix.selector.range) == "http_requests_total")
    #expect(text.slice(binary.rhs.range) == "2")
  }

  @Test func diagnosticsPointIntoTheEnclosingFile() throws {
    let query = "sum(rate(x[5m]))\n/ raet(y[5m])"
    do {
      _ = try PromQLParser.parse(query)
      Issue.record("parsed")
    } catch {
      // The query starts at line 12, column 15 of an AnalysisTemplate.
      let diagnostics = error.diagnostics(file: "analysis.yaml", line: 12, column: 15)
      #expect(diagnostics.count == 1)
      let d = try #require(diagnostics.first)
      #expect(d.location == SourceLocation(file: "analysis.yaml", line: 13, column: 3))
      #expect(d.length == 4)
      #expect(d.hint == "did you mean 'rate'?")
    }
  }

  @Test func deepNestingIsRefusedNotCrashed() {
    let deep = String(repeating: "(", count: 5_000) + "1" + String(repeating: ")", count: 5_000)
    #expect(throws: ParseErrors.self) { try PromQLParser.parse(deep) }
    let unary = String(repeating: "-", count: 5_000) + "1"
    #expect(throws: ParseErrors.self) { try PromQLParser.parse(unary) }
  }
}

/// promqltest / promtool series lines: labels, then values in the expanding notation (tested in
/// TimeSeriesTests' ExpandingNotationTests).
@Suite struct SeriesNotationTests {
  @Test func parsesSeriesLines() throws {
    let (labels, values) = try SeriesNotation.parseSeries(#"http_requests_total{job="api", code="200"} 0+1x2"#)
    #expect(labels == Labels(name: "http_requests_total", ["job": "api", "code": "200"]))
    #expect(values == [0, 1, 2])
    #expect(try SeriesNotation.parseLabels(#"{a="b\"c"}"#) == Labels(["a": "b\"c"]))
    #expect(try SeriesNotation.parseLabels("up") == Labels(name: "up"))
  }
}
