import Diagnostics
import Manifests
import PromQL
import Simulation
import TimeSeries
import Workload

/// Blind metric (design §7): the query can see no data — a selector matches no series — and the
/// condition lets no data pass (`len(result) == 0 || …`), so the metric can never fail.
enum BlindMetricCheck {
  // MARK: Static (lint)

  /// A stray `}` after a tag inside a label value (`'{{args.namespace}}}'`) leaves the value ending in
  /// `}`: no series has it.
  static func strayBraces(_ metrics: [QueryMetric], sources: [String: SourceText]) -> [Diagnostic] {
    var out: [Diagnostic] = []
    let search = SourceSearch(sources: sources)
    for metric in metrics {
      let text = metric.query.value
      let strays = ArgTemplate.strayBraces(in: text).filter { $0.brace == "}" }
      guard !strays.isEmpty, let tags = try? ArgTemplate.tags(in: text) else { continue }
      // Placeholders stand in for the values; the stray brace stays, as Argo leaves it.
      var values: [String: String] = [:]
      for tag in tags { values[tag.name] = "value" }
      guard let substituted = try? ArgTemplate.substitute(text, values: values),
        let expr = QuerySelectors.parse(substituted)
      else { continue }
      let essential = QuerySelectors.essentialOrdinals(expr)
      let selectors = QuerySelectors.selectors(in: expr)
      guard let blinded = selectors.first(where: { use in use.labelMatchers.contains { $0.value.contains("}") } }),
        let matcher = blinded.labelMatchers.first(where: { $0.value.contains("}") })
      else { continue }
      for stray in strays {
        let written = "{{\(stray.tag.raw)}}}"
        let start = search.find(written, from: metric.query.location) ?? metric.query.location
        let at = SourceLocation(file: start.file, line: start.line, column: start.column + written.count - 1)
        let empties = essential.contains(blinded.selector.ordinal)
        var notes = [
          "after substitution the label value ends in '}' (\(matcher.name)\(matcher.op.rawValue)\"…}\"), which no series has: the selector matches nothing"
        ]
        let verdict = consequence(metric, noData: empties)
        if empties { notes.append("so the query returns no data at every measurement; " + verdict.text) }
        if !metric.removedTags.isEmpty {
          notes.append("the condition is read without \(metric.removedTags.joined(separator: " ")), which is not part of an expression")
        }
        out.append(
          Diagnostic(
            .warning,
            "\(metric.title) \(verdict.neverFails && empties ? "can never fail" : "is blind"): the stray '}' after {{\(stray.tag.raw)}} empties \(QuerySelectors.side(of: blinded, in: expr) ?? "a selector")",
            at: at, hint: "remove the third closing brace: {{\(stray.tag.raw)}}", rule: InsightRule.blindMetric.rawValue,
            notes: notes))
      }
    }
    return out
  }

  /// `route` matchers of HAProxy metrics that name no Route of the manifests.
  static func unknownRoutes(_ metrics: [QueryMetric], set: ManifestSet, sources: [String: SourceText]) -> [Diagnostic] {
    let routes = set.routes.map(\.name)
    guard !routes.isEmpty else { return [] }
    var out: [Diagnostic] = []
    for metric in metrics {
      guard let query = metric.resolvedQuery, let expr = QuerySelectors.parse(query) else { continue }
      let essential = QuerySelectors.essentialOrdinals(expr)
      let locator = QueryLocator(sources: sources, query: metric.query)
      for use in QuerySelectors.selectors(in: expr) where (use.metricName ?? "").hasPrefix("haproxy_") {
        guard let matcher = use.labelMatchers.first(where: { $0.name == "route" && ($0.op == .equal || $0.op == .regexMatch) }),
          !routes.contains(where: matcher.matches)
        else { continue }
        let (at, length) = locator.matcher(matcher, in: use)
        let empties = essential.contains(use.selector.ordinal)
        let verdict = consequence(metric, noData: empties)
        var notes = ["HAProxy labels its metrics with the Route's name; the manifests define \(quoted(routes))"]
        if let usage = metric.usage { notes.insert(usage, at: 0) }
        if empties { notes.append("the query returns no data while this Route does not exist; " + verdict.text) }
        out.append(
          Diagnostic(
            .warning, "\(metric.title) is blind: \(matcher) names no Route of the manifests", at: at, length: length,
            hint: hint(for: matcher, values: routes, metric: metric), rule: InsightRule.blindMetric.rawValue, notes: notes))
        break
      }
    }
    return out
  }

  // MARK: Dynamic (run, test)

  /// Selectors that matched no series of the run's telemetry, and metrics that saw no data at every
  /// measurement while passing.
  static func dynamic(
    _ metrics: [QueryMetric], store: SeriesStore, families: [TelemetryFamily], records: [AnalysisRunRecord],
    sources: [String: SourceText]
  ) -> [Diagnostic] {
    var out: [Diagnostic] = []
    for metric in metrics {
      guard let query = metric.resolvedQuery, let expr = QuerySelectors.parse(query) else { continue }
      let essential = QuerySelectors.essentialOrdinals(expr)
      let locator = QueryLocator(sources: sources, query: metric.query)
      let measured = RunRecords.measurements(of: metric, in: records)
      // Only metrics the run measured: an analysis that never started saw nothing either way.
      guard !measured.isEmpty else { continue }
      var reported: [String] = []
      for use in QuerySelectors.selectors(in: expr) where essential.contains(use.selector.ordinal) {
        guard store.select(use.selector.matchers).isEmpty else { continue }
        let finding = noSeries(
          metric, use: use, side: QuerySelectors.side(of: use, in: expr), store: store, families: families, locator: locator,
          measured: measured)
        // The numerator and denominator usually fail on the same matcher: say it once.
        if reported.contains(finding.message) { continue }
        reported.append(finding.message)
        out.append(finding)
      }
      // Every selector matched, but the query as a whole still returned nothing every time.
      if reported.isEmpty, measured.allSatisfy({ $0.value == "[]" && $0.phase == "Successful" }) {
        out.append(
          Diagnostic(
            .warning, "\(metric.title) can never fail: the query returned no data at all \(measured.count) measurements",
            at: metric.query.location, length: metric.query.length,
            hint: "check how the query's sides match (on/ignoring, by); and do not let `len(result) == 0` pass",
            rule: InsightRule.blindMetric.rawValue, notes: [consequence(metric, noData: true).text]))
      }
    }
    return out
  }

