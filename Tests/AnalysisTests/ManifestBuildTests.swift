import Analysis
import Foundation
import Manifests
import SimKernel
import Testing
import TestSupport
import VirtualTime

/// Runs built from manifests: templates, nested and cluster templates, arguments from the Rollout,
/// templated count/interval, secrets.
@Suite struct ManifestBuildTests {
  static let rolloutYAML = """
    apiVersion: argoproj.io/v1alpha1
    kind: Rollout
    metadata:
      name: demo
      namespace: shop
      labels: {team: payments}
    spec:
      replicas: 2
      selector: {matchLabels: {app: demo}}
      template:
        metadata: {labels: {app: demo}}
        spec:
          containers:
          - {name: app, image: "ghcr.io/acme/demo:1.2.3"}
      strategy:
        canary:
          steps:
          - setWeight: 20
          - analysis:
              templates:
              - templateName: success-rate
              args:
              - {name: service, value: demo-canary}
              - name: hash
                valueFrom: {podTemplateHashValue: Latest}
              - name: image
                valueFrom: {fieldRef: {fieldPath: "spec.template.spec.containers[0].image"}}
              - name: team
                valueFrom: {fieldRef: {fieldPath: "metadata.labels['team']"}}
          - analysis:
              templates:
              - templateName: missing-template
          - analysis:
              templates:
              - templateName: success-rate
    ---
    apiVersion: argoproj.io/v1alpha1
    kind: AnalysisTemplate
    metadata: {name: success-rate, namespace: shop}
    spec:
      args:
      - name: service
      - name: hash
      - name: image
      - name: team
      - {name: count, value: "3"}
      - {name: interval, value: "20s"}
      templates:
      - templateName: smoke
        clusterScope: true
      metrics:
      - name: success-rate
        interval: "{{args.interval}}"
        count: "{{args.count}}"
        successCondition: "result[0] >= 0.9"
        provider:
          prometheus:
            address: http://prometheus.monitoring:9090
            query: 'rate(x{service="{{args.service}}",hash="{{ args.hash }}",image="{{args.image}}",team="{{args.team}}"}[1m])'
    ---
    apiVersion: argoproj.io/v1alpha1
    kind: ClusterAnalysisTemplate
    metadata: {name: smoke}
    spec:
      args:
      - name: token
        valueFrom: {secretKeyRef: {name: api, key: token}}
      metrics:
      - name: smoke
        successCondition: result == "ok"
        provider:
          web:
            url: "https://smoke.example/check?token={{args.token}}"
            jsonPath: "{$.status}"
    ---
    apiVersion: v1
    kind: Secret
    metadata: {name: api, namespace: shop}
    stringData: {token: s3cr3t}
    """

  static let manifests = ManifestLoader.load(texts: [(path: "demo.yaml", text: rolloutYAML)])

  static var builder: AnalysisRunBuilder? {
    manifests.rollout(named: "demo").map { AnalysisRunBuilder(manifests: manifests, rollout: $0, namespace: "shop") }
  }

