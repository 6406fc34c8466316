import Foundation
@testable import Store
import Testing
import WhatIf

@Suite struct RunStoreTests {
  @Test func aRunRoundTripsThroughEveryTable() throws {
    let store = try RunStore(path: ":memory:")
    let record = StoreSamples.record(measurements: 50)
    let id = try store.saveRun(record, scenarioID: try store.scenarioID(for: StoreSamples.source))
    let stored = try #require(try store.run(id: id))
    #expect(stored.record == record)
    #expect(stored.scenarioName == "shop" && stored.scenarioHash == StoreSamples.source.hash && stored.sweepID == nil)
    #expect(try store.db.scalarInt("SELECT count(*) FROM measurement") == 50)
    #expect(try store.run(id: id + 1) == nil)
  }

  @Test func aScenarioIsStoredOncePerContent() throws {
    let store = try RunStore(path: ":memory:")
    let first = try store.scenarioID(for: StoreSamples.source)
    var moved = StoreSamples.source
    moved.path = "elsewhere/shop.yaml"
    #expect(try store.scenarioID(for: moved) == first)
    var edited = StoreSamples.source
    edited.manifests[0].text += "# changed\n"
    #expect(try store.scenarioID(for: edited) != first)
    #expect(try store.db.scalarInt("SELECT count(*) FROM scenario") == 2)
  }

  @Test func listsRunsNewestFirst() throws {
    let store = try RunStore(path: ":memory:")
    let scenario = try store.scenarioID(for: StoreSamples.source)
    for seed in 1...3 { try store.saveRun(StoreSamples.record(seed: UInt64(seed)), scenarioID: scenario) }
    let runs = try store.runs(limit: 2)
    #expect(runs.map(\.id) == [3, 2])
    #expect(runs[0].seed == 3 && runs[0].variant == "fast \"one\"" && runs[0].release == "bad" && runs[0].aborted)
  }

  @Test func parametersKeepTheirOrder() {
    let parameters = RunStore.parameters(#"{"z":"1","a":"two \"quoted\"","m":"é"}"#)
    #expect(parameters == [RunParameter("z", "1"), RunParameter("a", "two \"quoted\""), RunParameter("m", "é")])
  }
}
