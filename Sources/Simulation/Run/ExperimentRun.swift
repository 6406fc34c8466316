import Controller
import VirtualTime

/// An Experiment created by an experiment step, run as Argo's experiment controller runs it
/// (experiments/experiment.go): `reconcileTemplate` turns pod availability into template statuses,
/// `reconcileAnalysisRun` starts the analyses once the templates are available and mirrors their
/// phases, and `calculateStatus` folds both into the experiment's phase. Template pods are not
/// ReplicaSets of the simulated cluster; only when they become available matters.
struct ExperimentRun {
  /// `TemplateStatusCode`, best to worst as `templateStatusOrder` (utils/experiment/experiment.go)
  /// ranks them. The simulator never produces Error (no failing ReplicaSet API calls).
  enum TemplateStatus: Int, Comparable {
    case successful, running, progressing, failed
    static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
    var isCompleted: Bool { self == .successful || self == .failed }
  }

  /// `ExperimentAnalysisRunStatus`: the experiment's record of one analysis.
  struct AnalysisStatus {
    var name: String
    var runName: String
    var required: Bool
    var created = false
    /// The phase as the experiment last copied it from the run (nil before the run exists); frozen
    /// once the experiment is terminating, as Go stops copying it then.
    var phase: AnalysisPhase?
    var message = ""
    var terminateSent = false
  }

  /// What one reconcile asks the simulator to do.
  struct Step {
    /// Indices into `analyses` whose AnalysisRun must be created now.
    var createAnalyses: [Int] = []
    var terminateRuns: [String] = []
    /// The experiment's status changed: it must be reconciled again at this instant.
    var changed = false
    /// Its phase or message changed: the rollout must see it.
    var phaseChanged = false
    var wake: SimInstant?
  }

  static let requiredAnalysisCompletedMessage = "Required AnalysisRuns completed"

  var request: ExperimentRequest
  var createdAt: SimInstant
  /// When each template's pods are all available (`distantFuture`: never).
  var templatesAvailableAt: [SimInstant]
  /// Each template's `lastTransitionTime` while it is short of pods: the last change of its pod
  /// counts (creation, or the last pod to become available).
  var templatesLastProgressAt: [SimInstant]
  /// The experiment's `progressDeadlineSeconds`: the rollout's (rollout/experiment.go).
  var progressDeadline: SimDuration
  var templates: [TemplateStatus]
  var templateMessages: [String]
  var analyses: [AnalysisStatus]
  /// `status.availableAt`: when the templates first all ran.
  var availableAt: SimInstant?
  var phase: AnalysisPhase = .pending
  var message = ""

  /// One `TemplatePods` per template of the step, in order.
  struct TemplatePods {
    var availableAt: SimInstant
    var lastProgressAt: SimInstant
  }

  init(request: ExperimentRequest, createdAt: SimInstant, templatePods: [TemplatePods], progressDeadline: SimDuration) {
    self.request = request
    self.createdAt = createdAt
    self.progressDeadline = progressDeadline
    templatesAvailableAt = templatePods.map(\.availableAt)
    templatesLastProgressAt = templatePods.map(\.lastProgressAt)
    templates = request.step.templates.map { _ in .progressing }
    templateMessages = request.step.templates.map { _ in "" }
    analyses = request.step.analyses.map {
      AnalysisStatus(name: $0.name, runName: "\(request.name)-\($0.name)", required: $0.requiredForCompletion)
    }
  }

  var duration: SimDuration? { request.step.durationSeconds.map { .seconds(Int64($0)) } }

  /// `PassedDurations`: the duration has run out since the templates became available. Go compares
  /// now.After(availableAt + duration); the wake-up fires at that instant, which counts as passed.
  func passedDuration(now: SimInstant) -> Bool {
    guard let duration, let availableAt else { return false }
    return now >= availableAt + duration
  }

  var hasRequiredAnalyses: Bool { analyses.contains { $0.required } }

  /// `RequiredAnalysisRunsSuccessful`.
  var requiredAnalysesSuccessful: Bool {
    hasRequiredAnalyses && analyses.filter(\.required).allSatisfy { $0.phase == .successful }
  }

  /// `IsTerminating`, on the status this reconcile starts from.
  func isTerminating(terminate: Bool) -> Bool {
    if terminate || phase.isCompleted { return true }
    if templates.contains(.failed) { return true }
    if analyses.contains(where: { [.failed, .error, .inconclusive].contains($0.phase) }) { return true }
    return requiredAnalysesSuccessful
  }

