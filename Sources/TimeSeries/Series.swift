/// A series: its labels and its samples in time order, stored as two parallel arrays so range scans
/// touch contiguous memory.
public struct Series: Sendable, Hashable {
  public let labels: Labels
  public private(set) var timestamps: [Int64] = []
  public private(set) var values: [Double] = []

  public init(labels: Labels) { self.labels = labels }

  public init(labels: Labels, samples: [Sample]) {
    self.labels = labels
    for sample in samples.sorted(by: { $0.timestamp < $1.timestamp }) {
      timestamps.append(sample.timestamp)
      values.append(sample.value)
    }
  }

  public var count: Int { timestamps.count }
  public var isEmpty: Bool { timestamps.isEmpty }

  public var samples: [Sample] { zip(timestamps, values).map { Sample(timestamp: $0, value: $1) } }

  /// Appends a sample. A sample at the same time as the last one replaces it; an earlier one is
  /// dropped (append-only, as a TSDB head block behaves).
  public mutating func append(timestamp: Int64, value: Double) {
    if let last = timestamps.last {
      if timestamp == last {
        values[values.count - 1] = value
        return
      }
      if timestamp < last { return }
    }
    timestamps.append(timestamp)
    values.append(value)
  }

  public mutating func reserveCapacity(_ n: Int) {
    timestamps.reserveCapacity(n)
    values.reserveCapacity(n)
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
