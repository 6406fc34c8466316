import PromQL
import TimeSeries
import Testing

/// `evaluateNumbers` must give what `evaluate` gives, labels aside — including through the fused
/// aggregations and the fused pair.
@Suite struct EvaluateNumbersTests {
  static let queries = [
    #"sum(irate(istio_requests_total{reporter="source",response_code!~"5.*"}[1m])) / sum(irate(istio_requests_total{reporter="source"}[1m]))"#,
    #"sum(rate(istio_requests_total[1m])) * sum(rate(istio_requests_total[1m]))"#,
    #"sum(rate(istio_requests_total{response_code="404"}[1m])) / sum(rate(istio_requests_total[1m]))"#,
    #"sum(rate(istio_requests_total[1m])) > bool sum(rate(istio_requests_total{response_code="200"}[1m]))"#,
    #"sum(rate(istio_requests_total[1m])) < sum(rate(istio_requests_total{response_code="200"}[1m]))"#,
    #"sum by (destination_version) (rate(istio_requests_total[1m])) / on(destination_version) sum by (destination_version) (rate(istio_requests_total[1m]))"#,
    #"sum(rate(istio_requests_total[1m])) / count(rate(istio_requests_total[1m]))"#,
    #"avg(increase(istio_requests_total[2m])) - min(delta(istio_requests_total[2m]))"#,
    #"(sum(rate(istio_requests_total[1m]))) / sum(rate(istio_requests_total[1m]))"#,
    #"sum(rate(istio_requests_total[1m])) and sum(rate(istio_requests_total[1m]))"#,
    #"istio_requests_total"#,
    #"rate(istio_requests_total[1m])"#,
    #"istio_requests_total[1m]"#,
    #"scalar(sum(rate(istio_requests_total[1m])))"#,
    #""text""#,
  ]

  @Test(arguments: queries)
  func sameNumbersAsEvaluate(_ text: String) throws {
    let store = EngineTests.store()
    var numbers = try PreparedQuery(text)
    var full = try PreparedQuery(text)
    // Several instants, so the cached selections and fused forms are reused.
    for t in stride(from: Int64(0), through: 1_200_000, by: 90_000) {
      let expected = try full.evaluate(at: t, in: store)
      let got = try numbers.evaluateNumbers(at: t, in: store)
      #expect(got.annotations == expected.annotations)
      switch (got.value, expected.value) {
      case (.scalar(let a), .scalar(let b)): #expect(a.bitPattern == b.bitPattern)
      case (.string(let a), .string(let b)): #expect(a == b)
      case (.vector(let a), .vector(let b)): #expect(a.map(\.bitPattern) == b.map(\.value.bitPattern))
      case (.matrix(let a), .matrix(let b)): #expect(a.map { $0.map(\.bitPattern) } == b.map { $0.values.map(\.bitPattern) })
      default: Issue.record("\(text) at \(t): \(got.value) vs \(expected.value)")
      }
    }
  }

  /// A query kept as a fused pair after its first evaluation still leaves it to the general path
  /// when its selection changes so that rate() has something to warn about.
  @Test func aKeptFusedPairFollowsItsSelection() throws {
    var store = EngineTests.store()
    let text = #"sum(rate({reporter="source"}[1m])) / sum(rate({reporter="source"}[1m]))"#
    var numbers = try PreparedQuery(text)
    var full = try PreparedQuery(text)
    #expect(try numbers.evaluateNumbers(at: 600_000, in: store).value == .vector([1]))
    #expect(try numbers.evaluateNumbers(at: 600_000, in: store).annotations.isEmpty)
    let gauge = Labels(name: "queue_length", ["reporter": "source"])
    for t in stride(from: Int64(0), through: 600_000, by: 15_000) { store.append(gauge, timestamp: t, value: 3) }
    let expected = try full.evaluate(at: 600_000, in: store)
    let got = try numbers.evaluateNumbers(at: 600_000, in: store)
    #expect(!expected.annotations.isEmpty)
    #expect(got.annotations == expected.annotations)
    guard case .vector(let v) = expected.value else {
      Issue.record("not a vector: \(expected.value)")
      return
    }
    #expect(got.value == .vector(v.map(\.value)))
  }

  @Test func noDataIsAnEmptyVector() throws {
    var query = try PreparedQuery(#"sum(rate(absent_total[1m])) / sum(rate(istio_requests_total[1m]))"#)
    let numbers = try query.evaluateNumbers(at: 600_000, in: EngineTests.store())
    #expect(numbers.value == .vector([]))
  }
}
