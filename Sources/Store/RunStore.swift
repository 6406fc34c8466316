import CSQLite
import Foundation

/// The run store: every run and sweep, in one SQLite file (design §5). All access goes through the
/// intent-named methods of this type (`saveRun`, `createSweep`, `saveSweepRuns`, `sweepOutcomes`, …).
///
/// Opening checks the file before touching it: a file that is not SQLite, another application's
/// database, a damaged one or one from a newer schema is reported (`StoreError`), never overwritten.
/// An older store is migrated forward. WAL lets readers (`runs list`, `compare`) work while a sweep
/// writes. A `RunStore` is one connection: use it from one thread.
public final class RunStore {
  public let path: String
  let db: SQLiteDatabase
  var scenarioIDs: [String: Int64] = [:]

  /// Opens the store at `path`, creating it unless `create` is false, migrating an older schema.
  public convenience init(path: String, create: Bool = true) throws(StoreError) {
    try self.init(path: path, create: create, migratingTo: StoreSchema.latestVersion)
  }

  /// Opens and migrates up to `version` only (tests build stores of earlier versions with it).
  init(path: String, create: Bool, migratingTo version: Int) throws(StoreError) {
    self.path = path
    try Self.checkFile(path, create: create)
    do {
      db = try SQLiteDatabase(path: path, pageSize: Self.pageSize)
    } catch {
      throw Self.classify(error, path: path)
    }
    do {
      try Migrator.migrate(db, upTo: version)
    } catch let error as SQLiteError {
      throw Self.classify(error, path: path)
    } catch {
      throw .failed(SQLiteError(code: SQLITE_ERROR, message: "\(error)"))
    }
  }

  /// The schema version of the open store.
  public var schemaVersion: Int {
    get throws(StoreError) {
      do { return try db.userVersion } catch { throw .failed(error) }
    }
  }

  /// Names of the migrations applied, in order.
  public func appliedMigrations() throws(StoreError) -> [String] {
    try read { () throws(SQLiteError) in
      let statement = try db.prepare("SELECT name FROM schemaMigration ORDER BY version")
      var names: [String] = []
      while try statement.step() { names.append(statement.text(0)) }
      return names
    }
  }

  // MARK: - Checking a file before writing to it

  static let header = Array("SQLite format 3\u{0}".utf8)
  /// Pages of a new store: larger than SQLite's 4 KiB default, as a store is mostly appended to in
  /// bulk (fewer pages per row written and checkpointed).
  static let pageSize = 16_384

  /// Looks at the file with a read-only connection: a missing file is created only when allowed, a
  /// foreign or newer file is refused before a read-write connection could change it (even switching
  /// the journal to WAL writes the header).
  static func checkFile(_ path: String, create: Bool) throws(StoreError) {
    guard path != ":memory:" else { return }
    guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else {
      if create { return }
      throw .missing(path: path)
    }
    let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
    guard size > 0 else { return }
    guard let handle = FileHandle(forReadingAtPath: path) else { throw .corrupt(path: path, message: "cannot read the file") }
    let head = (try? handle.read(upToCount: header.count)).map { [UInt8]($0) } ?? []
    try? handle.close()
    guard head == header else { throw .notADatabase(path: path) }

    let probe: SQLiteDatabase
    do { probe = try SQLiteDatabase(path: path, readOnly: true) } catch { throw classify(error, path: path) }
    do {
      let applicationID = Int32(truncatingIfNeeded: try probe.scalarInt("PRAGMA application_id") ?? 0)
      let version = try probe.userVersion
      let tables = try probe.tableNames()
      if applicationID != StoreSchema.applicationID {
        if applicationID == 0 && version == 0 && tables.isEmpty { return }
        throw StoreError.foreignDatabase(path: path, tables: tables)
      }
      if version > StoreSchema.latestVersion {
        throw StoreError.newerSchema(path: path, version: version, latest: StoreSchema.latestVersion)
      }
    } catch let error as StoreError {
      throw error
    } catch let error as SQLiteError {
      throw classify(error, path: path)
    } catch {
      throw .failed(SQLiteError(code: SQLITE_ERROR, message: "\(error)"))
    }
  }

  static func classify(_ error: SQLiteError, path: String) -> StoreError {
    let primary = error.code & 0xff
    if primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB { return .corrupt(path: path, message: error.message) }
    return .failed(error)
  }

  // MARK: - Error funnels

  func read<T>(_ body: () throws(SQLiteError) -> T) throws(StoreError) -> T {
    do { return try body() } catch { throw Self.classify(error, path: path) }
  }

  func write<T>(_ body: () throws -> T) throws(StoreError) -> T {
    do {
      return try db.transaction(body)
    } catch let error as SQLiteError {
      throw Self.classify(error, path: path)
    } catch let error as StoreError {
      throw error
    } catch {
      throw .failed(SQLiteError(code: SQLITE_ERROR, message: "\(error)"))
    }
  }
}
