import Foundation
import PromQL
import TestSupport
import TimeSeries
import Testing

/// The real queries of ../shared/data/promql/promql-cases.txt (from Argo Rollouts AnalysisTemplates):
/// each parses once its `{{args.x}}` placeholders are substituted, and evaluates over a store
/// holding series of its metrics — except the Argo docs' typo `response_code~"5.*"`, which must be
/// reported, with the caret under the `~`, as Prometheus reports it.
@Suite struct QueryCorpusTests {
  static let file = "promql/promql-cases.txt"

  struct Case {
    var line: Int
    var headers: [String: String]
    var query: String
  }

  static func cases() throws -> [Case] {
    let text = try String(contentsOf: PackagePaths.sharedData(file), encoding: .utf8)
    var out: [Case] = []
    var headers: [String: String] = [:]
    var body: [String] = []
    var start = 0
    func flush() {
      let query = body.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
      if !query.isEmpty && !headers.isEmpty { out.append(Case(line: start, headers: headers, query: query)) }
      headers = [:]
      body = []
    }
    for (index, line) in text.components(separatedBy: "\n").enumerated() {
      if line == "---" {
        flush()
        start = index + 2
      } else if line.hasPrefix("# ") && body.isEmpty {
        let content = line.dropFirst(2)
        if let colon = content.firstIndex(of: ":") {
          headers[String(content[..<colon])] = content[content.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
      } else {
        body.append(line)
      }
    }
    flush()
    return out
  }

  /// Plausible argument values, as an AnalysisRun would pass them.
  static let arguments: [String: String] = [
    "service-name": "istio-rollout", "service": "istio-rollout", "namespace": "rollout-demo",
    "canary-hash": "84b7f6d9c", "app": "rollout-demo", "ingress": "rollout-demo-ingress",
    "route-name": "rollout-demo", "envoy_cluster_name": "outbound|80||istio-rollout.rollout-demo.svc.cluster.local",
    "from": "frontend", "destination-service-name": "istio-rollout", "interval": "5m", "pod-name": "rollout-demo-abc12",
    "monovertex-namespace": "numaflow", "upgrading-monovertex-name": "simple-mvtx",
  ]

  /// Renders what Helm and Argo would: Helm's escaped `{{`{{ … }}`}}`, `include`, `.Release`,
  /// an if/else (the else branch), then Argo's `{{args.name}}`.
  static func render(_ query: String) -> String {
    var text = query
    text = text.replacingOccurrences(of: #"\{\{`(\{\{[^`]*\}\})`\}\}"#, with: "$1", options: .regularExpression)
    text = text.replacingOccurrences(of: #"(?s)\{\{-? *if [^}]*\}\}.*?\{\{-? *else *\}\}"#, with: "", options: [.regularExpression])
    text = text.replacingOccurrences(of: #"\{\{-? *end *\}\}"#, with: "", options: .regularExpression)
    text = text.replacingOccurrences(of: #"\{\{ *include "[^"]*" [.$] *\}\}"#, with: "rollout-demo", options: .regularExpression)
    text = text.replacingOccurrences(of: #"\{\{ *\$\.Release\.Namespace *\}\}"#, with: "rollout-demo", options: .regularExpression)
    while let range = text.range(of: #"\{\{ *args\.([A-Za-z0-9_-]+) *\}\}"#, options: .regularExpression) {
      let name = text[range].replacingOccurrences(of: #"[{} ]|args\."#, with: "", options: .regularExpression)
      text.replaceSubrange(range, with: arguments[name] ?? "value")
    }
    return text
  }

  @Test(.enabled(if: PackagePaths.sharedDataAvailable(file)))
  func everyQueryParsesAndEvaluates() throws {
    let cases = try Self.cases()
    #expect(cases.count >= 75)
    var parsed = 0, rejected = 0, nonEmpty = 0
    for c in cases {
      let query = Self.render(c.query)
      let resultType = c.headers["result-type"] ?? ""
      // The corpus marks three queries unparsable: two carry the Argo docs' typo `~"5.*"` (a real
      // error), one is a Helm if/else template that parses once rendered as Helm would.
      let expectedError = resultType.contains("bad char '~'")
      do {
        var prepared = try PreparedQuery(query)
        #expect(!expectedError, "line \(c.line): expected a parse error for \(query)")
        parsed += 1
        let store = Self.store(for: prepared.expr)
        let result = try prepared.evaluate(at: 3_600_000, in: store)
        if !expectedError && ["vector", "scalar"].contains(resultType) {
          #expect(result.value.resultType.rawValue == resultType, "line \(c.line): \(query)")
        }
        switch result.value {
        case .vector(let v) where !v.isEmpty: nonEmpty += 1
        case .scalar(let s) where !s.isNaN: nonEmpty += 1
        default: break
        }
      } catch let error as ParseErrors {
        if expectedError {
          rejected += 1
          let first = try #require(error.errors.first)
          #expect(first.message == "unexpected character inside braces: '~'")
          #expect(QueryText(query).slice(first.range).hasPrefix("~"), "the caret must be under the '~'")
        } else {
          Issue.record("line \(c.line): \(error.allDescriptions.joined(separator: "; "))\n\(query)")
        }
      } catch {
        Issue.record("line \(c.line): evaluation failed: \(error)\n\(query)")
      }
    }
    print("promql-cases: \(parsed) parsed and evaluated (\(nonEmpty) with data), \(rejected) rejected as in Prometheus, of \(cases.count)")
    #expect(nonEmpty >= parsed * 3 / 4)
  }

  // MARK: - A store that answers the query

  /// Series built from the query's own selectors, so every selector matches something: one
  /// series that satisfies all its matchers and one that differs in its negative matchers (a 5xx
  /// beside a 2xx), counters rising for an hour at 15 s; `_bucket` metrics get a few `le` buckets.
  static func store(for expr: Expr) -> SeriesStore {
    var store = SeriesStore()
    for (n, selector) in PromQLTestRunner.selectors(in: expr).enumerated() {
      for variant in 0..<2 {
        var labels: [String: String] = ["pod": "rollout-demo-\(variant)", "job": "rollout-demo"]
        for matcher in selector.matchers {
          let candidates = Self.candidates(for: matcher.name)
          switch matcher.op {
          case .equal: labels[matcher.name] = matcher.value
          case .regexMatch:
            labels[matcher.name] = ([matcher.value] + candidates).first { matcher.matches($0) } ?? matcher.value
          case .notEqual, .regexNoMatch:
            let fitting = candidates.first { matcher.matches($0) } ?? "ok"
            let failing = candidates.first { !matcher.matches($0) }
            labels[matcher.name] = variant == 1 ? (failing ?? fitting) : fitting
          }
        }
        let name = labels[Labels.metricNameLabel] ?? "up"
        let buckets = name.hasSuffix("_bucket") ? ["0.1", "0.5", "1", "2.5", "+Inf"] : [""]
        for (b, le) in buckets.enumerated() {
          if !le.isEmpty { labels["le"] = le }
          let id = store.seriesID(for: Labels(labels))
          let rate = Double(1 + n + variant * 3 + b * 5)
          for i in 0...240 { store.append(id, timestamp: Int64(i) * 15_000, value: Double(i) * rate * 15) }
        }
      }
    }
    return store
  }

  static func candidates(for label: String) -> [String] {
    switch label {
    case "response_code", "code", "status", "status_code", "envoy_response_code_class", "classification":
      ["200", "201", "404", "500", "503", "2xx", "5xx", "2", "5", "success", "failure"]
    case "reporter": ["source", "destination"]
    default: ["rollout-demo", "canary", "stable", "ingress", "x"]
    }
  }
}
