import Diagnostics
import VirtualTime

/// One line of a scenario's (or sweep's) `expect` block (design §6.3).
public struct Expectation: Sendable, Hashable {
  public enum Check: Sendable, Hashable {
    /// The rollout's final phase: Healthy, Degraded, Paused, Progressing.
    case phase(String)
    case aborted(Bool)
    case promoted(Bool)
    /// Aborted, no later than this long after the update.
    case abortedWithin(SimDuration)
    /// Promoted, no later than this long after the update.
    case promotedWithin(SimDuration)
    /// The furthest step index the rollout reached (`status.currentStepIndex`; an abort resets it to 0
    /// afterwards, so the furthest one is what a plan's progress means).
    case step(Bound)
    /// The last AnalysisRun of a template or a kind (Step, Background, PrePromotion, PostPromotion,
    /// Experiment) ended in this phase.
    case analysisRun(key: String, phase: String)
    /// Failed requests the canary served.
    case canaryErrors(Bound)
    /// Failed requests users saw, from any revision.
    case badRequests(Bound)
    /// Sweeps: share of bad releases aborted.
    case detectionRate(Bound)
    /// Sweeps: share of good releases aborted.
    case falseRollbackRate(Bound)
  }

  public var check: Check
  /// The key as written (`phase`, `analysisRuns.call-api`, `variants.small-steps.detectionRate`).
  public var key: String
  /// Where the expected value is written.
  public var location: SourceLocation
  /// Sweeps: the one variant this bound is for (`expect.variants.NAME`); nil, every variant.
  public var variant: String?

  public init(_ check: Check, key: String, location: SourceLocation, variant: String? = nil) {
    self.check = check
    self.key = key
    self.location = location
    self.variant = variant
  }

  /// The expected value, as shown next to the actual one.
  public var expectedText: String {
    switch check {
    case .phase(let phase): phase
    case .aborted(let b), .promoted(let b): String(b)
    case .abortedWithin(let d): "aborted within \(d)"
    case .promotedWithin(let d): "promoted within \(d)"
    case .step(let bound): "step \(bound)"
    case .analysisRun(_, let phase): phase
    case .canaryErrors(let bound), .badRequests(let bound), .detectionRate(let bound), .falseRollbackRate(let bound):
      bound.description
    }
  }
}

/// The keys of `expect`: for scenarios, and the extra ones of sweeps.
public enum ExpectationKeys {
  public static let scenario = [
    "phase", "aborted", "promoted", "abortedWithin", "promotedWithin", "step", "analysisRuns", "canaryErrors", "badRequests",
  ]
  public static let sweep = ["detectionRate", "falseRollbackRate", "variants", "seeds"]
  /// The bounds a sweep can set for one variant (`expect.variants.NAME`).
  public static let sweepRates = ["detectionRate", "falseRollbackRate"]
  public static let phases = ["Healthy", "Degraded", "Paused", "Progressing"]
  public static let analysisPhases = ["Successful", "Failed", "Error", "Inconclusive", "Running", "Pending"]
  public static let runKinds = ["Step", "Background", "PrePromotion", "PostPromotion", "Experiment"]
}
