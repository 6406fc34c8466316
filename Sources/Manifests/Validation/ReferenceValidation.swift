import Diagnostics

/// `ValidateRolloutReferencedResources` and `getRolloutReferencedResources`: the objects a Rollout
/// names — Services, AnalysisTemplates, VirtualServices, DestinationRules, Routes — checked against the
/// ones in the set. A referenced object missing from the set is a warning (it may exist in the cluster).
extension ValidationContext {
  mutating func validateRolloutReferences(_ rollout: Rollout) {
    let namespace = rollout.metadata.namespace?.value
    let labels = rollout.podTemplate(in: set)?.labels ?? [:]
    var services: [Located<String>] = []
    if let canary = rollout.canary {
      services += [canary.stableService, canary.canaryService, canary.pingPong?.pingService, canary.pingPong?.pongService]
        .compactMap { $0 }.filter { !$0.value.isEmpty }
    }
    if let blueGreen = rollout.blueGreen {
      services += [blueGreen.activeService, blueGreen.previewService].compactMap { $0 }.filter { !$0.value.isEmpty }
    }
    for name in services {
      guard let service = set.service(named: name.value, namespace: namespace) else {
        warning(
          "services \"\(name.value)\" not found", at: name,
          hint: "the Service is not among the given manifests; the Rollout is InvalidSpec unless the cluster has it",
          rule: "missing-reference")
        continue
      }
      for key in service.selector.keys.sorted() where key != "rollouts-pod-template-hash" {
        if labels[key] != service.selector[key] {
          error(
            "Service \"\(service.name)\" has unmatch label \"\(key)\" in rollout", at: name,
            hint: "the Service selects \(key)=\(service.selector[key] ?? "") but the pod template's labels do not carry it",
            rule: "service-selector")
        }
      }
      if let manager = service.metadata.annotations["argo-rollouts.argoproj.io/managed-by-rollouts"], manager != rollout.name {
        error(
          "Service \"\(service.name)\" is managed by another Rollout", at: name,
          hint: "the annotation argo-rollouts.argoproj.io/managed-by-rollouts names \(manager)", rule: "service-selector")
      }
    }
    for use in analysisUses(of: rollout) { validateAnalysisUse(use, rollout: rollout) }
    if let canary = rollout.canary, let tr = canary.trafficRouting {
      if let istio = tr.istio { validateIstio(istio, canary: canary, rollout: rollout) }
      for plugin in tr.plugins { validatePlugin(plugin, canary: canary, namespace: namespace) }
    }
  }

  // MARK: Analyses

  enum AnalysisUseKind: Equatable {
    case background, inline(Int), prePromotion, postPromotion, experiment(Int)
  }

  struct AnalysisUse {
    var kind: AnalysisUseKind
    var analysis: RolloutAnalysis
  }

  func analysisUses(of rollout: Rollout) -> [AnalysisUse] {
    var uses: [AnalysisUse] = []
    if let canary = rollout.canary {
      if let background = canary.analysis { uses.append(AnalysisUse(kind: .background, analysis: background)) }
      for (i, step) in canary.steps.enumerated() {
        if let analysis = step.analysis { uses.append(AnalysisUse(kind: .inline(i), analysis: analysis)) }
        for ref in step.experiment?.analyses ?? [] {
          uses.append(
            AnalysisUse(
              kind: .experiment(i),
              analysis: RolloutAnalysis(
                templates: [AnalysisTemplateRef(templateName: ref.templateName, clusterScope: ref.clusterScope, location: ref.location)],
                args: ref.args, location: ref.location)))
        }
      }
    }
    if let blueGreen = rollout.blueGreen {
      if let pre = blueGreen.prePromotionAnalysis { uses.append(AnalysisUse(kind: .prePromotion, analysis: pre)) }
      if let post = blueGreen.postPromotionAnalysis { uses.append(AnalysisUse(kind: .postPromotion, analysis: post)) }
    }
    return uses
  }

