import Controller
import VirtualTime

/// Runs a scenario with the real analysis engine.
public enum SimulationRunner {
  public static func run(setup: SimulationSetup, scenario: Scenario) -> SimulationResult {
    var simulator = Simulator(setup: setup, driver: EngineAnalysisDriver(scenario: scenario, seed: setup.seed))
    return simulator.run()
  }
}
