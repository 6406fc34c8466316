import Controller
import Diagnostics
import Manifests
import VirtualTime
import Workload

extension ScenarioLoader {
  /// The pod template of each scenario revision. The manifest's template is the `canary` (the update
  /// applied at t = 0); the others are the same template marked with their name, so each gets its own
  /// `rollouts-pod-template-hash`.
  public static func templates(for scenario: Scenario) -> [String: Controller.PodTemplate] {
    let node = scenario.rollout.spec.template?.node ?? .mapping([])
    var templates: [String: Controller.PodTemplate] = [:]
    for name in scenario.revisionNames {
      let hash: String
      if name == "canary" {
        hash = PodTemplateHash.compute(node)
      } else {
        hash = PodTemplateHash.compute(.mapping(["template": node, "rollout-sim/revision": .string(name)]))
      }
      templates[name] = Controller.PodTemplate(hash: hash, revisionName: name)
    }
    return templates
  }

  /// The first validation error of the scenario's Rollout, worded as Argo's InvalidSpec message.
  public static func validationError(for scenario: Scenario) -> String? {
    let range = rolloutLineRange(scenario.rollout, in: scenario.manifests)
    let file = scenario.rollout.location.file
    let errors = Validator.validate(scenario.manifests).filter {
      $0.severity == .error && $0.location?.file == file && range.contains($0.location?.line ?? -1)
    }
    guard let first = errors.first else { return nil }
    // Argo reports field errors with their path; pause durations are the common case.
    if first.rule == "pause-duration", let index = scenario.rollout.canary?.steps.firstIndex(where: {
      $0.pause?.duration?.location == first.location
    }) {
      return "spec.strategy.canary.steps[\(index)].pause.duration: Invalid value: -1: \(first.message)"
    }
    return first.message
  }

  /// Everything a run needs, resolved from the scenario. `seed` and `horizon` override the scenario's.
  public static func setup(for scenario: Scenario, seed: UInt64? = nil, horizon: SimDuration? = nil) -> SimulationSetup {
    let templates = templates(for: scenario)
    let canary = templates["canary"]!
    let stable = templates["stable"]!
    let spec = RolloutSpecBuilder.build(
      scenario.rollout, template: canary, namespace: scenario.namespace, validationError: validationError(for: scenario))
    var services = Set(scenario.manifests.services.map(\.name))
    switch spec.strategy {
    case .canary(let c):
      if let s = c.canaryService { services.insert(s) }
      if let s = c.stableService { services.insert(s) }
    case .blueGreen(let b):
      services.insert(b.activeService)
      if let s = b.previewService { services.insert(s) }
    }
    var topology = TrafficTopology(
      namespace: scenario.namespace, rolloutName: scenario.rollout.name,
      podLabels: scenario.rollout.spec.template?.labels ?? [:], tests: scenario.tests)
    if let routing = scenario.rollout.canary?.trafficRouting {
      if let ruleName = routing.istio?.destinationRule?.name?.value,
        let rule = scenario.manifests.destinationRules.first(where: { $0.name == ruleName }),
        let host = rule.host?.value
      {
        topology.istioSubsetHost = String(host.split(separator: ".").first ?? Substring(host))
      }
      topology.openshiftRoutes = routing.plugins.first { $0.name.contains("openshift") }?.routes.map(\.value) ?? []
    }
    for route in scenario.manifests.routes {
      if let service = route.to?.name?.value, topology.routesByService[service] == nil {
        topology.routesByService[service] = route.name
      }
    }
    if scenario.rollout.canary?.trafficRouting == nil {
      topology.userService = scenario.rollout.canary?.stableService?.value ?? scenario.manifests.services.first?.name
    }
    return SimulationSetup(
      rollout: spec, stableTemplate: stable, templates: templates, services: services.sorted(),
      podStartup: scenario.podStartup, defaultPodStartup: scenario.defaultPodStartup, actions: scenario.actions,
      horizon: horizon ?? scenario.horizon, seed: seed ?? scenario.seed, workload: scenario.workload,
      topology: topology)
  }
}
