import Analysis
import Foundation
import Diagnostics
import Manifests
import PromQL
import TimeSeries

/// Diluted signal (design §7): the query counts stable and canary requests together, so at a canary
/// weight w the canary's error rate e shows up as w·e. For each stretch of steps the analysis watches,
/// the finding prints the smallest canary error rate that could fail a measurement.
enum DilutedSignalCheck {
  static func check(
    _ metrics: [QueryMetric], rollout: Rollout, set: ManifestSet, namespace: String, hashes: [String],
    sources: [String: SourceText]
  ) -> [Diagnostic] {
    guard let canary = rollout.canary, canary.steps.contains(where: { $0.setWeight != nil }) else { return [] }
    let separation = RevisionSeparation(rollout: rollout, set: set, namespace: namespace, hashes: hashes)
    var out: [Diagnostic] = []
    for metric in metrics {
      let range: ClosedRange<Int>
      switch metric.block {
      case .background?: range = min(metric.startingStep, canary.steps.count - 1)...(canary.steps.count - 1)
      case .step(let index)?: range = index...index
      default: continue
      }
      guard let query = metric.resolvedQuery, let expr = QuerySelectors.parse(query) else { continue }
      let essential = QuerySelectors.essentialOrdinals(expr)
      let blended = QuerySelectors.selectors(in: expr).first { use in
        essential.contains(use.selector.ordinal) && RevisionSeparation.knownMetrics.contains(use.metricName ?? "")
          && !separation.separates(use)
      }
      guard let blended else { continue }
      let segments = weightSegments(canary.steps, range).filter { $0.weight > 0 }
      guard !segments.isEmpty else { continue }
      let threshold = QuerySelectors.isRatio(expr) ? ConditionProbe(metric).ratioThreshold : nil
      var notes = (metric.usage.map { [$0] } ?? []) + segments.map { note($0, threshold: threshold) }
      if let threshold {
        let side = threshold.higherIsBetter ? "a share above" : "a share up to"
        notes.append(
          "from the conditions: \(side) \(number(threshold.threshold)) passes; assuming the stable revision fails no requests")
      }
      let at = QueryLocator(sources: sources, query: metric.query).selector(blended)
      out.append(
        Diagnostic(
          .warning,
          "\(metric.title) blends stable and canary traffic: \(blended.metricName ?? "the selector") {\(blended.labelMatchers.map(\.description).joined(separator: ", "))} does not single out the canary",
          at: at.location, length: at.length, hint: hint(for: blended.metricName ?? "", rollout: rollout),
          rule: InsightRule.dilutedSignal.rawValue, notes: notes))
    }
    return out
  }

  struct Segment: Equatable {
    var first: Int
    var last: Int
    var weight: Int
  }

  /// Consecutive steps of `range` grouped by the canary weight in effect at each (the last setWeight
  /// at or before the step).
  static func weightSegments(_ steps: [CanaryStep], _ range: ClosedRange<Int>) -> [Segment] {
    var weight = 0
    var segments: [Segment] = []
    for (index, step) in steps.enumerated() {
      if let set = step.setWeight?.value { weight = set }
      guard range.contains(index) else { continue }
      if var last = segments.last, last.weight == weight {
        last.last = index
        segments[segments.count - 1] = last
      } else {
        segments.append(Segment(first: index, last: index, weight: weight))
      }
    }
    return segments
  }

  /// The smallest canary error rate a measurement at this weight can notice.
  static func note(_ segment: Segment, threshold: ConditionProbe.RatioThreshold?) -> String {
    let steps = segment.first == segment.last ? "step \(segment.first)" : "steps \(segment.first)–\(segment.last)"
    let share = Double(segment.weight) / 100
    guard let threshold else {
      return "\(steps) at \(segment.weight)% canary weight: the canary is \(segment.weight)% of what the query sees"
    }
    let needed = threshold.errorShareLimit / share
    if needed >= 1 {
      return "\(steps) at \(segment.weight)%: a measurement fails only if the canary fails more than \(percent(needed)) of its requests — impossible, the metric cannot catch this canary"
    }
    return "\(steps) at \(segment.weight)%: a measurement fails only if the canary fails more than \(percent(needed)) of its requests"
  }

  static func hint(for metricName: String, rollout: Rollout) -> String {
    let arg = "an arg canary-hash (valueFrom: {podTemplateHashValue: Latest})"
    if metricName.hasPrefix("istio_") {
      return "count the canary alone: pass \(arg) and add destination_workload=\"\(rollout.name)-{{args.canary-hash}}\""
    }
    if metricName.hasPrefix("haproxy_") {
      return "HAProxy blends a Route's backends: use haproxy_server_http_responses_total{exported_service=\"\(rollout.canary?.canaryService?.value ?? "<canary Service>")\"}"
    }
    if metricName.hasPrefix("nginx_") {
      return "select the canary's requests with canary!=\"\" (ingress-nginx sets it for requests the canary Ingress routed)"
    }
    return "count the canary alone: pass \(arg) and add rollouts_pod_template_hash=\"{{args.canary-hash}}\""
  }

  /// `200%`, `12.5%`, `0.625%`.
  static func percent(_ share: Double) -> String { number(share * 100) + "%" }

  /// Up to four significant digits, no trailing zeros.
  static func number(_ value: Double) -> String {
    var text = String(format: "%.4g", value)
    if text.contains("."), !text.contains("e") {
      while text.hasSuffix("0") { text.removeLast() }
      if text.hasSuffix(".") { text.removeLast() }
    }
    return text
  }
}
