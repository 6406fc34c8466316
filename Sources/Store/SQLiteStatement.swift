import CSQLite

/// A prepared statement. Bind parameters (1-based, in order), then `step()` through the rows.
public final class SQLiteStatement {
  let handle: OpaquePointer
  unowned let database: SQLiteDatabase
  public let sql: String

  init(database: SQLiteDatabase, sql: String) throws(SQLiteError) {
    var statement: OpaquePointer?
    let rc = sqlite3_prepare_v3(database.handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
    guard rc == SQLITE_OK, let statement else {
      throw SQLiteError(code: rc, message: database.lastErrorMessage, sql: sql)
    }
    handle = statement
    self.database = database
    self.sql = sql
  }

  deinit { sqlite3_finalize(handle) }

  public func reset() {
    sqlite3_reset(handle)
    sqlite3_clear_bindings(handle)
  }

  public func bind(_ values: [any SQLiteBindable]) throws(SQLiteError) {
    for (index, value) in values.enumerated() { try bind(value.sqliteValue, at: Int32(index + 1)) }
  }

  public func bind(_ value: SQLiteValue, at index: Int32) throws(SQLiteError) {
    let rc: Int32
    switch value {
    case .null: rc = sqlite3_bind_null(handle, index)
    case .integer(let v): rc = sqlite3_bind_int64(handle, index, v)
    case .real(let v): rc = sqlite3_bind_double(handle, index, v)
    case .text(let v): rc = bindText(v, at: index)
    case .blob(let bytes): rc = bindBlob(bytes, at: index)
    }
    if rc != SQLITE_OK { throw SQLiteError(code: rc, message: database.lastErrorMessage, sql: sql) }
  }

  // MARK: Typed binding (no boxing: the shape of bulk inserts)

  public func bind(_ value: Int64, at index: Int32) throws(SQLiteError) {
    try check(sqlite3_bind_int64(handle, index, value))
  }
  public func bind(_ value: Int, at index: Int32) throws(SQLiteError) {
    try check(sqlite3_bind_int64(handle, index, Int64(value)))
  }
  public func bind(_ value: Int64?, at index: Int32) throws(SQLiteError) {
    try check(value.map { sqlite3_bind_int64(handle, index, $0) } ?? sqlite3_bind_null(handle, index))
  }
  public func bind(_ value: Double, at index: Int32) throws(SQLiteError) {
    try check(sqlite3_bind_double(handle, index, value))
  }
  public func bind(_ value: String, at index: Int32) throws(SQLiteError) { try check(bindText(value, at: index)) }
  public func bind(_ value: String?, at index: Int32) throws(SQLiteError) {
    try check(value.map { bindText($0, at: index) } ?? sqlite3_bind_null(handle, index))
  }
  public func bind(blob bytes: [UInt8], at index: Int32) throws(SQLiteError) { try check(bindBlob(bytes, at: index)) }

  private func bindText(_ value: String, at index: Int32) -> Int32 {
    var value = value
    // Contiguous UTF-8 with an explicit length: no NUL-terminated copy; SQLite copies (TRANSIENT).
    return value.withUTF8 { buffer in
      buffer.withMemoryRebound(to: CChar.self) { chars in
        // An empty string still needs a non-null pointer to be '' rather than NULL.
        guard let base = chars.baseAddress, !chars.isEmpty else {
          return sqlite3_bind_text(handle, index, "", 0, rollout_sim_sqlite_transient())
        }
        return sqlite3_bind_text(handle, index, base, Int32(chars.count), rollout_sim_sqlite_transient())
      }
    }
  }

  private func bindBlob(_ bytes: [UInt8], at index: Int32) -> Int32 {
    bytes.withUnsafeBytes { buffer in
      // An empty blob is a zero-length blob, not NULL.
      guard let base = buffer.baseAddress, !buffer.isEmpty else { return sqlite3_bind_zeroblob(handle, index, 0) }
      return sqlite3_bind_blob(handle, index, base, Int32(buffer.count), rollout_sim_sqlite_transient())
    }
  }

  private func check(_ rc: Int32) throws(SQLiteError) {
    if rc != SQLITE_OK { throw SQLiteError(code: rc, message: database.lastErrorMessage, sql: sql) }
  }

  /// Runs a statement whose parameters are already bound to completion, then resets it (keeping the
  /// bindings, so a bulk insert only rebinds the columns that change).
  public func execute() throws(SQLiteError) {
    defer { sqlite3_reset(handle) }
    let rc = sqlite3_step(handle)
    if rc != SQLITE_DONE && rc != SQLITE_ROW { throw SQLiteError(code: rc, message: database.lastErrorMessage, sql: sql) }
  }

  /// Advances to the next row; false when done.
  @discardableResult
  public func step() throws(SQLiteError) -> Bool {
    let rc = sqlite3_step(handle)
    switch rc {
    case SQLITE_ROW: return true
    case SQLITE_DONE: return false
    default: throw SQLiteError(code: rc, message: database.lastErrorMessage, sql: sql)
    }
  }

  /// Binds, runs to completion and resets: the shape of every INSERT in a batch.
  public func run(_ values: [any SQLiteBindable]) throws(SQLiteError) {
    sqlite3_reset(handle)
    try bind(values)
    try step()
    sqlite3_reset(handle)
  }

  public func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }
  public func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }
  public func int(_ column: Int32) -> Int { Int(sqlite3_column_int64(handle, column)) }
  public func double(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }
  public func text(_ column: Int32) -> String {
    guard let pointer = sqlite3_column_text(handle, column) else { return "" }
    return String(cString: pointer)
  }
  public func optionalText(_ column: Int32) -> String? { isNull(column) ? nil : text(column) }
  public func optionalInt64(_ column: Int32) -> Int64? { isNull(column) ? nil : int64(column) }
  public func blob(_ column: Int32) -> [UInt8] {
    let count = Int(sqlite3_column_bytes(handle, column))
    guard count > 0, let pointer = sqlite3_column_blob(handle, column) else { return [] }
    return Array(UnsafeRawBufferPointer(start: pointer, count: count))
  }
  public func optionalInt(_ column: Int32) -> Int? { isNull(column) ? nil : int(column) }
  public func bool(_ column: Int32) -> Bool { sqlite3_column_int64(handle, column) != 0 }
  public var columnCount: Int32 { sqlite3_column_count(handle) }
}
