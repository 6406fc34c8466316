import Controller
import Simulation
import TimeSeries
import Testing
import VirtualTime
import Workload

@Suite struct TrafficAccountingTests {
  static func run(seed: UInt64, canaryErrors: Double = 0.001) -> SimulationResult {
    let routing = TrafficRouting(router: .istio(IstioRouting(virtualServices: [.init(name: "vs")])))
    let spec = ControllerScenarioTests.rollout(
      replicas: 4, steps: [.weight(20), .pause(seconds: 600)], routing: routing, canaryService: "canary",
      stableService: "stable")
    let model = WorkloadModel(
      rps: .constant(100, unit: .rate), scrapeInterval: .seconds(15),
      revisions: [
        "stable": RevisionProfile(errorRate: .constant(0.001, unit: .fraction)),
        "canary": RevisionProfile(errorRate: .constant(canaryErrors, unit: .fraction)),
      ],
      telemetry: TelemetryOptions(families: [.istio]))
    let setup = SimulationSetup(
      rollout: spec, stableTemplate: ControllerScenarioTests.v1, services: ["canary", "stable"],
      defaultPodStartup: .fixed(.seconds(10)), horizon: .minutes(20), seed: seed, workload: model,
      topology: TrafficTopology(namespace: "demo", rolloutName: "demo"))
    var simulator = Simulator(setup: setup, driver: ScriptedAnalysisDriver())
    return simulator.run()
  }

  @Test func requestsAreCountedPerRevision() {
    let result = Self.run(seed: 1)
    // 20 minutes at 100 rps.
    #expect(abs(Double(result.traffic.requests) - 120_000) < 3_000)
    // 20 % of traffic for the 10-minute pause, then 100 % after promotion (~10 minutes).
    let expectedCanary = 100.0 * (0.2 * 600 + 590)
    #expect(abs(Double(result.traffic.canaryRequests) - expectedCanary) < 3_000, "\(result.traffic)")
    #expect(result.outcome.promoted)
    let names = result.store.metricNames
    #expect(names.contains("istio_requests_total"))
  }

  @Test func seedsChangeCountsAndRepeatExactly() {
    let a = Self.run(seed: 1), b = Self.run(seed: 1), c = Self.run(seed: 2)
    #expect(a.traffic == b.traffic)
    #expect(a.traffic.requests != c.traffic.requests)
  }

  @Test func badCanaryFailsMoreRequests() {
    let bad = Self.run(seed: 3, canaryErrors: 0.08)
    let rate = Double(bad.traffic.canaryErrors) / Double(bad.traffic.canaryRequests)
    #expect(abs(rate - 0.08) < 0.01)
  }
}
