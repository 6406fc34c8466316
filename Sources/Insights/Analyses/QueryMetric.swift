import Analysis
import Diagnostics
import Manifests

/// A Prometheus metric as an analysis runs it: the template's metric as written (for locations), and
/// its query and conditions with the arguments substituted (for evaluation).
struct QueryMetric: Sendable {
  /// Which analysis of the Rollout runs it; nil when a template is checked on its own (lint).
  var block: RolloutAnalysisBlock?
  /// `startingStep` of a background analysis.
  var startingStep: Int
  var template: AnalysisTemplate
  var metric: Manifests.Metric
  /// The query as written.
  var query: Located<String>
  /// The query after `{{args.x}}` substitution; nil when some tag cannot be resolved.
  var resolvedQuery: String?
  var successCondition: String?
  var failureCondition: String?
  /// The Rollout that runs it, when known.
  var rolloutName: String?
  /// HTML tags removed from the conditions before reading them (text extracted from slides or web
  /// pages carries `</pre>`; the validator reports the tag itself).
  var removedTags: [String] = []

  var name: String { metric.nameValue }

  /// `Rollout 'x' runs it as background analysis`, for notes; nil for a template on its own.
  var usage: String? {
    guard let rolloutName, let block else { return nil }
    let role: String
    switch block {
    case .background: role = startingStep > 0 ? "background analysis from step \(startingStep)" : "background analysis"
    case .step(let index): role = "the analysis of step \(index)"
    case .prePromotion: role = "pre-promotion analysis"
    case .postPromotion: role = "post-promotion analysis"
    }
    return "Rollout '\(rolloutName)' runs it as \(role)"
  }

  /// How the metric is introduced in messages: `metric 'error-rate' (template prometheus-kpi-check)`.
  var title: String { "metric '\(name)' of \(template.kind) \(template.name)" }

  /// The conditions say nothing about the result (Argo then counts every measurement Successful).
  var hasConditions: Bool { successCondition != nil || failureCondition != nil }
}

/// Where the Prometheus query of a metric is written. Falls back to `provider.query` when the
/// `prometheus:` line is missing (the validator reports that; the query is still worth checking).
enum MetricQuery {
  static func located(_ metric: Manifests.Metric) -> Located<String>? {
    if let query = metric.provider.prometheus?.query { return query }
    guard let node = metric.node["provider"]?["query"], let text = node.stringValue else { return nil }
    return Located(text, at: node.location, length: text.count)
  }

  /// The metrics of a template: `spec.metrics`, or the ones written under `metadata` when the
  /// `spec:` line is missing (as the validator reads them).
  static func metrics(of template: AnalysisTemplate) -> [Manifests.Metric] {
    if !template.spec.metrics.isEmpty { return template.spec.metrics }
    guard template.spec.templates.isEmpty, let misplaced = template.node["metadata"]?["metrics"]?.sequence else {
      return []
    }
    return misplaced.filter(\.isMapping).map(Manifests.Metric.init(decoding:))
  }
}
