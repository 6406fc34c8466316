/// One step of the schema's history: forward-only, named, applied in its own transaction. The version
/// reached lives in `PRAGMA user_version`; the names applied are listed in `schemaMigration`.
public struct Migration: Sendable {
  public var version: Int
  public var name: String
  public var sql: String
}

enum Migrator {
  /// Applies every migration above the database's version, up to `target`. Each one re-reads the
  /// version inside its transaction, so two processes opening a new store at once do not collide.
  static func migrate(_ db: SQLiteDatabase, upTo target: Int = StoreSchema.latestVersion) throws {
    for migration in StoreSchema.migrations where migration.version <= target {
      try db.transaction {
        let current = try db.userVersion
        guard current == migration.version - 1 else { return }
        try db.execute(migration.sql)
        try db.prepare("INSERT INTO schemaMigration (version, name) VALUES (?, ?)").run([migration.version, migration.name])
        try db.setUserVersion(migration.version)
      }
    }
  }
}
