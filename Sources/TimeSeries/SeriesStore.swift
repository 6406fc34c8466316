/// An in-memory, append-only series store with lookup by metric name and label matchers.
///
/// Writers obtain a stable `SeriesID` once per label set and append by ID, so the hot path of a
/// telemetry emitter never hashes labels. `generation` changes whenever a series is added, so readers
/// can cache the result of a selection until it does.
public struct SeriesStore: Sendable {
  public typealias SeriesID = Int

  /// The storage behind `series`, visible to the inlinable `append` (see `Series.append`).
  @usableFromInline var storage: [Series] = []
  @inlinable public var series: [Series] { storage }
  private var idsByLabels: [Labels: SeriesID] = [:]
  private var idsByName: [String: [SeriesID]] = [:]
  /// Incremented each time a new series is created.
  public private(set) var generation: Int = 0
  /// Replaced each time a new series is created; unique across stores (see `SelectionToken`).
  public private(set) var selectionToken = SelectionToken()

  public init() {}

  public init(_ series: [Series]) {
    for s in series {
      let id = seriesID(for: s.labels)
      for (t, v) in zip(s.timestamps, s.values) { append(id, timestamp: t, value: v) }
    }
  }

  /// The ID of the series with exactly these labels, creating it when new.
  public mutating func seriesID(for labels: Labels) -> SeriesID {
    if let id = idsByLabels[labels] { return id }
    let id = storage.count
    storage.append(Series(labels: labels))
    idsByLabels[labels] = id
    idsByName[labels.metricName, default: []].append(id)
    generation += 1
    selectionToken = SelectionToken()
    return id
  }

  @inlinable public mutating func append(_ id: SeriesID, timestamp: Int64, value: Double) {
    storage[id].append(timestamp: timestamp, value: value)
  }

  public mutating func append(_ labels: Labels, timestamp: Int64, value: Double) {
    append(seriesID(for: labels), timestamp: timestamp, value: value)
  }

  public mutating func reserveCapacity(_ id: SeriesID, _ n: Int) { storage[id].reserveCapacity(n) }

  public subscript(id: SeriesID) -> Series { series[id] }

  public var count: Int { series.count }

  /// Every metric name in the store, sorted.
  public var metricNames: [String] { idsByName.keys.sorted() }

  /// IDs of the series that satisfy every matcher, in a stable order (sorted by labels).
  public func select(_ matchers: [LabelMatcher]) -> [SeriesID] {
    let candidates: [SeriesID]
    if let nameMatcher = matchers.first(where: { $0.name == Labels.metricNameLabel && $0.op == .equal }) {
      candidates = idsByName[nameMatcher.value] ?? []
    } else {
      candidates = Array(series.indices)
    }
    return candidates
      .filter { id in matchers.allSatisfy { $0.matches(series[id].labels) } }
      .sorted { series[$0].labels < series[$1].labels }
  }
}
