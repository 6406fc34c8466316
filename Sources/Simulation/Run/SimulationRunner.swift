import Controller
import VirtualTime

/// Runs a scenario with the analysis driver it needs.
public enum SimulationRunner {
  public static func run(setup: SimulationSetup, scenario: Scenario) -> SimulationResult {
    var simulator = Simulator(setup: setup, driver: ScriptedAnalysisDriver())
    return simulator.run()
  }
}
