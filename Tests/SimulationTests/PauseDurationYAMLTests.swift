import Controller
import Simulation
import Testing

/// Row 15 "5d" from YAML: Go's ParseDuration has no day unit, so the pause duration is invalid and
/// the controller marks the Rollout InvalidSpec (Degraded) instead of pausing five days.
@Suite struct PauseDurationYAMLTests {
  @Test func fiveDaysIsInvalidSpec() throws {
    let canary = """
      steps:
      - setWeight: 25
      - pause: {duration: 5d}
      """
    let result = try YAMLScenario.run(
      scenario: YAMLScenario.scenario(manifests: ["rollout.yaml"], spec: "pods: {readyAfter: 10s}\nhorizon: 10m"),
      files: ["rollout.yaml": YAMLScenario.canaryRollout(replicas: 4, canary: canary)])
    #expect(result.outcome.phase == .degraded)
    #expect(result.outcome.reason == "InvalidSpec")
    #expect(result.finalStatus.message.contains("Duration needs to be greater than 0"))
    #expect(!result.timeline.contains { $0.event == "RolloutStepCompleted" })
  }
}
