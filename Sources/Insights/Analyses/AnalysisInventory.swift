import Analysis
import Diagnostics
import Manifests

/// The Prometheus metrics a Rollout's analyses run, with the Rollout's arguments substituted the way
/// the controller builds its AnalysisRuns (`BuildArgumentsForRolloutAnalysisRun`, `MergeArgs`).
struct AnalysisInventory {
  let set: ManifestSet
  let rollout: Rollout
  let namespace: String
  /// Values for `podTemplateHashValue: Stable | Latest` arguments.
  var stableHash = "stable-hash"
  var canaryHash = "canary-hash"

  init(set: ManifestSet, rollout: Rollout, namespace: String) {
    var rollout = rollout
    if (rollout.metadata.namespace?.value ?? "").isEmpty {
      rollout.metadata.namespace = Located(namespace, at: rollout.metadata.location)
    }
    self.set = set
    self.rollout = rollout
    self.namespace = namespace
  }

  /// Every analysis block of the Rollout, in the order the controller meets them.
  var blocks: [(block: RolloutAnalysisBlock, analysis: RolloutAnalysis)] {
    var out: [(RolloutAnalysisBlock, RolloutAnalysis)] = []
    if let canary = rollout.canary {
      if let background = canary.analysis { out.append((.background, background)) }
      for (index, step) in canary.steps.enumerated() {
        if let analysis = step.analysis { out.append((.step(index), analysis)) }
      }
    }
    if let blueGreen = rollout.blueGreen {
      if let pre = blueGreen.prePromotionAnalysis { out.append((.prePromotion, pre)) }
      if let post = blueGreen.postPromotionAnalysis { out.append((.postPromotion, post)) }
    }
    return out
  }

  /// The templates a block runs (nested templates resolved), namespaced ones first.
  func templates(of analysis: RolloutAnalysis) -> [AnalysisTemplate] {
    let resolved = AnalysisRunFactory.resolveTemplates(analysis.templates, in: set, namespace: namespace)
    return resolved.templates + resolved.clusterTemplates
  }

  /// The Prometheus metrics of every block.
  var queryMetrics: [QueryMetric] {
    blocks.flatMap { block, analysis in queryMetrics(block: block, analysis: analysis) }
  }

  func queryMetrics(block: RolloutAnalysisBlock, analysis: RolloutAnalysis) -> [QueryMetric] {
    let templates = templates(of: analysis)
    let values = argumentValues(analysis: analysis, templates: templates)
    var out: [QueryMetric] = []
    for template in templates {
      for metric in template.spec.metrics {
        guard let query = MetricQuery.located(metric) else { continue }
        out.append(
          QueryMetric(
            block: block, startingStep: analysis.startingStep?.value ?? 0, template: template, metric: metric,
            query: query, resolvedQuery: Self.substitute(query.value, values),
            successCondition: metric.successCondition.flatMap { Self.substitute($0.value, values) }.nonEmpty,
            failureCondition: metric.failureCondition.flatMap { Self.substitute($0.value, values) }.nonEmpty,
            rolloutName: rollout.name))
      }
    }
    return out
  }

  /// `args.NAME` → value for the run of a block: the Rollout's values over the templates' own, a
  /// placeholder for Secret references (queries never need the secret itself).
  func argumentValues(analysis: RolloutAnalysis, templates: [AnalysisTemplate]) -> [String: String] {
    let incoming = AnalysisRunFactory.rolloutArguments(
      analysis.args, rollout: rollout, stableHash: stableHash, latestHash: canaryHash
    ).args
    var values: [String: String] = [:]
    for template in templates {
      for arg in template.spec.args {
        if let value = arg.value?.value {
          values["args.\(arg.nameValue)"] = value
        } else if case .secretKeyRef? = arg.valueFrom {
          values["args.\(arg.nameValue)"] = "secret"
        }
      }
    }
    for arg in incoming {
      if let value = arg.value?.value { values["args.\(arg.nameValue)"] = value }
    }
    return values
  }

  /// The text with its tags replaced, or nil when one cannot be (the validator reports why).
  static func substitute(_ text: String, _ values: [String: String]) -> String? {
    try? ArgTemplate.substitute(text, values: values)
  }

  /// Metrics of templates checked on their own (no Rollout): tags resolve from the templates'
  /// declared values only.
  static func templateMetrics(_ set: ManifestSet) -> [QueryMetric] {
    var out: [QueryMetric] = []
    for template in set.analysisTemplates + set.clusterAnalysisTemplates {
      var values: [String: String] = [:]
      let args = template.spec.args.isEmpty
        ? (template.node["metadata"]?["args"]?.sequence ?? []).filter(\.isMapping).map(AnalysisArgument.init(decoding:))
        : template.spec.args
      for arg in args { if let value = arg.value?.value { values["args.\(arg.nameValue)"] = value } }
      for metric in MetricQuery.metrics(of: template) {
        guard let query = MetricQuery.located(metric) else { continue }
        var removed: [String] = []
        func condition(_ text: Located<String>?) -> String? {
          guard let text, let substituted = substitute(text.value, values) else { return nil }
          let (clean, tags) = HTMLTags.removing(from: substituted)
          removed += tags
          return clean.isEmpty ? nil : clean
        }
        out.append(
          QueryMetric(
            block: nil, startingStep: 0, template: template, metric: metric, query: query,
            resolvedQuery: substitute(query.value, values), successCondition: condition(metric.successCondition),
            failureCondition: condition(metric.failureCondition), removedTags: removed))
      }
    }
    return out
  }
}

/// HTML tags left in text copied from slides or web pages (`… <= 0.05</pre>`).
enum HTMLTags {
  static func removing(from text: String) -> (String, [String]) {
    let pattern = /<\/?[a-zA-Z][a-zA-Z0-9]*\s*>/
    let tags = text.matches(of: pattern).map { String(text[$0.range]) }
    guard !tags.isEmpty else { return (text, []) }
    return (text.replacing(pattern, with: "").trimmingSpaces, tags)
  }
}

extension String {
  var trimmingSpaces: String {
    var s = Substring(self)
    while s.first?.isWhitespace == true { s = s.dropFirst() }
    while s.last?.isWhitespace == true { s = s.dropLast() }
    return String(s)
  }
}

extension String? {
  /// nil for nil or "".
  var nonEmpty: String? {
    guard let self, !self.isEmpty else { return nil }
    return self
  }
}
