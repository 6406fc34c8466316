import Analysis
import Testing
import VirtualTime
import Workload

@Suite struct ValuesProviderTests {
  static let datadog = ProviderSpec.other(OtherProviderSpec(kind: .datadog, query: "avg:errors{*}"))

  @Test func bindingAnswersFromASignalOverTime() {
    let signals = FunctionSignals(["canary.errorRate": { t in t < seconds(120) ? 0.002 : 0.08 }])
    let metric = Fixture.metric(interval: "1m", success: "result < 0.01", provider: Self.datadog)
    var driver = Fixture.driver(
      Fixture.run([metric]), models: ProviderModels(values: ["m": ValuesBinding(signal: "canary.errorRate")]),
      signals: signals)
    driver.environment.conditions = TableConditions(table: [
      "result < 0.01": { r in
        guard case .number(let x) = r else { return .failure(ConditionError("invalid")) }
        return .success(x < 0.01)
      }
    ])
    #expect(driver.drive() == seconds(120))
    #expect(driver.run.log.measurements("m").map(\.value) == ["0.002", "0.002", "0.08"])
    #expect(driver.run.phase == .failed)
  }

  @Test func unboundProviderSaysWhichProviderAndWhatToAdd() {
    var driver = Fixture.driver(Fixture.run([Fixture.metric(provider: Self.datadog)]))
    driver.drive()
    #expect(driver.run.phase == .error)
    #expect(
      driver.run.log.measurements("m").first?.message
        == "rollout-sim: the datadog provider is not simulated; bind metric \"m\" to a signal under providers.values in the scenario")
    #expect(ProviderSupport.gap(for: Fixture.metric(provider: Self.datadog), models: ProviderModels()) != nil)
  }

  @Test(arguments: [(95.0, AnalysisPhase.successful), (80, .inconclusive), (20, .failed)])
  func kayentaScoreAgainstThresholds(score: Double, expected: AnalysisPhase) {
    let kayenta = ProviderSpec.other(OtherProviderSpec(kind: .kayenta, kayentaThreshold: .init(pass: 90, marginal: 75)))
    var driver = Fixture.driver(
      Fixture.run([Fixture.metric(provider: kayenta)]),
      models: ProviderModels(values: ["m": ValuesBinding(signal: "score")]),
      signals: FunctionSignals(["score": { _ in score }]))
    driver.drive()
    #expect(driver.run.log.measurements("m").first?.phase == expected)
    #expect(driver.run.log.measurements("m").first?.value == String(Int(score)))
  }

  @Test func noDataIsNil() {
    var driver = Fixture.driver(
      Fixture.run([Fixture.metric(success: "result[0] >= 0.9", provider: Self.datadog)]),
      models: ProviderModels(values: ["m": ValuesBinding(signal: "s", shape: .vector)]),
      signals: FunctionSignals(["s": { _ in nil }]))
    driver.drive()
    #expect(
      driver.run.log.measurements("m").first?.message
        == "could not evaluate successCondition \"result[0] >= 0.9\": metric result is nil or empty: no data returned from the metric provider")
  }

  @Test func unknownSignalIsAnError() {
    var driver = Fixture.driver(
      Fixture.run([Fixture.metric(provider: Self.datadog)]),
      models: ProviderModels(values: ["m": ValuesBinding(signal: "nope")]), signals: FunctionSignals([:]))
    driver.drive()
    #expect(driver.run.log.measurements("m").first?.message == "rollout-sim: unknown signal \"nope\"; known: ")
  }
}

@Suite struct CurveSignalsTests {
  @Test func revisionCurvesAreSignals() throws {
    let errorRate = try Curve.parse(.text("0.2% for 10m, then 8%"), unit: .fraction)
    let signals = CurveSignals(revisions: ["canary": RevisionProfile(errorRate: errorRate)])
    #expect(signals.value(of: "canary.errorRate", at: SimInstant(milliseconds: 0)) == .value(0.002))
    #expect(signals.value(of: "canary.errorRate", at: SimInstant(milliseconds: 600_000)) == .value(0.08))
    #expect(signals.value(of: "canary.successRate", at: SimInstant(milliseconds: 0)) == .value(0.998))
    if case .unknown = signals.value(of: "stable.errorRate", at: .zero) {} else { Issue.record("expected unknown") }
  }
}
