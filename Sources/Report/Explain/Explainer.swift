import Foundation
import Controller
import Simulation
import VirtualTime

/// Narrates a run: each controller decision in plain words, with the rule of the Argo Rollouts
/// controller that made it (argo-semantics §3–§6), citing the numbers of this run.
///
/// Everything is derived from the result (timeline messages, AnalysisRun records) and the plan
/// (steps, conditions, limits), so stored runs explain as well as fresh ones.
public struct Explainer: Sendable {
  let model: ReportModel

  public init(_ model: ReportModel) { self.model = model }

  public static func narrate(_ model: ReportModel) -> [ExplainLine] { Explainer(model).lines() }

  /// What the walk remembers between events.
  struct State {
    var updating = false
    var aborted = false
    var promoted = false
    var pauseStarted: [Int: SimInstant] = [:]
    var lastOperator: (t: SimInstant, command: String)?
  }

  public func lines() -> [ExplainLine] {
    var out: [ExplainLine] = []
    var state = State()
    for item in TimelineCompaction.items(model.timeline) {
      switch item {
      case .entry(let index):
        if let line = explain(model.timeline[index], index: index, state: &state) { out.append(line) }
      case .elided(let n, let event, let t):
        out.append(
          ExplainLine(
            t: t, kind: .decision, event: nil, text: TimelineCompaction.text(count: n, event: event, t: t),
            rule: "the controller kept changing its mind at one instant; the simulator stops such a loop after 10,000 reconciles (SimulationError)",
            notable: true))
      }
    }
    out += measurementLines()
    // Stable order: by time; at one instant, decisions in timeline order, then measurements.
    return out.enumerated().sorted { a, b in
      if a.element.t != b.element.t { return a.element.t < b.element.t }
      return a.offset < b.offset
    }.map(\.element)
  }

  // MARK: - Events

