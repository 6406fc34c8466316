import Controller
import Simulation
import VirtualTime

/// The SVG charts of a run report. Every chart shares the run's `TimeScale`, so an instant sits at
/// the same x in all of them; each group has a class (`step-bands`, `series`, `measurements`,
/// `threshold`, `runs`) that styles it and that the tests look for.
struct RunCharts {
  let model: ReportModel
  let progress: StepProgress

  init(model: ReportModel) {
    self.model = model
    progress = StepProgress(model: model)
  }

  static let palette = ["#1c7ed6", "#e8590c", "#7048e8", "#0ca678", "#d6336c", "#868e96"]

  func color(revision: Int) -> String {
    let index = model.revisions.entries.firstIndex { $0.revision == revision } ?? (revision - 1)
    return Self.palette[max(0, index) % Self.palette.count]
  }

  func revisionLabel(_ revision: Int) -> String {
    guard let entry = model.revisions.entry(revision: revision), !entry.profile.isEmpty else { return "rev \(revision)" }
    return "\(entry.profile) · rev \(revision)"
  }

  var end: Int64 { model.scale.end }

  // MARK: Shared pieces

  func legend(_ items: [(label: String, color: String, dashed: Bool)], chart: SVGChart) -> String {
    var out = "<g class=\"legend\">"
    var x = chart.left
    for item in items {
      let dash = item.dashed ? " stroke-dasharray=\"5 3\"" : ""
      out += "<line x1=\"\(SVGChart.f(x))\" x2=\"\(SVGChart.f(x + 18))\" y1=\"10\" y2=\"10\" stroke=\"\(item.color)\" stroke-width=\"3\"\(dash)/>"
      out += "<text x=\"\(SVGChart.f(x + 23))\" y=\"10\" dy=\"0.32em\">\(h(item.label))</text>"
      x += 23 + Double(item.label.count) * 6.6 + 18
    }
    return out + "</g>\n"
  }

  /// The canary steps as shaded bands, labelled with their number and text.
  func stepBands(_ chart: SVGChart) -> String {
    var out = "<g class=\"step-bands\">"
    for step in progress.steps {
      guard let start = step.start else { continue }
      let stop = step.end?.milliseconds ?? end
      let x0 = chart.x(start.milliseconds), x1 = chart.x(stop)
      let width = max(1, x1 - x0)
      out += "<g class=\"band band-\(step.index % 2) band-\(step.state.rawValue)\">"
      out += "<rect x=\"\(SVGChart.f(x0))\" y=\"\(SVGChart.f(chart.top))\" width=\"\(SVGChart.f(width))\" height=\"\(SVGChart.f(chart.plotHeight))\">"
      out += "<title>\(h("step \(step.index + 1): \(step.text) (\(step.state.rawValue))"))</title></rect>"
      let full = "\(step.index + 1) \(step.text)"
      let fits = Int(width / 6.4)
      let label = fits >= full.count ? full : (fits >= 2 ? "\(step.index + 1)" : "")
      if !label.isEmpty {
        out += "<text x=\"\(SVGChart.f(x0 + 3))\" y=\"\(SVGChart.f(chart.top + 11))\">\(h(label))</text>"
      }
      out += "</g>"
    }
    return out + "</g>\n"
  }

  /// Vertical lines at promotion and abort.
  func markers(_ chart: SVGChart) -> String {
    var out = "<g class=\"markers\">"
    let marks: [(SimInstant?, String, String)] = [
      (model.outcome.promotedAt, "promoted", "marker-promoted"), (model.outcome.abortedAt, "aborted", "marker-aborted"),
    ]
    for (at, label, cls) in marks {
      guard let at else { continue }
      let px = SVGChart.f(chart.x(at.milliseconds))
      out += "<g class=\"\(cls)\"><line x1=\"\(px)\" x2=\"\(px)\" y1=\"\(SVGChart.f(chart.top))\" y2=\"\(SVGChart.f(chart.top + chart.plotHeight))\"/>"
      out += "<text x=\"\(px)\" y=\"\(SVGChart.f(chart.top - 3))\" text-anchor=\"middle\">\(label) \(h(at.description))</text></g>"
    }
    return out + "</g>\n"
  }

  /// The last value of each instant (several events often share one).
  func collapse(_ points: [(t: Int64, v: Double)]) -> [(t: Int64, v: Double)] {
    var out: [(t: Int64, v: Double)] = []
    for p in points {
      if let last = out.last, last.t == p.t { out[out.count - 1] = p } else { out.append(p) }
    }
    return out
  }

  // MARK: Weights

