import Diagnostics

/// `ValidateRolloutStrategyCanary` and the step checks, with the controller's messages.
extension ValidationContext {
  mutating func validateCanary(_ canary: CanaryStrategy, rollout: Rollout) {
    // maxSurge and maxUnavailable both zero.
    if canary.effectiveMaxSurge.validationValue == 0 && canary.effectiveMaxUnavailable.validationValue == 0 {
      let at = canary.maxSurge?.location ?? canary.maxUnavailable?.location ?? canary.location
      error(
        "MaxSurge and MaxUnavailable both can not be zero", at: at,
        hint: "allow at least one extra or one missing pod, e.g. maxSurge: 1", rule: "max-surge-unavailable")
    }
    for (value, field) in [(canary.maxSurge, "maxSurge"), (canary.maxUnavailable, "maxUnavailable")] {
      if let value, case .string(let s) = value.value, (try? value.value.scaledValue(total: 100, roundUp: true)) == nil {
        error(
          "invalid value for IntOrString: invalid value \"\(s)\"", at: value,
          hint: "\(field) is a number of pods (1) or a percentage (\"25%\")", rule: "max-surge-unavailable")
      }
    }
    if let canaryService = canary.canaryService, let stable = canary.stableService, !canaryService.value.isEmpty,
      canaryService.value == stable.value
    {
      error(
        "This rollout uses the same service for the stable and canary services, but two different services are required.",
        at: stable, rule: "duplicate-services")
    }
    let trafficRouting = canary.trafficRouting
    if let pingPong = canary.pingPong {
      if let tr = trafficRouting, tr.alb == nil, tr.istio == nil, tr.plugins.isEmpty {
        error("Ping-pong feature works with the ALB, Istio, and plugin-based traffic routers only", at: pingPong.location, rule: "ping-pong")
      }
      let ping = pingPong.pingService?.value ?? "", pong = pingPong.pongService?.value ?? ""
      if ping.isEmpty || pong.isEmpty {
        error("Ping service and Pong service must to be set to use Ping-Pong feature", at: pingPong.location, rule: "ping-pong")
      }
      if ping == pong {
        error(
          "This rollout uses the same service for the ping and pong services, but two different services are required.",
          at: pingPong.location, rule: "ping-pong")
      }
      if trafficRouting?.alb != nil, (trafficRouting?.albRootService?.value ?? "").isEmpty {
        error("Root service field is required for the configuration with ALB and ping-pong feature enabled", at: pingPong.location, rule: "ping-pong")
      }
    }
    if requiresCanaryStableServices(canary) {
      for (service, field) in [(canary.stableService, "stableService"), (canary.canaryService, "canaryService")]
      where (service?.value ?? "").isEmpty {
        error(
          "Canary service and Stable service must to be set to use Traffic Routing",
          at: service?.location ?? trafficRouting?.location ?? canary.location,
          hint: "set \(field) to the Service the router sends \(field == "stableService" ? "stable" : "canary") traffic to",
          rule: "traffic-routing")
      }
    }
    if let trafficRouting {
      if let delay = canary.scaleDownDelaySeconds, let dynamic = canary.dynamicStableScale, dynamic.value {
        _ = delay
        error("Canary dynamicStableScale cannot be used with scaleDownDelaySeconds", at: dynamic, rule: "dynamic-stable-scale")
      }
      if let max = trafficRouting.maxTrafficWeight, !trafficRouting.usesNginx, trafficRouting.plugins.isEmpty {
        error("Canary maxTrafficWeight in traffic routing only supported in Nginx and Plugins", at: max, rule: "traffic-routing")
      }
    } else {
      if let delay = canary.scaleDownDelaySeconds {
        error("Canary scaleDownDelaySeconds can only be used with traffic routing", at: delay, rule: "scale-down-delay")
      }
      if let dynamic = canary.dynamicStableScale, dynamic.value {
        error("Canary dynamicStableScale can only be used with traffic routing", at: dynamic, rule: "dynamic-stable-scale")
      }
    }
    let maxWeight = trafficRouting?.maxWeight ?? 100
    for (index, step) in canary.steps.enumerated() {
      validateStep(step, index: index, canary: canary, maxWeight: maxWeight, rollout: rollout)
    }
    validateAntiAffinity(canary.antiAffinity)
  }

