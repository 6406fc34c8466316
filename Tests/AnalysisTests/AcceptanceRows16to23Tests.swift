import Analysis
import Testing
import VirtualTime

/// Spec §11 rows 16–23: scheduling, limits and errors, as phases at virtual times.
@Suite struct AcceptanceRows16to23Tests {
  @Test func row16_noCountNoInterval_measuresExactlyOnce() {
    var driver = Fixture.driver(Fixture.run([Fixture.metric()]), scripts: ["m": [.successful]])
    let done = driver.drive()
    #expect(done == .zero)
    #expect(driver.run.phase == .successful)
    #expect(driver.run.status.completedAt == .zero)
    #expect(driver.measurements("m").map(\.1) == [.successful])
    #expect(driver.run.status.metricResults.first?.count == 1)
  }

  @Test func row17_countWithoutInterval_runErrors() {
    var driver = Fixture.driver(Fixture.run([Fixture.metric(count: 2)]), scripts: ["m": [.successful]])
    #expect(driver.drive() == .zero)
    #expect(driver.run.phase == .error)
    #expect(driver.run.message == "Analysis spec invalid: metrics[0]: interval must be specified when count > 1")
    #expect(driver.run.log.entries.isEmpty)
  }

  @Test func row18_defaultsFailOnFirstFailedMeasurement() {
    let metric = Fixture.metric(interval: "1m", count: 5)
    var driver = Fixture.driver(Fixture.run([metric]), scripts: ["m": [.successful, .failed]])
    #expect(driver.drive() == seconds(60))
    #expect(driver.run.phase == .failed)
    #expect(driver.run.message == "Metric \"m\" assessed Failed due to failed (1) > failureLimit (0)")
    #expect(driver.measurements("m").map(\.0) == [0, 60])
    #expect(driver.events.map(\.reason) == ["MetricFailed", "AnalysisRunFailed"])
  }

  @Test func row19_failureLimitTwo_successfulAfterCount() {
    let metric = Fixture.metric(interval: "1m", count: 5, failureLimit: 2)
    var driver = Fixture.driver(
      Fixture.run([metric]), scripts: ["m": [.successful, .failed, .failed, .successful, .successful]])
    #expect(driver.drive() == seconds(240))
    #expect(driver.run.phase == .successful)
    #expect(driver.run.message == "")
    #expect(driver.measurements("m").map(\.0) == [0, 60, 120, 180, 240])
    let result = driver.run.status.metricResults[0]
    #expect(result.failed == 2 && result.successful == 3 && result.count == 5)
  }

  @Test func row20_consecutiveSuccessLimitEndsEarly() {
    let metric = Fixture.metric(interval: "1m", count: 10, failureLimit: -1, consecutiveSuccessLimit: 3)
    var driver = Fixture.driver(Fixture.run([metric]), scripts: ["m": [.failed, .successful, .successful, .successful]])
    #expect(driver.drive() == seconds(180))
    #expect(driver.run.phase == .successful)
    #expect(driver.measurements("m").count == 4)
  }

  @Test func row21_countReachedWithoutConsecutiveSuccesses_isInconclusive() {
    let metric = Fixture.metric(interval: "1m", count: 10, failureLimit: 4, consecutiveSuccessLimit: 4)
    let script: [Scripted] = [.failed, .successful, .successful, .failed, .successful, .failed, .failed, .successful, .successful, .successful]
    var driver = Fixture.driver(Fixture.run([metric]), scripts: ["m": script])
    #expect(driver.drive() == seconds(540))
    #expect(driver.run.phase == .inconclusive)
    let result = driver.run.status.metricResults[0]
    #expect(result.failed == 4 && result.successful == 6 && result.consecutiveSuccess == 3)
    #expect(result.phase == .inconclusive)
  }

  @Test func row22_betweenThresholds_isInconclusive() {
    let metric = Fixture.metric(success: "result[0] >= 0.9", failure: "result[0] < 0.5")
    var driver = Fixture.driver(
      Fixture.run([metric]), prometheus: FixedPrometheus(answer: .success(.vector([0.7]))))
    #expect(driver.drive() == .zero)
    #expect(driver.run.phase == .inconclusive)
    #expect(driver.run.message == "Metric \"m\" assessed Inconclusive due to inconclusive (1) > inconclusiveLimit (0)")
    let measurement = driver.run.log.measurements("m")[0]
    #expect(measurement.phase == .inconclusive)
    #expect(measurement.value == "[0.7]")
  }

  @Test func row23_unreachablePrometheus_errorsEveryTenSecondsThenErrors() {
    let failure = "Post \"http://prometheus.example:9090/api/v1/query\": dial tcp: lookup prometheus.example: no such host"
    let metric = Fixture.metric(interval: "1m", success: "result[0] >= 0.9")
    var driver = Fixture.driver(
      Fixture.run([metric]), prometheus: FixedPrometheus(answer: .failure(ProviderFailure(failure))))
    #expect(driver.drive() == seconds(40))
    #expect(driver.run.phase == .error)
    #expect(driver.measurements("m").map(\.0) == [0, 10, 20, 30, 40])
    #expect(driver.measurements("m").allSatisfy { $0.1 == .error })
    #expect(
      driver.run.message
        == "Metric \"m\" assessed Error due to consecutiveErrors (5) > consecutiveErrorLimit (4): \"Error Message: \(failure)\"")
    #expect(driver.run.status.metricResults[0].count == 0)
  }

  @Test func errorThenSuccessResetsConsecutiveErrorsAndUsesTheIntervalAgain() {
    let metric = Fixture.metric(interval: "1m", count: 3)
    var driver = Fixture.driver(
      Fixture.run([metric]), scripts: ["m": [.error("boom"), .successful, .successful, .successful]])
    #expect(driver.drive() == seconds(130))
    #expect(driver.measurements("m").map(\.0) == [0, 10, 70, 130])
    #expect(driver.run.phase == .successful)
  }
}
