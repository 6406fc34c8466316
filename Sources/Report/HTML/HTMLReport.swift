import Controller
import Diagnostics
import Simulation
import VirtualTime

/// The self-contained HTML report of one run (design §5): inline CSS and SVG, no script, no
/// network. Every string that comes from input is escaped.
public enum HTMLReport {
  public static func render(_ report: RunReport) -> String { render(report.model) }

  public static func render(_ model: ReportModel) -> String {
    let charts = RunCharts(model: model)
    var body = header(model)
    body += facts(model)
    if !model.plan.steps.isEmpty { body += steps(charts.progress) }
    body += "<h2>Traffic weight and pods</h2>\n"
    body += "<p class=\"muted\">Virtual time runs left to right; shaded bands are the canary steps; ⋯ marks a long quiet stretch drawn narrow.</p>\n"
    body += charts.weights()
    body += charts.replicas()
    body += "<h2>Analysis</h2>\n"
    let series = charts.metricSeries()
    if model.analysisRuns.isEmpty {
      body += "<p class=\"muted\">No AnalysisRun was created.</p>\n"
    } else {
      body += charts.runs()
      if series.isEmpty {
        body += "<p class=\"muted\">The AnalysisRuns recorded no measurements.</p>\n"
      }
      for s in series {
        let step = s.step.map { ", step \($0 + 1)" } ?? ""
        body += "<h3>\(h(s.name)) <span class=\"muted\">(\(h(Explainer.kindName(s.kind))) analysis\(h(step))\(s.dryRun ? ", dry-run" : ""))</span></h3>\n"
        if let plan = s.plan { body += metricFacts(plan) }
        body += charts.metricChart(s)
      }
      body += runTable(model)
    }
    body += "<h2>Requests and errors per revision</h2>\n"
    body += servedBy(model)
    if model.revisionTraffic.isEmpty {
      body += "<p class=\"muted\">No request counters to split by revision: the run emits only the series its analysis queries read, and none of them counts requests per revision or Route.</p>\n"
    } else {
      body += "<p class=\"muted\">From <code>\(h(model.revisionTraffic.source))</code>, as the simulated exporters counted them.</p>\n"
      body += experimentLinesNote(model)
      body += charts.requestRates()
      body += charts.errorRates()
    }
    body += explain(model)
    body += timeline(model)
    body += diagnostics(model)
    var run = "scenario \(h(model.scenario)) · seed \(model.seed)"
    if let sweep = model.sweepRun {
      run = "sweep \(h(sweep.sweep)) · variant \(h(sweep.variant)) · \(h(sweep.releaseText)) · " + run
    }
    body += "<footer>rollout-sim report · \(run) · the same scenario and seed always give this same report.</footer>\n"
    return page(title: "rollout-sim · \(model.title)", body: body)
  }

  static func page(title: String, body: String) -> String {
    """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
    <title>\(h(title))</title>
    <style>
    \(ReportCSS.text)
    </style>
    </head>
    <body>
    \(body)</body>
    </html>

    """
  }

  static func phaseClass(_ phase: RolloutPhase) -> String { phase.rawValue.lowercased() }

  static func header(_ model: ReportModel) -> String {
    var out = "<h1>\(h(model.title))</h1>\n"
    if let sweep = model.sweepRun {
      out += "<p class=\"muted\">\(h(sweep.sentence(scenario: model.scenario, seed: model.seed)))</p>\n"
    }
    if !model.description.isEmpty { out += "<p class=\"description\">\(h(model.description))</p>\n" }
    let o = model.outcome
    var text = TerminalStyle.symbol(o.phase) + " " + o.phase.rawValue
    if o.reason != o.phase.rawValue { text += " (\(o.reason))" }
    text += " at \(o.at)"
    out += "<div class=\"outcome \(phaseClass(o.phase))\">\(h(text))</div>\n"
    if !o.message.isEmpty { out += "<p>\(h(o.message))</p>\n" }
    return out
  }

