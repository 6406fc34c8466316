import VirtualTime

/// How a Job metric's Jobs behave (scenario `providers.job.<metric>`).
///
/// Each Job runs pods until one succeeds: a pod attempt takes `duration` and exits 0 with probability
/// `successRate` (drawn from the run's seed); a failed pod is retried after Kubernetes' back-off
/// (10 s, 20 s, 40 s … capped at 6 min) until `backoffLimit` failures — then the Job is Failed. The
/// Job's `activeDeadlineSeconds` fails it when reached. `imagePullFailure` keeps the container
/// waiting with ErrImagePull, which Argo reports as Inconclusive.
public struct JobModel: Sendable, Hashable {
  /// Probability in [0, 1] that one pod attempt succeeds.
  public var successRate: Double
  /// Run time of one pod attempt (uniform between the bounds).
  public var duration: DurationRange
  public var imagePullFailure: Bool
  /// When a pod's image pull fails after it started.
  public var imagePullFailsAfter: SimDuration
  /// Scripted outcomes of successive Jobs (the last repeats); overrides `successRate` and
  /// `imagePullFailure` when non-empty.
  public var outcomes: [JobOutcome]

  public init(
    successRate: Double = 1, duration: DurationRange = DurationRange(.seconds(10)), imagePullFailure: Bool = false,
    imagePullFailsAfter: SimDuration = .seconds(5), outcomes: [JobOutcome] = []
  ) {
    self.successRate = successRate
    self.duration = duration
    self.imagePullFailure = imagePullFailure
    self.imagePullFailsAfter = imagePullFailsAfter
    self.outcomes = outcomes
  }
}

public enum JobOutcome: String, Sendable, Hashable {
  /// The first pod succeeds.
  case succeed
  /// Every pod fails.
  case fail
  case imagePullFailure
}

/// A duration, or a range a value is drawn from uniformly.
public struct DurationRange: Sendable, Hashable {
  public var min: SimDuration
  public var max: SimDuration

  public init(_ fixed: SimDuration) {
    min = fixed
    max = fixed
  }

  public init(min: SimDuration, max: SimDuration) {
    self.min = Swift.min(min, max)
    self.max = Swift.max(min, max)
  }
}
