import Controller
import Simulation
import VirtualTime

/// Where each canary step stands at the end of the run, and when it was the current step: the step
/// list of the terminal timeline and the step bands of the charts.
public struct StepProgress: Sendable, Hashable {
  public enum State: String, Sendable, Hashable {
    case done
    /// The step the rollout is at (paused, progressing).
    case current
    /// The step the update was aborted at.
    case aborted
    /// Skipped by `promote` / `promote --full` / a fast rollback.
    case skipped
    case pending
  }

  public struct Step: Sendable, Hashable {
    public var index: Int
    public var text: String
    public var state: State
    /// When this step became the current one, and when it stopped being (nil: never / still).
    public var start: SimInstant?
    public var end: SimInstant?
  }

  public var steps: [Step]

  public init(model: ReportModel) {
    let plan = model.plan.steps
    let timeline = model.timeline
    // The latest attempt: after the last update, or after the last retry.
    let attempt = timeline.lastIndex { $0.event == "RolloutUpdated" || ($0.event == "Operator" && $0.message.hasSuffix(" retry")) } ?? 0
    let attemptStart = timeline.isEmpty ? SimInstant.zero : timeline[attempt].t
    var completedAt: [Int: SimInstant] = [:]
    var abortAt: SimInstant?
    var promotedAt: SimInstant?
    for entry in timeline[attempt...] {
      switch entry.event {
      case "RolloutStepCompleted":
        if let (number, _) = EventMessage.stepCompleted(entry.message) { completedAt[number - 1] = entry.t }
      case "RolloutAborted":
        if abortAt == nil { abortAt = entry.t }
      case "RolloutCompleted":
        if promotedAt == nil { promotedAt = entry.t }
      default: break
      }
    }
    var steps: [Step] = []
    // An invalid spec never starts the update: every step stays pending.
    guard timeline.contains(where: { $0.event == "RolloutUpdated" }) else {
      self.steps = plan.enumerated().map { Step(index: $0.offset, text: $0.element.text, state: .pending) }
      return
    }
    var cursor: SimInstant? = attemptStart
    var reachedCurrent = false
    for (index, planned) in plan.enumerated() {
      var step = Step(index: index, text: planned.text, state: .pending, start: nil, end: nil)
      if let done = completedAt[index] {
        step.state = .done
        step.start = cursor
        step.end = done
        cursor = done
      } else if reachedCurrent {
        step.state = promotedAt != nil ? .skipped : .pending
      } else if let promotedAt {
        step.state = .skipped
        step.start = cursor
        step.end = promotedAt
        reachedCurrent = true
        cursor = nil
      } else if let abortAt, model.outcome.aborted {
        step.state = .aborted
        step.start = cursor
        step.end = abortAt
        reachedCurrent = true
        cursor = nil
      } else {
        step.state = .current
        step.start = cursor
        step.end = nil
        reachedCurrent = true
        cursor = nil
      }
      steps.append(step)
    }
    self.steps = steps
  }
}
