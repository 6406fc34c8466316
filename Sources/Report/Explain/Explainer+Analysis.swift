import Foundation
import Controller
import Manifests
import Simulation
import VirtualTime

extension Explainer {
  /// `background`, `step`, `pre-promotion`, `post-promotion`.
  static func kindName(_ kind: String) -> String {
    switch kind {
    case "Background": "background"
    case "Step": "step"
    case "PrePromotion": "pre-promotion"
    case "PostPromotion": "post-promotion"
    default: kind.lowercased()
    }
  }

  func analysisRunEvent(_ entry: TimelineEntry, index: Int, state: State) -> ExplainLine? {
    let phase = String(entry.event.dropFirst("AnalysisRun".count))
    func line(_ text: String, _ rule: String?, notable: Bool = false) -> ExplainLine {
      ExplainLine(t: entry.t, kind: .decision, event: index, text: Self.sentence(text), rule: rule, notable: notable)
    }
    guard let (eventKind, name) = EventMessage.analysisRun(entry.message) else { return line(entry.message, nil) }
    let run = model.analysisRuns.first { $0.name == name }
    let kind = run?.kind.rawValue ?? eventKind
    let plan = model.plan.analysis(kind: kind, step: run?.step)
    let label = "\(Self.kindName(kind)) AnalysisRun \(name)"
    switch phase {
    case "Running":
      let metrics = plan?.metrics.map(Self.summary).joined(separator: "; ") ?? ""
      return line(
        "The \(label) starts" + (metrics.isEmpty ? "." : ": \(metrics)."), Self.startRule(kind, plan: plan))
    case "Successful":
      if run?.message == "Run Terminated" {
        return line(
          "The \(label) ends Successful: the controller terminated it and no metric had failed.",
          "runs still going when the rollout is promoted (or moves past their step) are terminated; a terminated run without failures is Successful (§3.4)")
      }
      let counts = run.map(Self.tally) ?? ""
      return line(
        "The \(label) is Successful" + (counts.isEmpty ? "." : ": \(counts)."), Self.successRule(kind),
        notable: kind == "Background")
    case "Failed", "Error", "Inconclusive":
      let chain = run.map { verdictChain(run: $0, phase: phase, plan: plan) } ?? "AnalysisRun \(name) is \(phase)"
      return line(chain + " → " + Self.consequence(kind: kind, phase: phase), Self.verdictRule(phase: phase, kind: kind), notable: true)
    default:
      return line("The \(label) is \(phase).", nil)
    }
  }

  /// `success-rate every 30s, succeeds when result[0] > 0.9, fails after 2 failed measurements`.
  static func summary(_ metric: PlanMetric) -> String {
    var text = metric.name
    if let interval = metric.interval {
      text += " every \(interval)"
      if let count = metric.effectiveCount { text += ", \(count) time\(count == 1 ? "" : "s")" }
    } else {
      text += " once"
    }
    if let delay = metric.initialDelay { text += " after \(delay)" }
    var conditions: [String] = []
    if let s = metric.successCondition { conditions.append("succeeds when `\(s)`") }
    if let f = metric.failureCondition { conditions.append("fails when `\(f)`") }
    if conditions.isEmpty {
      conditions.append(
        metric.provider == "job"
          ? "succeeds when its Job completes, fails when the Job fails"
          : "no condition, so every measurement succeeds (§14.1)")
    }
    text += ", " + conditions.joined(separator: ", ")
    if metric.failureLimit >= 0 {
      let n = metric.failureLimit + 1
      text += ", the metric fails at \(n) failed measurement\(n == 1 ? "" : "s") (failureLimit \(metric.failureLimit))"
    }
    if metric.dryRun { text += " [dry-run]" }
    return text
  }

  static func startRule(_ kind: String, plan: PlanAnalysis?) -> String {
    switch kind {
    case "Background":
      let from = plan?.startingStep.map { "from step \($0 + 1)" } ?? "from the start of the update"
      return "background analysis runs \(from) until the rollout is promoted or aborted; one run per revision (§6.8)"
    case "Step":
      return "an inline analysis step waits for its AnalysisRun: Successful completes the step, Failed aborts, Inconclusive pauses"
    case "PrePromotion":
      return "pre-promotion analysis runs against the new revision before the active Service switches (§4)"
    case "PostPromotion":
      return "post-promotion analysis runs after the switch; the new revision becomes stable only if it passes (§4)"
    default:
      return "an experiment's analysis decides the experiment"
    }
  }

