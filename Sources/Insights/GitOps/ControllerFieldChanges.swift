import Diagnostics
import Manifests

/// Which fields of the user's objects the controller writes for a Rollout, from its strategy and
/// routing configuration (what it *would* change; a run tells which it *did*).
enum ControllerFieldChanges {
  static let hashLabel = "rollouts-pod-template-hash"

  static func of(_ rollout: Rollout, in set: ManifestSet) -> [ControllerFieldChange] {
    var changes: [ControllerFieldChange] = []
    let namespace = rollout.metadata.namespace?.value
    func service(_ name: String?, _ role: String) {
      guard let name, let object = set.service(named: name, namespace: namespace) else { return }
      let git = GitObject(kind: "Service", apiVersion: "v1", name: object.name, namespace: object.metadata.namespace?.value, document: object.node)
      let pointer = JSONPointer(["spec", "selector", hashLabel])
      changes.append(
        ControllerFieldChange(
          cause: .serviceSelector(name), object: git, pointer: pointer, what: "selector \(hashLabel) of the \(role) Service",
          location: closestLocation(pointer, in: object.node), suggestion: .jsonPointer("/spec/selector/\(hashLabel)")))
    }
    if let canary = rollout.canary {
      service(canary.canaryService?.value, "canary")
      service(canary.stableService?.value, "stable")
      service(canary.pingPong?.pingService?.value, "ping")
      service(canary.pingPong?.pongService?.value, "pong")
      if let routing = canary.trafficRouting {
        if let istio = routing.istio { changes += istioChanges(istio, canary: canary, set: set, namespace: namespace) }
        for plugin in routing.plugins where plugin.name == TrafficRouterPlugin.openShift {
          changes += openShiftChanges(plugin, set: set, namespace: namespace)
        }
      }
    }
    if let blueGreen = rollout.blueGreen {
      service(blueGreen.activeService?.value, "active")
      service(blueGreen.previewService?.value, "preview")
    }
    if let ref = rollout.spec.workloadRef, let name = ref.name?.value,
      ["onsuccess", "progressively"].contains(ref.scaleDown?.value ?? "never"),
      let deployment = set.deployment(named: name, namespace: namespace)
    {
      let git = GitObject(
        kind: "Deployment", apiVersion: "apps/v1", name: name, namespace: deployment.metadata.namespace?.value, document: deployment.node)
      let pointer = JSONPointer(["spec", "replicas"])
      changes.append(
        ControllerFieldChange(
          cause: .workloadScaleDown, object: git, pointer: pointer,
          what: "replicas (workloadRef scaleDown: \(ref.scaleDown?.value ?? ""))", location: closestLocation(pointer, in: deployment.node),
          suggestion: .jsonPointer("/spec/replicas")))
    }
    return changes
  }

  // MARK: Istio

