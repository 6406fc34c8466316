import VirtualTime

/// One sentence of the explain narrative: a controller decision (or a measurement that fed one) in
/// plain words, and the rule that made it.
public struct ExplainLine: Sendable, Hashable, Codable {
  public enum Kind: String, Sendable, Hashable, Codable {
    /// Explains a timeline event.
    case decision
    /// A measurement between events (the first of a metric, or one that did not succeed).
    case measurement
  }

  public var t: SimInstant
  public var kind: Kind
  /// The timeline entry this line explains (index into `ReportModel.timeline`).
  public var event: Int?
  /// What happened, in plain words.
  public var text: String
  /// Why: the controller's rule, with the numbers of this run where they matter.
  public var rule: String?
  /// A decision a learner should notice (an abort, a pause for a human, a surprise of §14).
  public var notable: Bool

  public init(t: SimInstant, kind: Kind, event: Int?, text: String, rule: String?, notable: Bool = false) {
    self.t = t
    self.kind = kind
    self.event = event
    self.text = text
    self.rule = rule
    self.notable = notable
  }
}
