import Analysis
import SimKernel
import VirtualTime

/// The analysis engine's share of P2: one background AnalysisRun over an hour of virtual time (two
/// metrics every 30 s: a values binding and a Web metric with a JSONPath), driven as the simulation
/// drives it, then terminated.
let analysisBackgroundRun1h = Benchmark(
  name: "analysis.backgroundRun1h", goal: "P2 share: ≥ 2k runs/s", unit: "runs", defaultIterations: 2_000
) { iterations in
  let metrics = [
    MetricSpec(
      name: "error-rate", interval: "30s", failureLimit: 3,
      providers: [.other(OtherProviderSpec(kind: .datadog, query: "avg:errors{*}"))]),
    MetricSpec(
      name: "health", interval: "30s",
      providers: [.web(WebRequestSpec(url: "http://health.example/status", jsonPath: "{$.data.ready}"))]),
  ]
  var environment = AnalysisEnvironment(
    models: ProviderModels(
      web: ["health": WebModel(.init(body: #"{"data": {"ready": true, "rate": 0.99}}"#))],
      values: ["error-rate": ValuesBinding(signal: "canary.errorRate")]),
    signals: FunctionSignals(["canary.errorRate": { _ in 0.004 }]))
  let end = SimInstant(milliseconds: 3_600_000)
  var measurements = 0
  for i in 0..<iterations {
    var run = SimulatedAnalysisRun(
      name: "bench-\(i)", spec: AnalysisRunSpec(metrics: metrics), random: SeededRandom(seed: UInt64(i)))
    var now = SimInstant.zero
    while !run.phase.isCompleted {
      if now >= end { run.terminate() }
      let outcome = run.reconcile(at: now, environment: &environment)
      guard let next = outcome.nextReconcileAt else { break }
      now = min(max(now, next), end)
    }
    measurements += run.log.entries.reduce(0) { $0 + $1.measurements.count }
  }
  guard measurements == iterations * 2 * 120 else { throw AnalysisBenchmarkError(measurements: measurements) }
  return iterations
}

struct AnalysisBenchmarkError: Error, CustomStringConvertible {
  var measurements: Int
  var description: String { "analysis benchmark took \(measurements) measurements, not 240 per run" }
}
