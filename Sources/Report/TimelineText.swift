import Controller
import Simulation
import VirtualTime

/// The terminal timeline: one line per controller event, in the visual language of
/// `kubectl argo rollouts get rollout` (✔ Healthy, ॥ Paused, ✖ Degraded, ◌ Progressing).
public struct TimelineText: Sendable {
  public var useColor: Bool
  public init(useColor: Bool = false) { self.useColor = useColor }

  public static func symbol(_ phase: RolloutPhase) -> String {
    switch phase {
    case .healthy: "✔"
    case .paused: "॥"
    case .degraded: "✖"
    case .progressing: "◌"
    }
  }

  public func render(_ report: RunReport, stepCount: Int?) -> String {
    var out = "\(report.rollout) (\(report.strategy)) · scenario \(report.scenario) · seed \(report.seed)\n\n"
    out += "  TIME          STATUS          STEP   WEIGHT    STABLE  CANARY  EVENT\n"
    for entry in report.result.timeline {
      let status = paint(Self.symbol(entry.phase) + " " + entry.phase.rawValue, entry.phase)
      let step = entry.step.map { index in stepCount.map { "\(index)/\($0)" } ?? "\(index)" } ?? "-"
      let weight = "\(entry.weights.canary)/\(entry.weights.stable)"
      let stable = pods(entry, "stable")
      let canary = pods(entry, "canary")
      var line = "  " + pad(clock(entry.t), 13) + " " + pad(status, 15, visible: 2 + entry.phase.rawValue.count) + " "
      line += pad(step, 6) + " " + pad(weight, 9) + " " + pad(stable, 7) + " " + pad(canary, 7) + " "
      line += entry.event + "  " + entry.message
      out += line + "\n"
    }
    let outcome = report.result.outcome
    out += "\n" + paint(Self.symbol(outcome.phase) + " " + outcome.phase.rawValue, outcome.phase)
    if !outcome.message.isEmpty { out += "  \(outcome.message)" }
    out += "  (at \(clock(outcome.at)))\n"
    return out
  }

  func pods(_ entry: TimelineEntry, _ role: String) -> String {
    guard let count = entry.replicas.first(where: { $0.role == role }) else { return "-" }
    return "\(count.available)/\(count.desired)"
  }

  func clock(_ t: SimInstant) -> String { t.description }

  func pad(_ text: String, _ width: Int, visible: Int? = nil) -> String {
    let length = visible ?? text.count
    return length >= width ? text : text + String(repeating: " ", count: width - length)
  }

  func paint(_ text: String, _ phase: RolloutPhase) -> String {
    guard useColor else { return text }
    let code: String
    switch phase {
    case .healthy: code = "32"
    case .paused: code = "33"
    case .degraded: code = "31"
    case .progressing: code = "36"
    }
    return "\u{1B}[\(code)m\(text)\u{1B}[0m"
  }
}
