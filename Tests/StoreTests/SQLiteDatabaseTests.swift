import Foundation
import Store
import Testing

@Suite struct SQLiteDatabaseTests {
  @Test func roundTripsValuesThroughPreparedStatements() throws {
    let db = try SQLiteDatabase(path: ":memory:")
    try db.execute("CREATE TABLE t (i INTEGER, r REAL, s TEXT, n TEXT)")
    let insert = try db.prepare("INSERT INTO t VALUES (?, ?, ?, ?)")
    try db.transaction {
      for i in 0..<3 { try insert.run([i, Double(i) / 2, "row \(i) ü", Optional<String>.none]) }
    }
    let select = try db.prepare("SELECT i, r, s, n FROM t ORDER BY i")
    var rows: [(Int, Double, String, String?)] = []
    while try select.step() {
      rows.append((select.int(0), select.double(1), select.text(2), select.optionalText(3)))
    }
    #expect(rows.count == 3)
    #expect(rows[2].0 == 2 && rows[2].1 == 1.0 && rows[2].2 == "row 2 ü" && rows[2].3 == nil)
  }

  @Test func failedTransactionRollsBack() throws {
    let db = try SQLiteDatabase(path: ":memory:")
    try db.execute("CREATE TABLE t (i INTEGER PRIMARY KEY)")
    struct Boom: Error {}
    #expect(throws: Boom.self) {
      try db.transaction {
        try db.prepare("INSERT INTO t VALUES (1)").run([])
        throw Boom()
      }
    }
    #expect(try db.scalarInt("SELECT count(*) FROM t") == 0)
  }

  @Test func errorsCarryTheStatement() throws {
    let db = try SQLiteDatabase(path: ":memory:")
    do {
      try db.execute("SELEC 1")
      Issue.record("bad SQL accepted")
    } catch {
      #expect(error.sql == "SELEC 1")
      #expect(error.message.contains("syntax error"))
    }
  }

  @Test func fileDatabasesUseWAL() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rollout-sim-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let db = try SQLiteDatabase(path: dir.appendingPathComponent("x.sqlite").path)
    let mode = try db.prepare("PRAGMA journal_mode")
    try mode.step()
    #expect(mode.text(0) == "wal")
  }

  @Test func typedBindsKeepEmptyTextAndBlobsApartFromNull() throws {
    let db = try SQLiteDatabase(path: ":memory:")
    try db.execute("CREATE TABLE t (s TEXT, b BLOB, n INTEGER)")
    let insert = try db.prepare("INSERT INTO t VALUES (?, ?, ?)")
    try insert.bind("", at: 1)
    try insert.bind(blob: [], at: 2)
    try insert.bind(Int64?.none, at: 3)
    try insert.execute()
    try insert.bind("ü\u{0}x", at: 1)
    try insert.bind(blob: [0, 255, 7], at: 2)
    try insert.bind(Int64?.some(-3), at: 3)
    try insert.execute()
    let select = try db.prepare("SELECT typeof(s), typeof(b), n, b, hex(s) FROM t ORDER BY rowid")
    #expect(try select.step())
    #expect(select.text(0) == "text" && select.text(1) == "blob" && select.optionalInt64(2) == nil)
    #expect(try select.step())
    #expect(select.blob(3) == [0, 255, 7] && select.int64(2) == -3 && select.text(4) == "C3BC0078")
    #expect(try !select.step())
  }
}
