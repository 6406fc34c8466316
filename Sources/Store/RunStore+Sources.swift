import CSQLite

/// The input texts the store keeps beside each run and sweep: what replaying a stored run needs, since
/// a run is only as reproducible as the scenario, manifest and sweep texts it came from.
extension RunStore {
  /// The scenario text and manifest texts stored under `hash` (`StoredRun.scenarioHash`), or nil.
  public func scenarioSource(hash: String) throws(StoreError) -> ScenarioSource? {
    try scenarioSource(where: "hash = ?", hash)
  }

  /// The scenario texts stored under `id` (`SweepInfo.scenarioID`), or nil.
  public func scenarioSource(id: Int64) throws(StoreError) -> ScenarioSource? {
    try scenarioSource(where: "id = ?", id)
  }

  func scenarioSource(where condition: String, _ key: any SQLiteBindable) throws(StoreError) -> ScenarioSource? {
    try read { () throws(SQLiteError) -> ScenarioSource? in
      let statement = try db.prepare("SELECT name, path, text, manifests FROM scenario WHERE \(condition)")
      try statement.bind([key])
      guard try statement.step() else { return nil }
      // A manifests column that does not decode is reported, not replayed as "no manifests".
      guard let files = JSONText.decode([ScenarioSource.File].self, from: statement.text(3)) else {
        throw SQLiteError(code: SQLITE_CORRUPT, message: "the stored manifests of scenario '\(statement.text(0))' are not readable")
      }
      return ScenarioSource(name: statement.text(0), path: statement.text(1), text: statement.text(2), manifests: files)
    }
  }

  /// The text of the sweep file, as it was when the sweep was created, or nil.
  public func sweepText(id: Int64) throws(StoreError) -> String? {
    try read { () throws(SQLiteError) -> String? in
      let statement = try db.prepare("SELECT text FROM sweep WHERE id = ?")
      try statement.bind([id])
      return try statement.step() ? statement.text(0) : nil
    }
  }

  /// The position in its sweep's task list (`SweepPlan.task(at:)`) of the task that stored run `runID`,
  /// or nil for a run of no sweep.
  public func sweepTaskPosition(runID: Int64) throws(StoreError) -> Int? {
    try read { () throws(SQLiteError) -> Int? in
      let statement = try db.prepare("SELECT position FROM sweepTask WHERE runId = ?")
      try statement.bind([runID])
      return try statement.step() ? statement.int(0) : nil
    }
  }
}

extension ScenarioSource.File: Decodable {
  enum CodingKeys: String, CodingKey { case path, text }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    self.init(path: try container.decode(String.self, forKey: .path), text: try container.decode(String.self, forKey: .text))
  }
}