  /// One `experimentContext.reconcile()` at `now`; `runs` are the AnalysisRuns as they are now and
  /// `terminate` is the experiment's `spec.terminate`.
  mutating func reconcile(runs: [String: AnalysisRunView], now: SimInstant, terminate: Bool) -> Step {
    let before = (templates, templateMessages, availableAt, phase, message)
    let terminating = isTerminating(terminate: terminate)
    var step = Step()

    // reconcileTemplate
    for i in templates.indices where !templates[i].isCompleted {
      if terminating {
        // Terminating scales the template to 0, which moves its counts and so its
        // lastTransitionTime: the progress deadline cannot have passed.
        templates[i] = .successful
      } else if now >= templatesAvailableAt[i] {
        templates[i] = passedDuration(now: now) ? .successful : .running
      } else if now >= templatesLastProgressAt[i] + progressDeadline {
        // Go: now.After(lastTransitionTime + progressDeadlineSeconds), checked when the requeue
        // for that instant fires.
        templates[i] = .failed
        templateMessages[i] =
          "Template '\(request.step.templates[i].name)' exceeded its progressDeadlineSeconds (\(progressDeadline.milliseconds / 1000))"
      } else {
        templates[i] = .progressing
      }
    }

    // reconcileAnalysisRun (reads the availableAt of the status this reconcile started from)
    var analysesChanged = false
    if availableAt != nil {
      for i in analyses.indices {
        if !analyses[i].created {
          if terminating { continue }
          analyses[i].created = true
          analyses[i].phase = .pending
          step.createAnalyses.append(i)
          analysesChanged = true
          continue
        }
        if analyses[i].phase?.isCompleted == true { continue }
        let run = runs[analyses[i].runName]
        if terminating {
          if let run, !run.phase.isCompleted, !run.terminate, !analyses[i].terminateSent {
            analyses[i].terminateSent = true
            step.terminateRuns.append(analyses[i].runName)
          }
          continue
        }
        guard let run else { continue }
        if analyses[i].phase != run.phase || analyses[i].message != run.message {
          analyses[i].phase = run.phase
          analyses[i].message = run.message
          analysesChanged = true
        }
      }
    }

    calculateStatus(now: now)

    let after = (templates, templateMessages, availableAt, phase, message)
    step.phaseChanged = before.3 != after.3 || before.4 != after.4
    step.changed =
      analysesChanged || !step.terminateRuns.isEmpty || before.0 != after.0 || before.1 != after.1
      || before.2 != after.2 || step.phaseChanged
    step.wake = nextWake(after: now, terminate: terminate)
    return step
  }

  /// `calculateStatus`.
  mutating func calculateStatus(now: SimInstant) {
    guard phase == .pending || phase == .running else { return }
    let (templatePhase, templateMessage) = assessTemplates()
    let (analysesPhase, analysesMessage) = assessAnalysisRuns()
    if templatePhase == .running && availableAt == nil { availableAt = now }
    if templatePhase.isCompleted {
      if templatePhase == .successful && (analysesPhase.isCompleted || hasRequiredAnalyses) {
        // The templates ran their course: the analyses decide (and required ones are waited for).
        (phase, message) = (analysesPhase, analysesMessage)
      } else {
        (phase, message) = (templatePhase, templateMessage)
      }
    } else if analysesPhase.isCompleted && analysesPhase != .successful {
      (phase, message) = (analysesPhase, analysesMessage)
    } else if requiredAnalysesSuccessful {
      (phase, message) = (analysesPhase, analysesMessage)
    } else {
      (phase, message) = (templatePhase, templateMessage)
    }
  }

  /// `assessTemplates`: the worst template status, as an experiment phase.
  func assessTemplates() -> (AnalysisPhase, String) {
    var worst = TemplateStatus.successful
    var message = ""
    for (status, text) in zip(templates, templateMessages) where status > worst {
      worst = status
      message = text
    }
    switch worst {
    case .progressing: return (.pending, message)
    case .failed: return (.failed, message)
    case .successful: return (.successful, message)
    case .running: return (.running, message)
    }
  }

  /// `assessAnalysisRuns`: the worst analysis phase; Successful with "Required AnalysisRuns completed"
  /// once every required one succeeded and nothing is worse than Successful.
  func assessAnalysisRuns() -> (AnalysisPhase, String) {
    var worst = AnalysisPhase.successful
    var message = ""
    for analysis in analyses {
      guard let phase = analysis.phase, worst.isWorse(phase) else { continue }
      worst = phase
      message = analysis.message
    }
    if requiredAnalysesSuccessful && worst.isWorse(.running) {
      return (.successful, Self.requiredAnalysisCompletedMessage)
    }
    return (worst == .pending ? .running : worst, message)
  }

  /// `calculateEnqueueDuration`: the end of the duration, a template's progress deadline, or (where
  /// Go is woken by the ReplicaSet's own update) templates becoming available.
  func nextWake(after now: SimInstant, terminate: Bool) -> SimInstant? {
    guard !isTerminating(terminate: terminate) else { return nil }
    var candidates: [SimInstant] = []
    if let availableAt, let duration, availableAt + duration > now { candidates.append(availableAt + duration) }
    for (i, status) in templates.enumerated() where status == .progressing && templatesAvailableAt[i] > now {
      if templatesAvailableAt[i] < SimInstant.distantFuture { candidates.append(templatesAvailableAt[i]) }
      let deadline = templatesLastProgressAt[i] + progressDeadline
      if deadline > now { candidates.append(deadline) }
    }
    return candidates.min()
  }

  /// The timeline's line for the experiment's end.
  func completionMessage(name: String) -> String {
    "Experiment '\(name)' \(phase.rawValue)" + (message.isEmpty ? "" : ": \(message)")
  }
}
