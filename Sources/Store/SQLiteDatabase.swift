import CSQLite

/// One connection to a SQLite database file, used from one thread at a time.
///
/// Opening enables WAL (readers never block the writer, so `runs list` works during a sweep), a busy
/// timeout, and foreign keys. Statements are prepared once and cached by SQL text.
public final class SQLiteDatabase {
  let handle: OpaquePointer
  public let path: String
  private var statementCache: [String: SQLiteStatement] = [:]

  /// Opens (or creates, unless `readOnly`) the database at `path`; `:memory:` for a private in-memory one.
  /// `pageSize` applies to a new, empty database only (SQLite fixes it with the first table, and WAL
  /// fixes it at once, so it is set first).
  public init(path: String, readOnly: Bool = false, pageSize: Int? = nil) throws(SQLiteError) {
    var db: OpaquePointer?
    let flags = readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
    let rc = sqlite3_open_v2(path, &db, flags | SQLITE_OPEN_NOMUTEX, nil)
    guard rc == SQLITE_OK, let db else {
      let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
      if let db { sqlite3_close_v2(db) }
      throw SQLiteError(code: rc, message: "\(message): \(path)")
    }
    handle = db
    self.path = path
    sqlite3_busy_timeout(db, 10_000)
    if let pageSize, !readOnly { try execute("PRAGMA page_size = \(pageSize)") }
    if !readOnly && path != ":memory:" {
      try execute("PRAGMA journal_mode = WAL")
      try execute("PRAGMA synchronous = NORMAL")
    }
    try execute("PRAGMA foreign_keys = ON")
  }

  deinit {
    statementCache.removeAll()
    sqlite3_close_v2(handle)
  }

  /// Runs one or more statements without results.
  public func execute(_ sql: String) throws(SQLiteError) {
    var errorMessage: UnsafeMutablePointer<CChar>?
    let rc = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
    if rc != SQLITE_OK {
      let message = errorMessage.map { String(cString: $0) } ?? lastErrorMessage
      sqlite3_free(errorMessage)
      throw SQLiteError(code: rc, message: message, sql: sql)
    }
  }

  /// A prepared statement for `sql`, reused across calls.
  public func prepare(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
    if let cached = statementCache[sql] {
      cached.reset()
      return cached
    }
    let statement = try SQLiteStatement(database: self, sql: sql)
    statementCache[sql] = statement
    return statement
  }

  /// Runs `body` in one transaction (`BEGIN IMMEDIATE` so writers queue instead of failing later),
  /// committing on success and rolling back on any thrown error.
  public func transaction<T>(_ body: () throws -> T) throws -> T {
    try execute("BEGIN IMMEDIATE")
    do {
      let result = try body()
      try execute("COMMIT")
      return result
    } catch {
      try? execute("ROLLBACK")
      throw error
    }
  }

  public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }
  public var changes: Int { Int(sqlite3_changes(handle)) }

  var lastErrorMessage: String { String(cString: sqlite3_errmsg(handle)) }

  /// `PRAGMA user_version`, where the schema version lives.
  public var userVersion: Int {
    get throws(SQLiteError) { Int(try scalarInt("PRAGMA user_version") ?? 0) }
  }

  public func setUserVersion(_ version: Int) throws(SQLiteError) {
    try execute("PRAGMA user_version = \(version)")
  }

  /// The first column of the first row, as an integer.
  public func scalarInt(_ sql: String, _ arguments: [any SQLiteBindable] = []) throws(SQLiteError) -> Int64? {
    let statement = try prepare(sql)
    // A statement left on a row keeps its read transaction open (and blocks WAL checkpoints).
    defer { statement.reset() }
    try statement.bind(arguments)
    guard try statement.step() else { return nil }
    return statement.isNull(0) ? nil : statement.int64(0)
  }

  /// Names of the tables in the schema, sorted.
  public func tableNames() throws(SQLiteError) -> [String] {
    let statement = try prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    var names: [String] = []
    while try statement.step() { names.append(statement.text(0)) }
    return names
  }
}
