import SimKernel
import VirtualTime

/// A Kubernetes Job created for one measurement, with its fate decided when it is created.
public struct SimulatedJob: Sendable, Hashable {
  public enum End: Sendable, Hashable {
    /// Condition Complete at this instant.
    case complete(SimInstant)
    /// Condition Failed (`BackoffLimitExceeded`, `DeadlineExceeded`).
    case failed(SimInstant, reason: String)
    /// Never finishes on its own.
    case never
  }

  public var name: String
  public var startedAt: SimInstant
  public var end: End
  /// When a pod's container starts waiting with ErrImagePull.
  public var imagePullFailureAt: SimInstant?
  public var podName: String
  public var container: String
  public var image: String
  /// Pod attempts made (failed pods + the last one).
  public var attempts: Int

  static let maxBackoff = SimDuration.seconds(360)

  /// Decides the Job's course from the model, the Job spec and this measurement's generator.
  static func plan(
    name: String, start: SimInstant, spec: JobSpec, model: JobModel, sequence: Int, random: inout SeededRandom
  ) -> SimulatedJob {
    let scripted: JobOutcome? = model.outcomes.isEmpty ? nil : model.outcomes[min(sequence - 1, model.outcomes.count - 1)]
    let deadline = spec.activeDeadlineSeconds.map { start + .seconds(Int64($0)) }
    let container = spec.containers.first ?? JobSpec.Container(name: "", image: "")
    var job = SimulatedJob(
      name: name, startedAt: start, end: .never, imagePullFailureAt: nil,
      podName: name + "-" + podSuffix(&random), container: container.name, image: container.image, attempts: 1)
    let imagePull = scripted.map { $0 == .imagePullFailure } ?? model.imagePullFailure
    if imagePull {
      job.imagePullFailureAt = start + model.imagePullFailsAfter
      if let deadline { job.end = .failed(deadline, reason: "DeadlineExceeded") }
      return job
    }
    let backoffLimit = spec.backoffLimit ?? JobSpec.defaultBackoffLimit
    var attemptStart = start
    var failures = 0
    while true {
      let runTime = draw(model.duration, &random)
      let succeeded = scripted.map { $0 == .succeed } ?? (random.nextUnit() < model.successRate)
      let attemptEnd = attemptStart + runTime
      if let deadline, attemptEnd > deadline {
        job.end = .failed(deadline, reason: "DeadlineExceeded")
        return job
      }
      if succeeded {
        job.end = .complete(attemptEnd)
        return job
      }
      failures += 1
      if failures > backoffLimit || failures >= 1_000 {
        job.end = .failed(attemptEnd, reason: "BackoffLimitExceeded")
        return job
      }
      let backoff = min(SimDuration.seconds(10) * Int64(1 << min(failures - 1, 20)), maxBackoff)
      attemptStart = attemptEnd + backoff
      job.attempts += 1
      if let deadline, attemptStart >= deadline {
        job.end = .failed(deadline, reason: "DeadlineExceeded")
        return job
      }
    }
  }

  static func draw(_ range: DurationRange, _ random: inout SeededRandom) -> SimDuration {
    guard range.max > range.min else { return range.min }
    return .milliseconds(random.uniform(range.min.milliseconds...range.max.milliseconds))
  }

  /// A pod name suffix like Kubernetes' (5 characters from its safe alphabet).
  static func podSuffix(_ random: inout SeededRandom) -> String {
    let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
    return String((0..<5).map { _ in alphabet[Int(random.uniform(0...Int64(alphabet.count - 1)))] })
  }
}
