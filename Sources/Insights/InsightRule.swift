import Diagnostics

/// The insight checks of design §7: what the tool points out that a user could not see. Each finding
/// carries one of these names as its `rule`, alone or as `<insight>/<validator rule>` when the finding
/// comes from the Manifests validator (which already detects template defects and duration traps).
public enum InsightRule: String, Sendable, Hashable, CaseIterable {
  /// The query matches no series, or returns no data while the condition treats no data as success.
  case blindMetric = "blind-metric"
  /// The query blends stable and canary traffic, so a bad canary hides behind the stable revision.
  case dilutedSignal = "diluted-signal"
  /// `{{args.x}}` not declared, stray braces, args never used.
  case templateDefect = "template-defect"
  /// `5d`, intervals without a unit, analyses that never end or stop guarding too early.
  case durationTrap = "duration-trap"
  /// Fields the controller changes that the Argo CD Application does not ignore.
  case gitopsDrift = "gitops-drift"
  /// The shortest time the plan can take.
  case schedule = "schedule"

  /// Validator rules that are instances of an insight check.
  public static let validatorRules: [String: InsightRule] = [
    "undeclared-arg": .templateDefect,
    "stray-brace": .templateDefect,
    "unused-arg": .templateDefect,
    "pause-duration": .durationTrap,
    "metric-duration": .durationTrap,
    "experiment-duration": .durationTrap,
    "analysis-runs-forever": .durationTrap,
    "background-count": .durationTrap,
  ]

  /// The insight a diagnostic belongs to, whether it was found here or by the validator.
  public static func of(_ diagnostic: Diagnostic) -> InsightRule? {
    guard let rule = diagnostic.rule else { return nil }
    let head = rule.split(separator: "/").first.map(String.init) ?? rule
    return InsightRule(rawValue: head) ?? validatorRules[rule]
  }

  /// The validator's findings that are insights, renamed `<insight>/<validator rule>`
  /// (`template-defect/stray-brace`); every other diagnostic is returned unchanged.
  public static func relabel(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
    diagnostics.map { diagnostic in
      guard let rule = diagnostic.rule, let insight = validatorRules[rule] else { return diagnostic }
      var renamed = diagnostic
      renamed.rule = "\(insight.rawValue)/\(rule)"
      return renamed
    }
  }
}
