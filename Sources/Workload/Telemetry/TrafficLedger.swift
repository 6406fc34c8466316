import VirtualTime

/// Requests and failed requests.
public struct TrafficCounts: Sendable, Hashable, Codable {
  public var requests: Int64
  public var errors: Int64

  public init(requests: Int64 = 0, errors: Int64 = 0) {
    self.requests = requests
    self.errors = errors
  }

  /// Saturates at Int64.max rather than trapping (absurd rates must not crash a run).
  public static func += (lhs: inout TrafficCounts, rhs: TrafficCounts) {
    lhs.requests = saturatingSum(lhs.requests, rhs.requests)
    lhs.errors = saturatingSum(lhs.errors, rhs.errors)
  }

  static func saturatingSum(_ a: Int64, _ b: Int64) -> Int64 {
    let (sum, overflow) = a.addingReportingOverflow(b)
    return overflow ? Int64.max : sum
  }
}

/// What each revision served and failed, from the same draws that feed the telemetry, so the run's
/// `traffic {requests, errors, canaryRequests, canaryErrors}` agrees with what the queries see.
public struct TrafficLedger: Sendable, Hashable {
  /// One line per (stream, revision, pod-template hash, workload), in order of first traffic.
  public struct Entry: Sendable, Hashable {
    /// nil for user traffic, else the test stream's name.
    public var stream: String?
    public var revision: String
    public var podTemplateHash: String
    /// The backend's workload (ReplicaSet) name: an experiment template's pods share the hash of the
    /// ReplicaSet they copy but not its name.
    public var workload: String
    public var counts: TrafficCounts
  }

  /// Counts of one entry over one scrape interval ending at `end` (recorded when the model asks).
  public struct Interval: Sendable, Hashable {
    public var end: SimInstant
    public var stream: String?
    public var revision: String
    public var podTemplateHash: String
    public var counts: TrafficCounts
  }

  public internal(set) var entries: [Entry] = []
  /// Per-interval counts, oldest first; empty unless `WorkloadModel.recordIntervals`.
  public internal(set) var intervals: [Interval] = []
  /// All user traffic.
  public internal(set) var user = TrafficCounts()
  /// All test traffic.
  public internal(set) var test = TrafficCounts()

  public init() {}

  /// User traffic served by revisions with this profile name.
  public func user(revision: String) -> TrafficCounts {
    var total = TrafficCounts()
    for entry in entries where entry.stream == nil && entry.revision == revision { total += entry.counts }
    return total
  }

  /// User traffic served by the ReplicaSet with this pod-template hash.
  public func user(podTemplateHash hash: String) -> TrafficCounts {
    var total = TrafficCounts()
    for entry in entries where entry.stream == nil && entry.podTemplateHash == hash { total += entry.counts }
    return total
  }

  /// User traffic served by the pods of this workload (ReplicaSet name).
  public func user(workload: String) -> TrafficCounts {
    var total = TrafficCounts()
    for entry in entries where entry.stream == nil && entry.workload == workload { total += entry.counts }
    return total
  }

  /// Traffic of one test stream.
  public func test(stream name: String) -> TrafficCounts {
    var total = TrafficCounts()
    for entry in entries where entry.stream == name { total += entry.counts }
    return total
  }

  mutating func entryIndex(stream: String?, revision: String, podTemplateHash: String, workload: String) -> Int {
    if let index = entries.firstIndex(where: {
      $0.stream == stream && $0.revision == revision && $0.podTemplateHash == podTemplateHash
        && $0.workload == workload
    }) {
      return index
    }
    entries.append(
      Entry(
        stream: stream, revision: revision, podTemplateHash: podTemplateHash, workload: workload,
        counts: TrafficCounts()))
    return entries.count - 1
  }

  mutating func add(entry: Int, requests: Int64, errors: Int64) {
    let counts = TrafficCounts(requests: requests, errors: errors)
    entries[entry].counts += counts
    if entries[entry].stream == nil { user += counts } else { test += counts }
  }
}