  func weights() -> String {
    var chart = SVGChart(height: 230, scale: model.scale)
    chart.yMax = 100
    var out = chart.open("chart-weights", label: "Traffic weight over virtual time, with the canary steps as bands")
    let names =
      model.plan.strategy == "blueGreen"
      ? ("users on the new revision %", "users on the old revision %") : ("canary weight %", "stable weight %")
    out += legend([(names.0, Self.palette[1], false), (names.1, Self.palette[0], true)], chart: chart)
    out += stepBands(chart)
    out += chart.axes(yTicks: [0, 25, 50, 75, 100], format: { Number.fixed($0, 0) }, unit: "%")
    let canary = collapse([(0, 0)] + model.timeline.map { ($0.t.milliseconds, Double($0.weights.canary)) })
    let stable = collapse([(0, 100)] + model.timeline.map { ($0.t.milliseconds, Double($0.weights.stable)) })
    out += "<g class=\"series weight-stable\"><path d=\"\(chart.stepPath(stable, end: end))\" stroke=\"\(Self.palette[0])\" stroke-dasharray=\"5 3\"/></g>\n"
    out += "<g class=\"series weight-canary\"><path d=\"\(chart.stepPath(canary, end: end))\" stroke=\"\(Self.palette[1])\"/></g>\n"
    out += markers(chart)
    return out + "</svg>\n"
  }

  // MARK: Replicas

  func replicas() -> String {
    let revisions = model.revisions.entries.map(\.revision)
    var maxPods = 1
    for entry in model.timeline { for c in entry.replicas { maxPods = max(maxPods, c.desired, c.available) } }
    var chart = SVGChart(height: 180, scale: model.scale)
    chart.yMax = Double(maxPods) + 0.5
    var out = chart.open("chart-replicas", label: "Available pods per revision over virtual time")
    out += legend(revisions.map { ("\(revisionLabel($0)) available pods", color(revision: $0), false) }, chart: chart)
    out += stepBands(chart)
    let ticks = SVGChart.niceTicks(max: Double(maxPods)).filter { $0 == $0.rounded() && $0 <= Double(maxPods) }
    out += chart.axes(yTicks: ticks, format: { Number.fixed($0, 0) }, unit: "pods")
    for revision in revisions {
      var points: [(t: Int64, v: Double)] = []
      for entry in model.timeline {
        let available = entry.replicas.first { $0.revision == revision }?.available ?? 0
        points.append((entry.t.milliseconds, Double(available)))
      }
      // The stable revision had its pods before the update.
      if let first = model.timeline.first?.replicas.first(where: { $0.revision == revision }) {
        points.insert((0, Double(first.available)), at: 0)
      }
      out += "<g class=\"series replicas-rev-\(revision)\"><path d=\"\(chart.stepPath(collapse(points), end: end))\" stroke=\"\(color(revision: revision))\"/></g>\n"
    }
    out += markers(chart)
    return out + "</svg>\n"
  }

  // MARK: Traffic

  func revisionOf(_ line: RevisionTraffic.Line) -> Int? { model.revisions.entry(matching: line.key)?.revision }

  func lineColor(_ line: RevisionTraffic.Line, index: Int) -> String {
    revisionOf(line).map { color(revision: $0) } ?? Self.palette[(index + 2) % Self.palette.count]
  }

  /// An experiment template's line (drawn dashed): not a revision of the rollout.
  func isExperiment(_ line: RevisionTraffic.Line) -> Bool {
    model.traffic.experiments.contains { RevisionTraffic.experimentKey($0) == line.key }
  }

  func dash(_ line: RevisionTraffic.Line) -> String { isExperiment(line) ? " stroke-dasharray=\"5 3\"" : "" }

  func midpoints() -> [Int64] {
    let edges = model.revisionTraffic.edges
    return zip(edges, edges.dropFirst()).map { ($0 + $1) / 2 }
  }

  func durations() -> [Double] {
    let edges = model.revisionTraffic.edges
    return zip(edges, edges.dropFirst()).map { Double($1 - $0) / 1000 }
  }

  func requestRates() -> String {
    let traffic = model.revisionTraffic
    let mids = midpoints(), seconds = durations()
    let rates = traffic.lines.map { line in line.requests.indices.map { line.requests[$0] / max(0.001, seconds[$0]) } }
    let maxRate = rates.flatMap { $0 }.max() ?? 1
    var chart = SVGChart(height: 200, scale: model.scale)
    let ticks = SVGChart.niceTicks(max: maxRate)
    chart.yMax = ticks.last ?? 1
    var out = chart.open("chart-requests", label: "Requests per second served by each revision")
    out += legend(traffic.lines.enumerated().map { ("\($0.element.name) requests/s", lineColor($0.element, index: $0.offset), isExperiment($0.element)) }, chart: chart)
    out += stepBands(chart)
    out += chart.axes(yTicks: ticks, format: { Number.significant($0, 3) }, unit: "req/s")
    for (i, line) in traffic.lines.enumerated() {
      let points = mids.indices.map { (t: mids[$0], v: Optional(rates[i][$0])) }
      out += "<g class=\"series requests-\(HTMLEscape.token(line.key))\"><path d=\"\(chart.linePath(points))\" stroke=\"\(lineColor(line, index: i))\"\(dash(line))/></g>\n"
    }
    out += markers(chart)
    return out + "</svg>\n"
  }