  func explain(_ entry: TimelineEntry, index: Int, state: inout State) -> ExplainLine? {
    func line(_ text: String, _ rule: String?, notable: Bool = false) -> ExplainLine {
      ExplainLine(t: entry.t, kind: .decision, event: index, text: Self.sentence(text), rule: rule, notable: notable)
    }
    let message = entry.message
    switch entry.event {
    case "RolloutUpdated":
      let revision = EventMessage.revision(message).map(String.init) ?? "?"
      let midRollout = state.updating && !state.promoted && !state.aborted
      state.updating = true
      state.aborted = false
      state.promoted = false
      if midRollout {
        return line(
          "A new pod template arrived while the previous update was still rolling out: revision \(revision) replaces it.",
          "a changed pod template resets the rollout: steps restart at step 1, the previous canary's AnalysisRuns are terminated and its pods scaled away (PodTemplateOrStepsChanged, resetRolloutStatus)",
          notable: true)
      }
      return line(
        "The pod template changed: the controller starts updating to revision \(revision).",
        "a new pod template hash means a new ReplicaSet, and the steps start from the first one (PodTemplateOrStepsChanged)")
    case "NewReplicaSetCreated":
      let (name, revision) = RevisionCatalog.replicaSetMention(message) ?? ("?", 0)
      let profile = model.revisions.entry(revision: revision)?.profile ?? ""
      let runs = profile.isEmpty ? "" : " (its pods behave like the scenario's `\(profile)` profile)"
      return line("ReplicaSet \(name) will hold the pods of revision \(revision)\(runs); it starts with 0 pods.", nil)
    case "RolloutNotCompleted":
      return line(
        "The update is under way: the old revision stays stable until the new one is promoted.",
        "the Completed condition is False while the stable ReplicaSet is not the current one")
    case "ScalingReplicaSet":
      return scaling(entry, state: state).map { line($0.0, $0.1) }
    case "TrafficWeightUpdated":
      return trafficWeight(entry, state: state).map { line($0.0, $0.1, notable: $0.2) }
    case "RolloutStepCompleted":
      return stepCompleted(entry, state: state).map { line($0.0, $0.1) }
    case "RolloutPaused":
      if entry.step != nil { state.pauseStarted[entry.step!] = entry.t }
      return paused(entry).map { line($0.0, $0.1, notable: $0.2) }
    case "RolloutResumed":
      return line("The rollout is no longer paused and carries on.", nil)
    case "RolloutAborted":
      state.aborted = true
      return aborted(entry, state: state).map { line($0.0, $0.1, notable: true) }
    case "RolloutCompleted":
      state.promoted = true
      state.updating = false
      return completed(entry).map { line($0.0, $0.1, notable: true) }
    case "SwitchService":
      return serviceSwitch(entry, state: state).map { line($0.0, $0.1) }
    case "InvalidSpec":
      var rule = "the controller validates the spec first; an invalid spec sets the InvalidSpec condition, the phase becomes Degraded and nothing else happens until the spec is fixed"
      if message.contains("pause.duration") {
        rule += ". Go durations have no day unit: write `120h`, not `5d`"
      }
      return line("The controller rejected the Rollout: \(message). The stable revision keeps serving every request.", rule, notable: true)
    case "Operator":
      let command = operatorCommand(message)
      state.lastOperator = (entry.t, command)
      if command == "retry" { state.aborted = false }
      if command == "update" {
        // Not a kubectl command: the scenario applies a new pod template, as `kubectl apply` or Argo CD would.
        let revision = message.split(separator: " ").dropFirst(4).first.map(String.init) ?? "?"
        return line("A new pod template (the scenario's revision `\(revision)`) is applied to the Rollout.", operatorRule(command, message: message), notable: true)
      }
      return line("The operator ran `\(message)`.", operatorRule(command, message: message), notable: true)
    case "SkipSteps":
      return line(
        "\(message): the steps and analyses are skipped and the rollout is promoted at once.",
        "a template equal to the stable ReplicaSet's (or within rollbackWindow) is a fast rollback (§3.10)", notable: true)
    case "ProgressDeadlineExceeded":
      return line(
        "No progress for longer than progressDeadlineSeconds: \(message) The rollout is Degraded but keeps going; the update finishes if its pods become available.",
        "Progressing=False reason ProgressDeadlineExceeded when nothing progressed within the deadline outside pause, analysis and experiment steps; with progressDeadlineAbort: true it aborts instead (§3.12). Go records no Kubernetes event for it: rollout-sim adds this line so the phase change has a time",
        notable: true)
    case "ReconciliationError" where message.contains("delaying destination rule switch"):
      let replicaSet = message.components(separatedBy: "ReplicaSet ").last?.components(separatedBy: " ").first ?? "?"
      return line(
        "The controller waits for ReplicaSet \(replicaSet) to have all its pods available before it rewrites the DestinationRule subsets: this reconcile stops here (no scaling, no step, no status update) and the next change retries.",
        "with an Istio subset split and neither canary nor stable Service, UpdateHash fails while a ReplicaSet that receives traffic is not fully available (shouldDelayDestinationRuleUpdate, argo-rollouts#2507); stuck pods therefore never reach the progress deadline")
    case "ReconciliationError":
      return line(
        "\(message).", "the controller cannot build the AnalysisRun; it retries on every change, and the step it guards waits",
        notable: true)
    case "SimulationError":
      return line(
        "The simulated controller did not settle at this instant: \(message).",
        "a safeguard of the simulator, not of Argo Rollouts: reconciles at one instant stop after 10,000; the run goes on from the next instant (please report the scenario)",
        notable: true)
    case "ExperimentCreated":
      return line("\(message) for step \((entry.step ?? 0) + 1).", "an experiment step runs its templates until the experiment succeeds or fails")
    default:
      if entry.event.hasPrefix("AnalysisRun") {
        return analysisRunEvent(entry, index: index, state: state)
      }
      return line(message.isEmpty ? entry.event : message, nil, notable: entry.warning)
    }
  }