  static func istioChanges(
    _ istio: IstioTrafficRouting, canary: CanaryStrategy, set: ManifestSet, namespace: String?
  ) -> [ControllerFieldChange] {
    var changes: [ControllerFieldChange] = []
    let rule = istio.destinationRule
    let canarySubset = rule?.canarySubsetName?.value
    let stableSubset = rule?.stableSubsetName?.value
    let managed = managedRouteNames(canary)
    for ref in istio.allVirtualServices {
      guard let vs = set.virtualService(named: ref.objectName, namespace: namespace) else { continue }
      let git = GitObject(kind: "VirtualService", apiVersion: vs.apiVersion, name: vs.name, namespace: vs.metadata.namespace?.value, document: vs.node)
      let wanted = ref.routes.map(\.value)
      for (routeIndex, route) in vs.http.enumerated() {
        let selected = wanted.isEmpty ? vs.http.count == 1 : wanted.contains(route.name?.value ?? "")
        guard selected else { continue }
        for (index, destination) in route.destinations.enumerated() {
          let role: String?
          if rule != nil {
            let subset = destination.destination.subset?.value
            role = subset == canarySubset ? "canary subset \(subset ?? "")" : subset == stableSubset ? "stable subset \(subset ?? "")" : nil
          } else {
            let host = destination.destination.shortHost
            role = host == canary.canaryService?.value ? "canary host \(host)" : host == canary.stableService?.value ? "stable host \(host)" : nil
          }
          guard let role else { continue }
          let pointer = JSONPointer(["spec", "http", String(routeIndex), "route", String(index), "weight"])
          changes.append(
            ControllerFieldChange(
              cause: .routeWeights, object: git, pointer: pointer,
              what: "weight of HTTP route '\(route.name?.value ?? "\(routeIndex)")' → \(role)",
              location: closestLocation(pointer, in: vs.node), suggestion: .jq(".spec.http[].route[].weight")))
        }
      }
      // Header and mirror routes are inserted before the others, in managedRoutes order.
      for (index, name) in managed.enumerated() {
        let pointer = JSONPointer(["spec", "http", String(index)])
        changes.append(
          ControllerFieldChange(
            cause: .managedRoute(name), object: git, pointer: pointer, what: "managed route '\(name)' (inserted by setHeaderRoute/setMirrorRoute)",
            location: closestLocation(JSONPointer(["spec", "http"]), in: vs.node),
            suggestion: .jq(".spec.http[] | select(.name == \"\(name)\")")))
      }
    }
    if let ruleName = rule?.name?.value, let dr = set.destinationRule(named: ruleName, namespace: namespace) {
      let git = GitObject(kind: "DestinationRule", apiVersion: dr.apiVersion, name: dr.name, namespace: dr.metadata.namespace?.value, document: dr.node)
      for (index, subset) in dr.subsets.enumerated() {
        let name = subset.name?.value
        guard let name, name == canarySubset || name == stableSubset else { continue }
        let pointer = JSONPointer(["spec", "subsets", String(index), "labels", hashLabel])
        changes.append(
          ControllerFieldChange(
            cause: .destinationRuleSubsetLabels, object: git, pointer: pointer,
            what: "label \(hashLabel) of the \(name == canarySubset ? "canary" : "stable") subset '\(name)'",
            location: closestLocation(pointer, in: dr.node),
            suggestion: .jq(".spec.subsets[].labels[\"\(hashLabel)\"]")))
      }
    }
    return changes
  }

  /// Names of the header and mirror routes the steps create, in `managedRoutes` order.
  static func managedRouteNames(_ canary: CanaryStrategy) -> [String] {
    let used = Set(canary.steps.compactMap { $0.setHeaderRoute?.name?.value ?? $0.setMirrorRoute?.name?.value })
    return (canary.trafficRouting?.managedRoutes ?? []).map(\.value).filter(used.contains)
  }

  // MARK: OpenShift

  static func openShiftChanges(_ plugin: TrafficRouterPlugin, set: ManifestSet, namespace: String?) -> [ControllerFieldChange] {
    var changes: [ControllerFieldChange] = []
    for name in plugin.routes.map(\.value) {
      guard let route = set.route(named: name, namespace: namespace) else { continue }
      let git = GitObject(
        kind: "Route", apiVersion: route.node["apiVersion"]?.stringValue ?? "route.openshift.io/v1", name: name,
        namespace: route.metadata.namespace?.value, document: route.node)
      let weight = JSONPointer(["spec", "to", "weight"])
      changes.append(
        ControllerFieldChange(
          cause: .routeWeights, object: git, pointer: weight, what: "weight of the stable backend (spec.to)",
          location: closestLocation(weight, in: route.node), suggestion: .jq(".spec.to.weight")))
      let backends = JSONPointer(["spec", "alternateBackends"])
      changes.append(
        ControllerFieldChange(
          cause: .routeWeights, object: git, pointer: backends, what: "alternateBackends (the canary Service and its weight)",
          location: closestLocation(backends, in: route.node), suggestion: .jq(".spec.alternateBackends")))
    }
    return changes
  }

  // MARK: Locations

  /// The location of the deepest node along `pointer` that the manifest has.
  static func closestLocation(_ pointer: JSONPointer, in document: YAMLNode) -> SourceLocation {
    var node = document
    var location = document.location
    for token in pointer.tokens {
      if let items = node.sequence, let index = Int(token), index >= 0, index < items.count {
        node = items[index]
      } else if let entry = node.entry(token) {
        location = entry.keyLocation
        node = entry.value
        continue
      } else {
        break
      }
      location = node.location
    }
    return location
  }
}
