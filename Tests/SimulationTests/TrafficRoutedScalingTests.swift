import Controller
import Simulation
import Testing
import VirtualTime

/// Traffic-routed canary features through the controller (argo-semantics §2.2, §3.6, §10):
/// dynamicStableScale, minPodsPerReplicaSet and the Istio DestinationRule subsets.
@Suite struct TrafficRoutedScalingTests {
  static let istio = TrafficRouting(router: .istio(IstioRouting(virtualServices: [.init(name: "vs")])))

  static func spec(
    steps: [CanaryStep], routing: TrafficRouting = istio, services: Bool = true, dynamicStableScale: Bool = false,
    minPods: Int? = nil
  ) -> RolloutSpec {
    RolloutSpec(
      name: "demo", replicas: 4, template: ControllerScenarioTests.v2,
      strategy: .canary(
        CanaryStrategy(
          steps: steps, canaryService: services ? "canary" : nil, stableService: services ? "stable" : nil,
          trafficRouting: routing, dynamicStableScale: dynamicStableScale, minPodsPerReplicaSet: minPods)))
  }

  static func desired(_ result: SimulationResult, _ role: String) -> Int? {
    result.timeline.last?.replicas.first { $0.role == role }?.desired
  }

  /// dynamicStableScale: the stable ReplicaSet shrinks as the canary weight grows (50 % of 4 → 2);
  /// without it the stable keeps all 4 pods.
  @Test(arguments: [(true, 2), (false, 4)])
  func dynamicStableScaleShrinksTheStable(dynamic: Bool, stable: Int) {
    let result = ControllerScenarioTests.run(
      Self.spec(steps: [.weight(50), .pause()], dynamicStableScale: dynamic), services: ["canary", "stable"])
    #expect(result.outcome.phase == .paused)
    #expect(Self.desired(result, "canary") == 2)
    #expect(Self.desired(result, "stable") == stable)
    #expect(result.timeline.last?.weights.canary == 50)
  }

  /// minPodsPerReplicaSet raises the canary's 1 pod (10 % of 4) to 2.
  @Test(arguments: [(nil, 1), (2, 2)] as [(Int?, Int)])
  func minPodsPerReplicaSetRaisesTheCanary(minPods: Int?, canary: Int) {
    let result = ControllerScenarioTests.run(
      Self.spec(steps: [.weight(10), .pause()], minPods: minPods), services: ["canary", "stable"])
    #expect(Self.desired(result, "canary") == canary)
    #expect(Self.desired(result, "stable") == 4)
  }

  /// Istio subset split: the DestinationRule's subsets carry the canary and stable hashes (a
  /// destinationRuleSubsetLabels mutation); after promotion both are rev 2.
  @Test func destinationRuleSubsetsFollowTheReplicaSets() {
    let routing = TrafficRouting(
      router: .istio(
        IstioRouting(
          virtualServices: [.init(name: "vs")],
          destinationRule: .init(name: "dr", canarySubsetName: "canary", stableSubsetName: "stable"))))
    let result = ControllerScenarioTests.run(Self.spec(steps: [.weight(25)], routing: routing, services: false))
    #expect(result.outcome.phase == .healthy)
    #expect(result.mutations.contains(.destinationRuleSubsetLabels))
    #expect(result.timeline.contains { $0.weights.canary == 25 })
    #expect(result.finalStatus.canary.weights?.canary.podTemplateHash == "v2hash")
    #expect(result.finalStatus.canary.weights?.stable.podTemplateHash == "v2hash")
  }
}
