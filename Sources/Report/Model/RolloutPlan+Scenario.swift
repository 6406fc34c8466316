import Controller
import Foundation
import Manifests
import Simulation

extension RolloutPlan {
  /// The plan of a loaded scenario: steps from the resolved spec, metrics from the analysis templates
  /// the rollout references, with argument values substituted where the rollout or template gives them.
  public init(scenario: Scenario, setup: SimulationSetup) {
    let spec = setup.rollout
    var steps: [PlanStep] = []
    var router: String?
    var scaleDown: Int?
    var abortScaleDown: Int?
    var autoPromotion = true
    var autoPromotionSeconds = 0
    var services: [String?] = [nil, nil, nil, nil]
    switch spec.strategy {
    case .canary(let canary):
      steps = canary.steps.map(PlanStep.init(step:))
      router = canary.trafficRouting.map(Self.routerName)
      scaleDown = canary.scaleDownDelaySeconds
      abortScaleDown = canary.abortScaleDownDelaySeconds
      services = [canary.canaryService, canary.stableService, nil, nil]
    case .blueGreen(let blueGreen):
      scaleDown = blueGreen.scaleDownDelaySeconds
      abortScaleDown = blueGreen.abortScaleDownDelaySeconds
      autoPromotion = blueGreen.autoPromotionEnabled
      autoPromotionSeconds = blueGreen.autoPromotionSeconds
      services = [nil, nil, blueGreen.activeService, blueGreen.previewService]
    }
    self.init(
      namespace: scenario.namespace, replicas: spec.replicas, strategy: spec.blueGreen != nil ? "blueGreen" : "canary",
      trafficRouter: router, steps: steps, analyses: Self.analyses(scenario), scaleDownDelaySeconds: scaleDown,
      abortScaleDownDelaySeconds: abortScaleDown, autoPromotionEnabled: autoPromotion,
      autoPromotionSeconds: autoPromotionSeconds, canaryService: services[0], stableService: services[1],
      activeService: services[2], previewService: services[3])
  }

  static func routerName(_ routing: Controller.TrafficRouting) -> String {
    switch routing.router {
    case .istio: "istio"
    case .openshiftRoutes: "openshift"
    case .other(let name): name
    }
  }

  static func analyses(_ scenario: Scenario) -> [PlanAnalysis] {
    let rollout = scenario.rollout
    var blocks: [(String, Int?, Manifests.RolloutAnalysis)] = []
    if let canary = rollout.canary {
      if let background = canary.analysis { blocks.append(("Background", nil, background)) }
      for (index, step) in canary.steps.enumerated() {
        if let analysis = step.analysis { blocks.append(("Step", index, analysis)) }
      }
    }
    if let blueGreen = rollout.blueGreen {
      if let pre = blueGreen.prePromotionAnalysis { blocks.append(("PrePromotion", nil, pre)) }
      if let post = blueGreen.postPromotionAnalysis { blocks.append(("PostPromotion", nil, post)) }
    }
    return blocks.compactMap { kind, step, block in
      guard !block.templates.isEmpty else { return nil }
      let resolved = AnalysisRunFactory.resolveTemplates(block.templates, in: scenario.manifests, namespace: scenario.namespace)
      let all = resolved.templates + resolved.clusterTemplates
      let args = argumentValues(block: block, templates: all, namespace: scenario.namespace, rollout: rollout)
      let dryRun = (block.dryRun + all.flatMap(\.spec.dryRun)).map(\.value)
      var seen = Set<String>()
      let metrics = all.flatMap(\.spec.metrics).filter { seen.insert($0.nameValue).inserted }.map { metric in
        PlanMetric(metric: metric, args: args, dryRun: dryRun)
      }
      return PlanAnalysis(
        kind: kind, step: step, startingStep: kind == "Background" ? block.startingStep?.value : nil,
        templates: all.map(\.name), metrics: metrics)
    }
  }

  /// Values known before the run: literal values from the rollout and the templates, and the
  /// namespace / name field references. Hashes and secrets are left as `{{args.x}}`.
  static func argumentValues(
    block: Manifests.RolloutAnalysis, templates: [AnalysisTemplate], namespace: String, rollout: Rollout
  ) -> [ArgSubstitution.Value] {
    var values: [String: String] = [:]
    for template in templates {
      for arg in template.spec.args {
        if let value = arg.value?.value { values[arg.nameValue] = value }
      }
    }
    for arg in block.args {
      guard let name = arg.name?.value else { continue }
      if let value = arg.value?.value {
        values[name] = value
      } else if case .fieldRef(let path) = arg.valueFrom {
        if path.value == "metadata.namespace" { values[name] = namespace }
        if path.value == "metadata.name" { values[name] = rollout.name }
      }
    }
    return values.keys.sorted().map { ArgSubstitution.Value(name: $0, value: values[$0]) }
  }
}

extension PlanStep {
  init(step: Controller.CanaryStep) {
    let kind: String
    if step.setWeight != nil {
      kind = "setWeight"
    } else if step.pause != nil {
      kind = "pause"
    } else if step.experiment != nil {
      kind = "experiment"
    } else if step.analysis {
      kind = "analysis"
    } else if step.setCanaryScale != nil {
      kind = "setCanaryScale"
    } else if step.plugin != nil {
      kind = "plugin"
    } else if step.setHeaderRoute != nil {
      kind = "setHeaderRoute"
    } else if step.setMirrorRoute != nil {
      kind = "setMirrorRoute"
    } else {
      kind = "invalid"
    }
    self.init(kind: kind, text: step.description, weight: step.setWeight, pauseSeconds: step.pause?.durationSeconds)
  }
}

extension PlanMetric {
  init(metric: Manifests.Metric, args: [ArgSubstitution.Value], dryRun: [String]) {
    func text(_ value: String?) -> String? {
      guard let value else { return nil }
      let substituted = (try? ArgSubstitution.substitute(value, args: args)) ?? value
      return substituted.trimmingCharacters(in: .whitespacesAndNewlines)
    }
    let name = metric.nameValue
    let isDryRun = dryRun.contains { pattern in
      guard let regex = try? NSRegularExpression(pattern: pattern) else { return false }
      return regex.firstMatch(in: name, range: NSRange(name.startIndex..., in: name)) != nil
    }
    self.init(
      name: name, provider: metric.provider.names.first ?? "none",
      query: text(metric.provider.prometheus?.query?.value), interval: text(metric.interval?.value),
      initialDelay: text(metric.initialDelay?.value), count: metric.count.map { $0.value.intValue },
      successCondition: text(metric.successCondition?.value), failureCondition: text(metric.failureCondition?.value),
      failureLimit: metric.failureLimitValue, inconclusiveLimit: metric.inconclusiveLimitValue,
      consecutiveErrorLimit: metric.consecutiveErrorLimitValue,
      consecutiveSuccessLimit: metric.consecutiveSuccessLimitValue, dryRun: isDryRun)
  }
}
