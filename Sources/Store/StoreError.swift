/// Why the store could not be used. The file in question is never modified when one of these is thrown
/// on opening.
public enum StoreError: Error, Sendable, CustomStringConvertible {
  case missing(path: String)
  /// The file exists but is not a SQLite database.
  case notADatabase(path: String)
  /// A SQLite database of another application.
  case foreignDatabase(path: String, tables: [String])
  /// Written by a newer rollout-sim.
  case newerSchema(path: String, version: Int, latest: Int)
  case corrupt(path: String, message: String)
  case failed(SQLiteError)
  case notFound(String)

  public var description: String {
    switch self {
    case .missing(let path):
      "no run store at \(path) (every `rollout-sim run` and `sweep` creates one; or pass --db PATH)"
    case .notADatabase(let path):
      "\(path) is not a SQLite database, so not a rollout-sim store; it was left untouched (choose another file with --db)"
    case .foreignDatabase(let path, let tables):
      "\(path) is a SQLite database of another application (tables: \(tables.prefix(8).joined(separator: ", "))\(tables.count > 8 ? ", …" : "")); it was left untouched (choose another file with --db)"
    case .newerSchema(let path, let version, let latest):
      "\(path) was written by a newer rollout-sim (store schema v\(version); this version knows up to v\(latest)); upgrade rollout-sim to read it"
    case .corrupt(let path, let message):
      "\(path) is damaged (\(message)); it was left untouched (check it with `sqlite3 \(path) 'PRAGMA integrity_check'`)"
    case .failed(let error): "store: \(error)"
    case .notFound(let what): what
    }
  }
}
