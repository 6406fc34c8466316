import PromQL
import PropertyBased
import TimeSeries
import Testing

/// Whatever the input, the lexer, parser and evaluator terminate with a value or an error — no
/// crash, no hang — within bounded depth and work.
@Suite struct PropertyTests {
  /// Fragments that make near-PromQL: the inputs most likely to reach deep parser states.
  static let fragments = [
    "sum", "rate", "irate", "histogram_quantile", "label_replace", "count_values", "topk", "absent", "scalar",
    "vector", "time", "(", ")", "{", "}", "[", "]", "[5m]", "[1m:15s]", "[0]", ":", ",", "x", "up", "foo_total",
    #"a="b""#, #"a=~"b.*""#, #"code!~"5..""#, "=", "=~", "!=", "!~", "==", "!", "~", "+", "-", "*", "/", "%", "^",
    ">", "<=", "and", "or", "unless", "atan2", "bool", "on", "ignoring", "group_left", "group_right", "by", "without",
    "offset", "offset 5m", "@", "@ 100", "start()", "end()", "1", "0.5", "-2", "1e3", "0x1F", "Inf", "NaN", "5m",
    "1h30m", "\"", "'", "`", "\\", "#", "\n", " ", "  ", "\"s\"", "'q'", "(.*)", "\"$1\"", "le", "_", "1e", "0x",
  ]

  static var store: SeriesStore {
    var store = SeriesStore()
    for (name, labels) in [("up", ["job": "a"]), ("foo_total", ["code": "500", "a": "b"]), ("x", ["le": "0.5"]), ("x", ["le": "+Inf"])] {
      let id = store.seriesID(for: Labels(name: name, labels))
      for i in 0..<40 { store.append(id, timestamp: Int64(i) * 15_000, value: Double(i * i % 17)) }
    }
    return store
  }

  /// Evaluation with tight budgets, so a randomly huge subquery fails fast instead of running long.
  static let options = EvaluationOptions(maximumSamples: 200_000, maximumSubquerySteps: 20_000)

  @Test func nearPromQLNeverCrashes() async {
    let store = Self.store
    await propertyCheck(count: 1_500, input: Gen.int(in: 0...(Self.fragments.count - 1)).array(of: 0...14)) { picks in
      let text = picks.map { Self.fragments[$0] }.joined(separator: picks.count % 2 == 0 ? "" : " ")
      Self.exercise(text, store: store)
    }
  }

  /// The fragment generator reaches the evaluator, not only the parser's error paths.
  @Test func nearPromQLOftenParses() {
    var rng = SplitMix64(seed: 7)
    var parsed = 0, evaluated = 0
    let store = Self.store
    for _ in 0..<3_000 {
      let count = rng.int(1...8)
      let text = (0..<count).map { _ in rng.pick(Self.fragments) }.joined(separator: rng.chance(50) ? "" : " ")
      guard var query = try? PreparedQuery(text, options: Self.options) else { continue }
      parsed += 1
      if (try? query.evaluate(at: 300_000, in: store)) != nil { evaluated += 1 }
    }
    #expect(parsed >= 100, "only \(parsed) of 3000 generated queries parse")
    #expect(evaluated >= parsed / 2)
  }

  @Test func arbitraryBytesNeverCrash() async {
    await propertyCheck(count: 1_500, input: Gen.int(in: 0...255).array(of: 0...40)) { bytes in
      let text = String(decoding: bytes.map { UInt8($0) }, as: UTF8.self)
      Self.exercise(text, store: SeriesStore())
    }
  }

  @Test func seriesNotationNeverCrashes() async {
    let pieces = ["0", "1", "+", "-", "x", "_", "stale", "Inf", "NaN", " ", "10", "x3", "e", ".", "{{", "}}", "2"]
    await propertyCheck(count: 1_000, input: Gen.int(in: 0...(pieces.count - 1)).array(of: 0...12)) { picks in
      let text = picks.map { pieces[$0] }.joined()
      if let values = try? SeriesNotation.expand(text) {
        #expect(values.count <= ExpandingNotation.maximumValues + 1)
      }
    }
  }

  /// Found by `nearPromQLNeverCrashes`: Prometheus prints infinity as `+Inf`, so `Inf ^ up` does not
  /// print to a fixed point (neither does Prometheus'); the printed text still means the same query.
  @Test func infinityBeforeAPowerReadsBackAsTheSameQuery() {
    Self.exercise("Inf ^ up", store: Self.store)
    #expect((try? PromQLParser.parse("Inf ^ up"))?.description == "+Inf ^ up")
  }

  @Test func hugeWorkIsRefusedNotPerformed() throws {
    var query = try PreparedQuery("sum_over_time(sum_over_time(up[1d:1ms])[1d:1ms])", options: Self.options)
    #expect(throws: EvaluationError.self) { try query.evaluate(at: 86_400_000, in: Self.store) }
  }

  /// Parses, prints and re-parses, and evaluates at two instants; only typed errors are allowed.
  static func exercise(_ text: String, store: SeriesStore) {
    guard var query = try? PreparedQuery(text, options: options) else { return }
    // What parses prints to text that parses to the same text. One exception is Prometheus' own:
    // infinity prints as Go's `+Inf`, and `+Inf ^ x` reads back as a unary plus over `Inf ^ x`
    // (unary operators bind looser than `^`), which prints with one more `+`. There the reparsed
    // query must still give the same result.
    let printed = query.expr.description
    if let reparsed = try? PromQLParser.parse(printed) {
      if reparsed.description != printed {
        #expect(printed.contains("+Inf"), "\(text.debugDescription) printed as \(printed)")
        if var again = try? PreparedQuery(printed, options: options) {
          let first = (try? query.evaluate(at: 300_000, in: store)).map { "\($0.value)" }
          let second = (try? again.evaluate(at: 300_000, in: store)).map { "\($0.value)" }
          #expect(first == second, "\(text.debugDescription) printed as \(printed)")
        } else {
          Issue.record("\(text.debugDescription) printed as \(printed), which does not prepare")
        }
      }
    } else {
      Issue.record("\(text.debugDescription) printed as \(printed), which does not parse")
    }
    _ = try? query.evaluate(at: 300_000, in: store)
    if query.resultType == .vector || query.resultType == .scalar {
      _ = try? query.evaluateRange(start: 0, end: 600_000, step: 60_000, in: store)
    }
  }
}
