import Diagnostics
import Foundation
import Insights
import Manifests
import Simulation
import WhatIf

/// Sweeps under `test`: every cell of the grid over every seed (on all cores, nothing stored), then the
/// `expect` bounds on detection and false-rollback rates, checked for every variant.
enum TestSweeps {
  static func run(path: String, displayPath: String) -> (testCase: TestCase, sources: [String: SourceText]) {
    let loaded = SweepLoader.load(path: path)
    var sources = loaded.sources
    let fallbackName = displayPath.split(separator: "/").last.map(String.init) ?? displayPath
    guard let spec = loaded.spec else {
      return (invalid(displayPath, fallbackName, "the sweep does not load", loaded.diagnostics), sources)
    }
    let root = sources[path].flatMap { YAMLReader.read($0.text, file: path).documents.first?.root }
    guard let expect = root?["spec"]?["expect"], !expect.isNull else {
      return (TestCase(file: displayPath, name: spec.name, status: .skipped, reason: "no expect block"), sources)
    }
    let scenario = ScenarioLoader.load(path: spec.scenarioPath)
    sources.merge(scenario.sources) { a, _ in a }
    guard let base = scenario.scenario else {
      return (invalid(displayPath, spec.name, "the sweep's scenario does not load", scenario.diagnostics), sources)
    }
    let built = SweepPlan.build(spec: spec, scenario: base)
    sources.merge(built.sources) { a, _ in a }
    guard var plan = built.plan else {
      return (invalid(displayPath, spec.name, "the sweep's grid does not load", built.diagnostics), sources)
    }
    var reader = ExpectationReader(subject: .sweep(variants: plan.variants.map(\.name), seeds: spec.seeds.count))
    let expectations = reader.read(expect)
    if reader.diagnostics.hasErrors || expectations.isEmpty {
      var diagnostics = reader.diagnostics.sorted
      if diagnostics.isEmpty {
        diagnostics.append(.error("expect is empty: nothing would be checked", at: expect.location, rule: "expect"))
      }
      return (invalid(displayPath, spec.name, "invalid expect block", diagnostics), sources)
    }
    // `expect.seeds` keeps CI fast on a sweep built to rank plans over many seeds: the bounds are
    // checked over its first seeds (the same ones the full sweep starts with).
    if let sample = reader.seedSample { plan.spec.seeds.count = sample }
    let statistics = run(plan)
    let checks = check(expectations, statistics: statistics)
    let sampled = plan.spec.seeds.count < spec.seeds.count ? " (the first \(plan.spec.seeds.count) of \(spec.seeds.count) seeds, expect.seeds)" : ""
    let outcome = "\(plan.variants.count) variant\(plan.variants.count == 1 ? "" : "s") × \(plan.releases.count) release\(plan.releases.count == 1 ? "" : "s") × \(plan.spec.seeds.count) seeds = \(plan.taskCount) runs\(sampled)"
    return (
      TestCase(
        file: displayPath, name: spec.name, status: checks.allSatisfy(\.passed) ? .passed : .failed, checks: checks,
        outcome: outcome),
      sources
    )
  }

  /// Every task of the plan, in task order whatever order the workers finish in.
  static func run(_ plan: SweepPlan) -> SweepStatistics {
    var outcomes: [SweepOutcome] = []
    try? SweepExecutor.run(
      tasks: Array(0..<plan.taskCount), workers: SweepExecutor.defaultWorkers,
      work: { index in
        let task = plan.task(at: index)
        return SweepOutcome(
          task: index, variant: task.variant, release: plan.releases[task.release].kind, summary: RunSummary(result: plan.run(task)))
      },
      consume: { batch in outcomes += batch.map(\.output) })
    outcomes.sort { $0.task < $1.task }
    return SweepStatistics(variantNames: plan.variants.map(\.name), outcomes: outcomes)
  }

  /// Each bound holds for every variant (named in the key when there are several).
  static func check(_ expectations: [Expectation], statistics: SweepStatistics) -> [CheckedExpectation] {
    var out: [CheckedExpectation] = []
    for expectation in expectations {
      for variant in statistics.variants where expectation.variant == nil || expectation.variant == variant.name {
        var keyed = expectation
        if statistics.variants.count > 1, expectation.variant == nil { keyed.key = "\(expectation.key)[\(variant.name)]" }
        let bound: Bound
        let proportion: Proportion?
        let what: String
        switch expectation.check {
        case .detectionRate(let b): (bound, proportion, what) = (b, variant.detection, "bad releases aborted")
        case .falseRollbackRate(let b): (bound, proportion, what) = (b, variant.falseRollback, "good releases aborted")
        default: continue
        }
        guard let proportion else {
          out.append(CheckedExpectation(expectation: keyed, actual: "no runs with \(what.split(separator: " ")[0]) releases (spec.releases)", passed: false))
          continue
        }
        let actual =
          "\(bound.format(proportion.rate)) (\(proportion.successes) of \(proportion.trials) \(what); 95% interval \(bound.format(proportion.low))–\(bound.format(proportion.high)))"
        out.append(CheckedExpectation(expectation: keyed, actual: actual, passed: bound.contains(proportion.rate)))
      }
    }
    return out
  }

  static func invalid(_ file: String, _ name: String, _ reason: String, _ diagnostics: [Diagnostic]) -> TestCase {
    TestCase(file: file, name: name, status: .invalid, reason: reason, diagnostics: diagnostics.filter { $0.severity == .error })
  }
}