  static func facts(_ model: ReportModel) -> String {
    let t = model.traffic
    let o = model.outcome
    let strategy =
      model.plan.strategy == "blueGreen"
      ? "blueGreen" : "canary " + (model.plan.trafficRouter.map { "via \($0)" } ?? "without a traffic router (pods decide the split)")
    var rows: [(String, String)] = [
      ("Rollout", "\(model.rollout) in \(model.plan.namespace)"),
      ("Strategy", strategy),
      ("Replicas", "\(model.plan.replicas)"),
      ("Seed", "\(model.seed)"),
      ("Promoted", o.promotedAt.map { "yes, at \($0)" } ?? "no"),
      ("Aborted", o.abortedAt.map { "yes, at \($0)" } ?? "no"),
      ("Run ended at", model.endedAt.description),
      ("Requests", TrafficText.all(t)),
      ("Served by the update", TrafficText.update(t)),
    ]
    for e in t.experiments { rows.append(("Served by experiment template \(e.template)", TrafficText.experiment(e))) }
    var out = "<table class=\"facts\">\n"
    for (k, v) in rows { out += "<tr><th>\(h(k))</th><td>\(h(v))</td></tr>\n" }
    return out + "</table>\n"
  }

  /// Who served the requests, when experiment templates took a share (otherwise the facts say it all).
  static func servedBy(_ model: ReportModel) -> String {
    guard !model.traffic.experiments.isEmpty else { return "" }
    var out = "<table class=\"served\">\n<tr><th>served by</th><th>requests</th><th>failed</th><th>failed share</th></tr>\n"
    for row in TrafficShares(model.traffic).rows {
      out += "<tr><td>\(h(row.who))</td><td>\(Number.grouped(row.requests))</td><td>\(Number.grouped(row.errors))</td>"
      out += "<td>\(h(TrafficShares.failedShare(row)))</td></tr>\n"
    }
    return out + "</table>\n"
  }

  /// Whether the charts below draw the experiment templates' pods apart from the revisions'.
  static func experimentLinesNote(_ model: ReportModel) -> String {
    let experiments = model.traffic.experiments
    guard !experiments.isEmpty else { return "" }
    let keys = Set(model.revisionTraffic.lines.map(\.key))
    let drawn = experiments.filter { keys.contains(RevisionTraffic.experimentKey($0)) }
    if drawn.isEmpty {
      return "<p class=\"muted\">This counter does not tell the experiment templates' pods apart: their requests are in the lines of the revision, Service or Route they share a label with (the table above has their totals).</p>\n"
    }
    return "<p class=\"muted\">Dashed lines are experiment templates' pods, which took a share of the traffic through the router while the Experiment ran.</p>\n"
  }

  static func steps(_ progress: StepProgress) -> String {
    var out = "<h2>Steps</h2>\n<ol class=\"steps\">\n"
    for step in progress.steps {
      let (symbol, note): (String, String)
      switch step.state {
      case .done: (symbol, note) = ("✔", step.end.map { "done at \($0)" } ?? "done")
      case .current: (symbol, note) = ("▶", "current step")
      case .aborted: (symbol, note) = ("✖", "aborted here" + (step.end.map { " at \($0)" } ?? ""))
      case .skipped: (symbol, note) = ("•", "skipped")
      case .pending: (symbol, note) = ("·", "not reached")
      }
      out += "<li class=\"st-\(step.state.rawValue)\"><span class=\"state\">\(symbol)</span><code>\(h(step.text))</code> <span class=\"muted\">\(h(note))</span></li>\n"
    }
    return out + "</ol>\n"
  }

  static func metricFacts(_ m: PlanMetric) -> String {
    var parts: [String] = []
    if let s = m.successCondition { parts.append("successCondition <code>\(h(s))</code>") }
    if let f = m.failureCondition { parts.append("failureCondition <code>\(h(f))</code>") }
    parts.append("interval \(h(m.interval ?? "none"))")
    parts.append("count \(m.effectiveCount.map(String.init) ?? "unbounded")")
    parts.append("failureLimit \(m.failureLimit)")
    if m.inconclusiveLimit != 0 { parts.append("inconclusiveLimit \(m.inconclusiveLimit)") }
    if m.consecutiveSuccessLimit != 0 { parts.append("consecutiveSuccessLimit \(m.consecutiveSuccessLimit)") }
    var out = "<p class=\"muted\">\(h(m.provider)): " + parts.joined(separator: " · ") + "</p>\n"
    if let q = m.query {
      out += "<details><summary>query</summary><pre class=\"mono\">\(h(q))</pre></details>\n"
    }
    return out
  }

