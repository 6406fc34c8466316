/// Every measurement a run ever took, per metric in order of first measurement — unlike the status,
/// which keeps only the last ten (or the retention limit). The result and `analyze` print this.
public struct MeasurementLog: Sendable, Hashable {
  public struct Entry: Sendable, Hashable {
    public var metric: String
    public var measurements: [Measurement]
  }

  public private(set) var entries: [Entry] = []

  public init() {}

  public func measurements(_ metric: String) -> [Measurement] {
    entries.first { $0.metric == metric }?.measurements ?? []
  }

  /// Records a new measurement, or the new state of the in-flight one it replaces.
  mutating func record(_ measurement: consuming Measurement, metric: String, replacingLast: Bool) {
    var stored = measurement
    // Usually nil already (a finished measurement): then the assignment is skipped.
    if stored.pending != nil { stored.pending = nil }
    if let i = entries.firstIndex(where: { $0.metric == metric }) {
      if replacingLast && !entries[i].measurements.isEmpty {
        entries[i].measurements[entries[i].measurements.count - 1] = stored
      } else {
        entries[i].measurements.append(stored)
      }
    } else {
      entries.append(Entry(metric: metric, measurements: [stored]))
    }
  }
}
