import Controller
import Diagnostics
import Report
import Simulation
import VirtualTime

/// Hand-built runs for the report tests: the controller runs for real (scripted analysis), and the
/// AnalysisRun records get the measurements a success-rate metric would have taken, so the texts do
/// not depend on the analysis engine or the workload's sampling.
enum ReportFixtures {
  struct Names {
    var scenario = "checkout-bad-release"
    var description = "A release that starts failing a fifth of its requests two and a half minutes in."
    var rollout = "checkout"
    var metric = "success-rate"
    var stableProfile = "stable"
    var canaryProfile = "canary"
    var pauseText = "2m"
    var runMessage = "Metric \"success-rate\" assessed Failed due to failed (2) > failureLimit (1)"
    var condition = "result[0] >= 0.95"
    var diagnostics: [Diagnostic] = []
  }

  /// An Istio canary (4 pods: 20%, pause 2m, 50%, pause 2m) whose background analysis fails its
  /// second bad measurement at 3m05s: the rollout aborts during the second pause.
  static func abortedCanary(_ names: Names = Names()) -> RunReport {
    let stable = PodTemplate(hash: "6d4f8c7b9", revisionName: names.stableProfile)
    let canary = PodTemplate(hash: "7f9b6d5c8", revisionName: names.canaryProfile)
    let steps: [Controller.CanaryStep] = [
      .weight(20), CanaryStep(pause: PauseStep(durationSeconds: 120, durationText: names.pauseText)), .weight(50),
      CanaryStep(pause: PauseStep(durationSeconds: 120, durationText: names.pauseText)),
    ]
    let routing = TrafficRouting(
      router: .istio(
        IstioRouting(
          virtualServices: [.init(name: "checkout")],
          destinationRule: .init(name: "checkout", canarySubsetName: "canary", stableSubsetName: "stable"))))
    let spec = RolloutSpec(
      name: names.rollout, namespace: "shop", replicas: 4, template: canary,
      strategy: .canary(
        CanaryStrategy(
          steps: steps, trafficRouting: routing,
          backgroundAnalysis: BackgroundAnalysis())))
    let setup = SimulationSetup(
      rollout: spec, stableTemplate: stable, templates: ["stable": stable, "canary": canary],
      services: ["checkout"], defaultPodStartup: .fixed(.seconds(10)))
    let driver = ScriptedAnalysisDriver(scripts: [
      .background: [.init(after: .zero, .running), .init(after: .seconds(185), .failed, message: names.runMessage)]
    ])
    var simulator = Simulator(setup: setup, driver: driver)
    var result = simulator.run()
    let values = ["[0.998]", "[0.997]", "[0.996]", "[0.998]", "[0.997]", "[0.81]", "[0.78]"]
    let measurements = values.enumerated().map { i, value in
      AnalysisRunRecord.Measurement(
        t: SimInstant(milliseconds: Int64(5 + 30 * i) * 1000), phase: i >= 5 ? "Failed" : "Successful", value: value,
        message: "")
    }
    for i in result.analysisRuns.indices where result.analysisRuns[i].kind == .background {
      result.analysisRuns[i].metrics = [
        .init(name: names.metric, phase: result.analysisRuns[i].phase == "Failed" ? "Failed" : "Running", measurements: measurements)
      ]
    }
    let plan = RolloutPlan(
      namespace: "shop", replicas: 4, strategy: "canary", trafficRouter: "istio",
      steps: [
        PlanStep(kind: "setWeight", text: "setWeight: 20", weight: 20),
        PlanStep(kind: "pause", text: "pause: \(names.pauseText)", pauseSeconds: 120),
        PlanStep(kind: "setWeight", text: "setWeight: 50", weight: 50),
        PlanStep(kind: "pause", text: "pause: \(names.pauseText)", pauseSeconds: 120),
      ],
      analyses: [
        PlanAnalysis(
          kind: "Background", templates: ["canary-success-rate"],
          metrics: [
            PlanMetric(
              name: names.metric, query: "sum(rate(istio_requests_total{response_code!~\"5.*\"}[1m])) / sum(rate(istio_requests_total[1m]))",
              interval: "30s", successCondition: names.condition, failureLimit: 1)
          ])
      ])
    return RunReport(
      scenario: names.scenario, seed: 42, rollout: names.rollout, strategy: "canary", result: result,
      diagnostics: names.diagnostics, plan: plan, description: names.description)
  }

  /// Every name a report shows, made hostile.
  static var hostileNames: Names {
    var names = Names()
    names.scenario = "<img src=x onerror=alert(1)> & \"quoted\" 'single' | pipe"
    names.description = "</p><script>alert('description')</script> *bold* [link](http://evil)"
    names.rollout = "<script>alert(\"x&y\")</script>"
    names.metric = "<b>rate</b>|x\"y"
    names.stableProfile = "<u>stable</u>"
    names.canaryProfile = "<i onmouseover=\"x()\">canary</i>"
    names.pauseText = "<em>2m</em>"
    names.runMessage = "Metric \"<script>m()</script>\" assessed Failed due to failed (2) > failureLimit (1): \"</td><td>&amp;\""
    names.condition = "result[0] >= 0.95 && \"<svg onload=x()>\" != \"\""
    names.diagnostics = [
      .warning("<script>warn()</script> & \"quotes\"", at: SourceLocation(file: "a<b>&\".yaml", line: 3, column: 7))
    ]
    return names
  }

  static func sweep(names: [String] = ["plan A: 5% → 25% → 50%", "plan B: 10% → 50%", "plan C: 25% only"]) -> SweepSummary {
    SweepSummary(
      name: "tune-steps", scenario: "istio-canary.yaml", seeds: 200,
      variants: [
        SweepVariant(
          name: names[0], runs: 400,
          detectionRate: .init(value: 0.92, low: 0.875, high: 0.95, count: 184, of: 200),
          falseRollbackRate: .init(value: 0.01, low: 0.003, high: 0.036, count: 2, of: 200),
          timeToPromote: .init(p50: 3600, p95: 3720), timeToDetect: .init(p50: 420, p95: 900),
          badRequests: .init(p50: 1200, p95: 3400)),
        SweepVariant(
          name: names[1], runs: 400,
          detectionRate: .init(value: 0.80, low: 0.74, high: 0.85, count: 160, of: 200),
          falseRollbackRate: .init(value: 0.005, low: 0.001, high: 0.028, count: 1, of: 200),
          timeToPromote: .init(p50: 1800, p95: 1900), timeToDetect: .init(p50: 300, p95: 700),
          badRequests: .init(p50: 2500, p95: 6100)),
        SweepVariant(
          name: names[2], runs: 400,
          detectionRate: .init(value: 0.70, low: 0.63, high: 0.76, count: 140, of: 200),
          falseRollbackRate: .init(value: 0.02, low: 0.008, high: 0.05, count: 4, of: 200),
          timeToPromote: .init(p50: 2400, p95: 2500), timeToDetect: .init(p50: 600, p95: 1200),
          badRequests: .init(p50: 5200, p95: 9000)),
      ])
  }
}
