import Controller
import Workload

/// Turns the simulated cluster (Service selectors, router weights, available pods) into the split of
/// user traffic the workload draws requests for. Traffic sent to a Service whose pods are not
/// available is answered with 503s by the mesh or router; it is routed to `noEndpointsRevision`.
enum TrafficSplitBuilder {
  static let noEndpointsRevision = "__no-endpoints__"

  static func build(
    spec: RolloutSpec, cluster: ClusterState, topology: TrafficTopology, updateHash: String,
    experimentPods: [ExperimentTemplatePods] = []
  ) -> TrafficSplit {
    var split: TrafficSplit
    switch spec.strategy {
    case .blueGreen(let blueGreen):
      split = TrafficSplit(backends: service(blueGreen.activeService, share: 1, cluster: cluster, topology: topology))
    case .canary(let canary):
      if let routing = canary.trafficRouting {
        split = routed(canary, routing: routing, cluster: cluster, topology: topology)
        split.backends += experimentBackends(canary, cluster: cluster, topology: topology, pods: experimentPods)
      } else {
        split = byPods(cluster: cluster, topology: topology)
      }
    }
    split.tests = topology.tests.map { stream in
      TestTraffic(
        name: stream.name, rate: stream.rate,
        backends: service(stream.service, share: 1, cluster: cluster, topology: topology))
    }
    return split
  }

  /// Every backend of a Service: the ReplicaSet its selector points at.
  static func service(_ name: String?, share: Double, cluster: ClusterState, topology: TrafficTopology, subset: String? = nil,
    hash overrideHash: String? = nil, route: RouteRef? = nil) -> [Backend]
  {
    guard share > 0 else { return [] }
    let route = route ?? name.flatMap { topology.routesByService[$0] }.map { RouteRef(name: $0, role: .to) }
    let hash = overrideHash ?? name.flatMap { cluster.services[$0]?.selectorHash } ?? ""
    guard let rs = cluster.replicaSets.first(where: { $0.podTemplateHash == hash }), rs.availableReplicas > 0 else {
      return [
        Backend(
          revision: noEndpointsRevision, podTemplateHash: hash, share: share, namespace: topology.namespace,
          workload: "\(topology.rolloutName)-\(hash)", service: name, subset: subset, route: route,
          podLabels: topology.podLabels)
      ]
    }
    return [backend(rs, share: share, service: name, subset: subset, route: route, topology: topology)]
  }

  static func backend(
    _ rs: ReplicaSetState, share: Double, service: String?, subset: String? = nil, route: RouteRef? = nil,
    topology: TrafficTopology
  ) -> Backend {
    Backend(
      revision: rs.revisionName, podTemplateHash: rs.podTemplateHash, share: share, namespace: topology.namespace,
      workload: rs.name, service: service, subset: subset, route: route, podLabels: topology.podLabels)
  }

  static func routed(
    _ canary: CanaryStrategy, routing: TrafficRouting, cluster: ClusterState, topology: TrafficTopology
  ) -> TrafficSplit {
    let total = Double(canary.maxWeight)
    let canaryShare = Double(cluster.router.canaryWeight) / total
    let stableShare = Double(cluster.router.stableWeight) / total
    switch routing.router {
    case .istio(let istio) where istio.destinationRule != nil:
      let rule = istio.destinationRule!
      let host = topology.istioSubsetHost ?? canary.stableService
      return TrafficSplit(
        backends: service(
          host, share: stableShare, cluster: cluster, topology: topology, subset: rule.stableSubsetName,
          hash: cluster.router.stableHash)
          + service(
            host, share: canaryShare, cluster: cluster, topology: topology, subset: rule.canarySubsetName,
            hash: cluster.router.canaryHash))
    case .openshiftRoutes(let routes):
      let route = routes.first ?? topology.openshiftRoutes.first ?? "route"
      return TrafficSplit(
        backends: service(
          canary.stableService, share: stableShare, cluster: cluster, topology: topology,
          route: RouteRef(name: route, role: .to, weight: cluster.router.stableWeight))
          + service(
            canary.canaryService, share: canaryShare, cluster: cluster, topology: topology,
            route: RouteRef(name: route, role: .alternateBackend, weight: cluster.router.canaryWeight)))
    default:
      return TrafficSplit(
        backends: service(canary.stableService, share: stableShare, cluster: cluster, topology: topology)
          + service(canary.canaryService, share: canaryShare, cluster: cluster, topology: topology))
    }
  }

  /// The router's experiment destinations (`status.canary.weights.additional`): each Service's share
  /// goes to its template's pods, or is answered 503 while they are not available.
  static func experimentBackends(
    _ canary: CanaryStrategy, cluster: ClusterState, topology: TrafficTopology, pods: [ExperimentTemplatePods]
  ) -> [Backend] {
    let total = Double(canary.maxWeight)
    return cluster.router.additional.compactMap { destination in
      guard destination.weight > 0 else { return nil }
      let share = Double(destination.weight) / total
      let template = pods.first { $0.serviceName == destination.serviceName }
      guard let template, template.available else {
        return Backend(
          revision: noEndpointsRevision, podTemplateHash: destination.podTemplateHash, share: share,
          namespace: topology.namespace, workload: template?.replicaSetName ?? destination.serviceName,
          service: destination.serviceName, podLabels: topology.podLabels)
      }
      return Backend(
        revision: template.profile, podTemplateHash: template.podTemplateHash, share: share,
        namespace: topology.namespace, workload: template.replicaSetName, service: template.serviceName,
        podLabels: topology.podLabels.merging(template.labels) { _, added in added })
    }
  }

  /// No router: one Service spreads requests over every available pod of every revision.
  static func byPods(cluster: ClusterState, topology: TrafficTopology) -> TrafficSplit {
    let live = cluster.replicaSets.filter { $0.availableReplicas > 0 }.sorted { $0.creationIndex < $1.creationIndex }
    let total = live.reduce(0) { $0 + $1.availableReplicas }
    guard total > 0 else { return TrafficSplit(backends: []) }
    return TrafficSplit(
      backends: live.map { rs in
        backend(
          rs, share: Double(rs.availableReplicas) / Double(total), service: topology.userService ?? topology.rolloutName,
          topology: topology)
      })
  }
}
