import WhatIf

/// A run read back from the store, with where it came from.
public struct StoredRun: Sendable, Hashable {
  public var id: Int64
  public var scenarioName: String
  public var scenarioPath: String
  public var scenarioHash: String
  public var sweepID: Int64?
  public var record: RunRecord
}

/// One line of `runs list`.
public struct RunListing: Sendable, Hashable {
  public var id: Int64
  public var scenarioName: String
  public var seed: UInt64
  public var sweepID: Int64?
  public var sweepName: String?
  public var variant: String?
  public var release: String?
  public var phase: String
  public var reason: String
  public var promoted: Bool
  public var aborted: Bool
  public var outcomeAtMs: Int64
}

extension RunStore {
  /// The most recent runs first (of one sweep when `sweepID` is given).
  public func runs(sweepID: Int64? = nil, limit: Int = 50) throws(StoreError) -> [RunListing] {
    try read { () throws(SQLiteError) in
      let statement = try db.prepare(
        """
        SELECT run.id, scenario.name, run.seed, run.sweepId, sweep.name, run.parameters, run.phase, run.reason,
          run.promoted, run.aborted, run.outcomeAtMs
        FROM run JOIN scenario ON scenario.id = run.scenarioId LEFT JOIN sweep ON sweep.id = run.sweepId
        WHERE (?1 IS NULL OR run.sweepId = ?1)
        ORDER BY run.id DESC LIMIT ?2
        """)
      try statement.bind(sweepID, at: 1)
      try statement.bind(limit, at: 2)
      var listings: [RunListing] = []
      while try statement.step() {
        let parameters = Self.parameters(statement.text(5))
        listings.append(
          RunListing(
            id: statement.int64(0), scenarioName: statement.text(1), seed: UInt64(bitPattern: statement.int64(2)),
            sweepID: statement.optionalInt64(3), sweepName: statement.optionalText(4),
            variant: parameters.first { $0.name == "variant" }?.value,
            release: parameters.first { $0.name == "release" }?.value, phase: statement.text(6),
            reason: statement.text(7), promoted: statement.bool(8), aborted: statement.bool(9),
            outcomeAtMs: statement.int64(10)))
      }
      return listings
    }
  }

  /// The run with everything stored about it, or nil when there is no such run.
  public func run(id: Int64) throws(StoreError) -> StoredRun? {
    try read { () throws(SQLiteError) -> StoredRun? in
      let statement = try db.prepare(
        """
        SELECT scenario.name, scenario.path, scenario.hash, run.sweepId, run.seed, run.parameters, run.rollout,
          run.strategy, run.stepCount, run.phase, run.reason, run.message, run.outcomeAtMs, run.promoted, run.aborted,
          run.promotedAtMs, run.abortedAtMs, run.endedAtMs, run.events, run.requests, run.errors, run.canaryRequests,
          run.canaryErrors
        FROM run JOIN scenario ON scenario.id = run.scenarioId WHERE run.id = ?
        """)
      defer { statement.reset() }
      try statement.bind(id, at: 1)
      guard try statement.step() else { return nil }
      let summary = RunSummary(
        phase: statement.text(9), reason: statement.text(10), promoted: statement.bool(13), aborted: statement.bool(14),
        promotedAtMs: statement.optionalInt64(15), abortedAtMs: statement.optionalInt64(16),
        endedAtMs: statement.int64(17), requests: statement.int64(19), errors: statement.int64(20),
        canaryRequests: statement.int64(21), canaryErrors: statement.int64(22))
      let record = RunRecord(
        seed: UInt64(bitPattern: statement.int64(4)), parameters: Self.parameters(statement.text(5)),
        rollout: statement.text(6), strategy: statement.text(7), stepCount: statement.optionalInt(8), summary: summary,
        message: statement.text(11), outcomeAtMs: statement.int64(12), events: statement.int64(18))
      var run = StoredRun(
        id: id, scenarioName: statement.text(0), scenarioPath: statement.text(1), scenarioHash: statement.text(2),
        sweepID: statement.optionalInt64(3), record: record)
      run.record.timeline = try timeline(runID: id)
      run.record.analysisRuns = try analysisRuns(runID: id)
      run.record.charts = try charts(runID: id)
      return run
    }
  }