  static func successRule(_ kind: String) -> String {
    switch kind {
    case "Background":
      return "a background run that completes stops guarding this revision for the rest of the rollout (§14.8)"
    case "Step": return "a Successful step run completes its step"
    case "PrePromotion": return "pre-promotion analysis passed: the switch may happen"
    case "PostPromotion": return "post-promotion analysis passed: the new revision becomes stable"
    default: return "the analysis passed"
    }
  }

  static func consequence(kind: String, phase: String) -> String {
    if phase == "Inconclusive" { return "rollout paused (InconclusiveAnalysisRun), waiting for a human" }
    switch kind {
    case "PrePromotion": return "rollout aborted, the active Service stays on the stable revision"
    case "PostPromotion": return "rollout aborted, the active Service goes back to the stable revision"
    default: return "rollout aborted, canary weight 0"
    }
  }

  static func verdictRule(phase: String, kind: String) -> String {
    let metric: String
    switch phase {
    case "Failed": metric = "a metric fails when its failed measurements exceed failureLimit"
    case "Inconclusive": metric = "a metric is Inconclusive when inconclusive measurements exceed inconclusiveLimit (a value meeting neither condition is inconclusive)"
    default: metric = "a metric errors when consecutive Error measurements exceed consecutiveErrorLimit (errors retry every 10 s)"
    }
    return metric + "; the first metric to fail ends the whole run (assessRunStatus); "
      + (phase == "Inconclusive" ? "an Inconclusive run pauses the rollout (§6.5, §6.6, §6.8)" : "a Failed or Error \(Self.kindName(kind)) run aborts the rollout (§6.5, §6.6, §6.8)")
  }

  /// `success-rate: 12 measurements, 0 failed`.
  static func tally(_ run: AnalysisRunRecord) -> String {
    run.metrics.filter { !$0.measurements.isEmpty }.map { metric in
      let failed = metric.measurements.count { $0.phase == "Failed" }
      let n = metric.measurements.count
      return "\(metric.name): \(n) measurement\(n == 1 ? "" : "s"), \(failed) failed"
    }.joined(separator: "; ")
  }

  /// `measurement 3 of success-rate failed: 0.81 is not > 0.9; failed (2) > failureLimit (1) → AnalysisRun X Failed`.
  func verdictChain(run: AnalysisRunRecord, phase: String, plan: PlanAnalysis?) -> String {
    let candidates = run.metrics.filter { $0.phase == phase }
    guard let metric = candidates.first(where: { !$0.dryRun }) ?? candidates.first else {
      let because = run.message.isEmpty ? "" : ": \(run.message)"
      return "AnalysisRun \(run.name) is \(phase)\(because)"
    }
    let planMetric = plan?.metrics.first { $0.name == metric.name }
    var parts: [String] = []
    if let i = metric.measurements.lastIndex(where: { $0.phase == phase }) {
      let m = metric.measurements[i]
      parts.append("measurement \(i + 1) of \(metric.name) \(Self.verb(phase)): \(Self.verdict(m, metric: planMetric))")
    }
    parts.append(limitClause(run: run, metric: metric, phase: phase, plan: planMetric))
    var chain = parts.joined(separator: "; ")
    chain += " → AnalysisRun \(phase)"
    if metric.dryRun { chain += " (dry-run metric: it does not count)" }
    return chain
  }

  static func verb(_ phase: String) -> String {
    switch phase {
    case "Failed": "failed"
    case "Inconclusive": "was inconclusive"
    case "Error": "errored"
    case "Successful": "succeeded"
    default: phase.lowercased()
    }
  }

  /// Why one measurement got its phase: `0.81 is not > 0.9`.
  static func verdict(_ m: AnalysisRunRecord.Measurement, metric: PlanMetric?) -> String {
    let value = MeasurementValue.display(m.value)
    switch m.phase {
    case "Error":
      return m.message.isEmpty ? "the provider or the condition returned an error" : m.message
    case "Inconclusive":
      if let s = metric?.successCondition.flatMap({ ConditionThreshold.parse($0, meaning: .success) }),
        let f = metric?.failureCondition.flatMap({ ConditionThreshold.parse($0, meaning: .failure) })
      {
        return "\(value) is not \(s.op) \(s.valueText) (success) and not \(f.op) \(f.valueText) (failure)"
      }
      return "\(value) meets neither the success nor the failure condition"
    case "Failed", "Successful":
      let failed = m.phase == "Failed"
      guard let metric else { return value }
      if metric.provider == "job" {
        return m.message.isEmpty ? (failed ? "the Job failed" : "the Job completed") : m.message
      }
      if let threshold = metric.threshold {
        // The verdict sentence must agree with the phase; otherwise quote the condition.
        let number = MeasurementValue.first(m.value)
        let holds = number.map(threshold.holds)
        let consistent = holds.map { threshold.meaning == .success ? ($0 != failed) : ($0 == failed) } ?? false
        if consistent { return threshold.verdict(for: value, failed: failed) }
      }
      if failed, let f = metric.failureCondition { return "\(value) meets failureCondition `\(f)`" }
      if failed, let s = metric.successCondition { return "\(value) does not meet successCondition `\(s)`" }
      if let s = metric.successCondition { return "\(value) meets `\(s)`" }
      return value
    default:
      return value
    }
  }

