/// A series: its labels and its samples in time order, stored as two parallel arrays so range scans
/// touch contiguous memory.
public struct Series: Sendable, Hashable {
  public let labels: Labels
  /// The storage behind `timestamps` and `values`, visible to the inlinable `append`: telemetry
  /// appends every sample through it, and a call per sample costs more than the append itself.
  @usableFromInline var sampleTimes: [Int64] = []
  @usableFromInline var sampleValues: [Double] = []

  @inlinable public var timestamps: [Int64] { sampleTimes }
  @inlinable public var values: [Double] { sampleValues }

  public init(labels: Labels) { self.labels = labels }

  public init(labels: Labels, samples: [Sample]) {
    self.labels = labels
    for sample in samples.sorted(by: { $0.timestamp < $1.timestamp }) {
      sampleTimes.append(sample.timestamp)
      sampleValues.append(sample.value)
    }
  }

  public var count: Int { timestamps.count }
  public var isEmpty: Bool { timestamps.isEmpty }

  public var samples: [Sample] { zip(timestamps, values).map { Sample(timestamp: $0, value: $1) } }

  /// Appends a sample. A sample at the same time as the last one replaces it; an earlier one is
  /// dropped (append-only, as a TSDB head block behaves).
  @inlinable public mutating func append(timestamp: Int64, value: Double) {
    if let last = sampleTimes.last {
      if timestamp == last {
        sampleValues[sampleValues.count - 1] = value
        return
      }
      if timestamp < last { return }
    }
    sampleTimes.append(timestamp)
    sampleValues.append(value)
  }

  public mutating func reserveCapacity(_ n: Int) {
    sampleTimes.reserveCapacity(n)
    sampleValues.reserveCapacity(n)
  }

  /// The index of the first sample with timestamp >= `t` (binary search).
  @inlinable public func firstIndex(atOrAfter t: Int64) -> Int {
    var low = 0, high = timestamps.count
    while low < high {
      let mid = (low + high) >> 1
      if timestamps[mid] < t { low = mid + 1 } else { high = mid }
    }
    return low
  }

  /// The index range of samples with `from < t <= to` (Prometheus' left-open range windows).
  @inlinable public func indices(after from: Int64, through to: Int64) -> Range<Int> {
    let start = firstIndex(atOrAfter: from &+ 1)
    let end = firstIndex(atOrAfter: to &+ 1)
    return start..<max(start, end)
  }

  /// The index range of samples with `from <= t <= to`.
  @inlinable public func indices(from: Int64, through to: Int64) -> Range<Int> {
    let start = firstIndex(atOrAfter: from)
    let end = firstIndex(atOrAfter: to &+ 1)
    return start..<max(start, end)
  }
}
