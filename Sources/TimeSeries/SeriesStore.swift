/// An in-memory, append-only series store with lookup by metric name and label matchers.
///
/// Writers obtain a stable `SeriesID` once per label set and append by ID, so the hot path of a
/// telemetry emitter never hashes labels. `generation` changes whenever a series is added, so readers
/// can cache the result of a selection until it does.
public struct SeriesStore: Sendable {
  public typealias SeriesID = Int

  /// Everything the store holds, in one object behind copy-on-write: a store is copied into every
  /// measurement's world snapshot and query, and copying one reference costs a quarter of copying
  /// four containers. Shared storage is only read; every mutation first makes it unique, so the
  /// dynamic exclusivity checks of its properties are left out.
  @usableFromInline final class Storage: @unchecked Sendable {
    @usableFromInline @exclusivity(unchecked) var series: [Series] = []
    @exclusivity(unchecked) var idsByLabels: [Labels: SeriesID] = [:]
    @exclusivity(unchecked) var idsByName: [String: [SeriesID]] = [:]
    @exclusivity(unchecked) var generation = 0
    @usableFromInline @exclusivity(unchecked) var selectionToken = SelectionToken()

    @usableFromInline init() {}

    @usableFromInline func copy() -> Storage {
      let copy = Storage()
      copy.series = series
      copy.idsByLabels = idsByLabels
      copy.idsByName = idsByName
      copy.generation = generation
      copy.selectionToken = selectionToken
      return copy
    }
  }

  @usableFromInline var storage = Storage()

  @inlinable public var series: [Series] { storage.series }
  /// Incremented each time a new series is created.
  public var generation: Int { storage.generation }
  /// Replaced each time a new series is created; unique across stores (see `SelectionToken`).
  /// Inlinable: a query compares it with its cached selection's at every evaluation, and the call
  /// would hand back a retained reference for a pointer comparison.
  @inlinable public var selectionToken: SelectionToken { storage.selectionToken }

  public init() {}

  public init(_ series: [Series]) {
    for s in series {
      let id = seriesID(for: s.labels)
      for (t, v) in zip(s.timestamps, s.values) { append(id, timestamp: t, value: v) }
    }
  }

  /// Makes the storage this store's own before a change.
  @inlinable mutating func makeStorageUnique() {
    if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
  }

  /// The ID of the series with exactly these labels, creating it when new.
  public mutating func seriesID(for labels: Labels) -> SeriesID {
    if let id = storage.idsByLabels[labels] { return id }
    makeStorageUnique()
    let id = storage.series.count
    storage.series.append(Series(labels: labels))
    storage.idsByLabels[labels] = id
    storage.idsByName[labels.metricName, default: []].append(id)
    storage.generation += 1
    storage.selectionToken = SelectionToken()
    return id
  }

  @inlinable public mutating func append(_ id: SeriesID, timestamp: Int64, value: Double) {
    makeStorageUnique()
    storage.series[id].append(timestamp: timestamp, value: value)
  }

  /// Calls `body` with an appender for the store's series: a scrape appends to every live series,
  /// and the store is made its own once for all of them instead of once per sample. `body` must not
  /// use the store, nor keep the appender.
  @inlinable public mutating func withSampleAppender<R>(_ body: (SampleAppender) throws -> R) rethrows -> R {
    makeStorageUnique()
    return try storage.series.withUnsafeMutableBufferPointer { try body(SampleAppender(series: $0)) }
  }

  public mutating func append(_ labels: Labels, timestamp: Int64, value: Double) {
    append(seriesID(for: labels), timestamp: timestamp, value: value)
  }

  public mutating func reserveCapacity(_ id: SeriesID, _ n: Int) {
    makeStorageUnique()
    storage.series[id].reserveCapacity(n)
  }

  public subscript(id: SeriesID) -> Series { series[id] }

  public var count: Int { series.count }

  /// Every metric name in the store, sorted.
  public var metricNames: [String] { storage.idsByName.keys.sorted() }

  /// IDs of the series that satisfy every matcher, in a stable order (sorted by labels).
  public func select(_ matchers: [LabelMatcher]) -> [SeriesID] {
    let series = storage.series
    let candidates: [SeriesID]
    if let nameMatcher = matchers.first(where: { $0.name == Labels.metricNameLabel && $0.op == .equal }) {
      candidates = storage.idsByName[nameMatcher.value] ?? []
    } else {
      candidates = Array(series.indices)
    }
    return candidates
      .filter { id in matchers.allSatisfy { $0.matches(series[id].labels) } }
      .sorted { series[$0].labels < series[$1].labels }
  }
}

/// Appends samples to a store's series by ID, during `SeriesStore.withSampleAppender`.
public struct SampleAppender {
  @usableFromInline let series: UnsafeMutableBufferPointer<Series>

  @inlinable init(series: UnsafeMutableBufferPointer<Series>) { self.series = series }

  /// `SeriesStore.append(_:timestamp:value:)`.
  @inlinable public func append(_ id: SeriesStore.SeriesID, timestamp: Int64, value: Double) {
    // The same trap as the store's own append on an ID it never gave out.
    precondition(id >= 0 && id < series.count, "no series with this ID")
    series[id].append(timestamp: timestamp, value: value)
  }
}
