import Analysis
import Testing
import VirtualTime

@Suite struct JobProviderTests {
  static let spec = JobSpec(backoffLimit: 0, containers: [.init(name: "sleep", image: "alpine:3.8")])

  static func drive(_ metric: MetricSpec, _ model: JobModel, seed: UInt64 = 1) -> RunDriver {
    var driver = Fixture.driver(Fixture.run([metric], seed: seed), models: ProviderModels(jobs: ["m": model]))
    driver.drive()
    return driver
  }

  @Test func completesAtTheFirstPollAfterTheJobFinished() {
    let driver = Self.drive(Fixture.metric(provider: .job(Self.spec)), JobModel(duration: DurationRange(.seconds(20))))
    let m = driver.run.log.measurements("m")
    #expect(m.count == 1)
    #expect(m[0].phase == .successful)
    #expect(m[0].metadata["job-name"] == "demo-6f9c-2.m.1")
    let finished = m[0].finishedAt?.milliseconds ?? 0
    // Polls every sqrt(2·elapsed) s: the first poll at or after 20 s is within a few seconds of it.
    #expect(finished >= 20_000 && finished < 27_000)
    #expect(driver.run.phase == .successful)
  }

  @Test func failedPodsAreRetriedUntilTheBackoffLimit() {
    var spec = Self.spec
    spec.backoffLimit = 2
    let driver = Self.drive(
      Fixture.metric(provider: .job(spec)), JobModel(duration: DurationRange(.seconds(10)), outcomes: [.fail]))
    let m = driver.run.log.measurements("m")
    #expect(m.first?.phase == .failed)
    // Three attempts of 10 s with back-offs of 10 s and 20 s: Failed at 60 s.
    #expect((m.first?.finishedAt?.milliseconds ?? 0) >= 60_000)
    #expect(driver.run.phase == .failed)
  }

  @Test func activeDeadlineFailsALongJob() {
    var spec = Self.spec
    spec.activeDeadlineSeconds = 30
    let driver = Self.drive(Fixture.metric(provider: .job(spec)), JobModel(duration: DurationRange(.seconds(600))))
    let finished = driver.run.log.measurements("m").first?.finishedAt?.milliseconds ?? 0
    #expect(driver.run.log.measurements("m").first?.phase == .failed)
    #expect(finished >= 30_000 && finished < 40_000)
  }

  @Test func imagePullFailureIsInconclusive() {
    let driver = Self.drive(Fixture.metric(provider: .job(Self.spec)), JobModel(imagePullFailure: true))
    let m = driver.run.log.measurements("m").first
    #expect(m?.phase == .inconclusive)
    #expect(m?.message.hasPrefix("Pod demo-6f9c-2.m.1-") == true)
    #expect(m?.message.contains(", container sleep has terminal error (ErrImagePull): ") == true)
    #expect(driver.run.phase == .inconclusive)
  }

  @Test func terminatingARunningJobMakesItInconclusive() {
    var driver = Fixture.driver(
      Fixture.run([Fixture.metric(provider: .job(Self.spec))]),
      models: ProviderModels(jobs: ["m": JobModel(duration: DurationRange(.seconds(300)))]))
    #expect(driver.drive(terminateAt: seconds(30)) == seconds(30))
    #expect(driver.run.log.measurements("m").map(\.phase) == [.inconclusive])
    #expect(driver.run.log.measurements("m").first?.message == "Metric Terminated")
    // spec.terminate with an in-flight Job: the run ends Inconclusive (spec §6.6).
    #expect(driver.run.phase == .inconclusive)
    #expect(driver.run.message.hasSuffix("\"Error Message: Metric Terminated\""))
  }

  @Test func randomFailExample_countTwoIntervalFiveSeconds() {
    let metric = Fixture.metric(interval: "5s", count: 2, failureLimit: 1, provider: .job(Self.spec))
    let driver = Self.drive(metric, JobModel(successRate: 1, duration: DurationRange(.seconds(3))))
    let m = driver.run.log.measurements("m")
    #expect(m.count == 2)
    // The second Job starts 5 s after the first finished.
    #expect(m[1].startedAt == (m[0].finishedAt ?? .zero) + .seconds(5))
  }

  @Test func withoutAModelEveryMeasurementErrors() {
    var driver = Fixture.driver(Fixture.run([Fixture.metric(provider: .job(Self.spec))]))
    driver.drive()
    #expect(driver.run.phase == .error)
    #expect(
      driver.run.log.measurements("m").first?.message
        == "rollout-sim: no providers.job model for metric \"m\"; add one to the scenario (successRate, duration)")
  }

  /// Outcomes of 40 jobs of a 50 % metric under one seed.
  static func outcomes(seed: UInt64) -> [AnalysisPhase] {
    let metric = Fixture.metric(interval: "1m", count: 40, failureLimit: -1, consecutiveSuccessLimit: 40, provider: .job(Self.spec))
    let driver = Self.drive(metric, JobModel(successRate: 0.5, duration: DurationRange(min: .seconds(1), max: .seconds(9))), seed: seed)
    return driver.run.log.measurements("m").map(\.phase)
  }

  @Test func sameSeedSameOutcomes_differentSeedDifferentOutcomes() {
    let a = Self.outcomes(seed: 7)
    #expect(a.count == 40)
    #expect(a == Self.outcomes(seed: 7))
    #expect(a != Self.outcomes(seed: 8))
    let successes = a.filter { $0 == .successful }.count
    #expect(successes > 8 && successes < 32)
  }
}
