import Controller
import Diagnostics
import Manifests
import Simulation

extension RunReport {
  /// The report of a run of a loaded scenario, with the plan its explain texts and charts cite.
  public init(
    scenario: Scenario, setup: SimulationSetup, result: SimulationResult, diagnostics: [Diagnostic] = [],
    sweepRun: SweepRunIdentity? = nil
  ) {
    self.init(
      scenario: scenario.name, seed: setup.seed, rollout: scenario.rollout.name,
      strategy: setup.rollout.blueGreen != nil ? "blueGreen" : "canary", result: result, diagnostics: diagnostics,
      plan: RolloutPlan(scenario: scenario, setup: setup), description: scenario.description, sweepRun: sweepRun)
  }
}