  func errorRates() -> String {
    let traffic = model.revisionTraffic
    let mids = midpoints()
    let ratios: [[Double?]] = traffic.lines.map { line in
      line.requests.indices.map { i in line.requests[i] >= 0.5 ? line.errors[i] * 100 / line.requests[i] : nil }
    }
    let maxRatio = ratios.flatMap { $0.compactMap { $0 } }.max() ?? 1
    var chart = SVGChart(height: 200, scale: model.scale)
    let ticks = SVGChart.niceTicks(max: max(1, maxRatio))
    chart.yMax = ticks.last ?? 1
    var out = chart.open("chart-errors", label: "Share of failed requests per revision")
    out += legend(traffic.lines.enumerated().map { ("\($0.element.name) errors %", lineColor($0.element, index: $0.offset), isExperiment($0.element)) }, chart: chart)
    out += stepBands(chart)
    out += chart.axes(yTicks: ticks, format: { Number.significant($0, 3) }, unit: "% errors")
    for (i, line) in traffic.lines.enumerated() {
      let points = mids.indices.map { (t: mids[$0], v: ratios[i][$0]) }
      out += "<g class=\"series errors-\(HTMLEscape.token(line.key))\"><path d=\"\(chart.linePath(points))\" stroke=\"\(lineColor(line, index: i))\"\(dash(line))/></g>\n"
    }
    out += markers(chart)
    return out + "</svg>\n"
  }

  // MARK: Measurements

  struct MetricSeries {
    var kind: String
    var step: Int?
    var name: String
    var dryRun: Bool
    typealias Point = (t: Int64, value: Double?, text: String, phase: String, run: String, message: String)
    var points: [Point]
    var plan: PlanMetric?
  }

  /// Measurements grouped by analysis block and metric (several runs of one block share a chart).
  func metricSeries() -> [MetricSeries] {
    var out: [MetricSeries] = []
    for run in model.analysisRuns {
      let plan = model.plan.analysis(kind: run.kind.rawValue, step: run.step)
      for metric in run.metrics {
        let index = out.firstIndex { $0.kind == run.kind.rawValue && $0.step == run.step && $0.name == metric.name }
        let points = metric.measurements.map {
          (t: $0.t.milliseconds, value: MeasurementValue.first($0.value), text: $0.value, phase: $0.phase, run: run.name, message: $0.message)
        }
        if let index {
          out[index].points += points
        } else {
          out.append(
            MetricSeries(
              kind: run.kind.rawValue, step: run.step, name: metric.name, dryRun: metric.dryRun, points: points,
              plan: plan?.metrics.first { $0.name == metric.name }))
        }
      }
    }
    return out.filter { !$0.points.isEmpty }
  }

  static func phaseClass(_ phase: String) -> String { "m-" + HTMLEscape.token(phase) }

  /// Every measurement that did not succeed, and at most one successful one per 2 px column: a
  /// background metric measured every 30 s for days would otherwise draw thousands of dots.
  func thinned(_ points: [MetricSeries.Point], chart: SVGChart) -> [MetricSeries.Point] {
    guard points.count > 400 else { return points }
    var seen = Set<Int>()
    return points.filter { p in
      guard p.phase == "Successful" else { return true }
      return seen.insert(Int(chart.x(p.t) / 2)).inserted
    }
  }