  @Test func buildsARunFromTemplatesAndRolloutArguments() throws {
    let builder = try #require(Self.builder)
    #expect(!Self.manifests.hasErrors)
    let spec = try builder.spec(for: .step(1), stableHash: "5d4f8c7b9", latestHash: "6f9c7d8b4").get()
    #expect(spec.metrics.map(\.name) == ["success-rate", "smoke"])
    var run = SimulatedAnalysisRun(name: "demo-6f9c7d8b4-2-1", namespace: "shop", spec: spec, random: SeededRandom(seed: 1))
    var prometheus = FixedPrometheus(answer: .success(.vector([0.97])))
    prometheus.queries = []
    var environment = AnalysisEnvironment(
      models: ProviderModels(
        web: ["smoke": WebModel(.init(body: #"{"status": "ok"}"#))],
        secrets: Secrets(manifests: Self.manifests, namespace: "shop")),
      conditions: TableConditions.standard, prometheus: prometheus)
    var driver = RunDriver(run, environment: environment)
    #expect(driver.drive() == seconds(40))
    run = driver.run
    environment = driver.environment
    #expect(run.phase == .successful)
    #expect(run.log.measurements("success-rate").count == 3)
    #expect(
      run.status.result("success-rate")?.metadata["ResolvedPrometheusQuery"]
        == #"rate(x{service="demo-canary",hash="6f9c7d8b4",image="ghcr.io/acme/demo:1.2.3",team="payments"}[1m])"#)
    #expect(run.log.measurements("smoke").first?.value == "\"ok\"")
  }

  @Test func missingTemplate() throws {
    let builder = try #require(Self.builder)
    guard case .failure(let failure) = builder.spec(for: .step(2), stableHash: "a", latestHash: "b") else {
      Issue.record("expected a failure")
      return
    }
    #expect(failure.message == "analysistemplate.argoproj.io \"missing-template\" not found")
  }

  @Test func argumentsWithoutValues() throws {
    let builder = try #require(Self.builder)
    guard case .failure(let failure) = builder.spec(for: .step(3), stableHash: "a", latestHash: "b") else {
      Issue.record("expected a failure")
      return
    }
    #expect(failure.message == "args.service was not resolved")
  }

  @Test func unknownTagMakesTheRunError() throws {
    let yaml = """
      apiVersion: argoproj.io/v1alpha1
      kind: AnalysisTemplate
      metadata: {name: t}
      spec:
        metrics:
        - name: m
          provider:
            prometheus: {address: "http://p:9090", query: "up{job='{{args.job}}'}"}
      """
    let set = ManifestLoader.load(texts: [(path: "t.yaml", text: yaml)])
    let template = try #require(set.analysisTemplate(named: "t"))
    let spec = try AnalysisRunSpec.standalone(template: template, arguments: [], manifests: set, namespace: nil).get()
    var driver = Fixture.driver(SimulatedAnalysisRun(name: "r", spec: spec, random: SeededRandom(seed: 1)))
    driver.drive()
    #expect(driver.run.phase == .error)
    #expect(driver.run.message == "Unable to resolve metric arguments: failed to resolve {{args.job}}")
  }

  @Test func templatedCountThatIsNotANumberIsZero() throws {
    let yaml = """
      apiVersion: argoproj.io/v1alpha1
      kind: AnalysisTemplate
      metadata: {name: t}
      spec:
        args: [{name: count}]
        metrics:
        - name: m
          count: "{{args.count}}"
          provider:
            prometheus: {address: "http://p:9090", query: "up"}
      """
    let set = ManifestLoader.load(texts: [(path: "t.yaml", text: yaml)])
    let template = try #require(set.analysisTemplate(named: "t"))
    let spec = try AnalysisRunSpec.standalone(
      template: template, arguments: [(name: "count", value: "three")], manifests: set, namespace: nil
    ).get()
    var driver = Fixture.driver(
      SimulatedAnalysisRun(name: "r", spec: spec, random: SeededRandom(seed: 1)),
      prometheus: FixedPrometheus(answer: .success(.vector([1]))))
    // IntValue("three") is 0: without an interval the metric is measured once.
    #expect(driver.drive() == .zero)
    #expect(driver.run.phase == .successful)
  }

  @Test func analysisRunManifest() throws {
    let yaml = """
      apiVersion: argoproj.io/v1alpha1
      kind: AnalysisRun
      metadata: {name: standalone}
      spec:
        args: [{name: code, value: "200"}]
        metrics:
        - name: m
          interval: 1m
          count: 2
          provider:
            prometheus: {address: "http://p:9090", query: "up{code='{{args.code}}'}"}
      """
    let set = ManifestLoader.load(texts: [(path: "r.yaml", text: yaml)])
    let manifest = try #require(set.analysisRuns.first)
    let spec = AnalysisRunSpec(manifest: manifest, arguments: [(name: "code", value: "500")])
    var driver = Fixture.driver(
      SimulatedAnalysisRun(name: "standalone", spec: spec, random: SeededRandom(seed: 1)),
      prometheus: FixedPrometheus(answer: .success(.vector([1]))))
    #expect(driver.drive() == seconds(60))
    #expect(driver.run.status.result("m")?.metadata["ResolvedPrometheusQuery"] == "up{code='500'}")
  }

  @Test(.enabled(if: PackagePaths.sharedDataAvailable("argo-examples")))
  func argoExampleWithSecretAndNestedClusterTemplate() throws {
    let paths = ["rollout-secret.yaml", "rollout-analysis-step.yaml", "analysis-templates.yaml", "cluster-analysis-templates.yaml"]
    let set = ManifestLoader.load(paths: paths.map { PackagePaths.sharedData("argo-examples/\($0)").path })
    let secretRollout = try #require(set.rollout(named: "rollout-secret"))
    let spec = try AnalysisRunBuilder(manifests: set, rollout: secretRollout, namespace: "default")
      .spec(for: .step(1), stableHash: "s", latestHash: "l").get()
    var driver = Fixture.driver(
      SimulatedAnalysisRun(name: "rollout-secret-l-2-1", spec: spec, random: SeededRandom(seed: 1)),
      models: ProviderModels(
        web: ["webmetric": WebModel(.init(body: #"{"message": "It worked!"}"#))],
        secrets: Secrets(manifests: set, namespace: "default")))
    #expect(driver.drive() == .zero)
    #expect(driver.run.phase == .successful)

    let stepRollout = try #require(set.rollout(named: "rollout-analysis-step"))
    let stepSpec = try AnalysisRunBuilder(manifests: set, rollout: stepRollout, namespace: "default")
      .spec(for: .step(1), stableHash: "s", latestHash: "l").get()
    #expect(stepSpec.metrics.map(\.name) == ["random-fail", "pass"])
  }
}