  /// `requireCanaryStableServices`.
  func requiresCanaryStableServices(_ canary: CanaryStrategy) -> Bool {
    guard let tr = canary.trafficRouting else { return false }
    if tr.alb != nil && canary.pingPong == nil { return true }
    if let istio = tr.istio, istio.destinationRule == nil, canary.pingPong == nil { return true }
    return tr.smi != nil || tr.apisix != nil || tr.ambassador != nil || tr.nginx != nil || tr.appMesh != nil
      || tr.traefik != nil
  }

  private mutating func validateStep(
    _ step: CanaryStep, index: Int, canary: CanaryStrategy, maxWeight: Int, rollout: Rollout
  ) {
    let stepPath = YAMLPath.step(index)
    let stepNode = rollout.node.value(at: stepPath)
    let exclusive = [step.setWeight != nil, step.pause != nil, step.experiment != nil, step.analysis != nil]
    if exclusive.filter({ $0 }).count > 1 {
      error(
        "Step must have one of the following set: experiment, setWeight, setCanaryScale, plugin or pause",
        at: step.location, hint: "write one kind per list item: start a new `- ` for each step", rule: "step-type")
    }
    if step.kind == .empty {
      var hint = "a step is one of: setWeight, pause, analysis, experiment, setCanaryScale, setHeaderRoute, setMirrorRoute, plugin"
      if let pause = stepNode?.entry("pause"), pause.value.isNull {
        hint = "a bare `pause:` is null, which Kubernetes drops: write `pause: {}` to pause until promoted"
      }
      error(
        "Step must have one of the following set: experiment, setWeight, setCanaryScale, plugin or pause",
        at: step.location, hint: hint, rule: "step-type")
    }
    if let weight = step.setWeight, weight.value < 0 || weight.value > maxWeight {
      error("SetWeight needs to be between 0 and \(maxWeight)", at: weight, rule: "set-weight")
    }
    if let pause = step.pause, let duration = pause.duration, let seconds = pause.durationSeconds, seconds < 0 {
      error(
        "Duration needs to be greater than 0", at: duration,
        hint: PauseDuration.problem(duration.value)?.hint ?? "write a Go duration such as 30s, 5m or 120h",
        rule: "pause-duration")
    }
    let tr = canary.trafficRouting
    if let scale = step.setCanaryScale, tr == nil {
      error(
        "SetCanaryScale requires TrafficRouting to be set", at: scale.location,
        hint: "without a traffic router the canary's share is its share of pods: use setWeight", rule: "set-canary-scale")
    }
    if let header = step.setHeaderRoute {
      if tr == nil || (tr?.istio == nil && tr?.alb == nil && tr?.apisix == nil && (tr?.plugins.isEmpty ?? true)) {
        error("SetHeaderRoute requires TrafficRouting, supports Istio and ALB and Apisix", at: header.location, rule: "header-route")
      } else {
        for match in header.match {
          if tr?.alb != nil {
            if match.headerValue == nil {
              error("StringMatch value missed, match value must have one of the following: exact, regex, prefix", at: match.location, rule: "header-route")
            } else if let v = match.headerValue, (v.exact ?? "").isEmpty || !(v.regex ?? "").isEmpty || !(v.prefix ?? "").isEmpty {
              error("SetHeaderRoute match value invalid. ALB supports 'exact' value only", at: match.location, rule: "header-route")
            }
          } else {
            validateStringMatch(match.headerValue, at: match.location, rule: "header-route")
          }
        }
      }
    }
    if let mirror = step.setMirrorRoute {
      if tr == nil || (tr?.istio == nil && (tr?.plugins.isEmpty ?? true)) {
        error("SetMirrorRoute requires TrafficRouting, supports Istio and Plugins", at: mirror.location, rule: "mirror-route")
      }
      for match in mirror.match {
        if let method = match.method { validateStringMatch(method, at: match.location, rule: "mirror-route") }
        if let path = match.path { validateStringMatch(path, at: match.location, rule: "mirror-route") }
      }
    }
    if let tr, step.setHeaderRoute != nil || step.setMirrorRoute != nil {
      if let managed = tr.managedRoutes {
        for (name, location) in [(step.setHeaderRoute?.name, step.setHeaderRoute?.location), (step.setMirrorRoute?.name, step.setMirrorRoute?.location)] {
          guard let location else { continue }
          let routeName = name?.value ?? ""
          if !managed.contains(where: { $0.value == routeName }) {
            error(
              "Steps define a route that does not exist in spec.strategy.canary.trafficRouting.managedRoutes",
              at: name?.location ?? location, hint: "add `- name: \(routeName)` under trafficRouting.managedRoutes",
              rule: "managed-routes")
          }
        }
      } else {
        error(
          "Rollout has missing field 'spec.strategy.canary.trafficRouting.managedRoutes'", at: tr.location,
          hint: "header and mirror routes must be listed under trafficRouting.managedRoutes", rule: "managed-routes")
      }
    }
    if let experiment = step.experiment {
      for template in experiment.templates {
        if let specRef = template.specRef, specRef.value != "canary", specRef.value != "stable" {
          error(
            "Invalid template step SpecRef: must be canary or stable", at: specRef,
            hint: "the experiment copies the canary or the stable pod template", rule: "experiment-spec")
        }
        guard let weight = template.weight else { continue }
        if tr == nil {
          error("Experiment template weight cannot be set unless TrafficRouting is enabled", at: weight, rule: "experiment-weight")
        } else if let tr, tr.alb == nil, tr.smi == nil, tr.istio == nil, tr.plugins.isEmpty {
          error(
            "Experiment template weight is only available for TrafficRouting with SMI, ALB, Istio and Plugins at this time",
            at: weight, rule: "experiment-weight")
        }
      }
      if let duration = experiment.duration, !duration.value.isEmpty, let problem = MetricDuration.problem(duration.value) {
        error(problem.goError ?? "invalid duration", at: duration, hint: problem.hint, rule: "experiment-duration")
      }
    }
    // Analysis / experiment args that read Rollout metadata must name a field the downward API knows.
    let args = (step.analysis?.args ?? []) + (step.experiment?.analyses.flatMap(\.args) ?? [])
    for arg in args {
      guard case .fieldRef(let path) = arg.valueFrom, path.value.hasPrefix("metadata") else { continue }
      if FieldRefPath.extractMetadata(path.value, from: rollout) == nil {
        error(
          "Analyses arguments must refer to valid object metadata supported by downwardAPI", at: path,
          hint: "use metadata.name, metadata.namespace, metadata.uid, metadata.labels['KEY'] or metadata.annotations['KEY']",
          rule: "analysis-args")
      }
    }
  }

  private mutating func validateStringMatch(_ match: StringMatch?, at location: SourceLocation, rule: String) {
    guard let match else {
      error("StringMatch value missed, match value must have one of the following: exact, regex, prefix", at: location, rule: rule)
      return
    }
    let set = [match.exact, match.regex, match.prefix].filter { !($0 ?? "").isEmpty }.count
    if set > 1 {
      error("StringMatch match value must have exactly one of the following: exact, regex, prefix", at: location, rule: rule)
    } else if set == 0 {
      error("StringMatch value missed, match value must have one of the following: exact, regex, prefix", at: location, rule: rule)
    }
  }
}
