import Report
import Simulation
import TimeSeries
import Testing

@Suite struct RevisionTrafficTests {
  static let catalog = RevisionCatalog(entries: [
    .init(revision: 1, profile: "stable", replicaSet: "app-aaa", hash: "aaa"),
    .init(revision: 2, profile: "canary", replicaSet: "app-bbb", hash: "bbb"),
  ])

  static func series(_ workload: String, code: String, values: [Double]) -> Series {
    let labels = Labels([
      Label("__name__", "istio_requests_total"), Label("reporter", "destination"), Label("destination_workload", workload),
      Label("response_code", code),
    ])
    return Series(labels: labels, samples: values.enumerated().map { Sample(timestamp: Int64($0.offset + 1) * 15_000, value: $0.element) })
  }

  @Test func countsEachRevisionsRequestsAndErrorsPerBucket() {
    let store = SeriesStore([
      Self.series("app-aaa", code: "200", values: [150, 300, 450, 600]),
      Self.series("app-aaa", code: "503", values: [15, 30, 45, 60]),
      Self.series("app-bbb", code: "200", values: [0, 0, 15, 30]),
    ])
    let traffic = RevisionTraffic.extract(from: store, edges: [0, 30_000, 60_000], catalog: Self.catalog)
    #expect(traffic.source == "istio_requests_total by destination_workload (reporter=\"destination\")")
    #expect(traffic.lines.map(\.name) == ["stable · rev 1", "canary · rev 2"])
    // 10 requests/s + 1 error/s on the stable: 330 then 330 in two 30 s buckets.
    #expect(traffic.lines[0].requests == [330, 330])
    #expect(traffic.lines[0].errors == [30, 30])
    #expect(traffic.lines[1].requests == [0, 30])
  }

  @Test func countersThatResetOrGoStaleKeepCounting() {
    var values: [Double] = [10, 20, .nan, 30, 5]
    values[2] = Double(bitPattern: 0x7FF0_0000_0000_0002)  // a staleness marker is a NaN
    let store = SeriesStore([Self.series("app-aaa", code: "200", values: values)])
    let traffic = RevisionTraffic.extract(from: store, edges: [0, 75_000], catalog: Self.catalog)
    // 10 + 10 + (stale) + 10 + reset to 5 → 35.
    #expect(traffic.lines[0].requests == [35])
  }

  @Test func noRequestCountersGiveNoLines() {
    let traffic = RevisionTraffic.extract(from: SeriesStore(), edges: [0, 1000], catalog: Self.catalog)
    #expect(traffic.isEmpty)
    #expect(traffic.source.isEmpty)
  }
}
