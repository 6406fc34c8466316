import Controller
import Diagnostics
import Manifests
import VirtualTime

/// Resolves a manifest `Rollout` into what the controller reads (`Controller.RolloutSpec`): defaults
/// applied, IntOrStrings and pause durations resolved, analysis blocks reduced to "has templates".
enum RolloutSpecBuilder {
  /// The controller's view of `rollout` running `template`; `validationError` carries the first
  /// controller validation error (the rollout then goes InvalidSpec).
  static func build(
    _ rollout: Manifests.Rollout, template: Controller.PodTemplate, namespace: String, validationError: String?
  ) -> Controller.RolloutSpec {
    let spec = rollout.spec
    let strategy: Controller.RolloutSpec.Strategy
    if let blueGreen = rollout.blueGreen {
      strategy = .blueGreen(
        Controller.BlueGreenStrategy(
          activeService: blueGreen.activeService?.value ?? "", previewService: blueGreen.previewService?.value,
          previewReplicaCount: blueGreen.previewReplicaCount?.value,
          autoPromotionEnabled: blueGreen.effectiveAutoPromotionEnabled,
          autoPromotionSeconds: blueGreen.effectiveAutoPromotionSeconds,
          scaleDownDelaySeconds: blueGreen.scaleDownDelaySeconds?.value,
          scaleDownDelayRevisionLimit: blueGreen.scaleDownDelayRevisionLimit?.value,
          abortScaleDownDelaySeconds: blueGreen.abortScaleDownDelaySeconds?.value,
          maxUnavailable: blueGreen.maxUnavailable.map { countOrPercent($0.value) },
          prePromotionAnalysis: !(blueGreen.prePromotionAnalysis?.templates.isEmpty ?? true),
          postPromotionAnalysis: !(blueGreen.postPromotionAnalysis?.templates.isEmpty ?? true)))
    } else {
      strategy = .canary(canary(rollout.canary ?? Manifests.CanaryStrategy(), stepsHash: rollout.stepsHash))
    }
    return Controller.RolloutSpec(
      name: rollout.name, namespace: namespace, replicas: spec.effectiveReplicas,
      minReadySeconds: spec.effectiveMinReadySeconds, progressDeadlineSeconds: spec.effectiveProgressDeadlineSeconds,
      progressDeadlineAbort: spec.abortsOnProgressDeadline, paused: spec.isPaused,
      revisionHistoryLimit: spec.effectiveRevisionHistoryLimit, rollbackWindowRevisions: spec.rollbackWindowRevisions?.value,
      successfulRunHistoryLimit: spec.effectiveSuccessfulRunHistoryLimit,
      unsuccessfulRunHistoryLimit: spec.effectiveUnsuccessfulRunHistoryLimit, template: template, strategy: strategy,
      validationError: validationError)
  }

  static func countOrPercent(_ value: IntOrString) -> CountOrPercent {
    switch value {
    case .int(let i): .count(i)
    case .string(let s): .percent(s)
    }
  }

  static func canary(_ c: Manifests.CanaryStrategy, stepsHash: String?) -> Controller.CanaryStrategy {
    let steps = c.steps.map(step)
    return Controller.CanaryStrategy(
      steps: steps, stepsHash: stepsHash, canaryService: c.canaryService?.value, stableService: c.stableService?.value,
      trafficRouting: c.trafficRouting.map(trafficRouting), maxSurge: c.maxSurge.map { countOrPercent($0.value) },
      maxUnavailable: c.maxUnavailable.map { countOrPercent($0.value) },
      scaleDownDelaySeconds: c.scaleDownDelaySeconds?.value,
      scaleDownDelayRevisionLimit: c.scaleDownDelayRevisionLimit?.value,
      abortScaleDownDelaySeconds: c.abortScaleDownDelaySeconds?.value, dynamicStableScale: c.usesDynamicStableScale,
      minPodsPerReplicaSet: c.minPodsPerReplicaSet?.value,
      replicaProgressThreshold: c.replicaProgressThreshold.flatMap { threshold in
        // utils/replicaset/canary.go ReplicaProgressThresholdMet: only "Percent" is a percentage; any
        // other type (the documented "Pods" included) counts available pods.
        threshold.value.map {
          Controller.ReplicaProgressThreshold(kind: threshold.type?.value == "Percent" ? .percent : .pods, value: $0.value)
        }
      },
      backgroundAnalysis: (c.analysis?.templates.isEmpty ?? true)
        ? nil : BackgroundAnalysis(startingStep: c.analysis?.startingStep?.value))
  }

  static func step(_ s: Manifests.CanaryStep) -> Controller.CanaryStep {
    var step = Controller.CanaryStep()
    step.setWeight = s.setWeight?.value
    if let pause = s.pause {
      let seconds = pause.durationSeconds.map { max(0, Int($0)) }
      step.pause = Controller.PauseStep(durationSeconds: seconds, durationText: pause.duration?.value.description)
    }
    step.analysis = !(s.analysis?.templates.isEmpty ?? true)
    if let scale = s.setCanaryScale {
      step.setCanaryScale = Controller.SetCanaryScale(
        replicas: scale.replicas?.value, weight: scale.weight?.value, matchTrafficWeight: scale.matchTrafficWeight)
    }
    if let header = s.setHeaderRoute {
      step.setHeaderRoute = HeaderRoute(name: header.name?.value ?? "", matches: header.match.map(\.headerName))
    }
    if let mirror = s.setMirrorRoute {
      step.setMirrorRoute = MirrorRoute(
        name: mirror.name?.value ?? "", percentage: mirror.percentage?.value ?? 100,
        matches: mirror.match.map { "\($0.method?.exact ?? "")\($0.path?.exact ?? $0.path?.prefix ?? "")" })
    }
    if let experiment = s.experiment {
      step.experiment = Controller.ExperimentStep(
        templates: experiment.templates.map {
          .init(
            name: $0.name?.value ?? "", usesCanarySpec: $0.specRef?.value != "stable", replicas: $0.replicas?.value ?? 1,
            weight: $0.weight?.value, createsService: $0.createsService, serviceName: $0.serviceName,
            labels: $0.metadata?.labels ?? [:], annotations: $0.metadata?.annotations ?? [:])
        },
        durationSeconds: experiment.duration.flatMap { try? GoDuration.parse($0.value) }.map { Int($0.seconds) },
        analyses: experiment.analyses.map { .init(name: $0.name?.value ?? "", requiredForCompletion: $0.requiredForCompletion) })
    }
    step.plugin = s.plugin?.name?.value
    return step
  }

  static func trafficRouting(_ t: Manifests.TrafficRouting) -> Controller.TrafficRouting {
    let router: Controller.TrafficRouting.Router
    if let istio = t.istio {
      router = .istio(
        IstioRouting(
          virtualServices: istio.allVirtualServices.map {
            .init(name: $0.name?.value ?? "", routes: $0.routes.map(\.value))
          },
          destinationRule: istio.destinationRule.map {
            .init(
              name: $0.name?.value ?? "", canarySubsetName: $0.canarySubsetName?.value ?? "canary",
              stableSubsetName: $0.stableSubsetName?.value ?? "stable")
          }))
    } else if let plugin = t.plugins.first(where: { $0.name.contains("openshift") }) {
      router = .openshiftRoutes(plugin.routes.map(\.value))
    } else {
      router = .other(t.routerNames.first ?? "unknown")
    }
    return Controller.TrafficRouting(
      router: router, managedRoutes: t.managedRoutes?.map(\.value) ?? [], maxTrafficWeight: t.maxTrafficWeight?.value)
  }
}