  private static func noSeries(
    _ metric: QueryMetric, use: SelectorUse, side: String?, store: SeriesStore, families: [TelemetryFamily], locator: QueryLocator,
    measured: [RunRecords.Measurement]
  ) -> Diagnostic {
    let name = use.metricName ?? ""
    let verdict = consequence(metric, noData: true)
    var notes: [String] = metric.usage.map { [$0] } ?? []
    let message: String
    var advice: String?
    var at = locator.selector(use)
    let nameMatcher = name.isEmpty ? nil : try? LabelMatcher(Labels.metricNameLabel, .equal, name)
    let candidates = nameMatcher.map { store.select([$0]) } ?? []
    if candidates.isEmpty {
      message = "\(metric.title) is blind: no series named \(name) in this scenario's telemetry"
      if let family = TelemetryFamily.allCases.first(where: { $0.metricNames().contains(name) }), !families.contains(family) {
        advice = "the scenario emits \(families.map(\.rawValue).joined(separator: ", ")); add `telemetry: [\(family.rawValue)]` to its spec"
      } else {
        notes.append("rollout-sim's telemetry families do not emit \(name); bind the metric with spec.providers.values to simulate it")
      }
    } else {
      // The first matcher that leaves nothing, with the values that do exist.
      var remaining = candidates
      var culprit: LabelMatcher?
      for matcher in use.labelMatchers {
        let kept = remaining.filter { matcher.matches(store[$0].labels) }
        if kept.isEmpty {
          culprit = matcher
          break
        }
        remaining = kept
      }
      let matcher = culprit ?? use.labelMatchers.last
      if let matcher {
        let values = Array(Set(remaining.map { store[$0].labels[matcher.name] })).sorted()
        message = "\(metric.title) is blind: no series of \(name) has \(matcher)"
        notes.append(
          values.allSatisfy(\.isEmpty)
            ? "no series of \(name) carries the label \(matcher.name)"
            : "\(matcher.name) values in this run: \(quoted(Array(values.prefix(8))))")
        advice = hint(for: matcher, values: values, metric: metric)
        at = locator.matcher(matcher, in: use)
      } else {
        message = "\(metric.title) is blind: \(name) matches no series"
      }
    }
    notes.append("\(side.map { "the selector is in \($0), so " } ?? "")the query returns no data at every measurement; " + verdict.text)
    if !measured.isEmpty {
      let phases = Set(measured.map(\.phase)).sorted().joined(separator: ", ")
      notes.append("this run measured it \(measured.count) time\(measured.count == 1 ? "" : "s"): \(phases)")
    }
    return Diagnostic(
      .warning, message, at: at.location, length: at.length, hint: advice, rule: InsightRule.blindMetric.rawValue, notes: notes)
  }

  // MARK: Wording

  struct Verdict {
    var text: String
    var neverFails: Bool
  }

  /// What no data means for the metric's verdict.
  static func consequence(_ metric: QueryMetric, noData: Bool) -> Verdict {
    guard noData else { return Verdict(text: "", neverFails: false) }
    if !metric.hasConditions {
      return Verdict(text: "with no condition every measurement counts as Successful: the metric can never fail", neverFails: true)
    }
    if ConditionProbe(metric).passesOnNoData {
      let condition = metric.successCondition.map { "successCondition `\($0)`" } ?? "the failureCondition"
      return Verdict(text: "\(condition) passes on no data: the metric can never fail", neverFails: true)
    }
    let limit = metric.metric.consecutiveErrorLimitValue
    return Verdict(
      text: "every measurement is an Error (no data); after \(limit + 1) in a row the run ends in Error and the rollout aborts",
      neverFails: false)
  }

  /// A did-you-mean, or the stray brace that caused it.
  static func hint(for matcher: LabelMatcher, values: [String], metric: QueryMetric) -> String? {
    if matcher.value.hasSuffix("}"), let stray = ArgTemplate.strayBraces(in: metric.query.value).first(where: { $0.brace == "}" }) {
      return "the value ends in the stray '}' after {{\(stray.tag.raw)}}: write {{\(stray.tag.raw)}}"
    }
    if let close = Suggestions.closest(to: matcher.value, in: values.filter { !$0.isEmpty }) {
      return "did you mean \(matcher.name)\(matcher.op.rawValue)\"\(close)\"?"
    }
    if matcher.name == "route" {
      return "HAProxy counts a Route's traffic under the Route's own name; to see the canary alone use haproxy_server_http_responses_total{exported_service=\"<canary Service>\"}"
    }
    return nil
  }

  static func quoted(_ values: [String]) -> String {
    values.map { "\"\($0)\"" }.joined(separator: ", ")
  }
}
