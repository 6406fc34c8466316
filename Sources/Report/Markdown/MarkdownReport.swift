import Controller
import Diagnostics
import Simulation
import VirtualTime

/// The Markdown report of one run, for CI step summaries (`$GITHUB_STEP_SUMMARY`): outcome, key
/// figures, steps, AnalysisRuns and the explain narrative. Input text is escaped.
public enum MarkdownReport {
  public static func render(_ report: RunReport) -> String { render(report.model) }

  public static func render(_ model: ReportModel) -> String {
    let o = model.outcome
    var out = "## \(TerminalStyle.symbol(o.phase)) \(md(model.title)): \(o.phase.rawValue)"
    if o.reason != o.phase.rawValue { out += " (\(md(o.reason)))" }
    out += "\n\n"
    if let sweep = model.sweepRun { out += "\(md(sweep.sentence(scenario: model.scenario, seed: model.seed)))\n\n" }
    if !model.description.isEmpty { out += "> \(md(model.description))\n\n" }
    out += facts(model)
    out += warnings(model)
    if !model.plan.steps.isEmpty { out += steps(model) }
    out += servedBy(model)
    if !model.analysisRuns.isEmpty { out += runs(model) }
    out += narrative(model)
    out += "<sub>rollout-sim · seed \(model.seed) · same scenario and seed, same report</sub>\n"
    return out
  }

  static func facts(_ model: ReportModel) -> String {
    let o = model.outcome
    let t = model.traffic
    let strategy =
      model.plan.strategy == "blueGreen"
      ? "blueGreen" : "canary " + (model.plan.trafficRouter.map { "via \($0)" } ?? "without a traffic router")
    var rows: [(String, String)] = [
      ("Rollout", "\(model.rollout) (\(strategy), \(model.plan.replicas) replica\(model.plan.replicas == 1 ? "" : "s"))"),
      ("Outcome", "\(o.phase.rawValue) at \(o.at)" + (o.message.isEmpty ? "" : ": \(o.message)")),
      ("Promoted", o.promotedAt.map { "yes, at \($0)" } ?? "no"),
      ("Aborted", o.abortedAt.map { "yes, at \($0)" } ?? "no"),
      ("Requests", TrafficText.all(t)),
      ("Served by the update", TrafficText.update(t)),
    ]
    for e in t.experiments { rows.append(("Served by experiment template \(md(e.template))", TrafficText.experiment(e))) }
    rows.append(("Run ended at", model.endedAt.description))
    if !model.diagnostics.isEmpty { rows.append(("Warnings", "\(model.diagnostics.count)")) }
    var out = "| | |\n|---|---|\n"
    for (k, v) in rows { out += "| \(k) | \(md(v)) |\n" }
    return out + "\n"
  }

  /// Each warning's text, as the HTML report lists them: a count alone would hide, in a CI summary,
  /// that a stored run's replay differs from what was stored.
  static func warnings(_ model: ReportModel) -> String {
    guard !model.diagnostics.isEmpty else { return "" }
    var out = "### Warnings\n\n"
    for d in model.diagnostics {
      let location = d.location.map { "\($0.file):\($0.line):\($0.column): " } ?? ""
      out += "- \(md(location + d.severity.rawValue + ": " + d.message))\n"
    }
    return out + "\n"
  }

  static func steps(_ model: ReportModel) -> String {
    var out = "### Steps\n\n| # | step | status |\n|---:|---|---|\n"
    for step in StepProgress(model: model).steps {
      let status: String
      switch step.state {
      case .done: status = "✔ done" + (step.end.map { " at \($0)" } ?? "")
      case .current: status = "▶ current (\(model.outcome.phase.rawValue))"
      case .aborted: status = "✖ aborted here" + (step.end.map { " at \($0)" } ?? "")
      case .skipped: status = "• skipped"
      case .pending: status = "· not reached"
      }
      out += "| \(step.index + 1) | \(md(step.text)) | \(md(status)) |\n"
    }
    return out + "\n"
  }

  /// Who served the requests, when experiment templates took a share (otherwise the facts say it all).
  static func servedBy(_ model: ReportModel) -> String {
    guard !model.traffic.experiments.isEmpty else { return "" }
    var out = "### Traffic\n\n| served by | requests | failed | failed share |\n|---|---:|---:|---:|\n"
    for row in TrafficShares(model.traffic).rows {
      out += "| \(md(row.who)) | \(Number.grouped(row.requests)) | \(Number.grouped(row.errors)) | \(md(TrafficShares.failedShare(row))) |\n"
    }
    return out + "\n"
  }

  static func runs(_ model: ReportModel) -> String {
    var out = "### Analysis runs\n\n| run | kind | phase | started | completed | measurements | message |\n|---|---|---|---|---|---|---|\n"
    for run in model.analysisRuns {
      var counts: [String] = []
      for phase in ["Successful", "Failed", "Inconclusive", "Error"] {
        let n = run.metrics.reduce(0) { $0 + $1.measurements.count { $0.phase == phase } }
        if n > 0 { counts.append("\(TerminalStyle.symbol(analysisPhase: phase)) \(n)") }
      }
      let kind = run.kind.rawValue + (run.step.map { " (step \($0 + 1))" } ?? "")
      out += "| \(md(run.name)) | \(md(kind)) | \(md(TerminalStyle.symbol(analysisPhase: run.phase) + " " + run.phase)) "
      out += "| \(run.startedAt?.description ?? "-") | \(run.completedAt?.description ?? "-") | \(md(counts.joined(separator: " "))) | \(md(run.message)) |\n"
    }
    return out + "\n"
  }

  static func narrative(_ model: ReportModel) -> String {
    let lines = Explainer.narrate(model)
    func item(_ line: ExplainLine) -> String {
      var text = "- **\(line.t)** \(md(line.text))"
      if let rule = line.rule { text += "<br>_rule: \(md(rule))_" }
      return text + "\n"
    }
    var out = "### What happened, and why\n\n"
    let notable = lines.filter(\.notable)
    for line in notable { out += item(line) }
    if notable.isEmpty { out += "Nothing notable: every decision followed the plan.\n" }
    out += "\n<details><summary>Every decision (\(lines.count))</summary>\n\n"
    for line in lines { out += item(line) }
    out += "\n</details>\n\n"
    return out
  }
}
