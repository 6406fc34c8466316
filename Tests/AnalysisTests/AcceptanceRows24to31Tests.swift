import Analysis
import Testing
import VirtualTime

/// Spec §11 rows 24–31: classification of odd results, termination, dry-run.
@Suite struct AcceptanceRows24to31Tests {
  static func single(_ metric: MetricSpec, answer: PrometheusValue) -> RunDriver {
    var driver = Fixture.driver(Fixture.run([metric]), prometheus: FixedPrometheus(answer: .success(answer)))
    driver.drive()
    return driver
  }

  @Test(arguments: [
    ("result >= 0.9", "", AnalysisPhase.failed),
    ("result >= 0.9 || isNaN(result)", "", .successful),
    ("result >= 0.9", "result < 0.9", .inconclusive),
  ])
  func row24_nanScalar(success: String, failure: String, expected: AnalysisPhase) {
    let driver = Self.single(Fixture.metric(success: success, failure: failure), answer: .scalar(.nan))
    #expect(driver.run.phase == expected)
    #expect(driver.run.log.measurements("m").first?.value == "NaN")
  }

  @Test(arguments: [
    ("result[0] >= 0.95", AnalysisPhase.error),
    ("len(result) == 0 || result[0] >= 0.95", .successful),
    ("len(result) > 0 && result[0] >= 0.95", .failed),
  ])
  func row25_emptyVector(success: String, expectedMeasurement: AnalysisPhase) {
    let driver = Self.single(Fixture.metric(success: success), answer: .vector([]))
    let first = driver.run.log.measurements("m").first
    #expect(first?.phase == expectedMeasurement)
    if expectedMeasurement == .error {
      #expect(
        first?.message
          == "could not evaluate successCondition \"result[0] >= 0.95\": metric result is nil or empty: no data returned from the metric provider")
      #expect(first?.value == "")
      // Errors are retried every 10 s; the fifth consecutive one fails the run.
      #expect(driver.measurements("m").map(\.0) == [0, 10, 20, 30, 40])
      #expect(driver.run.phase == .error)
    } else {
      #expect(first?.value == "[]")
      #expect(driver.run.phase == expectedMeasurement)
    }
  }

  @Test func row26_noConditions_alwaysSuccessful() {
    var driver = Fixture.driver(
      Fixture.run([Fixture.metric(interval: "1m", count: 3)]),
      prometheus: FixedPrometheus(answer: .success(.vector([0.01]))))
    #expect(driver.drive() == seconds(120))
    #expect(driver.measurements("m").map(\.1) == [.successful, .successful, .successful])
    #expect(driver.run.phase == .successful)
  }

  @Test func row27_onlyFailureCondition_falseIsSuccessful() {
    let driver = Self.single(Fixture.metric(failure: "result > 5"), answer: .scalar(3))
    #expect(driver.run.phase == .successful)
    #expect(driver.run.log.measurements("m").first?.value == "3")
  }

  @Test(arguments: [
    ("1", "could not evaluate successCondition \"1\": expected bool, but got int"),
    ("foo > 1", "could not evaluate successCondition \"foo > 1\": unknown name foo"),
  ])
  func row28_badExpression_isErrorMeasurement(condition: String, message: String) {
    let driver = Self.single(Fixture.metric(success: condition), answer: .scalar(1))
    let first = driver.run.log.measurements("m").first
    #expect(first?.phase == .error)
    #expect(first?.message == message)
  }

  @Test func row29_siblingFailureTerminatesInFlightJob() {
    let a = Fixture.metric("a", interval: "1m", count: 5)
    let b = Fixture.metric("b", interval: "5m", count: 3)
    var driver = Fixture.driver(
      Fixture.run([a, b]),
      scripts: ["a": [.successful, .failed], "b": [.takes(.seconds(120), .successful)]])
    #expect(driver.drive() == seconds(60))
    #expect(driver.run.phase == .failed)
    #expect(driver.run.message == "Metric \"a\" assessed Failed due to failed (1) > failureLimit (0)")
    let b1 = driver.run.log.measurements("b")
    #expect(b1.count == 1)
    #expect(b1.first?.phase == .inconclusive)
    #expect(b1.first?.message == "Metric Terminated")
    #expect(b1.first?.finishedAt == seconds(60))
    let bResult = driver.run.status.result("b")
    #expect(bResult?.phase == .inconclusive)
    #expect(bResult?.message == "Metric Terminated")
    // Two reconciles at t=60: the first fails `a` (the run waits for `b`), the second terminates.
    #expect(driver.reconciles.filter { $0 == seconds(60) }.count >= 2)
  }

  @Test func row29_withTheJobProvider() {
    let a = Fixture.metric("a", interval: "1m", count: 5)
    let b = Fixture.metric("b", interval: "5m", count: 3, provider: .job(JobSpec(backoffLimit: 0, containers: [.init(name: "c", image: "alpine:3.8")])))
    var driver = Fixture.driver(
      Fixture.run([a, b]), scripts: ["a": [.successful, .failed]],
      models: ProviderModels(jobs: ["b": JobModel(successRate: 1, duration: DurationRange(.seconds(120)))]))
    #expect(driver.drive() == seconds(60))
    #expect(driver.run.phase == .failed)
    #expect(driver.run.log.measurements("b").map(\.phase) == [.inconclusive])
    #expect(driver.run.log.measurements("b").first?.message == "Metric Terminated")
  }

  @Test func row30_dryRunFailureDoesNotFailTheRun() {
    let failing = Fixture.metric("error-rate")
    let passing = Fixture.metric("success-rate")
    var driver = Fixture.driver(
      Fixture.run([failing, passing], dryRun: ["error-.*"]),
      scripts: ["error-rate": [.failed], "success-rate": [.successful]])
    #expect(driver.drive() == .zero)
    #expect(driver.run.phase == .successful)
    #expect(driver.run.status.dryRunSummary == RunSummary(count: 1, failed: 1))
    #expect(driver.run.status.runSummary == RunSummary(count: 1, successful: 1))
    #expect(driver.run.status.result("error-rate")?.message == "Metric assessed Failed due to failed (1) > failureLimit (0)")
    #expect(driver.run.status.result("error-rate")?.dryRun == true)
  }

  @Test func row31_terminateBeforeAnyMeasurement() {
    let delayed = Fixture.metric(initialDelay: "5m")
    var driver = Fixture.driver(Fixture.run([delayed]), scripts: ["m": [.failed]])
    #expect(driver.drive(terminateAt: seconds(60)) == seconds(60))
    #expect(driver.run.phase == .successful)
    #expect(driver.run.message == "Run Terminated")
    #expect(driver.run.log.entries.isEmpty)
  }

  @Test func row31_terminatedBeforeTheFirstReconcile() {
    var driver = Fixture.driver(Fixture.run([Fixture.metric(interval: "1m")]), scripts: ["m": [.failed]])
    #expect(driver.drive(terminateAt: .zero) == .zero)
    #expect(driver.run.phase == .successful)
    #expect(driver.run.message == "Run Terminated")
  }
}
