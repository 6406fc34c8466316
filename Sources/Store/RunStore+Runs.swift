import WhatIf

extension RunStore {
  /// The id of the scenario with these texts, inserting it the first time (stored once per hash).
  public func scenarioID(for source: ScenarioSource) throws(StoreError) -> Int64 {
    let hash = source.hash
    if let id = scenarioIDs[hash] { return id }
    let id = try write { () throws -> Int64 in
      let insert = try db.prepare(
        "INSERT OR IGNORE INTO scenario (hash, name, path, text, manifests) VALUES (?, ?, ?, ?, ?)")
      try insert.run([hash, source.name, source.path, source.text, source.manifestsJSON])
      return try db.scalarInt("SELECT id FROM scenario WHERE hash = ?", [hash]) ?? 0
    }
    scenarioIDs[hash] = id
    return id
  }

  /// Stores one run in its own transaction; returns its id.
  @discardableResult
  public func saveRun(_ record: RunRecord, scenarioID: Int64) throws(StoreError) -> Int64 {
    try write { try insertRun(record, scenarioID: scenarioID, sweepID: nil) }
  }

  /// Stores several runs in one transaction (the batched path: one commit for all of them); returns
  /// their ids in order.
  @discardableResult
  public func saveRuns(_ records: [RunRecord], scenarioID: Int64) throws(StoreError) -> [Int64] {
    try write { try records.map { record throws(SQLiteError) in try insertRun(record, scenarioID: scenarioID, sweepID: nil) } }
  }

  /// Inserts a run and everything under it; the caller holds the transaction.
  func insertRun(_ record: RunRecord, scenarioID: Int64, sweepID: Int64?) throws(SQLiteError) -> Int64 {
    let run = try db.prepare(
      """
      INSERT INTO run (scenarioId, seed, parameters, rollout, strategy, stepCount, phase, reason, message, outcomeAtMs,
        promoted, aborted, promotedAtMs, abortedAtMs, endedAtMs, events, requests, errors, canaryRequests, canaryErrors,
        sweepId)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """)
    let s = record.summary
    try run.bind(scenarioID, at: 1)
    try run.bind(Int64(bitPattern: record.seed), at: 2)
    try run.bind(JSONText.object(record.parameters.map { ($0.name, JSONText.string($0.value)) }), at: 3)
    try run.bind(record.rollout, at: 4)
    try run.bind(record.strategy, at: 5)
    try run.bind(record.stepCount.map(Int64.init), at: 6)
    try run.bind(s.phase, at: 7)
    try run.bind(s.reason, at: 8)
    try run.bind(record.message, at: 9)
    try run.bind(record.outcomeAtMs, at: 10)
    try run.bind(s.promoted ? 1 : 0, at: 11)
    try run.bind(s.aborted ? 1 : 0, at: 12)
    try run.bind(s.promotedAtMs, at: 13)
    try run.bind(s.abortedAtMs, at: 14)
    try run.bind(s.endedAtMs, at: 15)
    try run.bind(record.events, at: 16)
    try run.bind(s.requests, at: 17)
    try run.bind(s.errors, at: 18)
    try run.bind(s.canaryRequests, at: 19)
    try run.bind(s.canaryErrors, at: 20)
    try run.bind(sweepID, at: 21)
    try run.execute()
    let id = db.lastInsertRowID
    try insertTimeline(record.timeline, runID: id)
    try insertAnalysisRuns(record.analysisRuns, runID: id)
    try insertCharts(record.charts, runID: id)
    return id
  }

