import Diagnostics

/// `ValidateRolloutSpec` (pkg/apis/rollouts/validation/validation.go): the checks that make the
/// controller mark a Rollout InvalidSpec, with its messages.
extension ValidationContext {
  static let missingFieldMessage = "Rollout has missing field '%@'"

  mutating func validateRollout(_ rollout: Rollout) {
    let spec = rollout.spec
    let specNode = rollout.node["spec"] ?? rollout.node
    // Fields missing from spec are reported at the `spec:` key.
    let specKey = rollout.node.entry("spec")?.keyLocation ?? rollout.location

    if let replicas = spec.replicas, replicas.value < 0 {
      error("spec.replicas: must be greater than or equal to 0", at: replicas, rule: "rollout-spec")
    }
    if spec.workloadRef == nil {
      if let selector = spec.selector {
        if selector.isEmpty {
          error("empty selector is invalid for deployment", at: selector.location, rule: "rollout-spec")
        }
      } else if rollout.node["spec"] != nil {
        error(
          "Rollout has missing field '.spec.selector'", at: specKey,
          hint: "add selector.matchLabels matching the pod template's labels", rule: "rollout-spec")
      }
    } else if let template = spec.template, !template.labels.isEmpty || !template.annotations.isEmpty {
      error(
        "template must be empty for workload reference rollout", at: template.location,
        hint: "remove spec.template: the pod template comes from the referenced workload", rule: "rollout-spec")
    }

    // The pod template: inline, or the referenced Deployment's when it is in the set.
    if let ref = spec.workloadRef {
      validateWorkloadRef(ref, rollout: rollout)
    } else if rollout.node["spec"] != nil {
      validatePodTemplate(
        spec.template, selector: spec.selector, path: "spec.template",
        owner: YAMLNode(specNode.content, at: specKey), forReplicaSet: true)
    }

    for (value, name) in [(spec.minReadySeconds, "minReadySeconds"), (spec.revisionHistoryLimit, "revisionHistoryLimit"),
      (spec.progressDeadlineSeconds, "progressDeadlineSeconds")] {
      if let value, value.value < 0 {
        error("spec.\(name): must be greater than or equal to 0", at: value, rule: "rollout-spec")
      }
    }
    if spec.effectiveProgressDeadlineSeconds <= spec.effectiveMinReadySeconds {
      let at = spec.progressDeadlineSeconds?.location ?? spec.minReadySeconds?.location ?? specNode.location
      error(
        "spec.progressDeadlineSeconds: Invalid value: \(spec.effectiveProgressDeadlineSeconds): must be greater than minReadySeconds",
        at: at, rule: "rollout-spec")
    }

    let strategy = spec.strategy
    switch (strategy.canary, strategy.blueGreen) {
    case (nil, nil):
      if rollout.node["spec"] != nil {
        error(
          "Rollout has missing field '.spec.strategy.canary or .spec.strategy.blueGreen'",
          at: (specNode["strategy"] ?? specNode).location, rule: "rollout-spec")
      }
    case (.some, .some):
      error("Multiple Strategies can not be listed", at: strategy.location, rule: "rollout-spec")
    case (.some(let canary), nil):
      validateCanary(canary, rollout: rollout)
    case (nil, .some(let blueGreen)):
      validateBlueGreen(blueGreen, rollout: rollout)
    }
    validateRolloutReferences(rollout)
  }

  // MARK: Blue-green

  mutating func validateBlueGreen(_ blueGreen: BlueGreenStrategy, rollout: Rollout) {
    if let active = blueGreen.activeService, active.value == (blueGreen.previewService?.value ?? "") {
      error(
        "This rollout uses the same service for the active and preview services, but two different services are required.",
        at: active, rule: "duplicate-services")
    }
    if let limit = blueGreen.scaleDownDelayRevisionLimit, rollout.spec.effectiveRevisionHistoryLimit < limit.value {
      error(
        "This rollout's revision history limit can not be smaller than the rollout's scale down limit", at: limit,
        rule: "rollout-spec")
    }
    validateAntiAffinity(blueGreen.antiAffinity)
  }

  // MARK: Anti-affinity

  mutating func validateAntiAffinity(_ node: YAMLNode?) {
    guard let node else { return }
    let preferred = node["preferredDuringSchedulingIgnoredDuringExecution"].flatMap { $0.isNull ? nil : $0 }
    let required = node["requiredDuringSchedulingIgnoredDuringExecution"].flatMap { $0.isNull ? nil : $0 }
    if (preferred == nil) == (required == nil) {
      error("AntiAffinity must have exactly one strategy listed", at: node.location, rule: "anti-affinity")
    }
    if let weight = preferred?.int("weight"), weight.value < 1 || weight.value > 100 {
      error("AntiAffinity weight must be between 1-100", at: weight, rule: "anti-affinity")
    }
  }

  // MARK: workloadRef

  mutating func validateWorkloadRef(_ ref: WorkloadRef, rollout: Rollout) {
    let kind = ref.kind?.value ?? ""
    guard kind == "Deployment" else {
      let at = ref.kind?.location ?? ref.location
      if kind == "ReplicaSet" || kind == "PodTemplate" {
        warning(
          "workloadRef to a \(kind) is not modelled by rollout-sim: only Deployments in the same set are read",
          at: at, rule: "not-modelled")
      } else {
        error(
          "workloadRef kind must be Deployment, ReplicaSet or PodTemplate, not '\(kind)'", at: at, rule: "workload-ref")
      }
      return
    }
    guard let name = ref.name else {
      error("spec.workloadRef.name: Required value", at: ref.location, rule: "workload-ref")
      return
    }
    guard let deployment = set.deployment(named: name.value, namespace: rollout.metadata.namespace?.value) else {
      warning(
        "deployments.apps \"\(name.value)\" not found", at: name,
        hint: "the Deployment is not among the given manifests; the Rollout is InvalidSpec unless the cluster has it",
        rule: "missing-reference")
      return
    }
    // The controller validates the resolved template against the Rollout's selector (or the Deployment's).
    validatePodTemplate(
      deployment.template, selector: rollout.spec.selector ?? deployment.selector, path: "spec.template",
      owner: deployment.node["spec"] ?? deployment.node, forReplicaSet: true)
  }

  // MARK: Deployments on their own

  mutating func validateDeployment(_ deployment: Deployment) {
    let spec = deployment.node["spec"] ?? deployment.node
    validatePodTemplate(deployment.template, selector: deployment.selector, path: "spec.template", owner: spec, forReplicaSet: true)
  }
}
