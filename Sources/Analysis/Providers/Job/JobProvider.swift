import Foundation
import GoCompat
import VirtualTime

/// The Job provider (metricproviders/job): each measurement creates a Job and is polled until the Job
/// completes (Successful) or fails (Failed); a pod stuck on its image pull makes it Inconclusive.
/// Conditions are not evaluated. A terminated measurement deletes its Job and is Inconclusive.
public struct JobProvider: MeasurementProvider {
  public let spec: JobSpec

  public init(spec: JobSpec) { self.spec = spec }

  public var typeName: String { "Job" }

  /// `newJobName`: `<run>.<metric>.<n>`, the metric name shortened to fit 63 characters. (Argo uses
  /// the run's UID where rollout-sim uses its name.)
  static func jobName(run: String, metric: String, sequence: Int) -> String {
    let name = "\(run).\(metric).\(sequence)"
    guard name.count > 63 else { return name }
    let keep = max(0, metric.count - (name.count - 63))
    return "\(run).\(metric.prefix(keep)).\(sequence)"
  }

  public func run(_ request: MeasurementRequest, environment: inout AnalysisEnvironment) -> Measurement {
    let now = request.now
    var measurement = Measurement(phase: .running, startedAt: now)
    guard let model = environment.models.jobs[request.metric.name] else {
      return measurement.markedError(
        "rollout-sim: no providers.job model for metric \"\(request.metric.name)\"; add one to the scenario (successRate, duration)",
        at: now)
    }
    var random = request.random
    let name = Self.jobName(run: request.runName, metric: request.metric.name, sequence: request.sequence)
    let job = SimulatedJob.plan(name: name, start: now, spec: spec, model: model, sequence: request.sequence, random: &random)
    measurement.metadata = ["job-name": name, "job-namespace": request.namespace]
    // Argo polls at once to catch short-lived Jobs.
    measurement.resumeAt = now
    measurement.pending = .job(job)
    return measurement
  }

  public func resume(_ request: MeasurementRequest, _ measurement: Measurement, environment: inout AnalysisEnvironment) -> Measurement {
    let now = request.now
    guard case .job(let job)? = measurement.pending else {
      return measurement.markedError("job metadata reference missing", at: now)
    }
    var m = measurement
    switch job.end {
    case .complete(let at) where at <= now:
      m.phase = .successful
      m.finishedAt = now
      return m
    case .failed(let at, _) where at <= now:
      m.phase = .failed
      m.finishedAt = now
      return m
    default:
      break
    }
    if let stuck = job.imagePullFailureAt, stuck <= now {
      m.phase = .inconclusive
      m.finishedAt = now
      m.message =
        "Pod \(job.podName), container \(job.container) has terminal error (ErrImagePull): failed to pull and unpack image \(GoQuoting.quote(job.image)): not found\n"
      return m
    }
    // A growing delay: sqrt(2 × elapsed seconds) seconds, at least 1 ms of virtual time.
    let elapsed = Double((now - (m.startedAt ?? now)).milliseconds) / 1_000
    let delay = SimDuration.milliseconds(Int64((2 * elapsed).squareRoot() * 1_000))
    m.resumeAt = now + max(delay, .milliseconds(1))
    return m
  }

  public func terminate(_ request: MeasurementRequest, _ measurement: Measurement, environment: inout AnalysisEnvironment) -> Measurement {
    guard case .job = measurement.pending else {
      return measurement.markedError("job metadata reference missing", at: request.now)
    }
    var m = measurement
    m.phase = .inconclusive
    m.finishedAt = request.now
    return m
  }
}
