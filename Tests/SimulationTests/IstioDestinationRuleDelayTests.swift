import Controller
import Simulation
import Testing
import VirtualTime

/// rollout/trafficrouting/istio/istio.go `shouldDelayDestinationRuleUpdate` (issue 2507): with a
/// subset split and neither canary nor stable Service, `UpdateHash` fails while a ReplicaSet that
/// receives traffic (stable or canary hash, spec replicas > 0) is not fully available, and the
/// reconcile ends with that error before anything else — scaling, steps, status, progress deadline.
@Suite struct IstioDestinationRuleDelayTests {
  static func rollout(services: Bool) -> RolloutSpec {
    let routing = TrafficRouting(
      router: .istio(
        IstioRouting(
          virtualServices: [.init(name: "vs")],
          destinationRule: services ? nil : .init(name: "dr", canarySubsetName: "canary", stableSubsetName: "stable"))))
    return ControllerScenarioTests.rollout(
      steps: [.weight(50), .pause()], routing: routing, canaryService: services ? "canary" : nil,
      stableService: services ? "stable" : nil, progressDeadline: 60)
  }

  static func run(_ spec: RolloutSpec, canaryStartup: PodStartup) -> SimulationResult {
    ControllerScenarioTests.run(
      spec, services: spec.canary?.canaryService == nil ? [] : ["canary", "stable"], horizon: .minutes(10),
      canaryStartup: canaryStartup)
  }

  /// Canary pods that never become ready: every reconcile after the scale-up fails, so the status is
  /// never written again and the progress deadline is never detected. The rollout stays Progressing
  /// with the canary at 2 pods and no traffic.
  @Test func unavailableCanaryBlocksEveryReconcileWithASubsetSplit() {
    let result = Self.run(Self.rollout(services: false), canaryStartup: .never)
    #expect(result.outcome.phase == .progressing)
    #expect(!result.timeline.contains { $0.event == "RolloutStepCompleted" })
    let errors = result.timeline.filter { $0.event == "ReconciliationError" }
    #expect(errors.first?.message == "Reconciliation failed with error: delaying destination rule switch: ReplicaSet demo-v2hash not fully available")
    #expect(result.timeline.last?.weights.canary == 0)
  }

  /// The same with canary and stable Services (host split): no delay, the deadline degrades it.
  @Test func withServicesTheProgressDeadlineStillApplies() {
    let result = Self.run(Self.rollout(services: true), canaryStartup: .never)
    #expect(result.outcome.phase == .degraded)
    #expect(result.outcome.reason == "ProgressDeadlineExceeded")
    #expect(!result.timeline.contains { $0.event == "ReconciliationError" })
  }

  /// Pods that do become ready only delay things until they are: the step completes at 10 s.
  @Test func availableCanaryProceedsWithASubsetSplit() {
    let result = Self.run(Self.rollout(services: false), canaryStartup: .fixed(.seconds(10)))
    #expect(result.timeline.first { $0.event == "RolloutStepCompleted" }?.t == .zero + .seconds(10))
    #expect(result.outcome.phase == .paused)
    #expect(result.timeline.last?.weights.canary == 50)
  }
}
