import Diagnostics
import Manifests
import VirtualTime

/// The shortest time a Rollout's plan can take from the update to promotion (design §7): pauses plus
/// the analyses the plan waits for, assuming pods are ready at once and every measurement passes.
/// An analysis takes `initialDelay + (count − 1) × interval` (its last measurement); metrics run in
/// parallel; background analysis runs beside the steps and adds nothing.
public struct PlanSchedule: Sendable, Hashable {
  /// One stretch of the plan that takes time.
  public struct Part: Sendable, Hashable {
    public var label: String
    public var duration: SimDuration
  }

  public var minimum: SimDuration
  public var parts: [Part]
  /// Steps that wait for a human (`pause: {}`, `autoPromotionEnabled: false`).
  public var waits: [String]
  /// Steps that never finish on their own (inline analysis with interval and no count).
  public var endless: [String]
  /// Durations Argo rejects (`5d`): the rollout is InvalidSpec and never starts.
  public var invalid: [String]

  /// `schedule: rollouts-demo takes at least 144h (6d) (step 1 pause 120h, step 3 pause 24h)`.
  public func line(rollout: String) -> String { "schedule: " + summary(rollout: rollout) }

  /// The line without its `schedule:` prefix.
  public func summary(rollout: String) -> String {
    if !invalid.isEmpty {
      return "\(rollout) never starts: \(invalid.joined(separator: "; ")) (the spec is invalid)"
    }
    var text = "\(rollout) takes at least \(Self.format(minimum))"
    let shown = parts.filter { $0.duration > .zero }
    if !shown.isEmpty { text += ": " + shown.map { "\($0.label) \($0.duration)" }.joined(separator: ", ") }
    if !endless.isEmpty { text += "; never completes on its own: \(endless.joined(separator: "; "))" }
    if !waits.isEmpty { text += "; plus the time until a human promotes: \(waits.joined(separator: "; "))" }
    return text
  }

  /// `144h (6d)`, `35m`, `8m30s`.
  static func format(_ duration: SimDuration) -> String {
    let compact = duration.description
    let days = duration.milliseconds / 86_400_000
    guard days >= 1 else { return compact }
    let rest = SimDuration(milliseconds: duration.milliseconds % 86_400_000)
    return "\(compact) (\(days)d\(rest > .zero ? " " + rest.description : ""))"
  }

  // MARK: Computing

  static func of(_ rollout: Rollout, inventory: AnalysisInventory) -> PlanSchedule {
    var schedule = PlanSchedule(minimum: .zero, parts: [], waits: [], endless: [], invalid: [])
    if let canary = rollout.canary {
      for (index, step) in canary.steps.enumerated() {
        if let pause = step.pause {
          guard let duration = pause.duration else {
            schedule.waits.append("step \(index) pause without duration")
            continue
          }
          guard let length = PauseDuration.duration(duration.value), PauseDuration.problem(duration.value) == nil else {
            schedule.invalid.append("step \(index) pause \(duration.value)")
            continue
          }
          schedule.add("step \(index) pause", length)
        } else if let analysis = step.analysis {
          switch analysisLength(analysis, inventory: inventory) {
          case .finite(let length): schedule.add("step \(index) analysis", length)
          case .endless(let metric): schedule.endless.append("step \(index) analysis metric '\(metric)' has an interval and no count")
          }
        } else if let experiment = step.experiment {
          if let text = experiment.duration?.value, !text.isEmpty, let length = try? MetricDuration.parse(text) {
            schedule.add("step \(index) experiment", length)
          }
        }
      }
    }
    if let blueGreen = rollout.blueGreen {
      if let pre = blueGreen.prePromotionAnalysis {
        switch analysisLength(pre, inventory: inventory) {
        case .finite(let length): schedule.add("pre-promotion analysis", length)
        case .endless(let metric): schedule.endless.append("pre-promotion metric '\(metric)' has an interval and no count")
        }
      }
      if !blueGreen.effectiveAutoPromotionEnabled {
        schedule.waits.append("autoPromotionEnabled: false")
      } else if blueGreen.effectiveAutoPromotionSeconds > 0 {
        schedule.add("autoPromotionSeconds", .seconds(Int64(blueGreen.effectiveAutoPromotionSeconds)))
      }
      if let post = blueGreen.postPromotionAnalysis {
        switch analysisLength(post, inventory: inventory) {
        case .finite(let length): schedule.add("post-promotion analysis", length)
        case .endless(let metric): schedule.endless.append("post-promotion metric '\(metric)' has an interval and no count")
        }
      }
    }
    return schedule
  }

  private mutating func add(_ label: String, _ duration: SimDuration) {
    parts.append(Part(label: label, duration: duration))
    minimum = Self.saturating(minimum, plus: duration, times: 1)
  }

  /// `base + step × times`, held at a century instead of overflowing (`count: 9223372036854775807`).
  static func saturating(_ base: SimDuration, plus step: SimDuration, times: Int64) -> SimDuration {
    let cap = Int64(100 * 365 * 24) * 3_600_000
    let (product, overflow) = step.milliseconds.multipliedReportingOverflow(by: times)
    guard !overflow else { return SimDuration(milliseconds: cap) }
    let (sum, overflowed) = base.milliseconds.addingReportingOverflow(product)
    return SimDuration(milliseconds: overflowed ? cap : min(sum, cap))
  }

  enum AnalysisLength {
    case finite(SimDuration)
    case endless(metric: String)
  }

  /// How long a run of the analysis lasts at least: its slowest metric's last measurement.
  static func analysisLength(_ analysis: RolloutAnalysis, inventory: AnalysisInventory) -> AnalysisLength {
    let templates = inventory.templates(of: analysis)
    let values = inventory.argumentValues(analysis: analysis, templates: templates)
    let args = values.map { ArgSubstitution.Value(name: String($0.key.dropFirst("args.".count)), value: $0.value) }
    var longest = SimDuration.zero
    for template in templates {
      for written in template.spec.metrics {
        let metric = (try? ArgSubstitution.resolve(written, args: args)) ?? written
        let interval = metric.interval.flatMap { try? MetricDuration.parse($0.value) } ?? .zero
        let delay = metric.initialDelay.flatMap { try? MetricDuration.parse($0.value) } ?? .zero
        guard var count = metric.effectiveCount else { return .endless(metric: metric.nameValue) }
        // consecutiveSuccessLimit ends a passing metric early.
        let successes = metric.consecutiveSuccessLimitValue
        if successes > 0 { count = min(count, successes) }
        let length = Self.saturating(delay, plus: interval, times: Int64(max(0, count - 1)))
        if length > longest { longest = length }
      }
    }
    return .finite(longest)
  }
}