  mutating func validateAnalysisUse(_ use: AnalysisUse, rollout: Rollout) {
    let analysis = use.analysis
    for ref in analysis.templates where (ref.templateName?.value ?? "").isEmpty {
      error(
        "an analysis template reference has no templateName: the controller cannot fetch an AnalysisTemplate named \"\"",
        at: ref.location, hint: "write `- templateName: NAME`; arguments go under `args:` beside `templates:`",
        rule: "analysis-template-ref")
    }
    let refs = analysis.templates.filter { !($0.templateName?.value ?? "").isEmpty }
    guard !refs.isEmpty else { return }
    let resolved = AnalysisRunFactory.resolveTemplates(refs, in: set, namespace: rollout.metadata.namespace?.value)
    for ref in resolved.cycles {
      error("nested templates form a cycle through '\(ref.templateName?.value ?? "")'", at: ref.location, rule: "analysis-template-ref")
    }
    for ref in resolved.missing {
      let kind = ref.clusterScope ? "clusteranalysistemplates" : "analysistemplates"
      warning(
        "\(kind).argoproj.io \"\(ref.templateName?.value ?? "")\" not found", at: ref.templateName ?? Located("", at: ref.location),
        hint: "the template is not among the given manifests; the Rollout is InvalidSpec unless the cluster has it",
        rule: "missing-reference")
    }
    guard resolved.missing.isEmpty, resolved.cycles.isEmpty else { return }
    let at = refs[0].templateName ?? Located("", at: analysis.location)
    let names = (resolved.templates + resolved.clusterTemplates).map(\.name)
    let arguments = AnalysisRunFactory.rolloutArguments(analysis.args, rollout: rollout, stableHash: "dummy-stable-hash", latestHash: "dummy-new-hash")
    if let failure = arguments.failure, arguments.args.isEmpty {
      error(failure, at: analysis.location, rule: "analysis-args")
    }
    do {
      _ = try AnalysisRunFactory.build(
        templates: resolved.templates, clusterTemplates: resolved.clusterTemplates, args: arguments.args,
        dryRun: analysis.dryRun, measurementRetention: analysis.measurementRetention)
    } catch {
      let (message, hint) = explain(error, templates: names)
      self.error(message, at: at, hint: hint, rule: "analysis-template")
      return
    }
    switch use.kind {
    case .background:
      if let count = backgroundCountWarning(resolved.templates + resolved.clusterTemplates) {
        // An insight rather than a defect: a note, so `--strict` does not fail on it.
        diagnostics.append(
          .note(
            "background analysis metric '\(count.metric)' has count \(count.count): once it succeeds, the rest of the rollout is no longer guarded",
            at: at.location, length: at.length, hint: "drop count so the background analysis measures until the rollout completes",
            rule: "background-count"))
      }
    case .inline, .prePromotion, .postPromotion:
      for template in resolved.templates + resolved.clusterTemplates {
        for metric in template.spec.metrics {
          // Resolve with placeholder values as the controller's validation does; templated tag errors
          // are reported at the template itself.
          let values = template.spec.args.map { ArgSubstitution.Value(name: $0.nameValue, value: $0.value?.value ?? "dummy-value") }
          guard let resolvedMetric = try? ArgSubstitution.resolve(metric, args: values) else { continue }
          if resolvedMetric.effectiveCount == nil {
            let count = resolvedMetric.count.map { "\($0.value)" } ?? "<nil>"
            error(
              "AnalysisTemplate \(template.name) has metric \(metric.nameValue) which runs indefinitely. Invalid value for count: \(count)",
              at: at,
              hint: "give metric '\(metric.nameValue)' (\(metric.location.file.isEmpty ? "" : "line \(metric.location.line)")) a count, or use the template as background analysis",
              rule: "analysis-runs-forever")
          }
        }
      }
    case .experiment:
      break
    }
  }

  private func explain(_ failure: AnalysisRunFactory.Failure, templates: [String]) -> (String, String?) {
    if failure.message.hasSuffix("was not resolved") {
      let name = failure.message.dropFirst("args.".count).dropLast(" was not resolved".count)
      return (failure.message, "pass it from the Rollout: args: [{name: \(name), value: …}] beside templates \(templates)")
    }
    return (failure.message, nil)
  }

  private func backgroundCountWarning(_ templates: [AnalysisTemplate]) -> (metric: String, count: String)? {
    for template in templates {
      for metric in template.spec.metrics {
        guard let count = metric.count else { continue }
        if case .int(let n) = count.value, n > 0 { return (metric.nameValue, "\(n)") }
      }
    }
    return nil
  }

