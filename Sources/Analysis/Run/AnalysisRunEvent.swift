import VirtualTime

/// A Kubernetes event the analysis controller records, or a measurement it took: the raw material of
/// timelines and explanations.
public struct AnalysisRunEvent: Sendable, Hashable {
  public enum Kind: String, Sendable, Hashable {
    case normal = "Normal"
    case warning = "Warning"
  }

  public var at: SimInstant
  public var kind: Kind
  /// `MetricFailed`, `AnalysisRunSuccessful`, … as Argo names them.
  public var reason: String
  public var message: String

  public init(at: SimInstant, kind: Kind, reason: String, message: String) {
    self.at = at
    self.kind = kind
    self.reason = reason
    self.message = message
  }

  static func phaseKind(_ phase: AnalysisPhase) -> Kind {
    phase == .error || phase == .failed ? .warning : .normal
  }
}

/// The outcome of one reconcile of a run.
public struct AnalysisReconcileOutcome: Sendable, Hashable {
  /// Whether the status changed (Argo patches it, which triggers another reconcile at once).
  public var changed: Bool
  /// When the run wants its next reconcile: `now` when a reconcile at the same instant has work (the
  /// run just started terminating, a poll is due), else the earliest due measurement or poll; nil
  /// once completed or when nothing is scheduled. Never earlier than `now`.
  public var nextReconcileAt: SimInstant?
  public var events: [AnalysisRunEvent]

  public init(changed: Bool, nextReconcileAt: SimInstant?, events: [AnalysisRunEvent]) {
    self.changed = changed
    self.nextReconcileAt = nextReconcileAt
    self.events = events
  }
}
