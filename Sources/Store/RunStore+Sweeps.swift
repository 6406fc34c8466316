import WhatIf

/// A sweep as stored: its identity, its grid and how far it got.
public struct SweepInfo: Sendable, Hashable {
  public var id: Int64
  public var name: String
  public var hash: String
  public var path: String
  public var scenarioID: Int64
  public var scenarioName: String
  public var seedFrom: UInt64
  public var seedCount: Int
  public var taskCount: Int
  public var detail: RunDetail
  /// Tasks whose run is stored.
  public var finished: Int
  public var variants: [String]

  public var isComplete: Bool { finished >= taskCount }
}

extension RunStore {
  /// What identifies a sweep for `--resume`: its file's text, its scenario's texts and the detail kept.
  /// Resuming is refused when any of them changed, since the finished runs would not be comparable.
  public static func sweepHash(sweepText: String, scenarioHash: String, detail: RunDetail) -> String {
    SHA256.hex("sweep\u{0}\(sweepText)\u{0}scenario\u{0}\(scenarioHash)\u{0}detail\u{0}\(detail.rawValue)")
  }

  /// Registers a sweep with its variants and its whole task list (what `--resume` works from).
  public func createSweep(_ plan: SweepPlan, scenarioID: Int64, hash: String, detail: RunDetail) throws(StoreError) -> Int64 {
    try write { () throws -> Int64 in
      let sweep = try db.prepare(
        """
        INSERT INTO sweep (name, hash, path, text, scenarioId, seedFrom, seedCount, taskCount, detail)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """)
      try sweep.run([
        plan.spec.name, hash, plan.spec.path, plan.spec.text, scenarioID, plan.spec.seeds.first, plan.spec.seeds.count,
        plan.taskCount, detail.rawValue,
      ])
      let id = db.lastInsertRowID
      let variant = try db.prepare("INSERT INTO variant (sweepId, position, name, assignments) VALUES (?, ?, ?, ?)")
      for (position, v) in plan.variants.enumerated() {
        let assignments = JSONText.array(
          v.assignments.map { JSONText.object([("path", JSONText.string($0.path)), ("value", $0.value)]) })
        try variant.run([id, position, v.name, assignments])
      }
      let task = try db.prepare(
        "INSERT INTO sweepTask (sweepId, position, variant, releaseKind, seed) VALUES (?, ?, ?, ?, ?)")
      try task.bind(id, at: 1)
      for index in 0..<plan.taskCount {
        let t = plan.task(at: index)
        try task.bind(index, at: 2)
        try task.bind(t.variant, at: 3)
        try task.bind(plan.releases[t.release].kind?.rawValue, at: 4)
        try task.bind(Int64(bitPattern: t.seed), at: 5)
        try task.execute()
      }
      return id
    }
  }

  /// Stores a batch of a sweep's finished runs in one transaction and marks their tasks done.
  /// `beforeCommit` runs inside the transaction (crash tests stop the process there).
  public func saveSweepRuns(
    sweepID: Int64, scenarioID: Int64, _ batch: [(task: Int, record: RunRecord)], beforeCommit: () -> Void = {}
  ) throws(StoreError) {
    try write { () throws in
      let done = try db.prepare("UPDATE sweepTask SET runId = ? WHERE sweepId = ? AND position = ? AND runId IS NULL")
      // In task order within a batch (ids still follow completion order across batches).
      for (task, record) in batch.sorted(by: { $0.task < $1.task }) {
        let runID = try insertRun(record, scenarioID: scenarioID, sweepID: sweepID)
        try done.bind(runID, at: 1)
        try done.bind(sweepID, at: 2)
        try done.bind(task, at: 3)
        try done.execute()
      }
      beforeCommit()
    }
  }

  /// Tasks of the sweep whose run is not stored yet, in order.
  public func pendingTasks(sweepID: Int64) throws(StoreError) -> [Int] {
    try read { () throws(SQLiteError) in
      let statement = try db.prepare("SELECT position FROM sweepTask WHERE sweepId = ? AND runId IS NULL ORDER BY position")
      try statement.bind(sweepID, at: 1)
      var tasks: [Int] = []
      while try statement.step() { tasks.append(statement.int(0)) }
      return tasks
    }
  }

