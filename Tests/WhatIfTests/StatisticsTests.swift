import PropertyBased
import Testing
import WhatIf

@Suite struct WilsonIntervalTests {
  // Reference values: Wilson score interval, z = 1.959964 (e.g. R's binom::binom.wilson).
  @Test(arguments: [
    (0, 10, 0.0, 0.27753),
    (10, 10, 0.72247, 1.0),
    (5, 10, 0.23659, 0.76341),
    (1, 200, 0.00088, 0.02777),
    (197, 200, 0.95683, 0.99489),
  ])
  func matchesReferenceValues(successes: Int, trials: Int, low: Double, high: Double) throws {
    let p = try #require(Proportion(successes: successes, trials: trials))
    #expect(abs(p.low - low) < 5e-5, "low \(p.low)")
    #expect(abs(p.high - high) < 5e-5, "high \(p.high)")
    #expect(p.rate == Double(successes) / Double(trials))
  }

  @Test func noTrialsHasNoInterval() {
    #expect(Proportion(successes: 0, trials: 0) == nil)
    #expect(Proportion(successes: 3, trials: 2) == nil)
  }

  @Test func intervalContainsTheRateAndNarrowsWithMoreTrials() async {
    await propertyCheck(count: 200, input: Gen.int(in: 1...500), Gen.int(in: 0...100)) { trials, percent in
      let successes = trials * percent / 100
      guard let p = Proportion(successes: successes, trials: trials),
        let wider = Proportion(successes: successes * 4, trials: trials * 4)
      else {
        Issue.record("no interval for \(successes)/\(trials)")
        return
      }
      #expect(0 <= p.low && p.low <= p.rate && p.rate <= p.high && p.high <= 1)
      #expect(wider.high - wider.low <= p.high - p.low + 1e-12)
    }
  }
}

@Suite struct QuantilesTests {
  @Test func nearestRankOnOneToTwenty() throws {
    let q = try #require(Quantiles((1...20).map(Double.init).reversed()))
    #expect(q.p50 == 10)
    #expect(q.p95 == 19)
    #expect(q.count == 20)
  }

  @Test(arguments: [([7.0], 7.0, 7.0), ([3, 1, 2], 2, 3), ([1, 2, 3, 4], 2, 4)])
  func smallSamples(values: [Double], p50: Double, p95: Double) throws {
    let q = try #require(Quantiles(values))
    #expect(q.p50 == p50 && q.p95 == p95)
  }

  @Test func emptyHasNone() { #expect(Quantiles([]) == nil) }

  @Test func percentilesAreSampleValuesInOrder() async {
    await propertyCheck(count: 200, input: Gen.int(in: 0...1000).array(of: 1...60)) { ints in
      let values = ints.map(Double.init)
      guard let q = Quantiles(values) else {
        Issue.record("no quantiles")
        return
      }
      #expect(values.contains(q.p50) && values.contains(q.p95))
      #expect(q.p50 <= q.p95)
      // At least half the sample is at or below the median.
      #expect(values.count { $0 <= q.p50 } * 2 >= values.count)
    }
  }
}

@Suite struct SweepStatisticsTests {
  static func outcome(_ task: Int, variant: Int, _ release: ReleaseKind, aborted: Bool, at: Int64, badRequests: Int64 = 0)
    -> SweepOutcome
  {
    SweepOutcome(
      task: task, variant: variant, release: release,
      summary: RunSummary(
        phase: aborted ? "Degraded" : "Healthy", reason: "", promoted: !aborted, aborted: aborted,
        promotedAtMs: aborted ? nil : at, abortedAtMs: aborted ? at : nil, endedAtMs: at, canaryErrors: badRequests))
  }

  /// Variant 0 detects everything but is slow; 1 is fast but misses half; 2 is as slow as 0 and
  /// rolls back good releases: dominated by 0.
  static var outcomes: [SweepOutcome] {
    var all: [SweepOutcome] = []
    var task = 0
    for seed in 0..<4 {
      all.append(outcome(task, variant: 0, .good, aborted: false, at: 3_600_000))
      all.append(outcome(task + 1, variant: 0, .bad, aborted: true, at: 600_000 + Int64(seed) * 1000, badRequests: 50))
      all.append(outcome(task + 2, variant: 1, .good, aborted: false, at: 600_000))
      all.append(outcome(task + 3, variant: 1, .bad, aborted: seed < 2, at: 300_000, badRequests: 20))
      all.append(outcome(task + 4, variant: 2, .good, aborted: seed == 0, at: 3_600_000))
      all.append(outcome(task + 5, variant: 2, .bad, aborted: true, at: 900_000, badRequests: 80))
      task += 6
    }
    return all
  }

  @Test func ratesTimesAndRequestsPerVariant() throws {
    let stats = SweepStatistics(variantNames: ["safe", "fast", "worse"], outcomes: Self.outcomes)
    let safe = stats.variants[0]
    #expect(safe.detection?.rate == 1 && safe.detection?.trials == 4)
    #expect(safe.falseRollback?.rate == 0)
    #expect(safe.timeToPromote?.p50 == 3600)
    #expect(safe.timeToDetect?.p50 == 601 && safe.timeToDetect?.p95 == 603)
    #expect(safe.badRequests?.p50 == 50)
    let fast = stats.variants[1]
    #expect(fast.detection?.successes == 2)
    #expect(fast.timeToDetect?.count == 2)
    #expect(stats.variants[2].falseRollback?.successes == 1)
  }

  @Test func rankingAndParetoFront() {
    let stats = SweepStatistics(variantNames: ["safe", "fast", "worse"], outcomes: Self.outcomes)
    // Detection first: safe (100%, no false rollbacks), worse (100%, 25% false rollbacks), fast (50%).
    #expect(stats.ranking == [0, 2, 1])
    #expect(stats.variants.map(\.rank) == [1, 3, 2])
    // worse is slower, rolls back good releases and lets more bad requests through than safe.
    #expect(stats.paretoFront == [0, 1])
    #expect(stats.variants.map(\.onParetoFront) == [true, true, false])
  }

  @Test func statisticsDoNotDependOnCompletionOrder() async {
    let expected = SweepStatistics(variantNames: ["safe", "fast", "worse"], outcomes: Self.outcomes)
    await propertyCheck(count: 50, input: Gen.int(in: 0...Int(Int32.max))) { seed in
      var shuffled = Self.outcomes
      var state = UInt64(seed)
      for i in shuffled.indices.reversed() {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        shuffled.swapAt(i, Int(state >> 33) % (i + 1))
      }
      #expect(SweepStatistics(variantNames: ["safe", "fast", "worse"], outcomes: shuffled) == expected)
    }
  }

  @Test func withoutReleaseProfilesRanksBySpeed() {
    let outcomes = [
      SweepOutcome(
        task: 0, variant: 0, release: nil,
        summary: RunSummary(phase: "Healthy", reason: "", promoted: true, aborted: false, promotedAtMs: 9000, endedAtMs: 9000)),
      SweepOutcome(
        task: 1, variant: 1, release: nil,
        summary: RunSummary(phase: "Healthy", reason: "", promoted: true, aborted: false, promotedAtMs: 5000, endedAtMs: 5000)),
    ]
    let stats = SweepStatistics(variantNames: ["slow", "quick"], outcomes: outcomes)
    #expect(stats.ranking == [1, 0])
    #expect(stats.paretoFront == [1])
    #expect(stats.variants[0].detection == nil && stats.variants[0].promotion?.rate == 1)
  }
}
