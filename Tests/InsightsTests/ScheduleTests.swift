import Diagnostics
import Insights
import Manifests
import Testing

/// The shortest length of a plan: pauses plus the analyses the steps wait for.
@Suite struct ScheduleTests {
  static func schedules(_ files: [String]) -> [String] {
    StaticInsights.findings(Fixtures.manifests(files)).with(rule: "schedule").map(\.message)
  }

  @Test func theSeedPlans() {
    #expect(
      Self.schedules(["scenarios/seed/corrected/rollout-canary-istio.yaml"])
        == ["rollouts-demo takes at least 144h (6d): step 1 pause 120h, step 3 pause 24h"])
    #expect(
      Self.schedules(["scenarios/seed/corrected/rollout-canary-openshift.yaml", "scenarios/seed/corrected/analysis-call-api.yaml"])
        == ["rollouts-demo-openshift takes at least 35m: step 1 analysis 4m30s, step 2 pause 30s, step 4 pause 30m"])
    #expect(
      Self.schedules([
        "scenarios/seed/corrected/rollout-bluegreen.yaml", "scenarios/seed/corrected/analysis-call-api.yaml",
        "scenarios/seed/corrected/analysis-prometheus-kpi-check.yaml",
      ]) == ["rollouts-demo-bluegreen takes at least 8m30s: pre-promotion analysis 4m30s, post-promotion analysis 4m"])
    #expect(
      Self.schedules(["scenarios/seed-istio-canary/rollout-as-shown-durations.yaml"])
        == ["rollouts-demo never starts: step 1 pause 5d; step 3 pause 1d (the spec is invalid)"])
  }

  @Test func waitsAndEndlessAnalysesAreNamed() throws {
    let set = try Fixtures.manifests(yaml: """
      apiVersion: argoproj.io/v1alpha1
      kind: Rollout
      metadata: {name: r}
      spec:
        selector: {matchLabels: {app: r}}
        template: {metadata: {labels: {app: r}}, spec: {containers: [{name: c, image: i}]}}
        strategy:
          canary:
            steps:
            - setWeight: 10
            - analysis: {templates: [{templateName: forever}]}
            - pause: {}
            - pause: {duration: 90}
      ---
      apiVersion: argoproj.io/v1alpha1
      kind: AnalysisTemplate
      metadata: {name: forever}
      spec:
        metrics:
        - name: m
          interval: 1m
          initialDelay: 30s
          provider: {prometheus: {address: http://p, query: "vector(1)"}}
      """)
    let line = try #require(StaticInsights.findings(set).with(rule: "schedule").first?.message)
    #expect(
      line == "r takes at least 1m30s: step 3 pause 1m30s; never completes on its own: step 1 analysis metric 'm' has an interval and no count; plus the time until a human promotes: step 2 pause without duration")
  }

  @Test func anAbsurdCountDoesNotOverflow() throws {
    let set = try Fixtures.manifests(yaml: """
      apiVersion: argoproj.io/v1alpha1
      kind: Rollout
      metadata: {name: r}
      spec:
        selector: {matchLabels: {app: r}}
        template: {metadata: {labels: {app: r}}, spec: {containers: [{name: c, image: i}]}}
        strategy: {canary: {steps: [{analysis: {templates: [{templateName: t}]}}]}}
      ---
      apiVersion: argoproj.io/v1alpha1
      kind: AnalysisTemplate
      metadata: {name: t}
      spec:
        metrics:
        - {name: m, interval: 2562047h, count: 9223372036854775807, provider: {prometheus: {address: http://p, query: "vector(1)"}}}
      """)
    let line = try #require(StaticInsights.findings(set).with(rule: "schedule").first?.message)
    #expect(line == "r takes at least 876000h (36500d): step 0 analysis 876000h")
  }
}
