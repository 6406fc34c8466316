import Analysis
import Testing
import VirtualTime

/// Spec rows 22 and 24–28 with the real expression engine (expr-lang in Argo's environment).
@Suite struct ExprConditionsTests {
  static func measure(_ metric: MetricSpec, _ answer: PrometheusValue) -> (SimulatedAnalysisRun, Measurement?) {
    var driver = RunDriver(
      Fixture.run([metric]),
      environment: AnalysisEnvironment(conditions: ExprConditions(), prometheus: FixedPrometheus(answer: .success(answer))))
    driver.drive(until: .zero)
    return (driver.run, driver.run.log.measurements("m").first)
  }

  @Test func row22_inconclusiveBetweenThresholds() {
    let (run, m) = Self.measure(Fixture.metric(success: "result[0] >= 0.9", failure: "result[0] < 0.5"), .vector([0.7]))
    #expect(m?.phase == .inconclusive)
    #expect(run.phase == .inconclusive)
  }

  @Test(arguments: [
    ("result >= 0.9", "", AnalysisPhase.failed),
    ("result >= 0.9 || isNaN(result)", "", .successful),
    ("result >= 0.9", "result < 0.9", .inconclusive),
  ])
  func row24_nan(success: String, failure: String, expected: AnalysisPhase) {
    let (_, m) = Self.measure(Fixture.metric(success: success, failure: failure), .scalar(.nan))
    #expect(m?.phase == expected)
    #expect(m?.value == "NaN")
  }

  @Test(arguments: [
    ("result[0] >= 0.95", AnalysisPhase.error),
    ("len(result) == 0 || result[0] >= 0.95", .successful),
    ("len(result) > 0 && result[0] >= 0.95", .failed),
  ])
  func row25_emptyVector(success: String, expected: AnalysisPhase) {
    let (_, m) = Self.measure(Fixture.metric(success: success), .vector([]))
    #expect(m?.phase == expected)
    if expected == .error {
      #expect(
        m?.message
          == "could not evaluate successCondition \"result[0] >= 0.95\": metric result is nil or empty: no data returned from the metric provider")
    }
  }

  @Test func row26_noConditions() {
    #expect(Self.measure(Fixture.metric(), .vector([0])).1?.phase == .successful)
  }

  @Test func row27_onlyFailureCondition() {
    #expect(Self.measure(Fixture.metric(failure: "result > 5"), .scalar(3)).1?.phase == .successful)
  }

  @Test(arguments: [
    ("1", "could not evaluate successCondition \"1\": expected bool, but got int"),
    ("foo > 1", "could not evaluate successCondition \"foo > 1\": unknown name foo"),
  ])
  func row28_badExpressions(condition: String, message: String) {
    let m = Self.measure(Fixture.metric(success: condition), .scalar(1)).1
    #expect(m?.phase == .error)
    #expect(m?.message == message)
  }

  @Test func webResultsAndNilHelpers() {
    let web = ProviderSpec.web(WebRequestSpec(url: "http://v.example/", jsonPath: "{$}"))
    var driver = RunDriver(
      Fixture.run([Fixture.metric(success: "result.major == '1' && result.minor >= 2", provider: web)]),
      environment: AnalysisEnvironment(models: ProviderModels(web: ["m": WebModel(.init(body: #"{"major": "1", "minor": 3}"#))])))
    driver.drive(until: .zero)
    #expect(driver.run.phase == .successful)

    let datadog = ProviderSpec.other(OtherProviderSpec(kind: .datadog))
    var noData = RunDriver(
      Fixture.run([Fixture.metric(success: "isNil(result) || default(result, 0) < 0.05", provider: datadog)]),
      environment: AnalysisEnvironment(
        models: ProviderModels(values: ["m": ValuesBinding(signal: "s")]), signals: FunctionSignals(["s": { _ in nil }])))
    noData.drive(until: .zero)
    #expect(noData.run.phase == .successful)
  }
}
