import Controller
import Diagnostics
import Manifests
import Simulation

/// Runs one scenario file the way `rollout-sim test` does: load, read `expect`, simulate with the
/// scenario's seed, check every expectation, and collect the run's insight findings.
public enum ScenarioTester {
  public struct Run: Sendable {
    public var testCase: TestCase
    /// Texts of every file read, to render the diagnostics with their source lines.
    public var sources: [String: SourceText]
  }

  /// - Parameters:
  ///   - path: the scenario file, as it is opened;
  ///   - displayPath: how reports name it (relative to where the user runs the command);
  ///   - strict: insight findings fail the case.
  public static func run(path: String, displayPath: String, strict: Bool = false) -> Run {
    let loaded = ScenarioLoader.load(path: path)
    let fallbackName = displayPath.split(separator: "/").last.map { String($0) } ?? displayPath
    guard let scenario = loaded.scenario else {
      let errors = loaded.diagnostics.filter { $0.severity == .error }
      return Run(
        testCase: TestCase(
          file: displayPath, name: fallbackName, status: .invalid,
          reason: "the scenario does not load (\(DiagnosticRenderer.summary(loaded.diagnostics)))", diagnostics: errors),
        sources: loaded.sources)
    }
    guard let expect = scenario.expect, !expect.isNull else {
      return Run(
        testCase: TestCase(file: displayPath, name: scenario.name, status: .skipped, reason: "no expect block"),
        sources: loaded.sources)
    }
    let templates = ExpectationEvaluator.templateNames(of: scenario.rollout, in: scenario.manifests, namespace: scenario.namespace)
    var reader = ExpectationReader(subject: .scenario(templates: templates))
    let expectations = reader.read(expect)
    if reader.diagnostics.hasErrors || expectations.isEmpty {
      var diagnostics = reader.diagnostics.sorted
      if diagnostics.isEmpty {
        diagnostics.append(.error("expect is empty: nothing would be checked", at: expect.location, hint: "e.g. expect: {phase: Healthy}", rule: "expect"))
      }
      return Run(
        testCase: TestCase(
          file: displayPath, name: scenario.name, status: .invalid, reason: "invalid expect block", diagnostics: diagnostics),
        sources: loaded.sources)
    }
    let setup = ScenarioLoader.setup(for: scenario)
    let result = SimulationRunner.run(setup: setup, scenario: scenario)
    let checks = ExpectationEvaluator.evaluate(expectations, scenario: scenario, result: result)
    let insights = RunInsights.check(scenario: scenario, setup: setup, result: result).diagnostics
    let failed = checks.contains { !$0.passed } || (strict && insights.contains { $0.severity != .note })
    return Run(
      testCase: TestCase(
        file: displayPath, name: scenario.name, status: failed ? .failed : .passed, checks: checks,
        outcome: outcomeLine(result.outcome), insights: insights),
      sources: loaded.sources)
  }

  /// `Healthy, promoted at 6d 00:00:06.258` / `Degraded (RolloutAborted), aborted at 00:06:26.751`.
  public static func outcomeLine(_ outcome: Outcome) -> String {
    var text = outcome.phase.rawValue
    if !outcome.reason.isEmpty, outcome.phase != .healthy { text += " (\(outcome.reason))" }
    if outcome.promoted, let at = outcome.promotedAt { text += ", promoted at \(at)" }
    if outcome.aborted, let at = outcome.abortedAt { text += ", aborted at \(at)" }
    if !outcome.promoted && !outcome.aborted { text += " at \(outcome.at)" }
    return text
  }
}
