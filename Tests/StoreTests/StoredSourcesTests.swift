import Foundation
@testable import Store
import Testing
import WhatIf

/// The texts kept for replaying runs: a run's scenario and manifests, a sweep's file and a run's task.
@Suite struct StoredSourcesTests {
  @Test func aRunsScenarioTextsComeBackByHashAndByID() throws {
    let store = try RunStore(path: ":memory:")
    var source = StoreSamples.source
    source.manifests[0].text = "kind: Rollout\nmetadata: {name: \"quoted\\\\ ü\"}\n"
    let scenarioID = try store.scenarioID(for: source)
    let run = try #require(try store.run(id: try store.saveRun(StoreSamples.record(), scenarioID: scenarioID)))
    #expect(try store.scenarioSource(hash: run.scenarioHash) == source)
    #expect(try store.scenarioSource(id: scenarioID) == source)
    #expect(try store.scenarioSource(hash: "absent") == nil)
    #expect(try store.sweepTaskPosition(runID: run.id) == nil)
  }

  @Test func unreadableManifestsAreDamageNotAnEmptyList() throws {
    let store = try RunStore(path: ":memory:")
    let scenarioID = try store.scenarioID(for: StoreSamples.source)
    try store.db.execute("UPDATE scenario SET manifests = 'not json' WHERE id = \(scenarioID)")
    #expect {
      try store.scenarioSource(id: scenarioID)
    } throws: { error in
      guard case StoreError.corrupt(_, let message) = error else { return false }
      return message.contains("stored manifests of scenario 'shop'")
    }
  }

  @Test func aSweepsTextAndEachRunsTask() throws {
    let plan = try SweepStorageTests.plan()
    let store = try RunStore(path: ":memory:")
    let scenarioID = try store.scenarioID(for: StoreSamples.source)
    let sweepID = try store.createSweep(plan, scenarioID: scenarioID, hash: "h", detail: .summary)
    try store.saveSweepRuns(
      sweepID: sweepID, scenarioID: scenarioID, [5, 2].map { ($0, SweepStorageTests.record(plan, $0, detail: .summary)) })
    #expect(try store.sweepText(id: sweepID) == plan.spec.text)
    #expect(try store.sweepText(id: sweepID + 1) == nil)
    // Runs are stored in task order within a batch: run 1 is task 2, run 2 is task 5.
    #expect(try store.sweepTaskPosition(runID: 1) == 2)
    #expect(try store.sweepTaskPosition(runID: 2) == 5)
  }
}
