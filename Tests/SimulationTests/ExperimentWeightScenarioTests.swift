import Controller
import Diagnostics
import Simulation
import Testing
import VirtualTime

/// An Istio host-split canary with an experiment step of a baseline (stable spec) and a canary
/// template at weight 5 each, written as users write it. Pods are ready after 10 s: setWeight 20
/// holds from 10 s, the experiment is created then and runs from 20 s to 320 s (duration 5m), then
/// setWeight 50 from 330 s, a 1-minute pause and promotion.
@Suite struct ExperimentWeightScenarioTests {
  static let canary = """
    canaryService: demo-canary
    stableService: demo-stable
    trafficRouting:
      istio:
        virtualService: {name: demo, routes: [primary]}
    steps:
    - setWeight: 20
    - experiment:
        duration: 5m
        templates:
        - {name: baseline, specRef: stable, weight: 5}
        - {name: canary, specRef: canary, weight: 5}
    - setWeight: 50
    - pause: {duration: 1m}
    """

  static let networking = """
    apiVersion: v1
    kind: Service
    metadata: {name: demo-canary}
    spec:
      selector: {app: demo}
      ports: [{port: 80, targetPort: 8080}]
    ---
    apiVersion: v1
    kind: Service
    metadata: {name: demo-stable}
    spec:
      selector: {app: demo}
      ports: [{port: 80, targetPort: 8080}]
    ---
    apiVersion: networking.istio.io/v1beta1
    kind: VirtualService
    metadata: {name: demo}
    spec:
      hosts: [demo.example.com]
      http:
      - name: primary
        route:
        - destination: {host: demo-stable}
          weight: 100
        - destination: {host: demo-canary}
          weight: 0
    """

  static let scenario = YAMLScenario.scenario(
    manifests: ["rollout.yaml", "networking.yaml"],
    spec: """
      namespace: shop
      seed: 7
      pods: {readyAfter: 10s}
      traffic: {rps: 100, scrapeInterval: 15s}
      revisions:
        stable: {errorRate: 0.1%}
        canary: {errorRate: 0.1%}
      telemetry: [istio]
      """)

  static let files = [
    "rollout.yaml": YAMLScenario.canaryRollout(replicas: 5, canary: canary), "networking.yaml": networking,
  ]

  static func at(_ seconds: Int64) -> SimInstant { SimInstant.zero + .seconds(seconds) }

  /// [canary, stable] weights of the VirtualService at `t` (the timeline's last line at or before it).
  static func weights(_ result: SimulationResult, _ seconds: Int64) -> [Int]? {
    result.timeline.last { $0.t <= at(seconds) }.map { [$0.weights.canary, $0.weights.stable] }
  }

  @Test func theWeightIsNoLongerWarnedAsNotModelled() throws {
    let loaded = try YAMLScenario.load(scenario: Self.scenario, files: Self.files)
    #expect(!loaded.diagnostics.contains { $0.message.contains("not modelled") }, "\(loaded.diagnostics.map(\.message))")
  }

  /// stable = 100 − 20 − 5 − 5 while the experiment runs; the templates' destinations come and go
  /// with it.
  @Test func theVirtualServiceWeightsFollowTheExperiment() throws {
    let result = try YAMLScenario.run(scenario: Self.scenario, files: Self.files)
    #expect(Self.weights(result, 15) == [20, 80])
    #expect(Self.weights(result, 20) == [20, 70])
    #expect(Self.weights(result, 319) == [20, 70])
    #expect(Self.weights(result, 320) == [20, 80])
    #expect(Self.weights(result, 335) == [50, 50])
    #expect(result.outcome.phase == .healthy)
    #expect(result.outcome.promoted)
    let added = try #require(result.timeline.first { $0.event == "TrafficWeightUpdated" && $0.t == Self.at(20) })
    #expect(added.message.hasPrefix("Traffic weight updated additional: [{5 demo-"), "\(added.message)")
    #expect(added.message.contains("-2-1-baseline "))
    #expect(added.message.contains("-2-1-canary "))
  }

  /// Each template served about 5 % of 100 rps for 300 s, with the profile of the revision it
  /// copies (the label checks are in `ExperimentTrafficTests`: a scenario only emits the series its
  /// analyses query).
  @Test func theExperimentPodsServedRequests() throws {
    let result = try YAMLScenario.run(scenario: Self.scenario, files: Self.files)
    let experiments = result.traffic.experiments
    #expect(experiments.map(\.template) == ["baseline", "canary"])
    #expect(experiments.map(\.revision) == ["stable", "canary"])
    for experiment in experiments {
      #expect(abs(Double(experiment.requests) - 1_500) < 250, "\(experiment)")
    }
    #expect(experiments.allSatisfy { $0.service.hasSuffix("-2-1-\($0.template)") })
    // The stable and canary ReplicaSets served the rest: nothing was lost.
    let served = experiments.reduce(result.traffic.canaryRequests) { $0 + $1.requests }
    #expect(result.traffic.requests > served)
  }
}
