import Testing
import TimeSeries

@Suite struct SeriesStoreTests {
  func store() -> SeriesStore {
    var store = SeriesStore()
    for (version, code) in [("stable", "200"), ("stable", "500"), ("canary", "200")] {
      let labels = Labels(name: "http_requests_total", ["version": version, "code": code])
      for t in stride(from: Int64(0), through: 60_000, by: 15_000) {
        store.append(labels, timestamp: t, value: Double(t / 1_000))
      }
    }
    store.append(Labels(name: "up", ["job": "api"]), timestamp: 0, value: 1)
    return store
  }

  @Test func selectsByNameAndMatchersInLabelOrder() throws {
    let s = store()
    let ids = s.select([
      try LabelMatcher("__name__", .equal, "http_requests_total"),
      try LabelMatcher("code", .regexMatch, "2.."),
    ])
    #expect(ids.map { s[$0].labels["version"] } == ["canary", "stable"])
    let notCanary = s.select([
      try LabelMatcher("__name__", .equal, "http_requests_total"),
      try LabelMatcher("version", .notEqual, "canary"),
    ])
    #expect(notCanary.count == 2)
  }

  @Test func regexIsAnchoredAndMatchesAbsentLabelsAsEmpty() throws {
    let m = try LabelMatcher("code", .regexMatch, "5.*")
    #expect(m.matches("500"))
    #expect(!m.matches("1500"))
    let absent = try LabelMatcher("missing", .regexMatch, ".*")
    #expect(absent.matchesEmpty)
    let general = try LabelMatcher("v", .regexMatch, "can(ary)?|sta[b]le")
    #expect(general.matches("can") && general.matches("stable") && !general.matches("canaryx"))
    #expect(throws: LabelMatcher.InvalidRegex.self) { try LabelMatcher("v", .regexMatch, "(") }
  }

  @Test func rangeIndicesAreLeftOpen() {
    let s = store()
    let series = s[0]
    #expect(series.indices(after: 15_000, through: 45_000) == 2..<4)
    #expect(series.indices(from: 15_000, through: 45_000) == 1..<4)
  }

  @Test func appendIsAppendOnly() {
    var series = Series(labels: Labels(name: "x"))
    series.append(timestamp: 10, value: 1)
    series.append(timestamp: 10, value: 2)
    series.append(timestamp: 5, value: 3)
    #expect(series.samples == [Sample(timestamp: 10, value: 2)])
  }

  @Test func labelsPrintLikePrometheus() {
    let labels = Labels(name: "istio_requests_total", ["response_code": "200", "reporter": "source", "empty": ""])
    #expect(labels.description == #"istio_requests_total{reporter="source", response_code="200"}"#)
    #expect(Labels(["a": "1"]).description == #"{a="1"}"#)
    #expect(Sample.isStale(Sample.staleNaN))
    #expect(!Sample.isStale(.nan))
  }
}
