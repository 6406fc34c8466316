import Analysis
import Testing
import VirtualTime

@Suite struct WebProviderTests {
  static func web(_ url: String = "http://smoke.example/health", jsonPath: String = "", method: String = "", body: String = "", timeout: Int = 0) -> ProviderSpec {
    .web(WebRequestSpec(method: method, url: url, body: body, timeoutSeconds: timeout, jsonPath: jsonPath))
  }

  static func drive(_ metric: MetricSpec, _ model: WebModel?, signals: (any SignalSource)? = nil, until: SimInstant = seconds(3600)) -> RunDriver {
    var driver = Fixture.driver(
      Fixture.run([metric]), models: ProviderModels(web: model.map { ["m": $0] } ?? [:]), signals: signals)
    driver.drive(until: until)
    return driver
  }

  @Test func jsonPathSelectsAStringAndTheValueIsItsJSON() {
    let driver = Self.drive(
      Fixture.metric(success: "result == \"ok\"", provider: Self.web(jsonPath: "{$.status}")),
      WebModel(.init(status: 200, body: #"{"status": "ok"}"#)))
    #expect(driver.run.phase == .successful)
    #expect(driver.run.log.measurements("m").first?.value == "\"ok\"")
  }

  @Test func nonJSONBodyIsAString() {
    let driver = Self.drive(
      Fixture.metric(success: "result == 'It worked!'", provider: Self.web()), WebModel(.init(body: "It worked!")))
    #expect(driver.run.phase == .successful)
    #expect(driver.run.log.measurements("m").first?.value == "It worked!")
  }

  @Test func non2xxIsAnError() {
    let driver = Self.drive(Fixture.metric(provider: Self.web()), WebModel(.init(status: 503, body: "down")))
    let first = driver.run.log.measurements("m").first
    #expect(first?.phase == .error)
    #expect(first?.message == "received non 2xx response code: 503")
    #expect(driver.run.phase == .error)
  }

  @Test func timeoutErrorsAfterTheTimeout() {
    let driver = Self.drive(Fixture.metric(provider: Self.web(timeout: 5)), WebModel(.init(timeout: true)))
    let measurements = driver.run.log.measurements("m")
    #expect(measurements.first?.startedAt == .zero)
    #expect(measurements.first?.finishedAt == seconds(5))
    #expect(
      measurements.first?.message
        == "Get \"http://smoke.example/health\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)")
    // Each error is retried 10 s after it finished; five errors end the run.
    #expect(measurements.compactMap(\.finishedAt) == [5, 20, 35, 50, 65].map(seconds))
  }

  @Test func answersChangeOverTime() {
    let model = WebModel(phases: [
      .init(from: .zero, response: .init(body: #"{"ready": true}"#)),
      .init(from: seconds(120), response: .init(body: #"{"ready": false}"#)),
    ])
    let driver = Self.drive(Fixture.metric(interval: "1m", success: "result.ready == true", provider: Self.web()), model)
    #expect(driver.measurements("m").map(\.0) == [0, 60, 120])
    #expect(driver.run.phase == .failed)
  }

  @Test func bodyPlaceholdersReadSignals() {
    let signals = FunctionSignals(["canary.successRate": { _ in 0.93 }])
    let driver = Self.drive(
      Fixture.metric(success: "result[0] >= 0.9", provider: Self.web(jsonPath: "{$.rates}")),
      WebModel(.init(body: #"{"rates": [${canary.successRate}]}"#)), signals: signals)
    #expect(driver.run.log.measurements("m").first?.value == "[0.93]")
  }

  @Test(arguments: [
    ("GET", "payload", "Body/JSONBody can only be used with POST or PUT WebMetric Method types"),
    ("", "", "rollout-sim: no providers.web model answers metric \"m\" (GET http://smoke.example/health); add one to the scenario"),
  ])
  func requestErrors(method: String, body: String, message: String) {
    let driver = Self.drive(Fixture.metric(provider: Self.web(method: method, body: body)), nil)
    #expect(driver.run.log.measurements("m").first?.message == message)
  }

  @Test func urlWithoutSchemeFailsLikeGo() {
    let driver = Self.drive(Fixture.metric(provider: Self.web("smoke.example/x")), WebModel(.init()))
    #expect(driver.run.log.measurements("m").first?.message == "Get \"smoke.example/x\": unsupported protocol scheme \"\"")
  }

  @Test func badJSONPathFailsEveryMeasurement() {
    let driver = Self.drive(Fixture.metric(provider: Self.web(jsonPath: "{$.x")), WebModel(.init(body: "{}")))
    #expect(driver.run.log.measurements("m").first?.message == "unclosed action")
    #expect(driver.run.phase == .error)
  }
}
