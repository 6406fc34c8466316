import Diagnostics

/// The parts of Kubernetes' `ValidatePodTemplateSpecForReplicaSet` that catch real mistakes in
/// rollout manifests: labels vs selector, containers, restart policy, resource quantities.
extension ValidationContext {
  mutating func validatePodTemplate(
    _ template: PodTemplate?, selector: LabelSelector?, path: String, owner: YAMLNode, forReplicaSet: Bool
  ) {
    let templateNode = template?.node ?? owner
    if let selector, !selector.isEmpty, !selector.matches(template?.labels ?? [:]) {
      let labelsNode = template?.node.value(at: "metadata.labels") ?? templateNode
      error(
        "\(path).metadata.labels: Invalid value: `selector` does not match template `labels`", at: labelsNode.location,
        hint: "the pod template's labels must include every selector.matchLabels entry", rule: "pod-template")
    }
    guard let template else {
      error("\(path).spec.containers: Required value", at: owner.location, hint: "add a pod template with at least one container", rule: "pod-template")
      return
    }
    validatePodSpec(template.node["spec"], path: "\(path).spec", owner: template.node, forReplicaSet: forReplicaSet)
  }

  /// Containers, restart policy and quantities of a pod spec.
  mutating func validatePodSpec(_ spec: YAMLNode?, path: String, owner: YAMLNode, forReplicaSet: Bool) {
    guard let spec, spec.isMapping else {
      error("\(path).containers: Required value", at: owner.location, rule: "pod-template")
      return
    }
    let containers = spec["containers"]?.sequence ?? []
    if containers.isEmpty {
      error("\(path).containers: Required value", at: (spec.entry("containers")?.keyLocation ?? spec.location), rule: "pod-template")
    }
    var names = Set<String>()
    for (kind, list) in [("containers", containers), ("initContainers", spec["initContainers"]?.sequence ?? [])] {
      for (i, container) in list.enumerated() where container.isMapping {
        let containerPath = "\(path).\(kind)[\(i)]"
        if let name = container.string("name") {
          if !names.insert(name.value).inserted {
            error("\(containerPath).name: Duplicate value: \"\(name.value)\"", at: name, rule: "pod-template")
          }
        } else {
          error("\(containerPath).name: Required value", at: container.location, rule: "pod-template")
        }
        if container.string("image").map({ $0.value.isEmpty }) ?? true {
          error("\(containerPath).image: Required value", at: container.location, rule: "pod-template")
        }
        validateResources(container["resources"], path: "\(containerPath).resources")
      }
    }
    if forReplicaSet, let policy = spec.string("restartPolicy"), policy.value != "Always" {
      error(
        "\(path).restartPolicy: Unsupported value: \"\(policy.value)\": supported values: \"Always\"", at: policy,
        rule: "pod-template")
    }
    if !forReplicaSet, spec.string("restartPolicy")?.value ?? "Always" == "Always" {
      // Kubernetes defaults a missing restartPolicy to Always, which a Job rejects.
      let policy = spec.string("restartPolicy")
      error(
        "\(path).restartPolicy: Unsupported value: \"Always\": supported values: \"OnFailure\", \"Never\"",
        at: policy?.location ?? spec.location, length: policy?.length ?? 1,
        hint: policy == nil
          ? "add restartPolicy: Never: Kubernetes defaults it to Always, which a Job rejects, so every measurement is an Error"
          : "a Job's pods need restartPolicy: Never (or OnFailure)",
        rule: "pod-template")
    }
  }

  private mutating func validateResources(_ resources: YAMLNode?, path: String) {
    guard let resources else { return }
    for section in ["requests", "limits"] {
      for entry in resources[section]?.entries ?? [] {
        guard let value = entry.value.scalarValue else { continue }
        let text: String
        switch value {
        case .string(let s): text = s
        case .int, .float: continue
        default: continue
        }
        if !Quantity.isValid(text) {
          error(
            "\(path).\(section)[\(entry.key)]: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
            at: entry.value.location, length: entry.value.caretLength,
            hint: "write a Kubernetes quantity such as 128Mi, 1Gi, 500m or 0.5", rule: "pod-template")
        }
      }
    }
  }
}

/// Kubernetes resource quantities (`resource.ParseQuantity`): a signed decimal number followed by an
/// optional binary suffix (Ki…Ei), decimal suffix (n, u, m, k, M…E) or exponent (e3, E-2).
enum Quantity {
  static let suffixes: Set<String> = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei", "n", "u", "m", "k", "M", "G", "T", "P", "E"]

  static func isValid(_ text: String) -> Bool {
    var chars = Substring(text)
    if let first = chars.first, first == "+" || first == "-" { chars = chars.dropFirst() }
    let number = chars.prefix { $0.isASCIIDigit || $0 == "." }
    guard !number.isEmpty, number.filter({ $0 == "." }).count <= 1, number != "." else { return false }
    let suffix = String(chars.dropFirst(number.count))
    if suffixes.contains(suffix) { return true }
    if let e = suffix.first, e == "e" || e == "E" {
      var exponent = suffix.dropFirst()
      if let sign = exponent.first, sign == "+" || sign == "-" { exponent = exponent.dropFirst() }
      return !exponent.isEmpty && exponent.allSatisfy(\.isASCIIDigit)
    }
    return false
  }
}
