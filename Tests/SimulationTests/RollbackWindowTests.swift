import Controller
import Simulation
import Testing
import VirtualTime

/// §3.10 rollbackWindow against rollout/canary.go `syncRolloutStatusCanary` and rollout/sync.go
/// `isRollbackWithinWindow`: going back to an older ReplicaSet that is still active skips the steps.
@Suite struct RollbackWindowTests {
  static let v1 = ControllerScenarioTests.v1
  static let v2 = ControllerScenarioTests.v2

  static func rollout(window: Int?) -> RolloutSpec {
    let routing = TrafficRouting(router: .istio(IstioRouting(virtualServices: [.init(name: "vs")])))
    var spec = ControllerScenarioTests.rollout(
      steps: [.weight(50), .pause(seconds: 30)], routing: routing, canaryService: "canary", stableService: "stable")
    spec.rollbackWindowRevisions = window
    return spec
  }

  static func stepCompletions(_ result: SimulationResult, from t: SimInstant) -> Int {
    result.timeline.filter { $0.event == "RolloutStepCompleted" && $0.t >= t }.count
  }

  // MARK: One reconcile

  /// Go's `replicasetutil.IsActive` is `FilterActiveReplicaSets`: spec replicas > 0. A v1 ReplicaSet
  /// still scaled to 4 whose pods are not available is active, so the rollback to it skips the steps.
  @Test func activeMeansSpecReplicasNotAvailableReplicas() {
    var spec = Self.rollout(window: 1)
    spec.template = Self.v1
    var status = RolloutStatus()
    status.currentPodHash = Self.v2.hash
    status.stableRS = Self.v2.hash
    status.currentStepHash = spec.canary?.stepsHash ?? ""
    status.currentStepIndex = 2
    status.revision = 2
    status.observedGeneration = spec.generation
    let cluster = ClusterState(replicaSets: [
      ReplicaSetState(
        name: "demo-\(Self.v1.hash)", podTemplateHash: Self.v1.hash, revision: 1, revisionName: Self.v1.revisionName,
        creationIndex: 1, createdAt: .zero, specReplicas: 4, replicas: 4),
      ReplicaSetState(
        name: "demo-\(Self.v2.hash)", podTemplateHash: Self.v2.hash, revision: 2, revisionName: Self.v2.revisionName,
        creationIndex: 2, createdAt: .zero + .minutes(1), specReplicas: 4, replicas: 4, readyReplicas: 4,
        availableReplicas: 4),
    ])
    let outcome = RolloutController.reconcile(spec: spec, status: status, cluster: cluster, now: .zero + .minutes(5))
    #expect(outcome.events.contains { $0.reason == "SkipSteps" && $0.message.contains("RollbackWindow") })
    #expect(outcome.status.currentStepIndex == 2)
    #expect(outcome.status.currentPodHash == Self.v1.hash)
  }

  // MARK: Through the simulation

  /// v2 is promoted at 50 s (canary 10 s, pause 30 s, full scale 10 s); traffic routing keeps v1 at 4
  /// pods for scaleDownDelaySeconds (30 s). Undo at 60 s, inside the window: the steps are skipped
  /// and v1 is stable again without any step completing.
  @Test func undoWithinTheWindowSkipsTheSteps() {
    let result = ControllerScenarioTests.run(
      Self.rollout(window: 1), services: ["canary", "stable"], actions: [.init(at: .seconds(60), command: .undo)])
    let undoAt = SimInstant.zero + .seconds(60)
    #expect(result.outcome.promotedAt == .zero + .seconds(50))
    #expect(
      result.timeline.first { $0.event == "SkipSteps" }?.message
        == "Rollback to active ReplicaSets within RollbackWindow")
    #expect(result.timeline.first { $0.event == "SkipSteps" }?.t == undoAt)
    #expect(Self.stepCompletions(result, from: undoAt) == 0)
    #expect(result.finalStatus.stableRS == Self.v1.hash)
    #expect(result.outcome.phase == .healthy)
  }

  /// The same undo without a rollbackWindow runs the steps again.
  @Test func undoWithoutAWindowRunsTheSteps() {
    let result = ControllerScenarioTests.run(
      Self.rollout(window: nil), services: ["canary", "stable"], actions: [.init(at: .seconds(60), command: .undo)])
    #expect(!result.timeline.contains { $0.event == "SkipSteps" })
    #expect(Self.stepCompletions(result, from: .zero + .seconds(60)) == 2)
    #expect(result.finalStatus.stableRS == Self.v1.hash)
  }

  /// Undo after v1 was scaled to 0 (promotion + 30 s): v1 is no longer active, so the reconcile that
  /// sees the template change starts over at step 0 (v1 scaled to 2 for setWeight 50). The window
  /// test itself ignores activity, though: the next reconcile (`PromoteFull || isRollbackWithinWindow`)
  /// jumps to the end and v1 is promoted once its 4 pods are available, with no step completed.
  @Test func undoOfAScaledDownReplicaSetIsStillPromotedByTheWindow() {
    let result = ControllerScenarioTests.run(
      Self.rollout(window: 1), services: ["canary", "stable"], actions: [.init(at: .minutes(3), command: .undo)])
    let undoAt = SimInstant.zero + .minutes(3)
    #expect(!result.timeline.contains { $0.event == "SkipSteps" })
    let scaling = result.timeline.filter { $0.event == "ScalingReplicaSet" && $0.t == undoAt }.map(\.message)
    #expect(scaling == ["Scaled up ReplicaSet demo-v1hash (revision 3) from 0 to 2", "Scaled up ReplicaSet demo-v1hash (revision 3) from 2 to 4"])
    #expect(Self.stepCompletions(result, from: undoAt) == 0)
    let completed = result.timeline.last { $0.event == "RolloutCompleted" }
    #expect(completed?.t == undoAt + .seconds(10))
    #expect(completed?.message.hasSuffix("Rollback within window") == true)
  }
}