  /// Starts with a capital letter.
  static func sentence(_ text: String) -> String {
    guard let first = text.first, first.isLowercase else { return text }
    return first.uppercased() + text.dropFirst()
  }

  var stepCount: Int { model.plan.steps.count }
  var replicas: Int { model.plan.replicas }
  var hasRouter: Bool { model.plan.trafficRouter != nil }

  func stepName(_ index: Int) -> String {
    guard index >= 0, index < model.plan.steps.count else { return "step \(index + 1)" }
    return "step \(index + 1)/\(stepCount) (\(model.plan.steps[index].text))"
  }

  func profileName(revision: Int) -> String {
    guard let entry = model.revisions.entry(revision: revision), !entry.profile.isEmpty else { return "revision \(revision)" }
    return "revision \(revision) (\(entry.profile))"
  }

  // MARK: Scaling

  func scaling(_ entry: TimelineEntry, state: State) -> (String, String?)? {
    guard let s = EventMessage.scaling(entry.message) else { return (entry.message, nil) }
    let role = entry.replicas.first { $0.revision == s.revision }?.role ?? "old"
    let who = profileName(revision: s.revision)
    let verb = s.up ? "Scaled up" : "Scaled down"
    let what = "\(verb) \(who) from \(s.from) to \(s.to) pod\(s.to == 1 ? "" : "s")"
    if model.plan.strategy == "blueGreen" {
      if role == "canary" && s.up {
        return ("\(what): the new revision runs beside the active one, unseen by users.", "blue-green scales the new ReplicaSet to spec.replicas (or previewReplicaCount) before any switch")
      }
      if !s.up {
        let delay = model.plan.scaleDownDelaySeconds ?? 30
        return ("\(what).", state.aborted
          ? "after an abort the preview ReplicaSet is scaled down once abortScaleDownDelaySeconds (default 30 s) pass"
          : "the previous active ReplicaSet is scaled down scaleDownDelaySeconds (\(delay) s) after the switch")
      }
      return ("\(what).", nil)
    }
    switch (role, s.up) {
    case ("canary", true):
      let index = entry.step ?? 0
      if state.aborted { return ("\(what).", nil) }
      if index >= stepCount {
        return ("\(what): every step is done, so the canary gets the full \(replicas) replica\(replicas == 1 ? "" : "s").", "after the last step the desired weight is 100% (GetCurrentSetWeight)")
      }
      let weight = model.plan.setWeight(atStep: index)
      if hasRouter {
        let expected = (weight * replicas + 99) / 100
        let rule = "with a traffic router, canary pods = ceil(weight × replicas / 100) = ceil(\(weight) × \(replicas) / 100) = \(expected); the stable keeps all its pods (§3.6)"
        return ("\(what) for \(stepName(index)).", expected == s.to ? rule : "setCanaryScale or a minimum of pods decides the canary's size (§3.7)")
      }
      return ("\(what) for \(stepName(index)).", "without a traffic router the weight is made of pods: \(weight)% of \(replicas) pods, rounded towards more canary pods, maxSurge allowing one extra (CalculateReplicaCountsForBasicCanary)")
    case ("canary", false):
      if state.aborted {
        return ("\(what): the update was aborted.", hasRouter
          ? "after an abort the canary is scaled down abortScaleDownDelaySeconds (\(model.plan.abortScaleDownDelaySeconds ?? 30) s) after the stable is fully available (§3.11)"
          : "after an abort a basic canary is scaled down at once, within maxSurge/maxUnavailable (§3.11)")
      }
      return ("\(what) to match \(stepName(entry.step ?? 0)).", nil)
    case ("stable", false):
      return ("\(what) to make room for the canary.", "without a traffic router the stable shrinks as the canary grows, so the pods add up to the weight (CalculateReplicaCountsForBasicCanary)")
    case ("stable", true):
      return ("\(what).", state.aborted ? "after an abort the stable is scaled back to spec.replicas" : nil)
    default:
      if s.to == 0 && state.promoted {
        let delay = model.plan.scaleDownDelaySeconds ?? (hasRouter ? 30 : 0)
        return ("\(what): the previous stable revision is no longer needed.", "the old stable ReplicaSet is scaled to 0 scaleDownDelaySeconds (\(delay) s) after the promotion, so in-flight requests can drain")
      }
      if s.to == 0 {
        return ("\(what): it is neither the stable revision nor the one being rolled out any more.", "ReplicaSets that are neither stable nor current are scaled away (scaleDownOldReplicaSetsForCanary)")
      }
      return ("\(what).", nil)
    }
  }

