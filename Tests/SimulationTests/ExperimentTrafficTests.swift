import Controller
import Simulation
import TimeSeries
import Testing
import VirtualTime
import Workload

/// The share an experiment template's `weight` takes from the stable reaches the template's pods:
/// counted in the run's traffic, with the template's revision profile and the labels Istio reports.
/// Timing as in `ExperimentWeightTests`: the experiment runs from 20 s to 620 s at 100 rps, so each
/// template at weight 5 gets about 5 rps × 600 s = 3,000 requests.
@Suite struct ExperimentTrafficTests {
  static let experiment = ExperimentWeightTests.experimentName

  /// `baseline` is listed in `revisions:` (50 % errors) and takes that profile; `exp-canary` is not, so
  /// it follows the canary revision it copies.
  static func run(seed: UInt64 = 1) -> SimulationResult {
    let spec = ExperimentWeightTests.spec(templates: [
      .init(name: "baseline", usesCanarySpec: false, weight: 5), .init(name: "exp-canary", usesCanarySpec: true, weight: 5),
    ])
    let model = WorkloadModel(
      rps: .constant(100, unit: .rate), scrapeInterval: .seconds(15),
      revisions: [
        "stable": RevisionProfile(errorRate: .constant(0.001, unit: .fraction)),
        "canary": RevisionProfile(errorRate: .constant(0.001, unit: .fraction)),
        "baseline": RevisionProfile(errorRate: .constant(0.5, unit: .fraction)),
      ],
      telemetry: TelemetryOptions(families: [.istio]))
    let setup = SimulationSetup(
      rollout: spec, stableTemplate: ControllerScenarioTests.v1, templates: ["canary": ControllerScenarioTests.v2],
      services: ["canary", "stable"], defaultPodStartup: .fixed(.seconds(10)), horizon: .minutes(20), seed: seed,
      workload: model, topology: TrafficTopology(namespace: "demo", rolloutName: "demo", podLabels: ["app": "demo"]))
    var simulator = Simulator(setup: setup, driver: ScriptedAnalysisDriver())
    return simulator.run()
  }

  @Test func theTemplatesServeTheirShare() throws {
    let result = Self.run()
    let experiments = result.traffic.experiments
    #expect(experiments.map(\.template) == ["baseline", "exp-canary"])
    #expect(experiments.map(\.service) == ["\(Self.experiment)-baseline", "\(Self.experiment)-exp-canary"])
    #expect(experiments.map(\.revision) == ["baseline", "canary"])
    for experiment in experiments {
      #expect(abs(Double(experiment.requests) - 3_000) < 300, "\(experiment)")
    }
    let baseline = try #require(experiments.first)
    #expect(abs(Double(baseline.errors) / Double(baseline.requests) - 0.5) < 0.05)
    #expect(experiments[1].errors < 30)
  }

  /// No request is lost: every second's 100 requests are served by someone.
  @Test func noTrafficIsLost() {
    let result = Self.run()
    let expected = 100 * Double(result.endedAt.milliseconds) / 1000
    #expect(abs(Double(result.traffic.requests) - expected) < expected * 0.02, "\(result.traffic) over \(result.endedAt)")
  }

  /// canaryRequests stays the canary ReplicaSet's: the canary template's pods share its hash but are
  /// counted apart (the Istio counters of every pod with that hash add up to both).
  @Test func theCanaryTotalsLeaveTheExperimentOut() throws {
    let result = Self.run()
    let canaryTemplate = result.traffic.experiments.first { $0.template == "exp-canary" }?.requests ?? 0
    #expect(canaryTemplate > 0)
    let selected = result.store.select([
      try LabelMatcher(Labels.metricNameLabel, .equal, "istio_requests_total"),
      try LabelMatcher("reporter", .equal, "destination"),
      try LabelMatcher("rollouts_pod_template_hash", .equal, "v2hash"),
    ])
    let counted = selected.reduce(0.0) { $0 + (result.store[$1].values.last(where: { $0.isFinite }) ?? 0) }
    #expect(counted == Double(result.traffic.canaryRequests + canaryTemplate), "\(result.traffic)")
  }

  /// Istio reports the experiment pods under the template's Service and ReplicaSet, with the pods'
  /// `rollouts-pod-template-hash` (the copied ReplicaSet's) through the pod labels.
  @Test func istioSeriesCarryTheTemplatesLabels() throws {
    let result = Self.run()
    let selected = result.store.select([
      try LabelMatcher(Labels.metricNameLabel, .equal, "istio_requests_total"),
      try LabelMatcher("reporter", .equal, "destination"),
      try LabelMatcher("destination_service_name", .equal, "\(Self.experiment)-baseline"),
    ])
    #expect(!selected.isEmpty)
    let labels = try #require(selected.first.map { result.store[$0].labels })
    #expect(labels["destination_service"] == "\(Self.experiment)-baseline.demo.svc.cluster.local")
    #expect(labels["destination_workload"] == "\(Self.experiment)-baseline")
    #expect(labels["rollouts_pod_template_hash"] == "v1hash")
    #expect(labels["app"] == "demo")
  }
}