  static func runTable(_ model: ReportModel) -> String {
    var out = "<table class=\"runs\">\n<tr><th>AnalysisRun</th><th>kind</th><th>phase</th><th>started</th><th>completed</th><th>measurements</th><th>message</th></tr>\n"
    for run in model.analysisRuns {
      var counts: [String] = []
      for phase in ["Successful", "Failed", "Inconclusive", "Error"] {
        let n = run.metrics.reduce(0) { $0 + $1.measurements.count { $0.phase == phase } }
        if n > 0 { counts.append("\(TerminalStyle.symbol(analysisPhase: phase)) \(n)") }
      }
      let step = run.step.map { " (step \($0 + 1))" } ?? ""
      out += "<tr><td class=\"mono\">\(h(run.name))</td><td>\(h(run.kind.rawValue + step))</td>"
      out += "<td>\(h(TerminalStyle.symbol(analysisPhase: run.phase) + " " + run.phase))</td>"
      out += "<td>\(h(run.startedAt?.description ?? "-"))</td><td>\(h(run.completedAt?.description ?? "-"))</td>"
      out += "<td>\(h(counts.joined(separator: " ")))</td><td>\(h(run.message))</td></tr>\n"
    }
    return out + "</table>\n"
  }

  static func explain(_ model: ReportModel) -> String {
    var out = "<h2>What happened, and why</h2>\n<ol class=\"explain\">\n"
    for line in Explainer.narrate(model) {
      var cls: [String] = [line.kind.rawValue]
      if line.notable { cls.append("notable") }
      out += "<li class=\"\(cls.joined(separator: " "))\"><span class=\"t mono\">\(h(line.t.description))</span>"
      out += "<span class=\"what\">\(h(line.text))</span>"
      if let rule = line.rule { out += "<span class=\"rule\">rule: \(h(rule))</span>" }
      out += "</li>\n"
    }
    return out + "</ol>\n"
  }

  static func timeline(_ model: ReportModel) -> String {
    var out = "<h2>Timeline</h2>\n<details><summary>\(model.timeline.count) controller events</summary>\n<table class=\"timeline\">\n"
    out += "<tr><th>time</th><th>status</th><th>step</th><th>weight</th><th>event</th><th>message</th></tr>\n"
    let count = model.stepCount
    for item in TimelineCompaction.items(model.timeline) {
      guard case .entry(let index) = item else {
        if case .elided(let n, let event, let t) = item {
          out += "<tr class=\"muted\"><td colspan=\"6\">\(h(TimelineCompaction.text(count: n, event: event, t: t)))</td></tr>\n"
        }
        continue
      }
      let entry = model.timeline[index]
      let step = entry.step.map { i in count.map { "\(i)/\($0)" } ?? "\(i)" } ?? "-"
      let status = TerminalStyle.symbol(entry.phase) + " " + entry.phase.rawValue
      out += "<tr\(entry.warning ? " class=\"warning\"" : "")><td class=\"mono\">\(h(entry.t.description))</td><td>\(h(status))</td>"
      out += "<td>\(h(step))</td><td>\(entry.weights.canary)/\(entry.weights.stable)</td><td>\(h(entry.event))</td><td>\(h(entry.message))</td></tr>\n"
    }
    return out + "</table>\n</details>\n"
  }

  static func diagnostics(_ model: ReportModel) -> String {
    guard !model.diagnostics.isEmpty else { return "" }
    var out = "<h2>Warnings</h2>\n<ul>\n"
    for d in model.diagnostics {
      let location = d.location.map { "\($0.file):\($0.line):\($0.column): " } ?? ""
      out += "<li><span class=\"mono\">\(h(location))</span>\(h(d.severity.rawValue)): \(h(d.message))</li>\n"
    }
    return out + "</ul>\n"
  }
}
