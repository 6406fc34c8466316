import Foundation
import PromQL
import TimeSeries

/// Runs a `PromQLTestScript` against our engine and says, per `eval`, whether it passed, failed,
/// or lies outside the engine's scope (and which feature puts it there).
struct PromQLTestRunner {
  enum Outcome: Equatable {
    case passed
    case failed(String)
    case outOfScope(String)
  }

  struct Result {
    var line: Int
    var query: String
    var outcome: Outcome
  }

  /// Prometheus' test engine settings: delayed name removal on, 5m lookback, 1m subquery step.
  static let options = EvaluationOptions(lookbackDelta: 300_000, delayedNameRemoval: true, defaultSubqueryStep: 60_000)

  static func run(_ script: PromQLTestScript) -> [Result] {
    var store = SeriesStore()
    /// Series the engine does not model (native histograms, start timestamps), by reason, so an
    /// eval whose selectors reach them is classified out of scope.
    var special: [String: SeriesStore] = [:]
    var results: [Result] = []
    for command in script.commands {
      switch command {
      case .clear:
        store = SeriesStore()
        special = [:]
      case .load(let interval, let lines, let nhcb):
        for (_, text) in lines {
          if text.contains("{{") || text.contains("@st") {
            let reason = text.contains("{{") ? "native histograms (in the loaded data)" : "start timestamps"
            if let labels = try? SeriesNotation.parseLabels(metricPart(text).replacingOccurrences(of: "@st", with: "")) {
              special[reason, default: SeriesStore()].append(labels, timestamp: 0, value: 0)
            }
            continue
          }
          guard let (labels, values) = try? SeriesNotation.parseSeries(text) else { continue }
          if nhcb, labels.metricName.hasSuffix("_bucket"), labels.has("le") {
            // load_with_nhcb also creates a native histogram named without the suffix.
            let histogram = labels.removing(["le"]).setting(Labels.metricNameLabel, to: String(labels.metricName.dropLast(7)))
            special["native histograms (in the loaded data)", default: SeriesStore()].append(histogram, timestamp: 0, value: 0)
          }
          let id = store.seriesID(for: labels)
          for (i, value) in values.enumerated() {
            guard let value else { continue }
            store.append(id, timestamp: Int64(i) * interval, value: value)
          }
        }
      case .eval(let eval):
        results.append(Result(line: eval.line, query: eval.query, outcome: evaluate(eval, store: store, special: special)))
      }
    }
    return results
  }

  /// The `metric{…}` part of a series line.
  private static func metricPart(_ text: String) -> String {
    var depth = 0
    var inString = false
    var end = text.endIndex
    for index in text.indices {
      let c = text[index]
      if c == "\"" { inString.toggle() }
      if inString { continue }
      if c == "{" { depth += 1 }
      if c == "}" {
        depth -= 1
        if depth == 0 {
          end = text.index(after: index)
          break
        }
      }
      if depth == 0 && (c == " " || c == "\t") {
        end = index
        break
      }
    }
    return String(text[..<end])
  }

  private static func evaluate(_ eval: PromQLTestScript.Eval, store: SeriesStore, special: [String: SeriesStore]) -> Outcome {
    if eval.expectsNativeHistograms { return .outOfScope("native histograms (in the expected values)") }
    if eval.query.contains("__type__") || eval.query.contains("__unit__") { return .outOfScope("__type__/__unit__ selectors (type-and-unit labels feature)") }
    let prepared: PreparedQuery
    do {
      prepared = try PreparedQuery(eval.query, options: options)
    } catch {
      // Every eval query parses in Prometheus (its test reader parses them first), so a query we
      // reject uses syntax or functions outside our scope.
      return .outOfScope(unsupportedFeature(eval.query, error.errors.map(\.message).joined(separator: "; ")))
    }
    for selector in selectors(in: prepared.expr) {
      for reason in special.keys.sorted() where !(special[reason]!.select(selector.matchers)).isEmpty {
        return .outOfScope(reason)
      }
    }
    var query = prepared
    let result: QueryResult
    do {
      if eval.isRange {
        result = try query.evaluateRange(start: eval.start, end: eval.end, step: eval.step, in: store)
      } else {
        result = try query.evaluate(at: eval.start, in: store)
      }
    } catch {
      if eval.expectsFailure { return checkFailure(eval, message: error.message) }
      return .failed("unexpected error: \(error.message)")
    }
    if eval.expectsFailure { return .failed("expected an error, got a result") }
    if let problem = checkAnnotations(eval, result) { return .failed(problem) }
    if let problem = compare(eval, result.value) { return .failed(problem) }
    if let problem = checkRangeMode(eval, result.value, query: &query, store: store) { return .failed("range mode: " + problem) }
    return .passed
  }

