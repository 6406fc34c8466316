import PromQL
import TimeSeries
import Testing

@Suite struct EngineTests {
  /// Two revisions of an Istio-like counter: stable 10 req/s (1% 5xx), canary 2 req/s (25% 5xx).
  static func store(until end: Int64 = 1_200_000) -> SeriesStore {
    var store = SeriesStore()
    for (version, rate, errorShare) in [("stable", 10.0, 0.01), ("canary", 2.0, 0.25)] {
      for (code, share) in [("200", 1 - errorShare), ("503", errorShare)] {
        let labels = Labels(name: "istio_requests_total", ["reporter": "source", "destination_version": version, "response_code": code])
        let id = store.seriesID(for: labels)
        var t: Int64 = 0
        while t <= end {
          store.append(id, timestamp: t, value: rate * share * Double(t) / 1000)
          t += 15_000
        }
      }
    }
    return store
  }

  static func values(_ result: QueryResult) -> [String: Double] {
    guard case .vector(let v) = result.value else { return [:] }
    return Dictionary(uniqueKeysWithValues: v.map { ($0.labels.description, $0.value) })
  }

  @Test func successRateOfTheSeedQuery() throws {
    var query = try PreparedQuery(#"""
      sum(irate(istio_requests_total{reporter="source",response_code!~"5.*"}[1m]))
      / sum(irate(istio_requests_total{reporter="source"}[1m]))
      """#)
    let result = try query.evaluate(at: 600_000, in: Self.store())
    guard case .vector(let v) = result.value else {
      Issue.record("not a vector: \(result.value)")
      return
    }
    #expect(v.count == 1 && v[0].labels == Labels())
    // (10·0.99 + 2·0.75) / 12 = 0.95
    #expect(abs(v[0].value - 0.95) < 1e-12)
  }

  @Test func noDataMeansAnEmptyVectorAndZeroOverZeroIsNaN() throws {
    var missing = try PreparedQuery("sum(rate(nonexistent_total[1m])) / sum(rate(nonexistent_total[1m]))")
    #expect(try missing.evaluate(at: 600_000, in: Self.store()).value == .vector([]))
    var zero = try PreparedQuery(#"sum(rate(istio_requests_total{response_code="404"}[1m])) or vector(0)"#)
    #expect(Self.values(try zero.evaluate(at: 600_000, in: Self.store())) == ["{}": 0])
    var nan = try PreparedQuery("0 / 0")
    guard case .scalar(let s) = try nan.evaluate(at: 0, in: SeriesStore()).value else {
      Issue.record("not a scalar")
      return
    }
    #expect(s.isNaN)
  }

  @Test func staleDataIsGoneAfterTheLookback() throws {
    var query = try PreparedQuery(#"istio_requests_total{destination_version="canary",response_code="200"}"#)
    let store = Self.store(until: 600_000)
    #expect(Self.values(try query.evaluate(at: 899_999, in: store)).count == 1)
    #expect(Self.values(try query.evaluate(at: 900_000, in: store)).isEmpty)
  }

  @Test func aggregationGroupsComeInFirstSeenOrder() throws {
    var query = try PreparedQuery("sum by (destination_version) (rate(istio_requests_total[1m]))")
    let result = try query.evaluate(at: 600_000, in: Self.store())
    guard case .vector(let v) = result.value else { return }
    // Series are read sorted by labels: canary sorts before stable.
    #expect(v.map { $0.labels["destination_version"] } == ["canary", "stable"])
    #expect(abs(v[0].value - 2) < 1e-9 && abs(v[1].value - 10) < 1e-9)
  }

  @Test func fusedAndGeneralAggregationAgree() throws {
    let store = Self.store()
    for op in ["sum", "avg", "min", "max", "count", "stddev", "stdvar", "group"] {
      for grouping in ["", " by (destination_version)", " without (response_code)"] {
        for function in ["rate", "irate", "increase", "delta", "avg_over_time", "deriv", "changes"] {
          var fused = try PreparedQuery("\(op)\(grouping) (\(function)(istio_requests_total[2m]))")
          var general = try PreparedQuery("\(op)\(grouping) (\(function)(istio_requests_total[2m]) * 1)")
          for t: Int64 in [30_000, 600_000, 1_190_000] {
            let a = try fused.evaluate(at: t, in: store), b = try general.evaluate(at: t, in: store)
            #expect(a.value == b.value, "\(op)\(grouping) \(function) at \(t)")
          }
        }
      }
    }
  }

  /// Windows are read in place and copied only when they hold staleness markers (out of line, so
  /// the inlined arithmetic functions read the store without retaining it): a window with a marker
  /// gives what the same window without it gives — through the fused loops for the arithmetic
  /// functions and the others, grouped or not — and a window holding only a marker gives nothing.
  @Test func windowsWithStalenessMarkersGiveWhatTheyGiveWithout() throws {
    func store(marker: Bool) -> SeriesStore {
      var store = SeriesStore()
      let a = store.seriesID(for: Labels(name: "requests_total", ["pod": "a"]))
      let b = store.seriesID(for: Labels(name: "requests_total", ["pod": "b"]))
      // `a` resets at 45s; `b` disappears after 30s.
      for (i, v) in [0.0, 10, 25, 4, 9].enumerated() { store.append(a, timestamp: Int64(i) * 15_000, value: v) }
      for (i, v) in [1.0, 3, 8].enumerated() { store.append(b, timestamp: Int64(i) * 15_000, value: v) }
      if marker { store.append(b, timestamp: 45_000, value: Sample.staleNaN) }
      return store
    }
    let marked = store(marker: true), unmarked = store(marker: false)
    for function in ["rate", "irate", "increase", "delta", "idelta", "avg_over_time", "changes"] {
      for shape in ["sum(\(function)(requests_total[1m]))", "max by (pod) (\(function)(requests_total[1m]))",
                    "\(function)(requests_total[1m])"] {
        var query = try PreparedQuery(shape)
        for t: Int64 in [30_000, 45_000, 60_000, 75_000, 100_000] {
          let a = try query.evaluate(at: t, in: marked), b = try query.evaluate(at: t, in: unmarked)
          #expect(a.value == b.value, "\(shape) at \(t)")
        }
      }
    }
    // At 60s `b`'s window is 3, 8 and the marker: irate over its two samples, (8 - 3) / 15s.
    var irate = try PreparedQuery(#"irate(requests_total{pod="b"}[1m])"#)
    #expect(Self.values(try irate.evaluate(at: 60_000, in: marked)) == ["{pod=\"b\"}": 5.0 / 15])
    // At 100s it holds only the marker.
    #expect(Self.values(try irate.evaluate(at: 100_000, in: marked)).isEmpty)
  }

  @Test func selectionCacheFollowsNewSeries() throws {
    var store = Self.store()
    var query = try PreparedQuery("count(istio_requests_total)")
    #expect(Self.values(try query.evaluate(at: 600_000, in: store)) == ["{}": 4])
    store.append(Labels(name: "istio_requests_total", ["response_code": "500"]), timestamp: 600_000, value: 1)
    #expect(Self.values(try query.evaluate(at: 600_000, in: store)) == ["{}": 5])
    // A different store with the same number of series is not confused with the first.
    var other = SeriesStore()
    for i in 0..<5 { other.append(Labels(name: "up", ["i": "\(i)"]), timestamp: 0, value: 1) }
    #expect(Self.values(try query.evaluate(at: 600_000, in: other)).isEmpty)
  }

  @Test func rangeQueriesReturnASortedMatrix() throws {
    var query = try PreparedQuery("sum by (destination_version) (rate(istio_requests_total[1m]))")
    let result = try query.evaluateRange(start: 120_000, end: 240_000, step: 60_000, in: Self.store())
    guard case .matrix(let m) = result.value else {
      Issue.record("not a matrix")
      return
    }
    #expect(m.map { $0.labels["destination_version"] } == ["canary", "stable"])
    #expect(m[0].timestamps == [120_000, 180_000, 240_000])
  }

  @Test func annotationsWarnAboutNonCounters() throws {
    var store = SeriesStore()
    for i in 0..<20 { store.append(Labels(name: "queue_depth"), timestamp: Int64(i) * 15_000, value: Double(i)) }
    var query = try PreparedQuery("rate(queue_depth[1m])")
    let result = try query.evaluate(at: 200_000, in: store)
    #expect(result.annotations.map { $0.rendered(in: query.text) } == [
      #"PromQL info: metric might not be a counter, name does not end in _total/_sum/_count/_bucket: "queue_depth" (1:6)"#,
    ])
  }

  @Test func matchingErrorsAreReported() throws {
    var query = try PreparedQuery("istio_requests_total / on (reporter) istio_requests_total")
    #expect(throws: EvaluationError.self) { try query.evaluate(at: 600_000, in: Self.store()) }
  }

  @Test func histogramQuantileOverClassicBuckets() throws {
    var store = SeriesStore()
    for (le, count) in [("0.1", 50.0), ("0.5", 90.0), ("1", 99.0), ("+Inf", 100.0)] {
      let id = store.seriesID(for: Labels(name: "latency_seconds_bucket", ["le": le]))
      for i in 0...40 { store.append(id, timestamp: Int64(i) * 15_000, value: count * Double(i)) }
    }
    var query = try PreparedQuery("histogram_quantile(0.9, sum by (le) (rate(latency_seconds_bucket[5m])))")
    #expect(Self.values(try query.evaluate(at: 600_000, in: store)).mapValues { ($0 * 1e9).rounded() / 1e9 } == ["{}": 0.5])
  }
}
