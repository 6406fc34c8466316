import Analysis
import Testing
import VirtualTime

/// `assessMetricStatus` / `assessMetricFailureInconclusiveOrError` on counters (spec §6.5).
@Suite struct MetricAssessmentTests {
  static func result(failed: Int = 0, inconclusive: Int = 0, consecutiveError: Int = 0, successful: Int = 0,
    consecutiveSuccess: Int = 0, last: AnalysisPhase = .successful) -> MetricResult
  {
    MetricResult(
      name: "m", measurements: [Measurement(phase: last, finishedAt: .zero)], count: failed + inconclusive + successful,
      successful: successful, failed: failed, inconclusive: inconclusive, consecutiveError: consecutiveError,
      consecutiveSuccess: consecutiveSuccess)
  }

  @Test(arguments: [
    // (failed, inconclusive, consecutiveError) with default limits → phase; the last breach wins.
    (1, 0, 0, AnalysisPhase.failed), (0, 1, 0, .inconclusive), (0, 0, 5, .error), (1, 1, 0, .inconclusive),
    (1, 1, 5, .error), (0, 0, 4, .running),
  ])
  func limitPrecedence(failed: Int, inconclusive: Int, errors: Int, expected: AnalysisPhase) {
    let metric = Fixture.metric(interval: "1m")
    let r = Self.result(failed: failed, inconclusive: inconclusive, consecutiveError: errors)
    #expect(MetricAssessment.phase(metric, r, terminating: false) == expected)
  }

  @Test func consecutiveErrorLimitZeroFailsOnTheFirstError() {
    let metric = Fixture.metric(interval: "1m", consecutiveErrorLimit: 0)
    #expect(MetricAssessment.phase(metric, Self.result(consecutiveError: 1, last: .error), terminating: false) == .error)
    #expect(
      MetricAssessment.limitBreach(metric, Self.result(consecutiveError: 1)).reason
        == "consecutiveErrors (1) > consecutiveErrorLimit (0)")
  }

  @Test func inFlightIsRunningAndNoMeasurementsIsPending() {
    let metric = Fixture.metric(interval: "1m")
    #expect(MetricAssessment.phase(metric, MetricResult(name: "m"), terminating: false) == .pending)
    #expect(MetricAssessment.phase(metric, MetricResult(name: "m"), terminating: true) == .successful)
    #expect(MetricAssessment.phase(metric, Self.result(last: .running), terminating: true) == .running)
  }

  @Test func countReachedWithConsecutiveSuccessLimit() {
    // Both limits applicable → Inconclusive; only the success limit → Failed; only failure → Successful.
    let both = Fixture.metric(interval: "1m", count: 3, failureLimit: 1, consecutiveSuccessLimit: 2)
    let onlySuccess = Fixture.metric(interval: "1m", count: 3, failureLimit: -1, consecutiveSuccessLimit: 3)
    let onlyFailure = Fixture.metric(interval: "1m", count: 3, failureLimit: 1)
    let r = Self.result(failed: 1, successful: 2, consecutiveSuccess: 1)
    #expect(MetricAssessment.phase(both, r, terminating: false) == .inconclusive)
    #expect(MetricAssessment.phase(onlySuccess, r, terminating: false) == .failed)
    #expect(MetricAssessment.phase(onlyFailure, r, terminating: false) == .successful)
  }
}
