import Analysis
import SimKernel
import Testing
import VirtualTime

/// Arguments, secrets, validation, dry-run/retention rules, initial delays.
@Suite struct RunSpecTests {
  static func reconcileOnce(_ run: SimulatedAnalysisRun, models: ProviderModels = ProviderModels(), scripts: [String: [Scripted]] = ["m": [.successful]]) -> SimulatedAnalysisRun {
    var driver = Fixture.driver(run, scripts: scripts, models: models)
    driver.drive(until: .zero)
    return driver.run
  }

  @Test func argumentsAreSubstitutedIntoStrings() {
    var metric = Fixture.metric(interval: "{{ args.interval }}", count: 2)
    metric.providers = [.prometheus(PrometheusQuerySpec(query: "up{namespace=\"{{args.ns}}\"}"))]
    var prometheus = FixedPrometheus(answer: .success(.vector([1])))
    prometheus.queries = []
    var driver = Fixture.driver(
      Fixture.run([metric], args: [.value("ns", "prod"), .value("interval", "30s")]), prometheus: prometheus)
    #expect(driver.drive() == seconds(30))
    #expect(driver.run.status.metricResults[0].metadata["ResolvedPrometheusQuery"] == "up{namespace=\"prod\"}")
  }

  @Test(arguments: [
    ("{{args.nope}}", "Unable to resolve metric arguments: failed to resolve {{args.nope}}"),
    ("{{args.ns", "Unable to resolve metric arguments: cannot find end tag=\"}}\" in the template=\"{{args.ns\" starting from \"args.ns\""),
  ])
  func badTagsMakeTheRunError(query: String, message: String) {
    let metric = Fixture.metric(provider: .prometheus(PrometheusQuerySpec(query: query)))
    let run = Self.reconcileOnce(Fixture.run([metric], args: [.value("ns", "x")]))
    #expect(run.phase == .error)
    #expect(run.message == message)
  }

  @Test func anArgumentWithoutValueMakesTheRunError() {
    let run = Self.reconcileOnce(
      Fixture.run([Fixture.metric()], args: [RunArgument(name: "namespace", source: .fieldRef("metadata.namespace"))]))
    #expect(run.message == "Unable to resolve metric arguments: argument \"namespace\" was not supplied")
  }