  /// Prometheus also runs each instant eval as a range query from t-1m to t+1m and checks the
  /// middle step; do the same (it exercises range evaluation and `@`/offset arithmetic).
  private static func checkRangeMode(_ eval: PromQLTestScript.Eval, _ instant: QueryValue, query: inout PreparedQuery, store: SeriesStore) -> String? {
    guard !eval.isRange, eval.rangeVector == nil, eval.expectedString == nil, !eval.ordered else { return nil }
    if eval.query.range(of: #"(range|step|start|end)\(\)"#, options: .regularExpression) != nil { return nil }
    switch instant {
    case .scalar, .vector: break
    default: return nil
    }
    let t = eval.start
    let result: QueryResult
    do {
      result = try query.evaluateRange(start: t - 60_000, end: t + 60_000, step: 60_000, in: store)
    } catch {
      return "error \(error.message)"
    }
    guard case .matrix(let matrix) = result.value else { return "not a matrix" }
    let sorted = zip(matrix, matrix.dropFirst()).allSatisfy { $0.labels < $1.labels }
    if !sorted { return "matrix not sorted by labels" }
    var vector: [VectorElement] = []
    for series in matrix {
      if let i = series.timestamps.firstIndex(of: t) { vector.append(VectorElement(labels: series.labels, value: series.values[i])) }
    }
    if case .scalar = instant {
      guard let first = vector.first else { return "no value at the middle step" }
      return compare(eval, .scalar(first.value))
    }
    return compare(eval, .vector(vector))
  }

  /// Every vector selector of an expression (matrix selectors' included).
  static func selectors(in expr: Expr) -> [VectorSelector] {
    switch expr {
    case .vectorSelector(let s): return [s]
    case .matrixSelector(let m): return [m.selector]
    case .aggregate(let a): return selectors(in: a.expr) + (a.param.map(selectors) ?? [])
    case .binary(let b): return selectors(in: b.lhs) + selectors(in: b.rhs)
    case .call(let c): return c.args.flatMap(selectors)
    case .paren(let p): return selectors(in: p.expr)
    case .subquery(let q): return selectors(in: q.expr)
    case .unary(let u): return selectors(in: u.expr)
    case .number, .string: return []
    }
  }

  /// The feature behind a query we reject, named for the report.
  private static func unsupportedFeature(_ query: String, _ message: String) -> String {
    if message.contains("native histograms") || query.contains("</") || query.contains(">/") {
      return "native histograms (histogram_* functions, trim operators)"
    }
    if query.hasPrefix("info(") || message.contains("info metrics") { return "info() (experimental)" }
    if message.contains("limit_ratio") { return "limit_ratio() (experimental; needs Prometheus' label hashing)" }
    if message.contains("start timestamps") { return "start timestamps" }
    if message.contains("anchored") || message.contains("smoothed") {
      return "anchored/smoothed range selectors (experimental)"
    }
    if message.contains("\"fill") { return "fill()/fill_left()/fill_right() operator modifiers (experimental)" }
    let lower = message.lowercased()
    if ["step", "range", "min_of", "max_of"].contains(where: { lower.contains("\($0)()") || lower.contains("\"\($0)\"") }) {
      return "step()/range()/min_of()/max_of() in durations (experimental)"
    }
    return "not supported: \(message)"
  }

  private static func checkFailure(_ eval: PromQLTestScript.Eval, message: String) -> Outcome {
    let expectations = eval.expectations.filter { $0.kind == .fail }
    for expectation in expectations {
      if let expected = expectation.message, expected != message {
        return .failed("expected error \(expected.debugDescription), got \(message.debugDescription)")
      }
      if let pattern = expectation.regex, !matches(pattern, message) {
        return .failed("expected error matching \(pattern), got \(message.debugDescription)")
      }
    }
    if let expected = eval.failMessage, expected != message {
      return .failed("expected error \(expected.debugDescription), got \(message.debugDescription)")
    }
    if let pattern = eval.failRegex, !matches(pattern, message) {
      return .failed("expected error matching \(pattern), got \(message.debugDescription)")
    }
    return .passed
  }

  private static func matches(_ pattern: String, _ text: String) -> Bool {
    guard let regex = try? Regex(pattern) else { return false }
    return (try? regex.firstMatch(in: text)) != nil
  }

  private static func checkAnnotations(_ eval: PromQLTestScript.Eval, _ result: QueryResult) -> String? {
    let warnings = result.annotations.filter { $0.kind == .warning }.map { $0.rendered(in: eval.query) }
    let infos = result.annotations.filter { $0.kind == .info }.map { $0.rendered(in: eval.query) }
    if eval.legacyWarn && warnings.isEmpty { return "expected warnings, got none" }
    if eval.legacyInfo && infos.isEmpty { return "expected info annotations, got none" }
    for (kind, actual, label) in [(PromQLTestScript.Expectation.Kind.warn, warnings, "warn"), (.info, infos, "info")] {
      let expected = eval.expectations.filter { $0.kind == kind }
      if expected.isEmpty { continue }
      if actual.isEmpty { return "expected \(label) annotations, got none" }
      for e in expected where !actual.contains(where: { matchesExpectation(e, $0) }) {
        return "expected \(label) annotation \(e.message ?? e.regex ?? "(any)"), got \(actual)"
      }
      for a in actual where !expected.contains(where: { matchesExpectation($0, a) }) {
        return "unexpected \(label) annotation \(a)"
      }
    }
    if eval.expectations.contains(where: { $0.kind == .noWarn }), !warnings.isEmpty { return "unexpected warnings \(warnings)" }
    if eval.expectations.contains(where: { $0.kind == .noInfo }), !infos.isEmpty { return "unexpected info \(infos)" }
    return nil
  }

  private static func matchesExpectation(_ expectation: PromQLTestScript.Expectation, _ text: String) -> Bool {
    if let message = expectation.message { return message == text }
    if let regex = expectation.regex { return matches(regex, text) }
    return true
  }

  static func almostEqual(_ a: Double, _ b: Double) -> Bool {
    if a.isNaN && b.isNaN { return true }
    if a == b { return true }
    let minNormal = Double(bitPattern: 0x0010_0000_0000_0000)
    let absSum = abs(a) + abs(b), diff = abs(a - b)
    if a == 0 || b == 0 || absSum < minNormal { return diff < 0.000001 * minNormal }
    return diff / min(absSum, .greatestFiniteMagnitude) < 0.000001
  }

  private static func compare(_ eval: PromQLTestScript.Eval, _ value: QueryValue) -> String? {
    switch value {
    case .string(let s):
      guard let expected = eval.expectedString else { return "unexpected string result \(s.debugDescription)" }
      return expected == s ? nil : "expected string \(expected.debugDescription), got \(s.debugDescription)"
    case .scalar(let s):
      guard let expected = eval.expectedScalar else { return "expected a vector or matrix, got scalar \(s)" }
      return almostEqual(expected, s) ? nil : "expected scalar \(expected), got \(s)"
    case .vector(let vector):
      if eval.expectedScalar != nil { return "expected scalar result, got vector" }
      var seen = Set<Labels>()
      for (position, element) in vector.enumerated() {
        guard let index = eval.expectedSeries.firstIndex(where: { $0.labels == element.labels }) else {
          return "unexpected metric \(element.labels) in result, has value \(element.value)"
        }
        let expected = eval.expectedSeries[index]
        if eval.ordered && index != position { return "expected \(element.labels) at position \(index + 1), was at \(position + 1)" }
        guard let want = expected.values.first ?? nil else { return "no expected value for \(element.labels)" }
        if !almostEqual(want, element.value) { return "expected \(want) for \(element.labels), got \(element.value)" }
        seen.insert(element.labels)
      }
      for expected in eval.expectedSeries where !seen.contains(expected.labels) {
        return "expected metric \(expected.labels) not found"
      }
      return nil
    case .matrix(let matrix):
      if eval.expectedScalar != nil { return "expected scalar result, got matrix" }
      let (start, step) = eval.rangeVector.map { ($0.start, $0.step) } ?? (eval.start, eval.step)
      var seen = Set<Labels>()
      for series in matrix {
        guard let expected = eval.expectedSeries.first(where: { $0.labels == series.labels }) else {
          return "unexpected metric \(series.labels) in result"
        }
        var points: [(Int64, Double)] = []
        for (i, v) in expected.values.enumerated() {
          if let v { points.append((start + Int64(i) * step, v)) }
        }
        if points.count != series.values.count {
          return "expected \(points.count) points for \(series.labels), got \(series.values.count): \(zip(series.timestamps, series.values).map { "\($1)@\($0)" })"
        }
        for (i, (t, v)) in points.enumerated() {
          if series.timestamps[i] != t { return "expected timestamp \(t) for \(series.labels), got \(series.timestamps[i])" }
          if !almostEqual(v, series.values[i]) { return "expected \(v) at \(t) for \(series.labels), got \(series.values[i])" }
        }
        seen.insert(series.labels)
      }
      for expected in eval.expectedSeries where !seen.contains(expected.labels) {
        return "expected metric \(expected.labels) not found"
      }
      return nil
    }
  }
}
