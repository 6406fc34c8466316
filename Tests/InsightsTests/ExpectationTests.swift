import Diagnostics
import Foundation
import Insights
import Manifests
import Simulation
import Testing
import VirtualTime

/// `expect` blocks: read with positions, checked against a run.
@Suite struct ExpectationTests {
  static func read(_ yaml: String, subject: ExpectationReader.Subject = .scenario(templates: ["call-api"])) -> ([Insights.Expectation], [Diagnostic]) {
    let root = YAMLReader.read(yaml, file: "expect.yaml").documents[0].root
    var reader = ExpectationReader(subject: subject)
    let expectations = reader.read(root["expect"] ?? root)
    return (expectations, reader.diagnostics.sorted)
  }

  @Test func everyKeyOfDesignSectionSixThree() {
    let (expectations, diagnostics) = Self.read("""
      expect:
        phase: degraded
        aborted: true
        promoted: false
        abortedWithin: 1d2h
        promotedWithin: 90s
        step: ">= 2"
        analysisRuns: {background: Failed, call-api: Successful}
        canaryErrors: {min: 1, max: 500}
        badRequests: 0
      """)
    #expect(diagnostics.isEmpty)
    #expect(expectations.map(\.key) == [
      "phase", "aborted", "promoted", "abortedWithin", "promotedWithin", "step", "analysisRuns.background", "analysisRuns.call-api",
      "canaryErrors", "badRequests",
    ])
    #expect(expectations[0].check == .phase("Degraded"))
    #expect(expectations[3].check == .abortedWithin(.hours(26)))
    #expect(expectations[5].check == .step(Bound(lower: 2)))
    #expect(expectations[6].check == .analysisRun(key: "Background", phase: "Failed"))
    #expect(expectations[8].check == .canaryErrors(Bound(lower: 1, upper: 500)))
    #expect(expectations[9].check == .badRequests(.exactly(0)))
    #expect(expectations[0].location == SourceLocation(file: "expect.yaml", line: 2, column: 10))
  }

  @Test(arguments: [
    ("expect: {abortedWitin: 15m}", "unknown expectation \"expect.abortedWitin\"", "did you mean 'abortedWithin'?", 1, 10),
    ("expect: {phase: Healty}", "expect.phase: unknown value 'Healty'", "did you mean 'Healthy'?", 1, 17),
    ("expect: {aborted: yes please}", "expect.aborted must be true or false, not 'yes please'", nil, 1, 19),
    ("expect: {abortedWithin: soon}", "expect.abortedWithin must be a duration, not 'soon'", "write a duration such as 15m, 2h or 6d", 1, 25),
    ("expect: {canaryErrors: lots}", "expect.canaryErrors must be a number or a bound, not 'lots'", "e.g. \"<= 500\", 0 or {min: 1, max: 500}", 1, 24),
    ("expect: {canaryErrors: {maxi: 3}}", "unknown field \"expect.canaryErrors.maxi\"", "did you mean 'max'?", 1, 25),
    ("expect: {analysisRuns: {call-apii: Failed}}", "expect.analysisRuns: 'call-apii' is neither a run kind nor a template the Rollout runs", "did you mean 'call-api'?", 1, 25),
    ("expect: {detectionRate: 90%}", "unknown expectation \"expect.detectionRate\"", "detectionRate is an expectation of sweeps (kind: Sweep), which run many seeds", 1, 10),
    ("expect: [phase]", "expect must be a mapping of expectations, not array", "e.g. expect: {phase: Healthy, promoted: true}", 1, 9),
  ] as [(String, String, String?, Int, Int)])
  func mistakesAreDiagnosedWhereTheyAre(yaml: String, message: String, hint: String?, line: Int, column: Int) throws {
    let diagnostic = try #require(Self.read(yaml).1.first)
    #expect(diagnostic.message == message)
    #expect(diagnostic.hint == hint)
    #expect(diagnostic.location?.line == line && diagnostic.location?.column == column)
    #expect(diagnostic.severity == .error && diagnostic.rule == "expect")
  }

  @Test func sweepsExpectRates() {
    let (expectations, diagnostics) = Self.read("expect: {detectionRate: \">= 90%\", falseRollbackRate: {max: 5%}}", subject: .sweep(variants: ["a"], seeds: 10))
    #expect(diagnostics.isEmpty)
    #expect(expectations.map(\.check) == [.detectionRate(Bound(lower: 0.9, percent: true)), .falseRollbackRate(Bound(upper: 0.05, percent: true))])
    #expect(expectations.map(\.expectedText) == [">= 90%", "<= 5%"])
    let (_, wrong) = Self.read("expect: {phase: Healthy}", subject: .sweep(variants: ["a"], seeds: 10))
    #expect(wrong.first?.hint?.contains("a sweep expects detectionRate and falseRollbackRate") == true)
  }

  @Test func sweepsExpectBoundsPerVariantAndASeedSample() {
    let subject = ExpectationReader.Subject.sweep(variants: ["seed-plan", "small-steps"], seeds: 200)
    let yaml = """
      expect:
        seeds: 30
        falseRollbackRate: "<= 20%"
        variants:
          seed-plan: {detectionRate: "<= 5%"}
          small-steps: {detectionRate: ">= 95%"}
      """
    let root = YAMLReader.read(yaml, file: "expect.yaml").documents[0].root
    var reader = ExpectationReader(subject: subject)
    let expectations = reader.read(root["expect"]!)
    #expect(reader.diagnostics.sorted.isEmpty)
    #expect(reader.seedSample == 30)
    #expect(expectations.map(\.variant) == [nil, "seed-plan", "small-steps"])
    #expect(expectations.map(\.key) == ["falseRollbackRate", "variants.seed-plan.detectionRate", "variants.small-steps.detectionRate"])
  }

  @Test(arguments: [
    ("expect: {variants: {smal-steps: {detectionRate: 90%}}}", "'smal-steps' is not a variant of this sweep", "did you mean 'small-steps'?"),
    ("expect: {variants: {small-steps: {phase: Healthy}}}", "unknown expectation \"expect.variants.small-steps.phase\"", "a sweep expects"),
    ("expect: {variants: {small-steps: {seeds: 3}}}", "unknown expectation \"expect.variants.small-steps.seeds\"", "directly under expect"),
    ("expect: {seeds: 300, detectionRate: 90%}", "expect.seeds (300) is more than the sweep's 200 seeds", nil),
    ("expect: {seeds: many, detectionRate: 90%}", "expect.seeds must be a positive whole number", "e.g. seeds: 30"),
  ] as [(String, String, String?)])
  func badSweepExpectations(yaml: String, message: String, hint: String?) {
    let (_, diagnostics) = Self.read(yaml, subject: .sweep(variants: ["seed-plan", "small-steps"], seeds: 200))
    let diagnostic = diagnostics.first { $0.message.contains(message) }
    #expect(diagnostic != nil, "\(diagnostics.map(\.message))")
    if let hint { #expect(diagnostic?.hint?.contains(hint) == true, "\(String(describing: diagnostic?.hint))") }
  }

  @Test func boundsReadComparisons() {
    #expect(Bound.parseComparison("< 5", allowPercent: false) == Bound(upper: 5, upperInclusive: false))
    #expect(Bound.parseComparison("> 0", allowPercent: false)?.contains(0) == false)
    #expect(Bound.parseComparison("== 3", allowPercent: false)?.contains(3) == true)
    #expect(Bound.parseComparison("<= 12.5%", allowPercent: true)?.contains(0.125) == true)
    #expect(Bound.parseComparison("many", allowPercent: false) == nil)
  }

  /// A wrong expectation fails with expected against actual, next to the right ones passing.
  @Test func aRunIsCheckedExpectationByExpectation() throws {
    let scenario = try Fixtures.scenario("scenarios/seed-openshift-canary/bad-release.yaml")
    let result = SimulationRunner.run(setup: ScenarioLoader.setup(for: scenario), scenario: scenario)
    let (expectations, _) = Self.read("""
      expect:
        phase: Healthy
        aborted: true
        abortedWithin: 5m
        step: 1
        analysisRuns: {call-api: Failed, Background: Successful}
        canaryErrors: "<= 10"
      """)
    let checked = ExpectationEvaluator.evaluate(expectations, scenario: scenario, result: result)
    #expect(checked.map(\.passed) == [false, true, false, true, true, true, false])
    #expect(checked[0].actual.hasPrefix("Degraded (RolloutAborted: Rollout aborted update to revision 2: Step-based analysis phase error/failed"))
    #expect(checked[2].actual == "aborted at 00:06:26.751")
    #expect(checked[3].actual == "reached step 1 of 5 (ended at step 0)")
    #expect(checked[4].actual.hasPrefix("Failed at 00:06:26.751, run rollouts-demo-openshift-"))
    #expect(checked[6].actual.hasSuffix("canary requests failed"))
  }
}
