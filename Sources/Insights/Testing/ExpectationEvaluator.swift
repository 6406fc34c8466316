import Analysis
import Controller
import Diagnostics
import Manifests
import Simulation
import VirtualTime

/// One expectation checked against what happened.
public struct CheckedExpectation: Sendable, Hashable {
  public var expectation: Expectation
  public var actual: String
  public var passed: Bool

  public init(expectation: Expectation, actual: String, passed: Bool) {
    self.expectation = expectation
    self.actual = actual
    self.passed = passed
  }

  public var key: String { expectation.key }
  public var expected: String { expectation.expectedText }
}

/// Checks a scenario's expectations against its run.
public enum ExpectationEvaluator {
  /// The templates each analysis block of the Rollout runs (for `analysisRuns: {<template>: …}`).
  public static func templateNames(of rollout: Rollout, in set: ManifestSet, namespace: String) -> [String] {
    let inventory = AnalysisInventory(set: set, rollout: rollout, namespace: namespace)
    var names: [String] = []
    for (_, analysis) in inventory.blocks {
      for template in inventory.templates(of: analysis) where !names.contains(template.name) { names.append(template.name) }
    }
    return names
  }

  public static func evaluate(_ expectations: [Expectation], scenario: Scenario, result: SimulationResult) -> [CheckedExpectation] {
    let outcome = result.outcome
    let inventory = AnalysisInventory(set: scenario.manifests, rollout: scenario.rollout, namespace: scenario.namespace)
    return expectations.map { expectation in
      switch expectation.check {
      case .phase(let phase):
        let reason = outcome.reason.isEmpty || outcome.phase == .healthy ? "" : " (\(outcome.message.isEmpty ? outcome.reason : outcome.message))"
        return CheckedExpectation(
          expectation: expectation, actual: outcome.phase.rawValue + reason, passed: outcome.phase.rawValue == phase)
      case .aborted(let wanted):
        return CheckedExpectation(expectation: expectation, actual: aborted(outcome), passed: outcome.aborted == wanted)
      case .promoted(let wanted):
        return CheckedExpectation(expectation: expectation, actual: promoted(outcome), passed: outcome.promoted == wanted)
      case .abortedWithin(let limit):
        let at = outcome.aborted ? outcome.abortedAt : nil
        return CheckedExpectation(
          expectation: expectation, actual: aborted(outcome), passed: at.map { $0 <= SimInstant.zero + limit } ?? false)
      case .promotedWithin(let limit):
        let at = outcome.promoted ? outcome.promotedAt : nil
        return CheckedExpectation(
          expectation: expectation, actual: promoted(outcome), passed: at.map { $0 <= SimInstant.zero + limit } ?? false)
      case .step(let bound):
        // The furthest step the rollout got to (an abort sends the index back to 0): the index after
        // the last completed step.
        let completed = result.timeline.filter { $0.event == "RolloutStepCompleted" }.compactMap(\.step).max()
        guard let reached = completed ?? result.finalStatus.currentStepIndex.map({ _ in 0 }) else {
          return CheckedExpectation(expectation: expectation, actual: "the rollout has no steps", passed: false)
        }
        let total = scenario.rollout.canary?.steps.count ?? 0
        var actual = "reached step \(reached) of \(total)"
        if let final = result.finalStatus.currentStepIndex, final != reached { actual += " (ended at step \(final))" }
        return CheckedExpectation(expectation: expectation, actual: actual, passed: bound.contains(Double(reached)))
      case .analysisRun(let key, let phase):
        let runs = runs(matching: key, result: result, inventory: inventory)
        guard let last = runs.last else {
          return CheckedExpectation(expectation: expectation, actual: "no \(key) run was created", passed: false)
        }
        let when = last.completedAt.map { " at \($0)" } ?? ""
        let message = last.message.isEmpty ? "" : " (\(last.message))"
        return CheckedExpectation(
          expectation: expectation, actual: "\(last.phase)\(when), run \(last.name)\(message)", passed: last.phase == phase)
      case .canaryErrors(let bound):
        let value = result.traffic.canaryErrors
        return CheckedExpectation(
          expectation: expectation, actual: "\(value) of \(result.traffic.canaryRequests) canary requests failed",
          passed: bound.contains(Double(value)))
      case .badRequests(let bound):
        let value = result.traffic.errors
        return CheckedExpectation(
          expectation: expectation, actual: "\(value) of \(result.traffic.requests) requests failed", passed: bound.contains(Double(value)))
      case .detectionRate, .falseRollbackRate:
        return CheckedExpectation(expectation: expectation, actual: "only sweeps have rates", passed: false)
      }
    }
  }

  static func aborted(_ outcome: Outcome) -> String {
    guard outcome.aborted else { return "not aborted (\(outcome.phase.rawValue))" }
    return "aborted at \(outcome.abortedAt ?? outcome.at)"
  }

  static func promoted(_ outcome: Outcome) -> String {
    guard outcome.promoted else { return "not promoted (\(outcome.phase.rawValue))" }
    return "promoted at \(outcome.promotedAt ?? outcome.at)"
  }

  /// Runs of a kind (`Background`) or built from a template, oldest first.
  static func runs(matching key: String, result: SimulationResult, inventory: AnalysisInventory) -> [AnalysisRunRecord] {
    if let kind = AnalysisRunRole(rawValue: key) { return result.analysisRuns.filter { $0.kind == kind } }
    var matching: [AnalysisRunRecord] = []
    for (block, analysis) in inventory.blocks where inventory.templates(of: analysis).contains(where: { $0.name == key }) {
      matching += RunRecords.runs(of: block, in: result.analysisRuns)
    }
    // Creation order is the order runs appear in the result.
    return result.analysisRuns.filter { record in matching.contains { $0.name == record.name } }
  }
}
