import Controller
import Simulation
import Testing
import VirtualTime

/// argo-semantics §2.2 `replicaProgressThreshold` read from YAML: Go compares the type with "Percent"
/// only (utils/replicaset/canary.go:42 `threshold.Type == v1alpha1.ProgressTypePercentage`); any other
/// type, the documented "Pods" included (types.go:248), counts available pods.
@Suite struct ReplicaProgressThresholdTests {
  /// N=10 behind Istio: setWeight 10 (1 canary pod, ready at 10 s), a 60 s pause, then setWeight 50:
  /// 4 more canary pods created at 70 s, ready at 80 s. While they start, 1 of the 5 is available.
  static func run(threshold: String?, horizon: String = "10m") throws -> SimulationResult {
    var canary = """
      canaryService: demo-canary
      stableService: demo-stable
      trafficRouting: {istio: {virtualService: {name: demo-vs}}}
      steps:
      - setWeight: 10
      - pause: {duration: 60s}
      - setWeight: 50
      - pause: {}
      """
    if let threshold { canary += "\nreplicaProgressThreshold: \(threshold)" }
    return try YAMLScenario.run(
      scenario: YAMLScenario.scenario(manifests: ["rollout.yaml"], spec: "pods: {readyAfter: 10s}\nhorizon: \(horizon)"),
      files: ["rollout.yaml": YAMLScenario.canaryRollout(replicas: 10, canary: canary)])
  }

  static func completed(_ result: SimulationResult, step: Int) -> SimInstant? {
    result.timeline.first { $0.event == "RolloutStepCompleted" && $0.message.hasPrefix("Rollout step \(step)/4") }?.t
  }

  @Test(arguments: [
    ("{type: Pods, value: 1}", 70),
    ("{type: Percent, value: 20}", 70),
    ("{type: Percent, value: 21}", 80),
    (nil, 80),
  ] as [(String?, Int64)])
  func thresholdDecidesWhenTheSetWeightStepCompletes(threshold: String?, seconds: Int64) throws {
    let result = try Self.run(threshold: threshold)
    #expect(result.outcome.phase == .paused)
    #expect(Self.completed(result, step: 3) == SimInstant.zero + .seconds(seconds))
  }

  /// A pod count is not capped at the step's desired count (`AvailableReplicas >= threshold.Value`):
  /// 2 pods can never be available at setWeight 10 of 10 replicas (1 canary pod), so the first step
  /// never completes and the progress deadline (600 s after the last progress) degrades the rollout.
  /// Read as a percentage (2 %), the step would complete as soon as its pod is ready.
  @Test func podsThresholdAboveTheStepsPodCountNeverCompletesIt() throws {
    let result = try Self.run(threshold: "{type: Pods, value: 2}", horizon: "20m")
    #expect(Self.completed(result, step: 1) == nil)
    #expect(result.finalStatus.currentStepIndex == 0)
    #expect(result.outcome.phase == .degraded)
    #expect(result.outcome.reason == "ProgressDeadlineExceeded")
    // The canary pod became available at 10 s (the last progress): 10 s + 600 s, seen 1 s later.
    #expect(result.outcome.at == SimInstant.zero + .seconds(611))
  }
}
