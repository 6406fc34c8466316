import Diagnostics
import Foundation
@testable import Insights
import Manifests
import Simulation
import Testing
import VirtualTime

/// Diluted signal: which queries blend revisions, and the smallest canary error rate each step can see.
@Suite struct DilutedSignalTests {
  @Test(arguments: [
    ("len(result) == 0 || isNaN(result[0]) || result[0] > 0.9", nil, true, 0.9),
    ("len(result) == 0 || isNaN(result[0]) || result[0] <= 0.05", nil, false, 0.05),
    (nil, "result[0] > 0.01", false, 0.01),
    ("result[0] >= 0.99", "result[0] < 0.95", true, 0.99),
  ] as [(String?, String?, Bool, Double)])
  func conditionsGiveAThresholdAndADirection(success: String?, failure: String?, higherIsBetter: Bool, threshold: Double) throws {
    let probe = ConditionProbe(successCondition: success, failureCondition: failure)
    let found = try #require(probe.ratioThreshold)
    #expect(found.higherIsBetter == higherIsBetter)
    #expect(abs(found.threshold - threshold) < 1e-9)
  }

  @Test func noDataPassesOnlyWhenTheConditionSaysSo() {
    #expect(ConditionProbe(successCondition: "len(result) == 0 || result[0] > 0.9", failureCondition: nil).passesOnNoData)
    #expect(!ConditionProbe(successCondition: "result[0] > 0.9", failureCondition: nil).passesOnNoData)
    #expect(ConditionProbe(successCondition: nil, failureCondition: nil).passesOnNoData)
    #expect(ConditionProbe(successCondition: "true", failureCondition: nil).ratioThreshold == nil)
  }

  @Test func weightsAreGroupedByTheStepsThatHoldThem() {
    let steps = [CanaryStep(setWeight: 5), CanaryStep(pause: PauseStep()), CanaryStep(setWeight: 80), CanaryStep(pause: PauseStep())]
    #expect(
      DilutedSignalCheck.weightSegments(steps, 0...3)
        == [.init(first: 0, last: 1, weight: 5), .init(first: 2, last: 3, weight: 80)])
    #expect(DilutedSignalCheck.weightSegments(steps, 1...1) == [.init(first: 1, last: 1, weight: 5)])
  }

  /// The issue's example: success above 0.9 at 5% → (1 − 0.9) / 0.05 = 200%: undetectable.
  @Test func theSeedIstioPlanCannotSeeItsCanaryAtFivePercent() throws {
    let findings = StaticInsights.findings(Fixtures.manifests(Fixtures.istioCorrected)).with(rule: "diluted-signal")
    let finding = try #require(findings.first)
    #expect(findings.count == 1)
    #expect(finding.location?.line == 26)
    #expect(finding.notes.contains("steps 0–1 at 5%: a measurement fails only if the canary fails more than 200% of its requests — impossible, the metric cannot catch this canary"))
    #expect(finding.notes.contains("steps 2–3 at 80%: a measurement fails only if the canary fails more than 12.5% of its requests"))
    #expect(finding.hint?.contains(#"destination_workload="rollouts-demo-{{args.canary-hash}}""#) == true)
  }

  static let canaryOnlyTemplate = """
    kind: AnalysisTemplate
    apiVersion: argoproj.io/v1alpha1
    metadata:
      name: istio-prom-kpi-check
    spec:
      args:
      - name: namespace
      - name: service
      - name: canary-hash
      metrics:
      - name: success-rate
        interval: 30s
        successCondition: len(result) == 0 || isNaN(result[0]) || result[0] > 0.9
        failureLimit: 1
        provider:
          prometheus:
            address: http://prometheus:9090
            query: |
              sum(irate(istio_requests_total{reporter="source", destination_workload="rollouts-demo-{{args.canary-hash}}",
                response_code!~"5.*"}[1m]))
              /
              sum(irate(istio_requests_total{reporter="source", destination_workload="rollouts-demo-{{args.canary-hash}}"}[1m]))
    """

  static let canaryOnlyRollout: String = {
    let original = (try? String(contentsOfFile: Fixtures.path("scenarios/seed/corrected/rollout-canary-istio.yaml"), encoding: .utf8)) ?? ""
    return original.replacingOccurrences(
      of: "        - name: service\n          value: istio-rollout\n",
      with: "        - name: service\n          value: istio-rollout\n        - name: canary-hash\n          valueFrom: {podTemplateHashValue: Latest}\n")
  }()

  /// Following the hint: the query counts the canary alone, the finding goes away, and the broken
  /// release the blended query let run for five days is caught minutes after it goes bad.
  @Test func theHintedQuerySeesTheCanary() throws {
    let template = try Fixtures.temporaryFile(Self.canaryOnlyTemplate, name: "analysis.yaml")
    let rollout = try Fixtures.temporaryFile(Self.canaryOnlyRollout, name: "rollout.yaml")
    let scenario = try Fixtures.scenario(text: """
      apiVersion: rollout-sim/v1alpha1
      kind: Scenario
      metadata: {name: canary-only-query}
      spec:
        manifests: [\(rollout), ../seed/corrected/virtualservice.yaml, ../seed/corrected/destinationrule.yaml,
          ../seed/corrected/service-istio-rollout.yaml, \(template)]
        namespace: rollout-demo
        seed: 42
        horizon: 1h
        pods: {readyAfter: 10s}
        revisions:
          stable: {errorRate: 0.2%}
          canary: {errorRate: "0.2% for 10m, then 30%"}
      """)
    #expect(StaticInsights.findings(scenario.manifests).with(rule: "diluted-signal").isEmpty)
    let setup = ScenarioLoader.setup(for: scenario)
    let result = SimulationRunner.run(setup: setup, scenario: scenario)
    #expect(result.outcome.aborted)
    #expect((result.outcome.abortedAt?.milliseconds ?? .max) < 15 * 60_000)
    #expect(RunInsights.check(scenario: scenario, setup: setup, result: result).diagnostics.with(rule: "diluted-signal").isEmpty)
  }
}
