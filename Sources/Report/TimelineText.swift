import Controller
import Simulation
import VirtualTime

/// The terminal view of a run, in the visual language of `kubectl argo rollouts get rollout`: the
/// rollout's summary, its steps with the current one marked, the revision tree with ReplicaSets,
/// pods and AnalysisRuns, then the timeline — one line per controller event. With `explain`, each
/// event is followed by why the controller did it.
public struct TimelineText: Sendable {
  public var useColor: Bool
  public var explain: Bool

  public init(useColor: Bool = false, explain: Bool = false) {
    self.useColor = useColor
    self.explain = explain
  }

  public static func symbol(_ phase: RolloutPhase) -> String { TerminalStyle.symbol(phase) }

  var style: TerminalStyle { TerminalStyle(useColor: useColor) }

  public func render(_ report: RunReport) -> String {
    render(ReportModel(report: report, plan: report.plan, description: report.description, includeTraffic: false))
  }

  public func render(_ model: ReportModel) -> String {
    var out = summary(model)
    if !model.plan.steps.isEmpty { out += "\n" + steps(model) }
    out += "\n" + RolloutTree(model: model, style: style).render()
    out += "\n" + timeline(model)
    out += "\n" + footer(model)
    return out
  }

  // MARK: Summary (kubectl's header block)

  func summary(_ model: ReportModel) -> String {
    var rows: [(String, String)] = [
      ("Name:", model.rollout),
      ("Namespace:", model.plan.namespace),
      ("Scenario:", "\(model.scenario) (seed \(model.seed))"),
      ("Status:", style.status(model.outcome.phase)),
    ]
    if !model.final.message.isEmpty { rows.append(("Message:", model.final.message)) }
    if model.plan.strategy == "blueGreen" {
      rows.append(("Strategy:", "BlueGreen"))
    } else {
      rows.append(("Strategy:", "Canary"))
      if let index = model.final.currentStepIndex, !model.plan.steps.isEmpty {
        rows.append(("  Step:", "\(index)/\(model.plan.steps.count)"))
        // GetCurrentSetWeight: 0 while aborted.
        rows.append(("  SetWeight:", model.outcome.aborted ? "0" : "\(model.plan.setWeight(atStep: index))"))
      }
      // kubectl shows the full weight once past the last step.
      let pastSteps = (model.final.currentStepIndex ?? 0) >= model.plan.steps.count
      rows.append(("  ActualWeight:", pastSteps ? "100" : "\(model.timeline.last?.weights.canary ?? 0)"))
    }
    rows.append(("Replicas:", ""))
    rows.append(("  Desired:", "\(model.plan.replicas)"))
    rows.append(("  Current:", "\(model.final.replicas)"))
    rows.append(("  Updated:", "\(model.final.updatedReplicas)"))
    rows.append(("  Ready:", "\(model.final.readyReplicas)"))
    rows.append(("  Available:", "\(model.final.availableReplicas)"))
    return rows.map { label, value in
      value.isEmpty ? label + "\n" : label.padding(17) + value + "\n"
    }.joined()
  }

  // MARK: Steps

  func steps(_ model: ReportModel) -> String {
    let progress = StepProgress(model: model)
    var table = TextTable()
    for step in progress.steps {
      let (symbol, word, note): (String, String, String)
      switch step.state {
      case .done: (symbol, word, note) = (TerminalStyle.ok, TerminalStyle.ok, step.end.map { "done at \($0)" } ?? "done")
      case .current:
        let phase = model.outcome.phase
        (symbol, word, note) = (TerminalStyle.symbol(phase), TerminalStyle.symbol(phase), "◀ current (\(phase.rawValue))")
      case .aborted: (symbol, word, note) = (TerminalStyle.bad, TerminalStyle.bad, "◀ aborted here" + (step.end.map { " at \($0)" } ?? ""))
      case .skipped: (symbol, word, note) = (TerminalStyle.neutral, TerminalStyle.neutral, "skipped")
      case .pending: (symbol, word, note) = (" ", " ", "")
      }
      table.add([
        .init(style.paint(symbol, like: word), visible: symbol), .init("\(step.index + 1)."), .init(step.text), .init(note),
      ])
    }
    return "STEPS\n" + table.render(indent: "  ")
  }

