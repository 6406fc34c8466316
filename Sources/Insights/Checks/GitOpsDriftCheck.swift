import Diagnostics
import Manifests
import Simulation

/// GitOps drift (design §7): fields the controller writes that the Argo CD Application deploying the
/// object does not ignore. Argo CD then shows the object OutOfSync during every rollout, and with
/// automated sync + selfHeal writes git's values back while the controller is at work.
enum GitOpsDriftCheck {
  /// `changes` are what the controller would write (lint) or wrote (run); `observed` says which.
  static func check(_ changes: [ControllerFieldChange], set: ManifestSet, observed: Bool) -> [Diagnostic] {
    var out: [Diagnostic] = []
    for application in set.applications {
      let rules = IgnoreRules(application)
      for (expression, error) in rules.unreadable {
        out.append(
          Diagnostic(
            .warning, "rollout-sim cannot evaluate this jq expression: \(error.message)",
            at: SourceLocation(
              file: expression.location.file, line: expression.location.line, column: expression.location.column + error.offset),
            hint: "the GitOps check reads paths, [], [N], select(… == …) with and/or/not; this expression counts as ignoring nothing",
            rule: InsightRule.gitopsDrift.rawValue))
      }
      var objects: [GitObject] = []
      for change in changes where !objects.contains(change.object) { objects.append(change.object) }
      var reliesOnIgnores = false
      for object in objects where rules.deploys(object) {
        let own = changes.filter { $0.object == object }
        let base = ArgoCDDiff.live(object, changes: own, withManagedRoutes: false)
        let withRoutes = ArgoCDDiff.live(object, changes: own, withManagedRoutes: true)
        var uncovered: [ControllerFieldChange] = []
        for change in own where ArgoCDDiff.isVisible(change.pointer, in: object) {
          let live: YAMLNode
          if case .managedRoute = change.cause { live = withRoutes } else { live = base }
          switch rules.coverage(of: change.pointer, in: object, live: live) {
          case nil: uncovered.append(change)
          case .manager: break
          case .jq, .jsonPointer: reliesOnIgnores = true
          }
        }
        guard let first = uncovered.first else { continue }
        out.append(finding(uncovered, first: first, object: object, rules: rules, observed: observed))
      }
      if reliesOnIgnores, !application.respectsIgnoreDifferences {
        let at = application.node["spec"]?.entry("syncPolicy")?.keyLocation ?? application.location
        out.append(
          Diagnostic(
            .warning,
            "Argo CD Application '\(application.name)' ignores the controller's fields when diffing, but a sync still applies git's values",
            at: at, hint: "add `RespectIgnoreDifferences=true` to spec.syncPolicy.syncOptions, so a sync during a rollout keeps the weights",
            rule: InsightRule.gitopsDrift.rawValue,
            notes: ["without it, any sync (manual, or automated after another change) resets route weights mid-rollout"]))
      }
    }
    return out
  }

  private static func finding(
    _ uncovered: [ControllerFieldChange], first: ControllerFieldChange, object: GitObject, rules: IgnoreRules, observed: Bool
  ) -> Diagnostic {
    let application = rules.application
    let fields = uncovered.map { "\($0.pointer) (\($0.what))" }
    var notes = [
      (observed ? "in this run the controller wrote: " : "the controller writes: ") + fields.joined(separator: "; "),
      "Application '\(application.name)' (\(application.location.file):\(application.location.line)) ignores: \(rules.summary)",
    ]
    let others = rules.otherManagers(for: object)
    if !others.isEmpty {
      notes.append("managedFieldsManagers \(others.joined(separator: ", ")) is not Argo Rollouts: it writes as '\(IgnoreRules.rolloutsManager)'")
    }
    notes.append("rollout-sim takes the Application to deploy every manifest given with it (its Git source is not read)")
    if application.automatedSync && application.selfHeal {
      notes.append("automated sync with selfHeal writes git's values back while the rollout runs: the two controllers fight")
    }
    let verb = observed ? "wrote" : "writes"
    return Diagnostic(
      .warning,
      "Argo CD Application '\(application.name)' will show \(object.title) OutOfSync: the rollout controller \(verb) \(uncovered.count == 1 ? "a field" : "\(uncovered.count) fields") it does not ignore",
      at: first.location, hint: hint(uncovered, object: object), rule: InsightRule.gitopsDrift.rawValue, notes: notes)
  }

  /// The ignoreDifferences entry that covers the fields, ready to paste (one YAML flow mapping).
  static func hint(_ changes: [ControllerFieldChange], object: GitObject) -> String {
    var jq: [String] = []
    var pointers: [String] = []
    for change in changes {
      switch change.suggestion {
      case .jq(let expression): if !jq.contains(expression) { jq.append(expression) }
      case .jsonPointer(let pointer): if !pointers.contains(pointer) { pointers.append(pointer) }
      }
    }
    var fields = ["group: \(object.group.isEmpty ? "\"\"" : object.group)", "kind: \(object.kind)", "name: \(object.name)"]
    if !jq.isEmpty { fields.append("jqPathExpressions: [\(jq.map { "'\($0)'" }.joined(separator: ", "))]") }
    if !pointers.isEmpty { fields.append("jsonPointers: [\(pointers.joined(separator: ", "))]") }
    return "add to spec.ignoreDifferences: - {\(fields.joined(separator: ", "))}"
      + " — or let the controller own them: managedFieldsManagers: [\(IgnoreRules.rolloutsManager)]"
  }

  // MARK: What a run changed

  /// The changes of `candidates` that a run's mutations show the controller made.
  static func observed(_ candidates: [ControllerFieldChange], result: SimulationResult, rollout: Rollout) -> [ControllerFieldChange] {
    candidates.filter { change in
      switch change.cause {
      case .routeWeights: return result.mutations.contains(.routeWeights)
      case .destinationRuleSubsetLabels: return result.mutations.contains(.destinationRuleSubsetLabels)
      case .serviceSelector(let name): return result.mutations.contains(.serviceSelector(service: name))
      case .managedRoute: return result.mutations.contains(.managedRoutes)
      case .workloadScaleDown:
        // Argo scales the Deployment down once the rollout is healthy (onsuccess) or as it progresses.
        return rollout.spec.workloadRef?.scaleDown?.value == "progressively"
          ? result.timeline.contains { $0.weights.canary > 0 } || result.outcome.promoted : result.outcome.promoted
      }
    }
  }
}