  // MARK: Traffic

  func trafficWeight(_ entry: TimelineEntry, state: State) -> (String, String?, Bool)? {
    guard let (from, to) = EventMessage.weightChange(entry.message) else {
      return (
        "The router is written for this update: \(entry.weights.canary)% of requests to the canary, \(entry.weights.stable)% to the stable.",
        "the weight stays at 0 until the canary has available pods — the router never sends requests to pods that are not ready", false)
    }
    if to == 0 && state.aborted {
      return ("All requests go back to the stable revision (canary weight \(from)% → 0%).", "an abort sets the canary weight to 0 at once (§3.11)", true)
    }
    if to == 0 && state.promoted {
      return (
        "The canary is the stable revision now: the stable side points at its pods, so the router goes back to 0% canary / 100% stable — both sides are the same pods.",
        "once fully promoted the canary weight is 0 (reconcileTrafficRouting)", false)
    }
    if to >= 100 && (entry.step ?? 0) >= stepCount {
      return ("Every step is done: 100% of requests go to the canary until it becomes stable.", "after the last step the desired weight is 100%", false)
    }
    if to > from {
      // The step that asked for this weight: the nearest setWeight at or before the current index.
      let current = min(entry.step ?? 0, stepCount - 1)
      let asking = current < 0 ? nil : stride(from: current, through: 0, by: -1).first {
        model.plan.steps[$0].kind == "setWeight" && model.plan.steps[$0].weight == to
      }
      let which = asking.map { "the weight of \(stepName($0))" } ?? "a step's weight"
      return (
        "The canary's pods are available: the router now sends \(to)% of requests to the canary (was \(from)%).",
        "\(which) is applied only once the canary has its pods available (reconcileTrafficRouting)", false)
    }
    return ("The router now sends \(to)% of requests to the canary (was \(from)%).", "a restarted update starts again from the weight of its first steps", false)
  }

  // MARK: Steps

