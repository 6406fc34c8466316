import Controller
import Simulation
import Testing
import VirtualTime

/// Experiment templates with a `weight` under a traffic router (rollout/trafficrouting.go
/// `calculateWeightDestinationsFromExperiment`, istio.go `processRoutes`). Pods take 10 s: the canary
/// of setWeight 10 is available at 10 s, the experiment is created then, its pods are available and
/// it runs from 20 s; its 600 s end at 620 s.
@Suite struct ExperimentWeightTests {
  static let experimentName = "demo-v2hash-2-1"

  static func spec(
    templates: [ExperimentStep.Template] = [
      .init(name: "baseline", usesCanarySpec: false, weight: 5), .init(name: "canary", usesCanarySpec: true, weight: 5),
    ],
    routing: TrafficRouting = TrafficRoutedScalingTests.istio
  ) -> RolloutSpec {
    TrafficRoutedScalingTests.spec(
      steps: [.weight(10), CanaryStep(experiment: ExperimentStep(templates: templates, durationSeconds: 600)), .weight(50)],
      routing: routing)
  }

  static func run(_ spec: RolloutSpec) -> SimulationResult {
    ControllerScenarioTests.run(spec, services: ["canary", "stable"])
  }

  static func at(_ seconds: Int64) -> SimInstant { SimInstant.zero + .seconds(seconds) }

  /// The last timeline weights at or before `t`, as [canary, stable].
  static func weights(_ result: SimulationResult, at t: SimInstant) -> [Int]? {
    result.timeline.last { $0.t <= t }.map { [$0.weights.canary, $0.weights.stable] }
  }

  /// While the experiment runs the router carries one destination per weighted template, and the
  /// stable share shrinks by their sum (100 − 10 − 5 − 5); when it ends they go away in the same
  /// reconcile and the stable gets them back.
  @Test func theRouterCarriesTheTemplateWeightsWhileTheExperimentRuns() {
    let result = Self.run(Self.spec())
    #expect(Self.weights(result, at: Self.at(19)) == [10, 90])
    #expect(Self.weights(result, at: Self.at(20)) == [10, 80])
    #expect(Self.weights(result, at: Self.at(619)) == [10, 80])
    #expect(Self.weights(result, at: Self.at(620)) == [10, 90])
    #expect(Self.weights(result, at: Self.at(630)) == [50, 50])
    #expect(result.outcome.phase == .healthy)
    #expect(result.finalStatus.canary.weights?.additional == [])
  }

  /// Go's event names the destinations with %v (`{weight service hash}`) when they change: the
  /// baseline copies the stable pod template (its hash), the canary template the canary's; each
  /// Service is named after the template's ReplicaSet `<experiment>-<template>`.
  @Test func theWeightUpdateEventListsTheDestinations() {
    let result = Self.run(Self.spec())
    let name = Self.experimentName
    let added = result.timeline.first { $0.event == "TrafficWeightUpdated" && $0.t == Self.at(20) }
    #expect(
      added?.message
        == "Traffic weight updated additional: [{5 \(name)-baseline v1hash} {5 \(name)-canary v2hash}]")
    let removed = result.timeline.first { $0.event == "TrafficWeightUpdated" && $0.t == Self.at(620) }
    #expect(removed?.message == "Traffic weight updated additional: []")
  }

  /// Only templates with a weight get a destination; `service.name` names the Service.
  @Test func onlyWeightedTemplatesGetADestination() {
    let result = Self.run(
      Self.spec(templates: [
        .init(name: "baseline", usesCanarySpec: false), .init(name: "canary", usesCanarySpec: true, weight: 20, serviceName: "exp"),
      ]))
    #expect(Self.weights(result, at: Self.at(300)) == [10, 70])
    #expect(result.timeline.contains { $0.message == "Traffic weight updated additional: [{20 exp v2hash}]" })
  }

  /// The stable destination never goes below 0 (Istio rejects negative weights), while the status
  /// keeps Go's unclamped arithmetic.
  @Test func theStableWeightIsClampedAtZero() {
    let result = Self.run(
      Self.spec(templates: [.init(name: "a", usesCanarySpec: true, weight: 60), .init(name: "b", usesCanarySpec: false, weight: 40)]))
    #expect(Self.weights(result, at: Self.at(300)) == [10, 0])
  }

  /// An abort takes the destinations away with the canary weight.
  @Test func anAbortRemovesTheDestinations() {
    let result = ControllerScenarioTests.run(
      Self.spec(), services: ["canary", "stable"], actions: [.init(at: .seconds(100), command: .abort)])
    #expect(Self.weights(result, at: Self.at(100)) == [0, 100])
    #expect(result.finalStatus.canary.weights?.additional == [])
  }

  /// Istio subset split: the experiment's destinations are added by host (their Services) all the same.
  @Test func withADestinationRuleTheSubsetsChange() {
    let routing = TrafficRouting(
      router: .istio(
        IstioRouting(
          virtualServices: [.init(name: "vs")],
          destinationRule: .init(name: "dr", canarySubsetName: "canary", stableSubsetName: "stable"))))
    let result = Self.run(Self.spec(routing: routing))
    #expect(Self.weights(result, at: Self.at(20)) == [10, 80])
    #expect(Self.weights(result, at: Self.at(620)) == [10, 90])
  }

  /// The OpenShift Route plugin's SetWeight writes only `to` (100 − w) and the canary backend: the
  /// experiment's destinations reach the status, Go's arithmetic included, but not the Route.
  @Test func theOpenShiftPluginIgnoresTheDestinations() {
    let result = Self.run(Self.spec(routing: TrafficRouting(router: .openshiftRoutes(["route"]))))
    #expect(Self.weights(result, at: Self.at(300)) == [10, 90])
    #expect(result.timeline.contains { $0.message.hasPrefix("Traffic weight updated additional: [{5 ") })
  }

  /// Template metadata changes the pod template, so its pods get their own hash.
  @Test func templateLabelsGiveTheTemplateItsOwnHash() {
    let request = ExperimentRequest(
      name: "x", stepIndex: 1, podTemplateHash: "v2hash", stableHash: "v1hash",
      step: ExperimentStep(
        templates: [
          .init(name: "plain", usesCanarySpec: true, weight: 5),
          .init(name: "labelled", usesCanarySpec: true, weight: 5, labels: ["role": "exp"]),
        ], durationSeconds: nil))
    let statuses = request.templateStatuses
    #expect(statuses[0].podTemplateHash == "v2hash")
    #expect(statuses[1].podTemplateHash != "v2hash")
    #expect(statuses[1].serviceName == "x-labelled")
  }
}
