import Controller
import Simulation
import Testing
import VirtualTime

/// `abortScaleDownDelaySeconds` on a traffic-routed canary, against Go rather than the spec's
/// "0 keeps the canary up indefinitely": `GetAbortScaleDownDelaySecondsOrDefault` returns nil for 0,
/// so `shouldDelayScaleDownOnAbort` is false and the canary gets `NewRSNewReplicas` at weight 0 — at
/// once — unless `UseSetCanaryScale` (which honours aborts only with 0) finds a setCanaryScale step
/// searching back from the index, which an abort has reset to 0. Only a setCanaryScale as the first
/// step keeps the canary up (e2e fixture canary-unscaledownonabort.yaml).
@Suite struct AbortScaleDownTests {
  static let abortAt = SimInstant.zero + .minutes(1)

  static func run(steps: [CanaryStep], abortDelay: Int?) -> SimulationResult {
    let routing = TrafficRouting(router: .istio(IstioRouting(virtualServices: [.init(name: "vs")])))
    let spec = RolloutSpec(
      name: "demo", replicas: 4, template: ControllerScenarioTests.v2,
      strategy: .canary(
        CanaryStrategy(
          steps: steps, canaryService: "canary", stableService: "stable", trafficRouting: routing,
          abortScaleDownDelaySeconds: abortDelay)))
    return ControllerScenarioTests.run(
      spec, services: ["canary", "stable"], actions: [.init(at: .minutes(1), command: .abort)])
  }

  static func canaryScaledToZero(_ result: SimulationResult) -> SimInstant? {
    result.timeline.first {
      $0.event == "ScalingReplicaSet" && $0.message.hasPrefix("Scaled down ReplicaSet demo-v2hash")
        && $0.message.hasSuffix(" to 0")
    }?.t
  }

  static func finalCanaryReplicas(_ result: SimulationResult) -> Int? {
    result.timeline.last?.replicas.first { $0.role == "canary" }?.desired
  }

  static let scaleOne = CanaryStep(setCanaryScale: SetCanaryScale(replicas: 1))

  @Test func defaultDelayScalesTheCanaryDown30SecondsAfterTheAbort() {
    let result = Self.run(steps: [.weight(50), .pause()], abortDelay: nil)
    #expect(result.outcome.abortedAt == Self.abortAt)
    #expect(Self.canaryScaledToZero(result) == Self.abortAt + .seconds(30))
  }

  /// An explicit delay is used as it is; the canary Service goes back to the stable pods at the abort.
  @Test func explicitDelayAndTheCanaryServiceBackOnStable() {
    let result = Self.run(steps: [.weight(50), .pause()], abortDelay: 5)
    #expect(Self.canaryScaledToZero(result) == Self.abortAt + .seconds(5))
    let switchBack = result.timeline.first {
      $0.event == "SwitchService" && $0.message == "Switched selector for service 'canary' from 'v2hash' to 'v1hash'"
    }
    #expect(switchBack?.t == Self.abortAt)
    #expect(result.timeline.first { $0.t == Self.abortAt && $0.event == "RolloutAborted" }?.weights.canary == 0)
  }

  @Test func zeroDelayScalesTheCanaryDownAtOnce() {
    let result = Self.run(steps: [.weight(50), .pause()], abortDelay: 0)
    #expect(result.outcome.abortedAt == Self.abortAt)
    #expect(Self.canaryScaledToZero(result) == Self.abortAt)
    #expect(Self.finalCanaryReplicas(result) == 0)
  }

  @Test func zeroDelayKeepsTheScaleOfAFirstSetCanaryScaleStep() {
    let result = Self.run(steps: [Self.scaleOne, .weight(50), .pause()], abortDelay: 0)
    #expect(result.outcome.abortedAt == Self.abortAt)
    #expect(Self.canaryScaledToZero(result) == nil)
    #expect(Self.finalCanaryReplicas(result) == 1)
    #expect(result.timeline.last?.weights.canary == 0)
  }

  @Test func zeroDelayIgnoresALaterSetCanaryScaleStep() {
    let result = Self.run(steps: [.weight(50), Self.scaleOne, .pause()], abortDelay: 0)
    #expect(result.outcome.abortedAt == Self.abortAt)
    #expect(Self.canaryScaledToZero(result) == Self.abortAt)
    #expect(Self.finalCanaryReplicas(result) == 0)
  }
}