  func stepCompleted(_ entry: TimelineEntry, state: State) -> (String, String?)? {
    guard let (number, total) = EventMessage.stepCompleted(entry.message) else { return (entry.message, nil) }
    let index = number - 1
    let name = "Step \(number)/\(total)"
    guard index >= 0, index < model.plan.steps.count else { return ("\(name) is done.", nil) }
    let step = model.plan.steps[index]
    if let op = state.lastOperator, op.t == entry.t, op.command == "promote", step.kind != "pause" {
      return ("\(name) (\(step.text)) was skipped by the operator's promote.", "`promote` on a rollout that is not paused skips the current step (§14.9)")
    }
    switch step.kind {
    case "setWeight":
      return (
        "\(name) (\(step.text)) is done: the canary has its pods available and receives \(step.weight ?? 0)% of requests.",
        "a setWeight step completes when the canary ReplicaSet is at its desired count, all available, and the weight is set (AtDesiredReplicaCountsForCanary)")
    case "pause":
      if let seconds = step.pauseSeconds {
        let started = state.pauseStarted[index]
        let since = started.map { " that began at \($0)" } ?? ""
        if let op = state.lastOperator, op.t == entry.t, op.command.hasPrefix("promote") || op.command == "resume" {
          return ("\(name) (\(step.text)) ended early: the operator promoted.", "`promote` removes the pause condition; the step counts as done")
        }
        return (
          "\(name) (\(step.text)) is done: the pause\(since) has run its \(DurationFormat.compact(milliseconds: Int64(seconds) * 1000)).",
          "a timed pause completes when now > its start + duration (CompletedCanaryPauseStep)")
      }
      return ("\(name) (pause) is done: the operator resumed the rollout.", "an indefinite pause never ends on its own; `kubectl argo rollouts promote` removes the pause condition")
    case "analysis":
      let run = model.analysisRuns.last { $0.kind.rawValue == "Step" && $0.step == index && $0.phase == "Successful" }
      let runName = run.map { " \($0.name)" } ?? ""
      return ("\(name) (analysis) is done: its AnalysisRun\(runName) is Successful.", "an analysis step completes when its AnalysisRun is Successful (§3.3)")
    case "experiment":
      return ("\(name) (experiment) is done: the experiment succeeded.", "an experiment step completes when its Experiment is Successful")
    default:
      return ("\(name) (\(step.text)) is done.", "\(step.kind) steps complete as soon as they are applied")
    }
  }

  func paused(_ entry: TimelineEntry) -> (String, String?, Bool)? {
    let reason = EventMessage.parenthesised(entry.message) ?? ""
    switch reason {
    case "CanaryPauseStep":
      let index = entry.step ?? 0
      guard index < model.plan.steps.count else { return ("The rollout pauses.", nil, false) }
      let step = model.plan.steps[index]
      if let seconds = step.pauseSeconds {
        let until = entry.t + .seconds(Int64(seconds))
        return (
          "\(stepName(index)): the rollout holds \(entry.weights.canary)% on the canary until \(until).",
          "a timed pause waits its duration; replicas keep reconciling and background analysis keeps measuring (CanaryPauseStep)", false)
      }
      return (
        "\(stepName(index)): the rollout holds \(entry.weights.canary)% on the canary and waits for a human.",
        "`pause: {}` is indefinite: `kubectl argo rollouts promote` continues, `abort` rolls back", true)
    case "InconclusiveAnalysisRun":
      return (
        "An AnalysisRun was Inconclusive: the controller pauses and hands the decision to a human.",
        "Inconclusive → pause InconclusiveAnalysisRun; `promote` continues (skipping an inline analysis step, or starting a new background run), `abort` rolls back (§6.8)", true)
    case "BlueGreenPause":
      if model.plan.autoPromotionSeconds > 0 {
        return (
          "The new revision is ready behind the preview Service; the switch waits \(model.plan.autoPromotionSeconds) s.",
          "autoPromotionSeconds: the active Service is switched automatically that long after the pause starts", false)
      }
      return (
        "The new revision is ready behind the preview Service; the switch waits for a human.",
        "autoPromotionEnabled: false → the switch waits for `kubectl argo rollouts promote`", true)
    default:
      return ("The rollout is paused (\(reason)).", "`spec.paused` stops scaling and step progress until resumed", true)
    }
  }

  func aborted(_ entry: TimelineEntry, state: State) -> (String, String?)? {
    let message = entry.message
    if let op = state.lastOperator, op.command == "abort", entry.t >= op.t, entry.t - op.t <= .seconds(1) {
      return ("The update is aborted on the operator's request: \(message).", "`abort`: canary weight 0, canary pods scaled down, phase Degraded until `retry`, `promote --full` or a new revision (§3.11)")
    }
    if message.contains("timed out progressing") {
      return ("\(message).", "progressDeadlineAbort: no progress for progressDeadlineSeconds aborts the update (§3.12)")
    }
    if model.plan.strategy == "blueGreen" {
      return (
        "\(message).",
        "a Failed or Error AnalysisRun aborts the update: the active Service stays on (or goes back to) the stable ReplicaSet, the new one is scaled down after abortScaleDownDelaySeconds, phase Degraded until `retry` or a new revision (§4)")
    }
    return (
      "\(message).",
      "a Failed or Error AnalysisRun aborts the update: canary weight 0, canary pods scaled down, phase Degraded until `retry`, `promote --full` or a new revision (§3.11)")
  }

