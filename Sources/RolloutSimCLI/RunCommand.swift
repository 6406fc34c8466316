import ArgumentParser
import Controller
import Diagnostics
import Foundation
import Insights
import Manifests
import Report
import Simulation
import Store
import VirtualTime

extension RolloutSim {
  struct Run: PerformingCommand {
    static let configuration = CommandConfiguration(
      abstract: "Simulate one scenario: every step, traffic shift, measurement and verdict, in virtual time.",
      discussion: """
        Loads the scenario and the manifests it lists, then replays what the Argo Rollouts controller would \
        do from the moment the update is applied (t = 0) until the rollout settles (Healthy, Degraded, or \
        paused waiting for a human) plus five minutes, or until --horizon.

        Output: a timeline (one line per controller event) on a terminal, or the JSON document of design \
        §5 with --format json. Same scenario and seed give byte-identical output.

        Examples:
          rollout-sim run scenarios/seed-istio-canary/healthy.yaml
          rollout-sim run scenarios/seed-istio-canary/bad-release.yaml --seed 7 --format json
          rollout-sim run my-scenario.yaml --horizon 2h
          rollout-sim run scenarios/tour/02-bad-canary-inline-analysis.yaml --explain

        Exit codes: 0 the run completed (whatever its outcome); 2 invalid input; 64 usage error.
        """)

    @Argument(help: "The scenario file (kind: Scenario).")
    var scenario: String

    @Option(help: "Seed for sampled traffic and pod start-up times (default: the scenario's, else 1).")
    var seed: UInt64?

    @Option(help: "Stop at this virtual time after the update, e.g. 30m, 12h, 6d (default: settled + 5m).")
    var horizon: String?

    @Option(help: "Output format: text or json.")
    var format: RunFormat = .text

    @Flag(help: "Explain each controller decision in plain words, with the rule that made it (text format).")
    var explain = false

    @OptionGroup var store: StoreOptions

    func validate() throws {
      if let horizon, ScenarioDurations.parse(horizon) == nil {
        throw ValidationError("--horizon: invalid duration '\(horizon)' (write e.g. 30m, 12h, 6d)")
      }
      if explain && format == .json {
        throw ValidationError("--explain applies to the text output; the JSON document is the machine contract")
      }
    }

    func perform(_ output: inout CommandOutput) throws {
      let loaded = ScenarioLoader.load(path: scenario)
      let renderer = DiagnosticRenderer(sources: loaded.sources, useColor: output.useColor && !output.noColor)
      guard let scenario = loaded.scenario else {
        output.writeError(renderer.render(loaded.diagnostics))
        output.printError(DiagnosticRenderer.summary(loaded.diagnostics))
        output.exitCode = ExitStatus.invalidInput
        return
      }
      let warnings = InsightRule.relabel(loaded.diagnostics.filter { $0.severity != .error })
      if format == .text && !warnings.isEmpty { output.writeError(renderer.render(warnings)) }
      let setup = ScenarioLoader.setup(for: scenario, seed: seed, horizon: horizon.flatMap(ScenarioDurations.parse))
      let result = SimulationRunner.run(setup: setup, scenario: scenario)
      store.save(result, setup: setup, scenario: scenario, parameters: horizon.map { [RunParameter("horizon", $0)] } ?? [], into: &output)
      let insights = RunInsights.check(scenario: scenario, setup: setup, result: result)
      let report = RunReport(scenario: scenario, setup: setup, result: result, diagnostics: warnings + insights.diagnostics)
      switch format {
      case .text:
        output.print(insights.scheduleLine)
        output.write(TimelineText(useColor: output.useColor, explain: explain).render(report))
        if !insights.diagnostics.isEmpty { output.write("\n" + renderer.render(insights.diagnostics)) }
      case .json:
        output.write(ResultJSON.render(report))
      }
    }
  }
}

enum RunFormat: String, ExpressibleByArgument, CaseIterable {
  case text, json
}