  // MARK: Istio

  mutating func validateIstio(_ istio: IstioTrafficRouting, canary: CanaryStrategy, rollout: Rollout) {
    if (istio.virtualService != nil) == !istio.virtualServices.isEmpty {
      error("either VirtualService or VirtualServices must be configured", at: istio.location, rule: "istio-virtualservice")
      return
    }
    let namespace = rollout.metadata.namespace?.value
    for ref in istio.allVirtualServices {
      guard let name = ref.name else { continue }
      guard let vs = set.virtualService(named: ref.objectName, namespace: namespace) else {
        warning(
          "virtualservices.networking.istio.io \"\(ref.objectName)\" not found", at: name,
          hint: "the VirtualService is not among the given manifests", rule: "missing-reference")
        continue
      }
      validateVirtualService(vs, ref: ref, istio: istio, canary: canary)
    }
    if let dr = istio.destinationRule, let name = dr.name {
      if let rule = set.destinationRule(named: name.value, namespace: namespace) {
        for subset in [dr.canarySubsetName, dr.stableSubsetName].compactMap({ $0 }) where !subset.value.isEmpty {
          if !rule.subsets.contains(where: { $0.name?.value == subset.value }) {
            warning(
              "DestinationRule \"\(rule.name)\" has no subset \"\(subset.value)\": traffic routed to it has nowhere to go",
              at: subset, hint: "add `- name: \(subset.value)` under the DestinationRule's subsets", rule: "istio-destinationrule")
          }
        }
      } else {
        warning(
          "destinationrules.networking.istio.io \"\(name.value)\" not found", at: name,
          hint: "the DestinationRule is not among the given manifests", rule: "missing-reference")
      }
    }
  }

  /// `ValidateVirtualService` with `ValidateHTTPRoutes` / TLS / TCP.
  private mutating func validateVirtualService(
    _ vs: VirtualService, ref: IstioVirtualServiceRef, istio: IstioTrafficRouting, canary: CanaryStrategy
  ) {
    let at = ref.name ?? Located("", at: ref.location)
    if !vs.hasHTTP && !vs.hasTLS && !vs.hasTCP {
      error("Unable to get any of the HTTP, TCP or TLS routes for the Istio VirtualService", at: at, rule: "istio-virtualservice")
      return
    }
    let stable = canary.stableService?.value ?? "", canarySvc = canary.canaryService?.value ?? ""
    let managed = Set((canary.trafficRouting?.managedRoutes ?? []).map(\.value))
    if vs.hasHTTP {
      var problem: String?
      var indexes: [Int] = []
      if ref.routes.isEmpty {
        if vs.http.count == 1 {
          indexes = [0]
        } else if let i = vs.http.firstIndex(where: { ($0.name?.value ?? "").isEmpty }) {
          indexes = [i]
        }
      }
      for route in ref.routes {
        if let i = vs.http.firstIndex(where: { $0.name?.value == route.value }) {
          indexes.append(i)
        } else {
          problem = "HTTP Route '\(route.value)' is not found in the defined Virtual Service."
          break
        }
      }
      if problem == nil {
        for i in indexes {
          if let p = destinationProblem(vs.http[i].destinations, stable: stable, canary: canarySvc, rule: istio.destinationRule) {
            problem = p
            break
          }
        }
      }
      if problem == nil, ref.routes.isEmpty, vs.http.filter({ !managed.contains($0.name?.value ?? "") }).count > 1 {
        problem = "spec.http[] should be set in VirtualService and it must have exactly one route when omitting spec.strategy.canary.trafficRouting.istio.virtualService.routes"
      }
      if let problem {
        error("Istio VirtualService has invalid HTTP routes. Error: \(problem)", at: at, rule: "istio-virtualservice")
      }
    }
    if vs.hasTLS {
      validateL4Routes(vs.tls, kind: "TLS", refPorts: ref.tlsRoutes.map { ($0.port ?? 0, $0.sniHosts) }, at: at, stable: stable, canary: canarySvc, istio: istio)
    }
    if vs.hasTCP {
      validateL4Routes(vs.tcp, kind: "TCP", refPorts: ref.tcpRoutes.map { ($0, []) }, at: at, stable: stable, canary: canarySvc, istio: istio)
    }
  }

