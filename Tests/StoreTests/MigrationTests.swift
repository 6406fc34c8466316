import Foundation
@testable import Store
import Testing
import WhatIf

@Suite struct MigrationTests {
  static let allTables = [
    "analysisMetric", "analysisRun", "chartSeries", "measurement", "run", "scenario", "schemaMigration", "sweep",
    "sweepTask", "timelineEntry", "variant",
  ]

  @Test func migratesAnEmptyFile() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let store = try RunStore(path: folder.path("runs.sqlite"))
    #expect(try store.schemaVersion == StoreSchema.latestVersion)
    #expect(try store.appliedMigrations() == ["createRuns", "createSweeps", "createChartSeries"])
    #expect(try store.db.tableNames() == Self.allTables)
    #expect(try store.db.scalarInt("PRAGMA application_id") == Int64(StoreSchema.applicationID))
    // Opening again changes nothing.
    let again = try RunStore(path: folder.path("runs.sqlite"))
    #expect(try again.appliedMigrations().count == StoreSchema.latestVersion)
  }

  /// Rows a store of each version can hold, written with that version's SQL.
  static let rowsByVersion: [Int: String] = [
    1: """
      INSERT INTO scenario (id, hash, name, path, text, manifests) VALUES (1, 'h1', 'old', 'old.yaml', 'kind: Scenario', '[]');
      INSERT INTO run (id, scenarioId, seed, parameters, rollout, strategy, stepCount, phase, reason, message, outcomeAtMs,
        promoted, aborted, promotedAtMs, abortedAtMs, endedAtMs, events, requests, errors, canaryRequests, canaryErrors)
      VALUES (1, 1, 5, '{"horizon":"1h"}', 'shop', 'canary', 2, 'Healthy', 'Healthy', '', 60000, 1, 0, 60000, NULL, 360000,
        12, 100, 1, 50, 1);
      INSERT INTO timelineEntry VALUES (1, 0, 0, 'RolloutUpdated', NULL, 0, 100, 'Progressing', 'updated', 0, '[]');
      INSERT INTO analysisRun VALUES (1, 0, 'shop-1', 'Background', NULL, 'Running', 0, NULL, '');
      INSERT INTO analysisMetric VALUES (1, 0, 0, 'success-rate', 'Running', 0);
      INSERT INTO measurement VALUES (1, 0, 0, 0, 30000, 'Successful', '[0.99]', '');
      """,
    2: """
      INSERT INTO sweep (id, name, hash, path, text, scenarioId, seedFrom, seedCount, taskCount, detail)
      VALUES (1, 'old-sweep', 'sh', 'sweep.yaml', 'kind: Sweep', 1, 1, 1, 2, 'full');
      INSERT INTO variant VALUES (1, 0, 'only', '[]');
      INSERT INTO sweepTask VALUES (1, 0, 0, 'good', 1, 1);
      INSERT INTO sweepTask VALUES (1, 1, 0, 'bad', 1, NULL);
      UPDATE run SET sweepId = 1 WHERE id = 1;
      """,
  ]

  @Test(arguments: Array(1..<StoreSchema.latestVersion))
  func migratesFromEachEarlierVersion(version: Int) throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let path = folder.path("old.sqlite")
    do {
      let old = try RunStore(path: path, create: true, migratingTo: version)
      #expect(try old.schemaVersion == version)
      for v in 1...version { try old.db.execute(Self.rowsByVersion[v] ?? "") }
    }
    let store = try RunStore(path: path)
    #expect(try store.schemaVersion == StoreSchema.latestVersion)
    #expect(try store.db.tableNames() == Self.allTables)
    // The old rows survive and read through the current API.
    let run = try #require(try store.run(id: 1))
    #expect(run.scenarioName == "old" && run.record.seed == 5 && run.record.parameter("horizon") == "1h")
    #expect(run.record.summary.promotedAtMs == 60_000 && run.record.summary.canaryErrors == 1)
    #expect(run.record.timeline.map(\.event) == ["RolloutUpdated"])
    #expect(run.record.analysisRuns.first?.metrics.first?.measurements.first?.value == "[0.99]")
    #expect(run.record.charts.isEmpty)
    #expect(run.sweepID == (version >= 2 ? 1 : nil))
    if version >= 2 {
      let sweep = try #require(try store.sweep(id: 1))
      #expect(sweep.finished == 1 && sweep.taskCount == 2 && sweep.variants == ["only"])
      #expect(try store.pendingTasks(sweepID: 1) == [1])
    }
    // And new runs go in with everything the latest schema has.
    let id = try store.saveRun(StoreSamples.record(), scenarioID: try store.scenarioID(for: StoreSamples.source))
    #expect(try store.run(id: id)?.record == StoreSamples.record())
  }

  @Test func refusesAStoreFromANewerVersion() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let path = folder.path("new.sqlite")
    do {
      let store = try RunStore(path: path)
      try store.db.setUserVersion(StoreSchema.latestVersion + 1)
      try store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    }
    let before = try Data(contentsOf: URL(fileURLWithPath: path))
    #expect {
      _ = try RunStore(path: path)
    } throws: { error in
      guard case StoreError.newerSchema(_, let version, let latest) = error else { return false }
      return version == StoreSchema.latestVersion + 1 && latest == StoreSchema.latestVersion
        && "\(error)".contains("written by a newer rollout-sim")
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
  }

  @Test func leavesAnotherApplicationsDatabaseAlone() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let path = folder.path("other.sqlite")
    do {
      let other = try SQLiteDatabase(path: path)
      try other.execute("PRAGMA journal_mode = DELETE; CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x')")
    }
    let before = try Data(contentsOf: URL(fileURLWithPath: path))
    #expect {
      _ = try RunStore(path: path)
    } throws: { error in
      guard case StoreError.foreignDatabase(_, let tables) = error else { return false }
      return tables == ["contacts"]
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
  }

  @Test func leavesAFileThatIsNotADatabaseAlone() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let path = folder.path("notes.txt")
    try Data("kind: Scenario\n".utf8).write(to: URL(fileURLWithPath: path))
    #expect {
      _ = try RunStore(path: path)
    } throws: { error in
      guard case StoreError.notADatabase = error else { return false }
      return "\(error)".contains("is not a SQLite database")
    }
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "kind: Scenario\n")
  }

  @Test func reportsADamagedStore() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let path = folder.path("damaged.sqlite")
    do {
      let store = try RunStore(path: path)
      try store.saveRun(StoreSamples.record(), scenarioID: try store.scenarioID(for: StoreSamples.source))
      try store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    }
    // Keep the 100-byte header, scribble over the rest of the first page (the schema).
    var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    for i in 100..<min(4096, bytes.count) { bytes[i] = UInt8(truncatingIfNeeded: i &* 31) }
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    #expect {
      _ = try RunStore(path: path)
    } throws: { error in
      guard case StoreError.corrupt = error else { return false }
      return "\(error)".contains("is damaged")
    }
    #expect([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) == bytes)
  }

  @Test func readersDoNotCreateAStore() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    #expect(throws: StoreError.self) { try RunStore(path: folder.path("none.sqlite"), create: false) }
    #expect(!FileManager.default.fileExists(atPath: folder.path("none.sqlite")))
  }
}