  // MARK: Timeline

  func timeline(_ model: ReportModel) -> String {
    let notes = explain ? Explainer.narrate(model) : []
    var byEvent: [Int: [ExplainLine]] = [:]
    var between: [ExplainLine] = []
    for line in notes {
      if let event = line.event {
        byEvent[event, default: []].append(line)
      } else if line.kind == .measurement {
        between.append(line)
      }
      // Left-out events have their own row in the table.
    }
    var table = TextTable()
    table.add(["TIME", "STATUS", "STEP", "WEIGHT", "STABLE", "CANARY", "EVENT"].map { .init($0) })
    var out = "TIMELINE\n"
    var pendingNotes = between[...]
    let count = model.stepCount
    let items = TimelineCompaction.items(model.timeline)
    var shown: [Int] = []
    for item in items {
      guard case .entry(let index) = item else { continue }
      shown.append(index)
      let entry = model.timeline[index]
      let status = TerminalStyle.symbol(entry.phase) + " " + entry.phase.rawValue
      let step = entry.step.map { index in count.map { "\(index)/\($0)" } ?? "\(index)" } ?? "-"
      table.add([
        .init(entry.t.description),
        .init(style.status(entry.phase), visible: status),
        .init(step),
        .init("\(entry.weights.canary)/\(entry.weights.stable)"),
        .init(pods(entry, "stable")),
        .init(pods(entry, "canary")),
        .init(style.paint(entry.event, code: entry.warning ? 31 : 0) + "  " + entry.message, visible: entry.event + "  " + entry.message),
      ])
    }
    // Render the table once for its widths, then interleave the explain lines after each row.
    let rows = table.render(indent: "  ").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    out += rows[0] + "\n"
    var row = 1
    for item in items {
      switch item {
      case .elided(let n, let event, let t):
        out += "  " + style.dim(TimelineCompaction.text(count: n, event: event, t: t)) + "\n"
      case .entry(let index):
        let entry = model.timeline[index]
        while let next = pendingNotes.first, next.t < entry.t {
          out += note(next, marker: "·")
          pendingNotes.removeFirst()
        }
        out += rows[row] + "\n"
        row += 1
        for line in byEvent[index] ?? [] { out += note(line, marker: "↳") }
      }
    }
    for line in pendingNotes { out += note(line, marker: "·") }
    return out
  }

  func note(_ line: ExplainLine, marker: String) -> String {
    var text = "      \(marker) "
    if line.kind == .measurement { text += "\(line.t)  " }
    text += line.notable ? style.bold(line.text) : line.text
    text += "\n"
    if let rule = line.rule { text += "        " + style.dim("rule: " + rule) + "\n" }
    return text
  }

  func pods(_ entry: TimelineEntry, _ role: String) -> String {
    guard let count = entry.replicas.first(where: { $0.role == role }) else { return "-" }
    return "\(count.available)/\(count.desired)"
  }

  // MARK: Footer

  func footer(_ model: ReportModel) -> String {
    let t = model.traffic
    let outcome = model.outcome
    var out = "TRAFFIC  \(TrafficText.all(t))"
    if t.requests > 0 { out += "; the update served \(TrafficText.update(t))" }
    for experiment in t.experiments {
      out += "; experiment template \(experiment.template) served \(TrafficText.experiment(experiment))"
    }
    out += "\n"
    out += "OUTCOME  " + style.status(outcome.phase)
    if outcome.reason != outcome.phase.rawValue { out += " (\(outcome.reason))" }
    out += " at \(outcome.at)"
    if let at = outcome.promotedAt { out += " · promoted at \(at)" }
    if let at = outcome.abortedAt { out += " · aborted at \(at)" }
    out += " · run ended at \(model.endedAt)\n"
    return out
  }
}

extension String {
  func padding(_ width: Int) -> String {
    count >= width ? self + " " : self + String(repeating: " ", count: width - count)
  }
}
