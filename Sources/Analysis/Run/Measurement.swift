import VirtualTime

/// One measurement of a metric (`v1alpha1.Measurement`).
///
/// A measurement is either completed (`finishedAt` set, phase final) or in flight: a Job still running,
/// polled again at `resumeAt`.
public struct Measurement: Sendable, Hashable {
  public var phase: AnalysisPhase
  public var message: String
  public var startedAt: SimInstant?
  public var finishedAt: SimInstant?
  /// The provider's result as Argo prints it (`0.97`, `[0.97,0.95]`, `"ok"`, `NaN`); empty on errors.
  public var value: String
  /// Provider metadata (`job-name`, …). Output code must sort the keys.
  public var metadata: [String: String]
  public var resumeAt: SimInstant?
  /// What the simulated provider remembers about an in-flight measurement (the Job it started, a
  /// response still on its way). Not part of Argo's status; never printed.
  public var pending: PendingWork?

  public init(
    phase: AnalysisPhase = .pending, message: String = "", startedAt: SimInstant? = nil, finishedAt: SimInstant? = nil,
    value: String = "", metadata: [String: String] = [:], resumeAt: SimInstant? = nil, pending: PendingWork? = nil
  ) {
    self.phase = phase
    self.message = message
    self.startedAt = startedAt
    self.finishedAt = finishedAt
    self.value = value
    self.metadata = metadata
    self.resumeAt = resumeAt
    self.pending = pending
  }

  /// `metricutil.MarkMeasurementError`: Error with the message, finished now unless already finished.
  func markedError(_ message: String, at now: SimInstant) -> Measurement {
    var m = self
    m.phase = .error
    m.message = message
    if m.finishedAt == nil { m.finishedAt = now }
    return m
  }
}

/// Simulated work behind an in-flight measurement.
public enum PendingWork: Sendable, Hashable {
  /// A Kubernetes Job created by the Job provider.
  case job(SimulatedJob)
  /// A provider call that takes virtual time (a Web request that times out): the measurement it will
  /// become once `resumeAt` is reached.
  case response(CompletedResponse)
}

/// The outcome a slow provider call delivers when it returns.
public struct CompletedResponse: Sendable, Hashable {
  public var phase: AnalysisPhase
  public var value: String
  public var message: String

  public init(phase: AnalysisPhase, value: String = "", message: String = "") {
    self.phase = phase
    self.value = value
    self.message = message
  }
}
