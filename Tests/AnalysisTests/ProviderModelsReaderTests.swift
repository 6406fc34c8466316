import Analysis
import Diagnostics
import Manifests
import Testing
import VirtualTime

@Suite struct ProviderModelsReaderTests {
  static func read(_ yaml: String) -> (ProviderModels, [Diagnostic]) {
    let root = YAMLReader.read(yaml, file: "scenario.yaml").documents.first?.root
    var reader = ProviderModelsReader()
    let models = reader.read(root?["providers"])
    return (models, reader.diagnostics.all)
  }

  @Test func readsTheDocumentedShapes() {
    let (models, diagnostics) = Self.read(
      """
      providers:
        job:
          random-fail: {successRate: 50%, duration: {min: 5s, max: 30s}, outcomes: [succeed, fail]}
          call-api: {successRate: 0.98, duration: 20s}
          bad-image: {imagePullFailure: true, imagePullFailsAfter: 3s}
        web:
          smoke: {body: '{"status": "ok"}', status: 200}
          readiness:
            - {from: 0s, status: 503}
            - {from: 5m, body: {ready: true}}
          down: {timeout: true}
        values:
          datadog-errors: canary.errorRate
          nr-success: {signal: canary.successRate, shape: "field:successRate"}
      """)
    #expect(diagnostics.isEmpty)
    #expect(models.jobs["random-fail"] == JobModel(successRate: 0.5, duration: DurationRange(min: .seconds(5), max: .seconds(30)), outcomes: [.succeed, .fail]))
    #expect(models.jobs["call-api"]?.successRate == 0.98)
    #expect(models.jobs["bad-image"]?.imagePullFailure == true)
    #expect(models.jobs["bad-image"]?.imagePullFailsAfter == .seconds(3))
    #expect(models.web["smoke"]?.response(at: .zero) == WebModel.Response(status: 200, body: #"{"status": "ok"}"#))
    #expect(models.web["readiness"]?.response(at: SimInstant(milliseconds: 60_000))?.status == 503)
    #expect(models.web["readiness"]?.response(at: SimInstant(milliseconds: 300_000))?.body == #"{"ready":true}"#)
    #expect(models.web["down"]?.response(at: .zero)?.timeout == true)
    #expect(models.values["datadog-errors"] == ValuesBinding(signal: "canary.errorRate"))
    #expect(models.values["nr-success"] == ValuesBinding(signal: "canary.successRate", shape: .field("successRate")))
  }

  @Test func reportsEveryProblemWithItsPosition() {
    let (_, diagnostics) = Self.read(
      """
      providers:
        job:
          a: {successRate: 150, duraton: 5s, outcomes: [sucess]}
        web:
          b: {status: 999, latency: 5d3}
        values:
          c: {shape: vector}
      """)
    let messages = diagnostics.map(\.message)
    #expect(messages.contains("spec.providers.job.a.successRate must be a fraction in [0, 1] or a percentage such as 98%"))
    #expect(messages.contains("unknown field \"spec.providers.job.a.duraton\""))
    #expect(diagnostics.first { $0.message.contains("duraton") }?.hint == "did you mean 'duration'?")
    #expect(messages.contains("spec.providers.job.a.outcomes: unknown outcome sucess; write succeed, fail or imagePullFailure"))
    #expect(messages.contains("spec.providers.web.b.status must be an HTTP status code (100-599)"))
    #expect(messages.contains("spec.providers.web.b.latency must be a duration such as 30s, 5m or 1h30m"))
    #expect(messages.contains("spec.providers.values.c.signal is required (a signal such as canary.errorRate)"))
    #expect(diagnostics.allSatisfy { ($0.location?.line ?? 0) > 1 })
  }
}