  func insertTimeline(_ rows: [TimelineRow], runID: Int64) throws(SQLiteError) {
    guard !rows.isEmpty else { return }
    let insert = try db.prepare(
      """
      INSERT INTO timelineEntry (runId, position, tMs, event, step, canaryWeight, stableWeight, phase, message, warning,
        replicas) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """)
    try insert.bind(runID, at: 1)
    for (position, row) in rows.enumerated() {
      try insert.bind(position, at: 2)
      try insert.bind(row.tMs, at: 3)
      try insert.bind(row.event, at: 4)
      try insert.bind(row.step.map(Int64.init), at: 5)
      try insert.bind(row.canaryWeight, at: 6)
      try insert.bind(row.stableWeight, at: 7)
      try insert.bind(row.phase, at: 8)
      try insert.bind(row.message, at: 9)
      try insert.bind(row.warning ? 1 : 0, at: 10)
      try insert.bind(JSONText.array(row.replicas.map(\.json)), at: 11)
      try insert.execute()
    }
  }

  func insertAnalysisRuns(_ runs: [AnalysisRunRow], runID: Int64) throws(SQLiteError) {
    guard !runs.isEmpty else { return }
    let insertRun = try db.prepare(
      """
      INSERT INTO analysisRun (runId, position, name, kind, step, phase, startedAtMs, completedAtMs, message)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
      """)
    let insertMetric = try db.prepare(
      "INSERT INTO analysisMetric (runId, analysisRun, position, name, phase, dryRun) VALUES (?, ?, ?, ?, ?, ?)")
    let insertMeasurement = try db.prepare(
      """
      INSERT INTO measurement (runId, analysisRun, metric, position, tMs, phase, value, message)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      """)
    try insertRun.bind(runID, at: 1)
    try insertMetric.bind(runID, at: 1)
    try insertMeasurement.bind(runID, at: 1)
    for (position, run) in runs.enumerated() {
      try insertRun.bind(position, at: 2)
      try insertRun.bind(run.name, at: 3)
      try insertRun.bind(run.kind, at: 4)
      try insertRun.bind(run.step.map(Int64.init), at: 5)
      try insertRun.bind(run.phase, at: 6)
      try insertRun.bind(run.startedAtMs, at: 7)
      try insertRun.bind(run.completedAtMs, at: 8)
      try insertRun.bind(run.message, at: 9)
      try insertRun.execute()
      try insertMetric.bind(position, at: 2)
      try insertMeasurement.bind(position, at: 2)
      for (metricPosition, metric) in run.metrics.enumerated() {
        try insertMetric.bind(metricPosition, at: 3)
        try insertMetric.bind(metric.name, at: 4)
        try insertMetric.bind(metric.phase, at: 5)
        try insertMetric.bind(metric.dryRun ? 1 : 0, at: 6)
        try insertMetric.execute()
        try insertMeasurement.bind(metricPosition, at: 3)
        try insertMeasurements(metric.measurements, with: insertMeasurement)
      }
    }
  }

  /// The hot loop of P5: only the changing columns are rebound (bindings survive a reset, and a
  /// metric's phase and message rarely change from one measurement to the next).
  func insertMeasurements(_ rows: [MeasurementRow], with insert: SQLiteStatement) throws(SQLiteError) {
    var phase: String?
    var message: String?
    for (position, row) in rows.enumerated() {
      try insert.bind(position, at: 4)
      try insert.bind(row.tMs, at: 5)
      if row.phase != phase {
        try insert.bind(row.phase, at: 6)
        phase = row.phase
      }
      try insert.bind(row.value, at: 7)
      if row.message != message {
        try insert.bind(row.message, at: 8)
        message = row.message
      }
      try insert.execute()
    }
  }

  func insertCharts(_ charts: [ChartSeries], runID: Int64) throws(SQLiteError) {
    guard !charts.isEmpty else { return }
    let insert = try db.prepare(
      "INSERT INTO chartSeries (runId, name, revision, startMs, stepMs, points) VALUES (?, ?, ?, ?, ?, ?)")
    try insert.bind(runID, at: 1)
    for chart in charts {
      try insert.bind(chart.name, at: 2)
      try insert.bind(chart.revision, at: 3)
      try insert.bind(chart.startMs, at: 4)
      try insert.bind(chart.stepMs, at: 5)
      try insert.bind(blob: chart.blob, at: 6)
      try insert.execute()
    }
  }
}
