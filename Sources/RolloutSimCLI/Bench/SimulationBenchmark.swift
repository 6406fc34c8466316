import Foundation
import Simulation

/// P1: one run of the seed's Istio canary (pauses 120h and 24h, success-rate metric every 30s, 200 rps,
/// 15s scrape), loading included. Run from the package root.
let simulationSeedIstioCanary = Benchmark(
  name: "simulation.seedIstioCanary", goal: "P1 ≤ 50 ms per run incl. loading", unit: "runs", defaultIterations: 20
) { iterations in
  let path = "scenarios/seed-istio-canary/healthy.yaml"
  var promoted = 0
  for _ in 0..<iterations {
    let loaded = ScenarioLoader.load(path: path)
    guard let scenario = loaded.scenario else {
      throw BenchmarkError("cannot load \(path) (run the benchmark from the package root)")
    }
    let result = SimulationRunner.run(setup: ScenarioLoader.setup(for: scenario), scenario: scenario)
    if result.outcome.promoted { promoted += 1 }
  }
  guard promoted == iterations else { throw BenchmarkError("the healthy seed canary was not promoted") }
  return iterations
}

/// Loading alone, to tell the parts of P1 apart.
let simulationSeedIstioLoad = Benchmark(
  name: "simulation.seedIstioLoad", goal: "(part of P1)", unit: "loads", defaultIterations: 50
) { iterations in
  for _ in 0..<iterations {
    guard ScenarioLoader.load(path: "scenarios/seed-istio-canary/healthy.yaml").scenario != nil else {
      throw BenchmarkError("cannot load the scenario (run the benchmark from the package root)")
    }
  }
  return iterations
}

struct BenchmarkError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
