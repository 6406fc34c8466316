import Testing
import TimeSeries

/// The store keeps its contents in one copy-on-write object: copies must stay independent.
@Suite struct SeriesStoreCopyTests {
  static let up = Labels(name: "up", ["job": "api"])
  static let down = Labels(name: "down", ["job": "api"])

  @Test func appendingToACopyLeavesTheOriginalAlone() {
    var original = SeriesStore()
    let id = original.seriesID(for: Self.up)
    original.append(id, timestamp: 0, value: 1)
    var copy = original
    copy.append(id, timestamp: 15_000, value: 2)
    #expect(original[id].values == [1])
    #expect(copy[id].values == [1, 2])
    original.append(id, timestamp: 15_000, value: 3)
    #expect(original[id].values == [1, 3])
    #expect(copy[id].values == [1, 2])
  }

  @Test func newSeriesInACopyAreNotInTheOriginal() {
    var original = SeriesStore()
    _ = original.seriesID(for: Self.up)
    let token = original.selectionToken
    var copy = original
    let id = copy.seriesID(for: Self.down)
    copy.append(id, timestamp: 0, value: 5)
    #expect(original.count == 1 && copy.count == 2)
    #expect(original.metricNames == ["up"] && copy.metricNames == ["down", "up"])
    #expect(original.selectionToken === token && copy.selectionToken !== token)
    #expect(original.generation == 1 && copy.generation == 2)
  }

  @Test func theAppenderAppendsAsAppendDoes() {
    var viaAppend = SeriesStore()
    var viaAppender = SeriesStore()
    let ids = [Self.up, Self.down].map { viaAppend.seriesID(for: $0) }
    _ = [Self.up, Self.down].map { viaAppender.seriesID(for: $0) }
    let shared = viaAppender  // the appender must not write into this copy
    for t in stride(from: Int64(0), through: 60_000, by: 15_000) {
      for (i, id) in ids.enumerated() { viaAppend.append(id, timestamp: t, value: Double(t) + Double(i)) }
      viaAppender.withSampleAppender { appender in
        for (i, id) in ids.enumerated() { appender.append(id, timestamp: t, value: Double(t) + Double(i)) }
      }
    }
    // Same rules as `append`: a sample at the last time replaces it, an earlier one is dropped.
    viaAppend.append(ids[0], timestamp: 60_000, value: -1)
    viaAppend.append(ids[0], timestamp: 0, value: -2)
    viaAppender.withSampleAppender { appender in
      appender.append(ids[0], timestamp: 60_000, value: -1)
      appender.append(ids[0], timestamp: 0, value: -2)
    }
    #expect(viaAppender.series == viaAppend.series)
    #expect(shared.series.allSatisfy { $0.isEmpty })
  }
}