  func completed(_ entry: TimelineEntry) -> (String, String?)? {
    let reason = EventMessage.completionReason(entry.message) ?? ""
    let revision = EventMessage.revision(entry.message) ?? 0
    let who = profileName(revision: revision)
    switch reason {
    case let r where r.hasPrefix("Completed all"):
      return (
        "\(r), and \(replicas == 1 ? "the canary pod is" : "all \(replicas) canary pods are") available: \(who) becomes the stable revision.",
        "promotion happens when the step index reaches the number of steps and the new ReplicaSet is fully available (shouldFullPromote)")
    case "Full promotion requested":
      return ("\(who) is promoted without the remaining steps.", "`promote --full` skips every step and analysis left (§3.9)")
    case "Completed blue-green update":
      return ("\(who) becomes the stable revision.", "blue-green: after the switch (and a Successful post-promotion analysis, if any) the new ReplicaSet becomes stable (§4)")
    default:
      return ("\(who) becomes the stable revision: \(reason).", nil)
    }
  }

  func serviceSwitch(_ entry: TimelineEntry, state: State) -> (String, String?)? {
    guard let (service, _, to) = EventMessage.serviceSwitch(entry.message) else { return (entry.message, nil) }
    let target = model.revisions.entry(hash: to).map { profileName(revision: $0.revision) } ?? "pods with hash \(to)"
    let text = "Service \(service) now selects \(target)."
    let plan = model.plan
    if service == plan.activeService {
      return (text + " Users now reach it.", state.aborted
        ? "after a blue-green abort the active Service goes back to the stable ReplicaSet"
        : "the switch happens once the new ReplicaSet is fully available, pre-promotion analysis passed and any pause ended (§4)")
    }
    if service == plan.previewService {
      return (text, "the preview Service always selects the newest ReplicaSet, for tests before the switch")
    }
    if service == plan.stableService {
      return (text, "at promotion the stable Service moves to the new ReplicaSet")
    }
    if service == plan.canaryService {
      return (text, state.aborted ? "after an abort the canary Service points at the stable pods" : "the canary Service selects the canary ReplicaSet's pods")
    }
    return (text, nil)
  }

  func operatorCommand(_ message: String) -> String {
    let prefix = "kubectl argo rollouts "
    guard message.hasPrefix(prefix) else { return message }
    let rest = message.dropFirst(prefix.count)
    if rest.hasPrefix("promote --full") { return "promote --full" }
    return String(rest.prefix { $0 != " " })
  }

  func operatorRule(_ command: String, message: String) -> String {
    if let note = EventMessage.parenthesised(message), !note.isEmpty, message.hasSuffix(")") {
      return "it had no effect: \(note)"
    }
    switch command {
    case "promote": return "`promote` removes a pause (or skips the current step when the rollout is not paused) (§3.9)"
    case "promote --full": return "`promote --full` skips every remaining step and analysis; the canary becomes stable once fully available"
    case "abort": return "`abort`: canary weight 0, canary scaled down, phase Degraded (§3.11)"
    case "retry": return "`retry` clears the abort: steps restart at step 1 with new AnalysisRuns"
    case "pause": return "`pause` sets spec.paused: nothing scales and no step advances until resumed"
    case "resume": return "`resume` clears spec.paused"
    case "undo": return "`undo` puts back the previous pod template — for the controller a new revision (a fast rollback if it is the stable one)"
    case "update": return "a new pod template mid-rollout restarts the steps from step 1 (§3.10)"
    default: return "an operator action"
    }
  }
}
