import Diagnostics
import Insights
import Manifests
import Simulation
import Testing

/// Blind metrics: statically from a stray brace or a Route that does not exist, dynamically from the
/// run's telemetry.
@Suite struct BlindMetricTests {
  /// The acceptance: the seed's as-shown OpenShift query, whose stray brace empties the denominator.
  @Test func theSeedsStrayBraceMakesTheErrorRateUnfailable() throws {
    let set = ManifestLoader.load(paths: [Fixtures.path("scenarios/seed/as-shown")])
    let findings = StaticInsights.findings(set).with(rule: "blind-metric").filter { $0.severity == .warning }
    let finding = try #require(findings.first { $0.location?.file.hasSuffix("analysis-prometheus-kpi-check.yaml") == true })
    #expect(finding.location?.line == 20 && finding.location?.column == 94)
    #expect(finding.message == "metric 'error-rate' of AnalysisTemplate prometheus-kpi-check can never fail: the stray '}' after {{args.namespace}} empties the denominator")
    #expect(finding.notes.contains { $0.contains("`len(result) == 0 || isNaN(result[0]) || result[0] <= 0.05` passes on no data") })
    #expect(finding.hint == "remove the third closing brace: {{args.namespace}}")
  }

  /// The corrected copy's `route-name: canary` names no Route: the plugin weights `stable`.
  @Test func aRouteThatDoesNotExistIsBlindStatically() throws {
    let set = Fixtures.manifests([
      "scenarios/seed/corrected/rollout-canary-openshift.yaml", "scenarios/seed/corrected/route-stable.yaml",
      "scenarios/seed/corrected/analysis-prometheus-kpi-check.yaml", "scenarios/seed/corrected/analysis-call-api.yaml",
    ])
    let finding = try #require(StaticInsights.findings(set).with(rule: "blind-metric").first { $0.severity == .warning })
    #expect(finding.message.hasSuffix(#"is blind: route=~"canary" names no Route of the manifests"#))
    #expect(finding.location?.line == 21 && finding.location?.column == 11)
    #expect(finding.notes.first == "Rollout 'rollouts-demo-openshift' runs it as background analysis")
  }

  @Test func aRunNamesTheMatcherThatFindsNothingAndWhatExists() throws {
    let scenario = try Fixtures.scenario("scenarios/seed-openshift-canary/as-shown.yaml")
    let setup = ScenarioLoader.setup(for: scenario)
    let result = SimulationRunner.run(setup: setup, scenario: scenario)
    let findings = RunInsights.check(scenario: scenario, setup: setup, result: result).diagnostics.with(rule: "blind-metric")
    #expect(findings.count == 2)
    let route = try #require(findings.first { $0.message.hasSuffix(#"has route=~"canary""#) })
    #expect(route.notes.contains(#"route values in this run: "stable""#))
    #expect(route.notes.contains { $0.hasPrefix("the selector is in the numerator") && $0.hasSuffix("the metric can never fail") })
    #expect(route.notes.contains("this run measured it 4 times: Successful"))
    let namespace = try #require(findings.first { $0.message.hasSuffix(#"has exported_namespace="rollout-demo}""#) })
    #expect(namespace.location?.line == 25)
    #expect(namespace.notes.contains { $0.hasPrefix("the selector is in the denominator") })
    #expect(namespace.hint == "the value ends in the stray '}' after {{args.namespace}}: write {{args.namespace}}")
    // The bad release went through: nothing could fail.
    #expect(result.outcome.promoted)
  }

  @Test func aMetricThatSeesItsDataIsNotBlind() throws {
    let scenario = try Fixtures.scenario("scenarios/seed-bluegreen/errors-after-switch.yaml")
    let setup = ScenarioLoader.setup(for: scenario)
    let result = SimulationRunner.run(setup: setup, scenario: scenario)
    #expect(RunInsights.check(scenario: scenario, setup: setup, result: result).diagnostics.with(rule: "blind-metric").isEmpty)
  }

  @Test func aBackgroundAnalysisThatStopsEarlyIsReportedWithTheGap() throws {
    let scenario = try Fixtures.scenario("scenarios/seed-openshift-canary/healthy.yaml")
    let setup = ScenarioLoader.setup(for: scenario)
    let result = SimulationRunner.run(setup: setup, scenario: scenario)
    let finding = try #require(
      RunInsights.check(scenario: scenario, setup: setup, result: result).diagnostics.with(rule: "duration-trap/background-count").first)
    #expect(finding.message.contains("ended Successful at 00:04:00 after 4 measurements of 'error-rate'"))
    #expect(finding.message.contains("unguarded for 32m37.05s until promotion"))
    #expect(finding.location?.line == 12)
  }

  @Test func validatorFindingsAreRenamedByInsight() {
    let renamed = InsightRule.relabel([
      .warning("stray", rule: "stray-brace"), .error("5d", rule: "pause-duration"), .warning("x", rule: "unknown-field"),
    ])
    #expect(renamed.map(\.rule) == ["template-defect/stray-brace", "duration-trap/pause-duration", "unknown-field"])
    #expect(renamed.map { InsightRule.of($0) } == [.templateDefect, .durationTrap, nil])
  }
}
