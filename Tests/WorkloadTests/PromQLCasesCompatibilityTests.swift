import Foundation
import SimKernel
import TestSupport
import Testing
import TimeSeries
import VirtualTime

@testable import Workload

/// The selectors users write in real AnalysisTemplates (../shared/data/promql/promql-cases.txt), checked
/// against the telemetry: every label a selector requires exists on the metric's series, and the
/// exporter-defined values it asks for (`reporter="source"`, `response_code=~"5.*"`, `code="5xx"`…)
/// select something. Values that come from `{{args}}` are the scenario's business and are not checked.
@Suite struct PromQLCasesCompatibilityTests {
  /// Labels the corpus uses that the families do not emit by default, and why.
  static let knownGaps: [String: String] = [
    "status_class": "an application-specific label; enable it with HTTPOptions.statusClassLabels",
    "role": "a pod label the scenario sets (Backend.podLabels)",
    "destination_workload_label_rollouts_pod_template_hash": "a custom Istio Telemetry tag, not in Istio's defaults",
  ]

  /// Labels whose values the exporter defines (so a mismatch is ours, not the scenario's).
  static let exporterValues: Set<String> = ["reporter", "response_code", "code", "status", "response_flags", "backend"]

  struct Selector: CustomStringConvertible {
    var metric: String
    var matchers: [(name: String, op: String, value: String)]
    var description: String { "\(metric){\(matchers.map { "\($0.name)\($0.op)\"\($0.value)\"" }.joined(separator: ","))}" }
  }

  @Test(.enabled(if: PackagePaths.sharedDataAvailable("promql/promql-cases.txt")))
  func everySelectorOnOurMetricsMatches() throws {
    let text = try String(contentsOf: PackagePaths.sharedData("promql/promql-cases.txt"), encoding: .utf8)
    let queries = text.components(separatedBy: "\n---\n").map { record in
      record.split(separator: "\n").filter { !$0.hasPrefix("#") }.joined(separator: "\n")
    }
    let store = Self.telemetry()
    let ours = Set(store.metricNames)
    var checked = 0
    var problems: [String] = []
    for query in queries {
      for selector in Self.selectors(in: query) where ours.contains(selector.metric) {
        checked += 1
        let series = store.ids(selector.metric).map { store[$0].labels }
        for matcher in selector.matchers {
          let requiresLabel = matcher.op == "=" || matcher.op == "=~"
          guard requiresLabel, !matcher.value.isEmpty, Self.knownGaps[matcher.name] == nil else { continue }
          if !series.contains(where: { $0.has(matcher.name) }) {
            problems.append("\(selector): no series has \(matcher.name)")
            continue
          }
          guard Self.exporterValues.contains(matcher.name), !matcher.value.contains("ARG") else { continue }
          let op: LabelMatcher.Operator = matcher.op == "=" ? .equal : .regexMatch
          let compiled = try LabelMatcher(matcher.name, op, matcher.value)
          if !series.contains(where: { compiled.matches($0) }) {
            problems.append("\(selector): no series matches \(compiled)")
          }
        }
      }
    }
    print("promql-cases: \(checked) selectors on emitted metrics checked")
    #expect(checked >= 40)
    #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
  }

  /// All four families with an error mix that includes a 4xx, so 4xx-matching queries find a series.
  static func telemetry() -> SeriesStore {
    var model = Fixture.model(families: TelemetryFamily.allCases)
    for name in ["stable", "canary"] {
      model.revisions[name]?.errorCodes = StatusMix(codes: [(500, 2), (503, 1), (404, 1)])
    }
    var generator = TelemetryGenerator(model: model)
    var store = SeriesStore()
    var rng = SeededRandom(seed: 8)
    generator.advance(to: .zero + .minutes(5), split: Fixture.split(canaryWeight: 0.5), store: &store, rng: &rng)
    return store
  }

  /// `metric{a="b", c=~'d'}` selectors, after replacing every `{{…}}` template with `ARG`.
  static func selectors(in query: String) -> [Selector] {
    var text = query
    while let range = text.range(of: #"\{\{[^{}]*\}\}"#, options: .regularExpression) {
      text.replaceSubrange(range, with: "ARG")
    }
    var found: [Selector] = []
    let selector = try! Regex(#"([a-zA-Z_:][a-zA-Z0-9_:]*)\s*\{([^}]*)\}"#)
    let matcher = try! Regex(#"([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*("[^"]*"|'[^']*')"#)
    for match in text.matches(of: selector) {
      let metric = String(match.output[1].substring ?? "")
      let body = String(match.output[2].substring ?? "")
      var matchers: [(String, String, String)] = []
      for m in body.matches(of: matcher) {
        let quoted = String(m.output[3].substring ?? "")
        matchers.append((String(m.output[1].substring ?? ""), String(m.output[2].substring ?? ""), String(quoted.dropFirst().dropLast())))
      }
      found.append(Selector(metric: metric, matchers: matchers))
    }
    return found
  }
}
