import Manifests
import TimeSeries
import Workload

/// Whether a selector sees the canary alone or stable and canary traffic together, from the labels
/// the real exporters put on their series (design §4.2) and the Rollout's routing.
struct RevisionSeparation: Sendable {
  /// Labels whose value differs between the pods of two ReplicaSets.
  static let revisionLabels: Set<String> = [
    "destination_workload", "destination_version", "destination_canonical_revision", "pod", "exported_pod", "server",
    "instance", "rollouts_pod_template_hash", "pod_template_hash", "version", "canary",
  ]
  /// Labels that name a Service (or its FQDN).
  static let serviceLabels: Set<String> = ["destination_service", "destination_service_name", "exported_service", "service"]

  /// Metric names the telemetry families emit: the only ones whose labels we can reason about.
  static let knownMetrics: Set<String> = Set(TelemetryFamily.allCases.flatMap { $0.metricNames() })

  var namespace: String
  /// Services that select only the canary's pods.
  var canaryServices: [String]
  /// Services that select the stable pods (or both).
  var otherServices: [String]
  /// Routes whose backends are only canary Services.
  var canaryRoutes: [String]
  /// Values that `podTemplateHashValue` arguments resolved to.
  var hashes: [String]

  init(rollout: Rollout, set: ManifestSet, namespace: String, hashes: [String]) {
    self.namespace = namespace
    self.hashes = hashes
    let canary = rollout.canary
    let canaryService = canary?.canaryService?.value
    let stableService = canary?.stableService?.value
    var canaryServices: [String] = []
    if let canaryService, canaryService != stableService { canaryServices.append(canaryService) }
    self.canaryServices = canaryServices
    var others = set.services.map(\.name).filter { !canaryServices.contains($0) }
    if let stableService, !others.contains(stableService) { others.append(stableService) }
    if let ruleName = canary?.trafficRouting?.istio?.destinationRule?.name?.value,
      let host = set.destinationRule(named: ruleName)?.host?.value
    {
      others.append(String(host.split(separator: ".").first ?? Substring(host)))
    }
    self.otherServices = others
    let blended = Set(canary?.trafficRouting?.plugins.flatMap { $0.routes.map(\.value) } ?? [])
    self.canaryRoutes = set.routes.filter { route in
      !blended.contains(route.name) && route.to?.name?.value != nil
        && canaryServices.contains(route.to?.name?.value ?? "") && route.alternateBackends.isEmpty
    }.map(\.name)
  }

  /// Whether the selector's series belong to one revision (or the query keeps revisions apart).
  func separates(_ use: SelectorUse) -> Bool {
    for matcher in use.labelMatchers {
      if hashes.contains(where: { !$0.isEmpty && matcher.value.contains($0) }) { return true }
      if Self.revisionLabels.contains(matcher.name), pins(matcher) { return true }
      if Self.serviceLabels.contains(matcher.name), selectsOnlyCanary(matcher, names: canaryServices, others: otherServices) {
        return true
      }
      if matcher.name == "route", !canaryRoutes.isEmpty,
        selectsOnlyCanary(matcher, names: canaryRoutes, others: [], fqdn: false)
      {
        return true
      }
    }
    // `sum by (destination_workload) (…)` keeps the revisions apart in the result.
    return Self.revisionLabels.contains { label in
      use.keeps(label) && use.groupings.contains { if case .by(let labels) = $0 { labels.contains(label) } else { false } }
    }
  }

  /// A matcher that narrows a label to particular values (not `=~".*"`).
  func pins(_ matcher: LabelMatcher) -> Bool {
    switch matcher.op {
    case .equal, .regexMatch: return !matcher.matchesEmpty
    case .notEqual, .regexNoMatch: return !matcher.value.isEmpty && matcher.value != ".*"
    }
  }

  private func selectsOnlyCanary(_ matcher: LabelMatcher, names: [String], others: [String], fqdn: Bool = true) -> Bool {
    func spellings(_ name: String) -> [String] {
      fqdn ? [name, "\(name).\(namespace)", "\(name).\(namespace).svc", "\(name).\(namespace).svc.cluster.local"] : [name]
    }
    let hitsCanary = names.contains { spellings($0).contains(where: matcher.matches) }
    let hitsOther = others.contains { spellings($0).contains(where: matcher.matches) }
    return hitsCanary && !hitsOther
  }
}