  /// `failed (2) > failureLimit (1)`, from the run's own message when it says so.
  func limitClause(run: AnalysisRunRecord, metric: AnalysisRunRecord.Metric, phase: String, plan: PlanMetric?) -> String {
    if let range = run.message.range(of: "due to ") {
      let clause = run.message[range.upperBound...].prefix { $0 != ":" }
      if !clause.isEmpty { return String(clause) }
    }
    let ms = metric.measurements
    switch phase {
    case "Failed":
      return "failed (\(ms.count { $0.phase == "Failed" })) > failureLimit (\(plan?.failureLimit ?? 0))"
    case "Inconclusive":
      return "inconclusive (\(ms.count { $0.phase == "Inconclusive" })) > inconclusiveLimit (\(plan?.inconclusiveLimit ?? 0))"
    default:
      let trailing = ms.reversed().prefix { $0.phase == "Error" }.count
      let limit = plan?.consecutiveErrorLimit ?? Metric.defaultConsecutiveErrorLimit
      return "consecutiveErrors (\(trailing)) > consecutiveErrorLimit (\(limit))"
    }
  }

  /// Measurements worth a line of their own: the first of each metric, and each one that did not
  /// succeed (except the one that decided the run, which its run's line tells).
  func measurementLines() -> [ExplainLine] {
    var out: [ExplainLine] = []
    let perMetricCap = 12
    for run in model.analysisRuns {
      let plan = model.plan.analysis(kind: run.kind.rawValue, step: run.step)
      for metric in run.metrics {
        let planMetric = plan?.metrics.first { $0.name == metric.name }
        let deciding = metric.phase == run.phase ? metric.measurements.lastIndex { $0.phase == run.phase } : nil
        // The first measurement often has no data yet; the first one with a number says more.
        let firstValue = metric.measurements.firstIndex { MeasurementValue.first($0.value) != nil }
        var failed = 0
        var inconclusive = 0
        var errors = 0
        var shown = 0
        var hidden = 0
        for (i, m) in metric.measurements.enumerated() {
          if m.phase == "Failed" { failed += 1 }
          if m.phase == "Inconclusive" { inconclusive += 1 }
          errors = m.phase == "Error" ? errors + 1 : 0
          let first = i == 0 || i == firstValue
          guard first || m.phase != "Successful", i != deciding else { continue }
          if !first && shown >= perMetricCap {
            hidden += 1
            continue
          }
          shown += 1
          var text = "Measurement \(i + 1) of \(metric.name) (\(Self.kindName(run.kind.rawValue)) run \(run.name)) \(Self.verb(m.phase)): \(Self.verdict(m, metric: planMetric))"
          var rule: String?
          switch m.phase {
          case "Failed":
            let limit = planMetric?.failureLimit ?? 0
            rule = "failed (\(failed)) ≤ failureLimit (\(limit)): the metric keeps measuring"
          case "Inconclusive":
            rule = "inconclusive (\(inconclusive)) ≤ inconclusiveLimit (\(planMetric?.inconclusiveLimit ?? 0)): the metric keeps measuring"
          case "Error":
            let limit = planMetric?.consecutiveErrorLimit ?? Metric.defaultConsecutiveErrorLimit
            rule = "consecutiveErrors (\(errors)) ≤ consecutiveErrorLimit (\(limit)): retried in 10 s, not counted"
          default:
            text += "."
          }
          if metric.dryRun { text += " [dry-run]" }
          out.append(ExplainLine(t: m.t, kind: .measurement, event: nil, text: text, rule: rule))
        }
        if hidden > 0, let last = metric.measurements.last {
          out.append(
            ExplainLine(
              t: last.t, kind: .measurement, event: nil,
              text: "… and \(hidden) more measurement\(hidden == 1 ? "" : "s") of \(metric.name) that did not succeed (see the report).",
              rule: nil))
        }
      }
    }
    return out
  }
}