  /// Every sweep, oldest first.
  public func sweeps() throws(StoreError) -> [SweepInfo] {
    try sweeps(where: "1 = 1", [])
  }

  public func sweep(id: Int64) throws(StoreError) -> SweepInfo? {
    try sweeps(where: "sweep.id = ?", [id]).first
  }

  /// The latest sweep with this name.
  public func latestSweep(named name: String) throws(StoreError) -> SweepInfo? {
    try sweeps(where: "sweep.name = ?", [name]).last
  }

  /// The latest unfinished sweep with this hash (what `--resume` continues).
  public func unfinishedSweep(hash: String) throws(StoreError) -> SweepInfo? {
    try sweeps(where: "sweep.hash = ?", [hash]).last { !$0.isComplete }
  }

  func sweeps(where condition: String, _ arguments: [any SQLiteBindable]) throws(StoreError) -> [SweepInfo] {
    try read { () throws(SQLiteError) in
      let statement = try db.prepare(
        """
        SELECT sweep.id, sweep.name, sweep.hash, sweep.path, sweep.scenarioId, sweep.seedFrom, sweep.seedCount,
          sweep.taskCount, sweep.detail,
          (SELECT count(*) FROM sweepTask WHERE sweepTask.sweepId = sweep.id AND runId IS NOT NULL), scenario.name
        FROM sweep JOIN scenario ON scenario.id = sweep.scenarioId WHERE \(condition) ORDER BY sweep.id
        """)
      try statement.bind(arguments)
      var infos: [SweepInfo] = []
      while try statement.step() {
        infos.append(
          SweepInfo(
            id: statement.int64(0), name: statement.text(1), hash: statement.text(2), path: statement.text(3),
            scenarioID: statement.int64(4), scenarioName: statement.text(10), seedFrom: UInt64(bitPattern: statement.int64(5)), seedCount: statement.int(6),
            taskCount: statement.int(7), detail: RunDetail(rawValue: statement.text(8)) ?? .full,
            finished: statement.int(9), variants: []))
      }
      let variants = try db.prepare("SELECT name FROM variant WHERE sweepId = ? ORDER BY position")
      for index in infos.indices {
        try variants.bind([infos[index].id])
        while try variants.step() { infos[index].variants.append(variants.text(0)) }
        variants.reset()
      }
      return infos
    }
  }

  /// The stored outcomes of a sweep, by task: the input of `SweepStatistics`.
  public func sweepOutcomes(sweepID: Int64) throws(StoreError) -> [SweepOutcome] {
    try read { () throws(SQLiteError) in
      let statement = try db.prepare(
        """
        SELECT t.position, t.variant, t.releaseKind, r.phase, r.reason, r.promoted, r.aborted, r.promotedAtMs,
          r.abortedAtMs, r.endedAtMs, r.requests, r.errors, r.canaryRequests, r.canaryErrors
        FROM sweepTask t JOIN run r ON r.id = t.runId WHERE t.sweepId = ? ORDER BY t.position
        """)
      try statement.bind(sweepID, at: 1)
      var outcomes: [SweepOutcome] = []
      while try statement.step() {
        let summary = RunSummary(
          phase: statement.text(3), reason: statement.text(4), promoted: statement.bool(5), aborted: statement.bool(6),
          promotedAtMs: statement.optionalInt64(7), abortedAtMs: statement.optionalInt64(8), endedAtMs: statement.int64(9),
          requests: statement.int64(10), errors: statement.int64(11), canaryRequests: statement.int64(12),
          canaryErrors: statement.int64(13))
        outcomes.append(
          SweepOutcome(
            task: statement.int(0), variant: statement.int(1),
            release: statement.optionalText(2).flatMap(ReleaseKind.init(rawValue:)), summary: summary))
      }
      return outcomes
    }
  }
}
