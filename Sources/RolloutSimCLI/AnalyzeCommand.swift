import Analysis
import ArgumentParser
import Diagnostics
import Foundation
import Manifests
import SimKernel
import Simulation
import VirtualTime

extension RolloutSim {
  struct Analyze: PerformingCommand {
    static let configuration = CommandConfiguration(
      abstract: "Run one AnalysisTemplate alone against a scenario's simulated world.",
      discussion: """
        Builds an AnalysisRun from the template (or AnalysisRun manifest) the way the rollout controller \
        would, then measures it from t = 0 as the Argo Rollouts analysis controller does: Prometheus \
        queries over the scenario's synthetic telemetry (the canary at a fixed traffic weight), Job and \
        Web metrics from the scenario's providers models, other providers from its values bindings. \
        Prints every measurement (time, value, phase, why) and the run's phase with Argo's message.

        Examples:
          rollout-sim analyze analysis.yaml --scenario scenarios/seed-istio-canary/bad-release.yaml
          rollout-sim analyze analysis.yaml --scenario s.yaml --arg service-name=checkout --for 30m
          rollout-sim analyze templates.yaml --template success-rate --scenario s.yaml --format json

        Exit codes: 0 the analysis ran (whatever its phase); 2 invalid input; 64 usage error.
        """)

    @Argument(help: "A file with an AnalysisTemplate, ClusterAnalysisTemplate or AnalysisRun.")
    var file: String

    @Option(help: "The scenario file (kind: Scenario) whose world the analysis measures.")
    var scenario: String

    @Option(name: .customLong("template"), help: "Which template of the file, when it has several.")
    var templateName: String?

    @Option(name: .customLong("arg"), help: "An argument value, NAME=VALUE (repeatable).")
    var arguments: [String] = []

    @Option(name: .customLong("for"), help: "How long to measure, e.g. 30m, 2h (default 1h).")
    var duration: String = "1h"

    @Option(help: "Canary traffic weight in percent while measuring (default: the Rollout's first setWeight; 0 for blue-green).")
    var weight: Int?

    @Option(help: "Seed for sampled telemetry and Job outcomes (default: the scenario's, else 1).")
    var seed: UInt64?

    @Option(help: "Output format: text or json.")
    var format: RunFormat = .text

    func validate() throws {
      for argument in arguments where !argument.contains("=") || argument.hasPrefix("=") {
        throw ValidationError("--arg: expected NAME=VALUE, got '\(argument)'")
      }
      if ScenarioDurations.parse(duration) == nil {
        throw ValidationError("--for: invalid duration '\(duration)' (write e.g. 30m, 2h)")
      }
      if let weight, !(0...100).contains(weight) { throw ValidationError("--weight must be between 0 and 100") }
    }

    var parsedArguments: [(name: String, value: String)] {
      arguments.map { text in
        let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
      }
    }

    func perform(_ output: inout CommandOutput) throws {
      let loaded = ScenarioLoader.load(path: scenario)
      var sources = loaded.sources
      let analysisSet = ManifestLoader.load(paths: [file])
      sources.merge(analysisSet.sources) { current, _ in current }
      let renderer = DiagnosticRenderer(sources: sources, useColor: output.useColor)
      var diagnostics = loaded.diagnostics + analysisSet.diagnostics
      func fail(_ extra: [Diagnostic] = []) {
        diagnostics += extra
        output.writeError(renderer.render(diagnostics))
        output.printError(DiagnosticRenderer.summary(diagnostics))
        output.exitCode = ExitStatus.invalidInput
      }
      guard let scenario = loaded.scenario, !analysisSet.hasErrors else { return fail() }

      // The analysis to run.
      let runSpec: AnalysisRunSpec
      let runName: String
      switch AnalyzeInput.choose(in: analysisSet, file: file, name: templateName) {
      case .failure(let problem):
        return fail(problem.diagnostics)
      case .success(.template(let template)):
        runName = template.name
        var combined = scenario.manifests
        combined.analysisTemplates += analysisSet.analysisTemplates
        combined.clusterAnalysisTemplates += analysisSet.clusterAnalysisTemplates
        switch AnalysisRunSpec.standalone(
          template: template, arguments: parsedArguments, manifests: combined, namespace: nil)
        {
        case .success(let spec): runSpec = spec
        case .failure(let failure):
          return fail([AnalyzeInput.diagnostic(failure, template: template)])
        }
      case .success(.run(let run)):
        runName = run.name
        runSpec = AnalysisRunSpec(manifest: run, arguments: parsedArguments)
      }

      // The world.
      var reader = ProviderModelsReader()
      // Secrets beside the template count too (the scenario's own win).
      let secrets = Secrets(manifests: analysisSet, namespace: scenario.namespace, scenario: scenario.secrets)
      let models = reader.read(scenario.providers, secrets: secrets)
      diagnostics += reader.diagnostics.all
      if diagnostics.contains(where: { $0.severity == .error }) { return fail() }
      let setup = ScenarioLoader.setup(for: scenario, seed: seed)
      let horizon = SimInstant.zero + (ScenarioDurations.parse(duration) ?? .hours(1))
      let canaryWeight = weight ?? AnalyzeWorld.defaultWeight(setup)
      var world = AnalyzeWorld(setup: setup, scenario: scenario, canaryWeight: canaryWeight, horizon: horizon)
      var environment = AnalysisEnvironment(models: models, conditions: AnalyzeConditions.evaluator, signals: world.signals)

      // The run, reconciled as the analysis controller would.
      let random = SeededRandom(seed: setup.seed).fork(label: "analysis").fork(label: runName)
      var run = SimulatedAnalysisRun(name: runName, namespace: scenario.namespace, spec: runSpec, random: random)
      var now = SimInstant.zero
      var reconciles = 0
      while reconciles < 1_000_000 {
        reconciles += 1
        world.advance(to: now)
        environment.setTelemetry(world.store)
        let outcome = run.reconcile(at: now, environment: &environment)
        environment.releaseTelemetry()
        guard !run.phase.isCompleted, let next = outcome.nextReconcileAt, next <= horizon else { break }
        now = max(now, next)
      }
      for metric in run.resolvedMetrics {
        if let gap = ProviderSupport.gap(for: metric, models: models) {
          diagnostics.append(.warning(gap, rule: "analysis-provider"))
        }
      }
      let warnings = diagnostics.filter { $0.severity != .error }
      if !warnings.isEmpty { output.writeError(renderer.render(warnings)) }
      let report = AnalyzeReport(
        run: run, scenario: scenario.name, seed: setup.seed, canaryWeight: canaryWeight, horizon: horizon)
      switch format {
      case .text: output.write(report.text())
      case .json: output.write(report.json())
      }
    }
  }
}