  private mutating func validateL4Routes(
    _ routes: [IstioRoute], kind: String, refPorts: [(Int, [String])], at: Located<String>, stable: String, canary: String,
    istio: IstioTrafficRouting
  ) {
    var problem: String?
    var indexes: [Int] = []
    if refPorts.isEmpty {
      if !routes.isEmpty { indexes = [0] }
    } else {
      for (port, hosts) in refPorts {
        let matching = routes.indices.filter { i in
          let ports = Set(routes[i].matchPorts)
          guard ports.count <= 1, (ports.first ?? 0) == port else { return false }
          return hosts.isEmpty || Set(hosts).isSubset(of: Set(routes[i].sniHosts))
        }
        if matching.isEmpty {
          problem = "No matching \(kind) routes found in the defined Virtual Service."
          break
        }
        indexes += matching
      }
    }
    if problem == nil {
      for i in indexes {
        if let p = destinationProblem(routes[i].destinations, stable: stable, canary: canary, rule: istio.destinationRule) {
          problem = p
          break
        }
      }
    }
    let lower = kind.lowercased()
    if problem == nil, refPorts.isEmpty, routes.count > 1 {
      problem = "spec.\(lower)[] should be set in VirtualService and it must have exactly one route when omitting spec.strategy.canary.trafficRouting.istio.virtualService.\(lower)Routes"
    }
    if let problem {
      error("Istio VirtualService has invalid \(kind) routes. Error: \(problem)", at: at, rule: "istio-virtualservice")
    }
  }

  /// `validateVirtualServiceRouteDestinations`.
  private func destinationProblem(
    _ destinations: [IstioRouteDestination], stable: String, canary: String, rule: IstioDestinationRuleRef?
  ) -> String? {
    if let rule {
      let canarySubset = rule.canarySubsetName?.value ?? "", stableSubset = rule.stableSubsetName?.value ?? ""
      if canarySubset.isEmpty || !destinations.contains(where: { $0.destination.subset?.value == canarySubset }) {
        return "Canary DestinationRule subset '\(canarySubset)' not found in route"
      }
      if stableSubset.isEmpty || !destinations.contains(where: { $0.destination.subset?.value == stableSubset }) {
        return "Stable DestinationRule subset '\(stableSubset)' not found in route"
      }
      return nil
    }
    if canary.isEmpty || !destinations.contains(where: { $0.destination.shortHost == canary }) {
      return "Canary Service '\(canary)' not found in route"
    }
    if stable.isEmpty || !destinations.contains(where: { $0.destination.shortHost == stable }) {
      return "Stable Service '\(stable)' not found in route"
    }
    return nil
  }

  // MARK: Traffic-router plugins

  mutating func validatePlugin(_ plugin: TrafficRouterPlugin, canary: CanaryStrategy, namespace: String?) {
    guard plugin.name == TrafficRouterPlugin.openShift else {
      warning(
        "traffic-router plugin '\(plugin.name)' is not modelled by rollout-sim: weights are simulated, but no routing objects are updated or measured",
        at: plugin.location, length: plugin.name.count, rule: "not-modelled")
      return
    }
    let routes = plugin.routes
    if routes.isEmpty {
      warning(
        "the argoproj-labs/openshift plugin names no routes: no traffic is shifted", at: plugin.location,
        length: plugin.name.count, hint: "list the Route names under routes:", rule: "openshift-route")
    }
    for name in routes {
      guard let route = set.route(named: name.value, namespace: plugin.config["namespace"]?.stringValue ?? namespace) else {
        warning(
          "routes.route.openshift.io \"\(name.value)\" not found", at: name,
          hint: "the Route is not among the given manifests", rule: "missing-reference")
        continue
      }
      let stable = canary.stableService?.value ?? ""
      if let target = route.to?.name?.value, !stable.isEmpty, target != stable {
        warning(
          "Route \"\(route.name)\" sends its traffic to Service \"\(target)\", not to the stableService \"\(stable)\"",
          at: name, hint: "the plugin keeps spec.to and adds the canary as an alternate backend: point spec.to at \(stable)",
          rule: "openshift-route")
      }
    }
  }
}