  func timeline(runID: Int64) throws(SQLiteError) -> [TimelineRow] {
    let statement = try db.prepare(
      """
      SELECT tMs, event, step, canaryWeight, stableWeight, phase, message, warning, replicas
      FROM timelineEntry WHERE runId = ? ORDER BY position
      """)
    try statement.bind(runID, at: 1)
    var rows: [TimelineRow] = []
    while try statement.step() {
      rows.append(
        TimelineRow(
          tMs: statement.int64(0), event: statement.text(1), step: statement.optionalInt(2),
          canaryWeight: statement.int(3), stableWeight: statement.int(4), phase: statement.text(5),
          message: statement.text(6), warning: statement.bool(7),
          replicas: JSONText.decode([ReplicaRow].self, from: statement.text(8)) ?? []))
    }
    return rows
  }

  func analysisRuns(runID: Int64) throws(SQLiteError) -> [AnalysisRunRow] {
    let runs = try db.prepare(
      """
      SELECT name, kind, step, phase, startedAtMs, completedAtMs, message FROM analysisRun
      WHERE runId = ? ORDER BY position
      """)
    try runs.bind(runID, at: 1)
    var rows: [AnalysisRunRow] = []
    while try runs.step() {
      rows.append(
        AnalysisRunRow(
          name: runs.text(0), kind: runs.text(1), step: runs.optionalInt(2), phase: runs.text(3),
          startedAtMs: runs.optionalInt64(4), completedAtMs: runs.optionalInt64(5), message: runs.text(6), metrics: []))
    }
    let metrics = try db.prepare(
      "SELECT analysisRun, name, phase, dryRun FROM analysisMetric WHERE runId = ? ORDER BY analysisRun, position")
    try metrics.bind(runID, at: 1)
    while try metrics.step() {
      guard rows.indices.contains(metrics.int(0)) else { continue }
      rows[metrics.int(0)].metrics.append(
        MetricRow(name: metrics.text(1), phase: metrics.text(2), dryRun: metrics.bool(3), measurements: []))
    }
    let measurements = try db.prepare(
      "SELECT analysisRun, metric, tMs, phase, value, message FROM measurement WHERE runId = ? ORDER BY analysisRun, metric, position")
    try measurements.bind(runID, at: 1)
    while try measurements.step() {
      let run = measurements.int(0)
      let metric = measurements.int(1)
      guard rows.indices.contains(run), rows[run].metrics.indices.contains(metric) else { continue }
      rows[run].metrics[metric].measurements.append(
        MeasurementRow(
          tMs: measurements.int64(2), phase: measurements.text(3), value: measurements.text(4),
          message: measurements.text(5)))
    }
    return rows
  }

  func charts(runID: Int64) throws(SQLiteError) -> [ChartSeries] {
    let statement = try db.prepare(
      "SELECT name, revision, startMs, stepMs, points FROM chartSeries WHERE runId = ?")
    try statement.bind(runID, at: 1)
    var charts: [ChartSeries] = []
    while try statement.step() {
      charts.append(
        ChartSeries(
          name: statement.text(0), revision: statement.text(1), startMs: statement.int64(2), stepMs: statement.int64(3),
          values: ChartSeries.values(fromBlob: statement.blob(4))))
    }
    // The order charts are drawn in: the weight, then each revision's requests and errors.
    func key(_ c: ChartSeries) -> (Int, Int, String, Int) {
      let order = ChartSeries.order(c.revision)
      return (c.revision.isEmpty ? 0 : 1, order.0, order.1, c.name == "requests" ? 0 : 1)
    }
    return charts.sorted { key($0) < key($1) }
  }

  /// Parameters are stored as a JSON object of strings, in their order.
  static func parameters(_ json: String) -> [RunParameter] {
    // JSONDecoder loses member order; the parameters' order is the one they were written in.
    guard let object = JSONText.decodeOrderedObject(json) else { return [] }
    return object.map { RunParameter($0.0, $0.1) }
  }
}
