import Analysis
import Controller
import SimKernel
import Simulation
import TimeSeries
import VirtualTime
import Workload

/// The simulated world `analyze` measures against: the scenario's traffic split at a fixed canary
/// weight (the Rollout's stable and canary ReplicaSets behind its Services, subsets or Routes),
/// telemetry generated up to each measurement, and the scenario's curves as signals.
struct AnalyzeWorld {
  var generator: TelemetryGenerator
  var plan: CanaryWeightPlan
  var store = SeriesStore()
  var rng: SeededRandom
  let signals: CurveSignals

  init(setup: SimulationSetup, scenario: Scenario, canaryWeight: Int, horizon: SimInstant) {
    // The scenario emits only what its own templates query; the analysed template may read more.
    var workload = scenario.workload
    workload.telemetry.metricNames = nil
    generator = TelemetryGenerator(model: workload, start: .zero - workload.scrapeInterval * 40, horizon: horizon)
    plan = Self.plan(setup: setup, canaryWeight: canaryWeight)
    rng = SeededRandom(seed: setup.seed).fork(label: "analyze-telemetry")
    signals = CurveSignals(revisions: workload.revisions, curves: ["traffic.rps": workload.rps])
  }

  /// The Rollout's first `setWeight` (the canary's share while its first analysis runs); 0 for blue-green.
  static func defaultWeight(_ setup: SimulationSetup) -> Int {
    guard let canary = setup.rollout.canary else { return 0 }
    return canary.steps.lazy.compactMap(\.setWeight).first.map { $0 * 100 / max(1, canary.maxWeight) } ?? 100
  }

  mutating func advance(to now: SimInstant) {
    guard now > generator.now else { return }
    generator.advance(to: now, following: plan, store: &store, rng: &rng)
  }

  static func plan(setup: SimulationSetup, canaryWeight: Int) -> CanaryWeightPlan {
    let topology = setup.topology
    let stableHash = setup.stableTemplate.hash
    let canaryHash = setup.templates["canary"]?.hash ?? ""
    func backend(_ revision: String, _ hash: String, service: String?, subset: String? = nil, route: RouteRef? = nil) -> Backend {
      Backend(
        revision: revision, podTemplateHash: hash, share: 0, namespace: topology.namespace,
        workload: "\(topology.rolloutName)-\(hash)", service: service, subset: subset, route: route,
        podLabels: topology.podLabels)
    }
    var stable: Backend
    var canaryBackend: Backend
    switch setup.rollout.strategy {
    case .blueGreen(let blueGreen):
      stable = backend("stable", stableHash, service: blueGreen.activeService)
      canaryBackend = backend("canary", canaryHash, service: blueGreen.previewService ?? blueGreen.activeService)
    case .canary(let canary):
      switch canary.trafficRouting?.router {
      case .istio(let istio)? where istio.destinationRule != nil:
        let rule = istio.destinationRule!
        let host = topology.istioSubsetHost ?? canary.stableService
        stable = backend("stable", stableHash, service: host, subset: rule.stableSubsetName)
        canaryBackend = backend("canary", canaryHash, service: host, subset: rule.canarySubsetName)
      case .openshiftRoutes(let routes)?:
        let route = routes.first ?? topology.openshiftRoutes.first ?? "route"
        stable = backend(
          "stable", stableHash, service: canary.stableService,
          route: RouteRef(name: route, role: .to, weight: 100 - canaryWeight))
        canaryBackend = backend(
          "canary", canaryHash, service: canary.canaryService,
          route: RouteRef(name: route, role: .alternateBackend, weight: canaryWeight))
      case nil:
        let service = topology.userService ?? topology.rolloutName
        stable = backend("stable", stableHash, service: service)
        canaryBackend = backend("canary", canaryHash, service: service)
      default:
        stable = backend("stable", stableHash, service: canary.stableService)
        canaryBackend = backend("canary", canaryHash, service: canary.canaryService)
      }
    }
    let tests = topology.tests.map { stream in
      TestTraffic(name: stream.name, rate: stream.rate, backends: [backend("canary", canaryHash, service: stream.service)])
    }
    stable.share = 1
    canaryBackend.share = 0
    return CanaryWeightPlan(
      stable: stable, canary: canaryBackend, canaryWeight: .constant(Double(canaryWeight), unit: .weight), tests: tests)
  }
}
