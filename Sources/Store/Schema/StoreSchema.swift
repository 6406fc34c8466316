/// The store's schema, as the list of migrations that build it. Tables are singular camelCase; times
/// are milliseconds of virtual time since the update (`…Ms`); JSON columns hold small nested values.
public enum StoreSchema {
  /// `PRAGMA application_id` of a rollout-sim store ("ROSI"): how a store tells itself from another
  /// application's SQLite file.
  public static let applicationID: Int32 = 0x524F_5349

  public static var latestVersion: Int { migrations.count }

  public static let migrations: [Migration] = [createRuns, createSweeps, createChartSeries]

  static let createRuns = Migration(
    version: 1, name: "createRuns",
    sql: """
      PRAGMA application_id = \(applicationID);
      CREATE TABLE schemaMigration (version INTEGER PRIMARY KEY, name TEXT NOT NULL);
      CREATE TABLE scenario (
        id INTEGER PRIMARY KEY,
        hash TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        path TEXT NOT NULL,
        text TEXT NOT NULL,
        manifests TEXT NOT NULL
      );
      CREATE TABLE run (
        id INTEGER PRIMARY KEY,
        scenarioId INTEGER NOT NULL REFERENCES scenario(id),
        seed INTEGER NOT NULL,
        parameters TEXT NOT NULL,
        rollout TEXT NOT NULL,
        strategy TEXT NOT NULL,
        stepCount INTEGER,
        phase TEXT NOT NULL,
        reason TEXT NOT NULL,
        message TEXT NOT NULL,
        outcomeAtMs INTEGER NOT NULL,
        promoted INTEGER NOT NULL,
        aborted INTEGER NOT NULL,
        promotedAtMs INTEGER,
        abortedAtMs INTEGER,
        endedAtMs INTEGER NOT NULL,
        events INTEGER NOT NULL,
        requests INTEGER NOT NULL,
        errors INTEGER NOT NULL,
        canaryRequests INTEGER NOT NULL,
        canaryErrors INTEGER NOT NULL
      );
      CREATE TABLE timelineEntry (
        runId INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        tMs INTEGER NOT NULL,
        event TEXT NOT NULL,
        step INTEGER,
        canaryWeight INTEGER NOT NULL,
        stableWeight INTEGER NOT NULL,
        phase TEXT NOT NULL,
        message TEXT NOT NULL,
        warning INTEGER NOT NULL,
        -- JSON: [[role, revision, revisionName, desired, ready, available], …]
        replicas TEXT NOT NULL,
        PRIMARY KEY (runId, position)
      ) WITHOUT ROWID;
      CREATE TABLE analysisRun (
        runId INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        step INTEGER,
        phase TEXT NOT NULL,
        startedAtMs INTEGER,
        completedAtMs INTEGER,
        message TEXT NOT NULL,
        PRIMARY KEY (runId, position)
      ) WITHOUT ROWID;
      CREATE TABLE analysisMetric (
        runId INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
        analysisRun INTEGER NOT NULL,
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        phase TEXT NOT NULL,
        dryRun INTEGER NOT NULL,
        PRIMARY KEY (runId, analysisRun, position)
      ) WITHOUT ROWID;
      -- The bulk table: clustered on its key, which a run's rows are written in, so every insert
      -- appends to one B-tree (no separate index to maintain).
      CREATE TABLE measurement (
        runId INTEGER NOT NULL,
        analysisRun INTEGER NOT NULL,
        metric INTEGER NOT NULL,
        position INTEGER NOT NULL,
        tMs INTEGER NOT NULL,
        phase TEXT NOT NULL,
        value TEXT NOT NULL,
        message TEXT NOT NULL,
        PRIMARY KEY (runId, analysisRun, metric, position)
      ) WITHOUT ROWID;
      """)

  static let createSweeps = Migration(
    version: 2, name: "createSweeps",
    sql: """
      CREATE TABLE sweep (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        hash TEXT NOT NULL,
        path TEXT NOT NULL,
        text TEXT NOT NULL,
        scenarioId INTEGER NOT NULL REFERENCES scenario(id),
        seedFrom INTEGER NOT NULL,
        seedCount INTEGER NOT NULL,
        taskCount INTEGER NOT NULL,
        detail TEXT NOT NULL
      );
      CREATE INDEX sweepByName ON sweep (name);
      CREATE TABLE variant (
        sweepId INTEGER NOT NULL REFERENCES sweep(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        assignments TEXT NOT NULL,
        PRIMARY KEY (sweepId, position)
      ) WITHOUT ROWID;
      CREATE TABLE sweepTask (
        sweepId INTEGER NOT NULL REFERENCES sweep(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        variant INTEGER NOT NULL,
        releaseKind TEXT,
        seed INTEGER NOT NULL,
        runId INTEGER REFERENCES run(id),
        PRIMARY KEY (sweepId, position)
      ) WITHOUT ROWID;
      ALTER TABLE run ADD COLUMN sweepId INTEGER REFERENCES sweep(id);
      CREATE INDEX runBySweep ON run (sweepId);
      """)

  static let createChartSeries = Migration(
    version: 3, name: "createChartSeries",
    sql: """
      -- Down-sampled series for charts: `points` holds little-endian Float64 values at
      -- startMs + stepMs × (i + 1), each the rate over the interval ending there. A rowid table:
      -- its rows (up to a few hundred bytes of blob) are too large for WITHOUT ROWID.
      CREATE TABLE chartSeries (
        runId INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        revision TEXT NOT NULL,
        startMs INTEGER NOT NULL,
        stepMs INTEGER NOT NULL,
        points BLOB NOT NULL,
        PRIMARY KEY (runId, name, revision)
      );
      """)
}