  func metricChart(_ series: MetricSeries) -> String {
    let values = series.points.compactMap(\.value)
    let threshold = series.plan?.threshold
    var low = (values + (threshold.map { [$0.value] } ?? [])).min() ?? 0
    var high = (values + (threshold.map { [$0.value] } ?? [])).max() ?? 1
    if low == high {
      low -= 0.5
      high += 0.5
    }
    let pad = (high - low) * 0.12
    var chart = SVGChart(height: 190, scale: model.scale)
    chart.yMin = low - pad
    chart.yMax = high + pad
    let where_ = series.step.map { " (step \($0 + 1))" } ?? ""
    var out = chart.open("chart-metric", label: "Measurements of \(series.name), \(Explainer.kindName(series.kind)) analysis\(where_)")
    out += legend(
      [("Successful", "#2f9e44", false), ("Failed", "#e03131", false), ("Inconclusive", "#f59f00", false), ("Error", "#7048e8", false)]
        + (threshold.map { [("threshold \($0.op) \($0.valueText)", "#495057", true)] } ?? []), chart: chart)
    out += stepBands(chart)
    let span = chart.yMax - chart.yMin
    // Metrics without numbers (a Job, an error) only have phases: no value axis.
    let ticks = values.isEmpty ? [] : (0...4).map { chart.yMin + span * Double($0) / 4 }
    out += chart.axes(yTicks: ticks, format: { Number.significant($0, 3) }, unit: values.isEmpty ? "phase" : "value")
    if let threshold {
      let py = chart.y(threshold.value)
      // Shade the side of the line where measurements fail.
      let failBelow = (threshold.meaning == .success) == (threshold.op == ">" || threshold.op == ">=")
      let zoneTop = failBelow ? py : chart.top
      let zoneHeight = failBelow ? chart.top + chart.plotHeight - py : py - chart.top
      out += "<g class=\"threshold\"><rect class=\"fail-zone\" x=\"\(SVGChart.f(chart.left))\" y=\"\(SVGChart.f(zoneTop))\" width=\"\(SVGChart.f(chart.plotWidth))\" height=\"\(SVGChart.f(max(0, zoneHeight)))\"/>"
      out += "<line x1=\"\(SVGChart.f(chart.left))\" x2=\"\(SVGChart.f(chart.left + chart.plotWidth))\" y1=\"\(SVGChart.f(py))\" y2=\"\(SVGChart.f(py))\"/>"
      let what = threshold.meaning == .success ? "succeeds when" : "fails when"
      out += "<text x=\"\(SVGChart.f(chart.left + chart.plotWidth - 4))\" y=\"\(SVGChart.f(py - 4))\" text-anchor=\"end\">\(h("\(what) \(threshold.subject) \(threshold.op) \(threshold.valueText)"))</text></g>\n"
    }
    out += "<g class=\"measurements\">"
    for p in thinned(series.points, chart: chart) {
      let py = p.value.map { chart.y($0) } ?? (values.isEmpty ? chart.top + chart.plotHeight / 2 : chart.top + chart.plotHeight)
      let shape = p.value == nil ? "rect" : "circle"
      let tip = "\(SimInstant(milliseconds: p.t)) \(p.phase): \(p.text)" + (p.message.isEmpty ? "" : " — \(p.message)") + " (\(p.run))"
      if shape == "circle" {
        out += "<circle class=\"\(Self.phaseClass(p.phase))\" cx=\"\(SVGChart.f(chart.x(p.t)))\" cy=\"\(SVGChart.f(py))\" r=\"3.2\"><title>\(h(tip))</title></circle>"
      } else {
        // No number to plot (an error, an empty result): a square on the axis.
        out += "<rect class=\"\(Self.phaseClass(p.phase)) novalue\" x=\"\(SVGChart.f(chart.x(p.t) - 3))\" y=\"\(SVGChart.f(py - 3))\" width=\"6\" height=\"6\"><title>\(h(tip))</title></rect>"
      }
    }
    out += "</g>\n"
    out += markers(chart)
    return out + "</svg>\n"
  }

  // MARK: AnalysisRuns

  func runs() -> String {
    let runs = model.analysisRuns
    let rowHeight = 24.0
    var chart = SVGChart(height: 26 + 28 + max(1, Double(runs.count)) * rowHeight, scale: model.scale)
    chart.yMax = 1
    var out = chart.open("chart-runs", label: "AnalysisRuns over virtual time, coloured by phase")
    out += stepBands(chart)
    out += chart.timeAxis()
    out += "<g class=\"runs\">"
    for (i, run) in runs.enumerated() {
      let start = run.startedAt?.milliseconds ?? 0
      let stop = run.completedAt?.milliseconds ?? end
      let x0 = chart.x(start), x1 = max(chart.x(stop), x0 + 3)
      let y = chart.top + Double(i) * rowHeight + 4
      let tip = "\(run.name) (\(run.kind.rawValue)) \(run.phase)" + (run.message.isEmpty ? "" : ": \(run.message)")
      out += "<g class=\"run run-\(HTMLEscape.token(run.phase))\"><rect x=\"\(SVGChart.f(x0))\" y=\"\(SVGChart.f(y))\" width=\"\(SVGChart.f(x1 - x0))\" height=\"\(SVGChart.f(rowHeight - 8))\" rx=\"3\"><title>\(h(tip))</title></rect>"
      let label = "\(run.name) · \(Explainer.kindName(run.kind.rawValue)) · \(run.phase)"
      let rightSide = x0 > chart.left + chart.plotWidth * 0.6
      let lx = rightSide ? x0 - 4 : x0 + 4
      out += "<text x=\"\(SVGChart.f(lx))\" y=\"\(SVGChart.f(y + (rowHeight - 8) / 2))\" dy=\"0.32em\" text-anchor=\"\(rightSide ? "end" : "start")\">\(h(label))</text></g>"
    }
    out += "</g>\n"
    return out + "</svg>\n"
  }
}