  @Test func secretsAreReadAndRedacted() {
    var metric = Fixture.metric(success: "result == 'It worked!'")
    metric.providers = [.web(WebRequestSpec(url: "{{args.url}}"))]
    let models = ProviderModels(
      web: ["m": WebModel(.init(status: 500))],
      secrets: Secrets(["example-secret": ["secretUrl": "https://hooks.example/token-123"]]))
    var driver = Fixture.driver(
      Fixture.run([metric], args: [RunArgument(name: "url", source: .secretKeyRef(name: "example-secret", key: "secretUrl"))]),
      models: models)
    driver.drive()
    #expect(driver.run.log.measurements("m").first?.message == "received non 2xx response code: 500")
    driver = Fixture.driver(
      Fixture.run([metric], args: [RunArgument(name: "url", source: .secretKeyRef(name: "example-secret", key: "secretUrl"))]),
      models: ProviderModels(web: ["m": WebModel(.init(timeout: true))], secrets: models.secrets))
    driver.drive()
    #expect(
      driver.run.log.measurements("m").first?.message
        == "Get \"*****\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)")
  }

  @Test(arguments: [
    (Secrets(), "Unable to resolve metric arguments: secrets \"s\" not found"),
    (Secrets(["s": ["other": "x"]]), "Unable to resolve metric arguments: key 'k' does not exist in secret 's'"),
  ])
  func missingSecrets(secrets: Secrets, message: String) {
    let run = Self.reconcileOnce(
      Fixture.run([Fixture.metric()], args: [RunArgument(name: "a", source: .secretKeyRef(name: "s", key: "k"))]),
      models: ProviderModels(secrets: secrets))
    #expect(run.phase == .error)
    #expect(run.message == message)
  }

  @Test(arguments: [
    (Fixture.metric(consecutiveSuccessLimit: -1), "consecutiveSuccessLimit must be >= 0"),
    (Fixture.metric(failureLimit: -2), "failureLimit must be >= 0, or -1 to be disabled"),
    (Fixture.metric(failureLimit: -1), "failureLimit and consecutiveSuccessLimit cannot both be disabled"),
    (Fixture.metric(inconclusiveLimit: -1), "inconclusiveLimit must be >= 0"),
    (Fixture.metric(consecutiveErrorLimit: -1), "consecutiveErrorLimit must be >= 0"),
    (Fixture.metric(interval: "1m", count: 2, failureLimit: 2, consecutiveSuccessLimit: 1),
     "count (2) must be >= failureLimit + consecutiveSuccessLimit (2 + 1) if both >= 0"),
    (Fixture.metric(interval: "1m", count: 2, failureLimit: -1, consecutiveSuccessLimit: 3), "count must be >= consecutiveSuccessLimit"),
    (Fixture.metric(interval: "1m", count: 2, inconclusiveLimit: 3), "count must be >= inconclusiveLimit"),
    (Fixture.metric(interval: "5d"), "invalid interval string: time: unknown unit \"d\" in duration \"5d\""),
    (Fixture.metric(initialDelay: "30"), "invalid startDelay string: time: missing unit in duration \"30\""),
    (MetricSpec(name: "m"), "no provider specified"),
    (MetricSpec(name: "m", providers: [Fixture.prometheus, .web(WebRequestSpec())]), "multiple providers specified"),
  ])
  func invalidMetricsMakeTheRunError(metric: MetricSpec, message: String) {
    let run = Self.reconcileOnce(Fixture.run([metric]))
    #expect(run.phase == .error)
    #expect(run.message == "Analysis spec invalid: metrics[0]: \(message)")
  }

  @Test func duplicateMetricNames() {
    let run = Self.reconcileOnce(Fixture.run([Fixture.metric(), Fixture.metric()]))
    #expect(run.message == "Analysis spec invalid: metrics[1]: duplicate name 'm'")
  }

  @Test(arguments: ["*", "nothing-matches"])
  func dryRunRulesMustMatch(rule: String) {
    let run = Self.reconcileOnce(Fixture.run([Fixture.metric()], dryRun: [rule]))
    #expect(run.message == "Analysis spec invalid: dryRun[0]: Rule didn't match any metric name(s)")
  }

  @Test func retentionKeepsTheLastMeasurementsButTheLogKeepsAll() {
    let metric = Fixture.metric(interval: "10s", count: 15)
    var spec = AnalysisRunSpec(metrics: [metric, Fixture.metric("n", interval: "10s", count: 15)])
    spec.measurementRetention = [MeasurementRetentionRule(metricName: "^m$", limit: 3)]
    var driver = Fixture.driver(
      SimulatedAnalysisRun(name: "r", spec: spec, random: .init(seed: 1)), scripts: ["m": [.successful], "n": [.successful]])
    #expect(driver.drive() == seconds(140))
    #expect(driver.run.status.result("m")?.measurements.count == 3)
    #expect(driver.run.status.result("n")?.measurements.count == 10)
    #expect(driver.run.status.result("m")?.count == 15)
    #expect(driver.run.log.measurements("m").count == 15)
  }

  @Test func initialDelayWaitsFromTheFirstReconcile() {
    var driver = Fixture.driver(Fixture.run([Fixture.metric(initialDelay: "2m")]), scripts: ["m": [.successful]])
    #expect(driver.drive() == seconds(120))
    #expect(driver.run.status.startedAt == .zero)
    #expect(driver.measurements("m").map(\.0) == [120])
  }

  @Test func backgroundMetricRunsUntilTerminated() {
    var driver = Fixture.driver(Fixture.run([Fixture.metric(interval: "30s")]), scripts: ["m": [.successful]])
    #expect(driver.drive(terminateAt: seconds(300)) == seconds(300))
    // Measured at 0, 30 … 270 s; the terminate at 300 s comes before that instant's measurement.
    #expect(driver.measurements("m").count == 10)
    #expect(driver.run.phase == .successful)
    #expect(driver.run.message == "Run Terminated")
  }
}
