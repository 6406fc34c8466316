import Analysis
import Testing
import TimeSeries
import VirtualTime

/// The Prometheus provider over the PromQL engine: Argo's result shapes and the API's errors.
@Suite struct PrometheusProviderTests {
  /// Two pods' request counters, 10 rps each, one of them failing 5 % of requests, scraped every 15 s.
  static let store: SeriesStore = {
    var store = SeriesStore()
    for t in stride(from: Int64(0), through: 3_600_000, by: 15_000) {
      let seconds = Double(t) / 1_000
      store.append(Labels(name: "http_requests_total", ["pod": "a", "code": "200"]), timestamp: t, value: 10 * seconds)
      store.append(Labels(name: "http_requests_total", ["pod": "b", "code": "200"]), timestamp: t, value: 9.5 * seconds)
      store.append(Labels(name: "http_requests_total", ["pod": "b", "code": "500"]), timestamp: t, value: 0.5 * seconds)
    }
    return store
  }()

  static func measure(_ query: String, success: String = "", range: PrometheusQuerySpec.RangeQuery? = nil) -> Measurement? {
    let metric = Fixture.metric(
      success: success,
      provider: .prometheus(PrometheusQuerySpec(address: "http://prometheus:9090", query: query, rangeQuery: range)))
    var driver = Fixture.driver(Fixture.run([metric]))
    driver.environment.setTelemetry(store)
    driver.drive(from: seconds(600), until: seconds(600))
    return driver.run.log.measurements("m").first
  }

  @Test func successRateQueryIsAVectorOfOne() {
    let m = Self.measure(
      #"sum(rate(http_requests_total{code!~"5.."}[1m])) / sum(rate(http_requests_total[1m]))"#,
      success: "result[0] >= 0.95")
    #expect(m?.value == "[0.975]")
    #expect(m?.phase == .successful)
  }

  @Test func vectorValuesInResponseOrder() {
    let m = Self.measure(#"sum by (pod) (rate(http_requests_total[1m]))"#)
    // Prometheus' extrapolation arithmetic, printed with Go's shortest float format.
    #expect(m?.value == "[9.999999999999998,9.999999999999998]")
  }

  @Test func scalarResult() {
    let m = Self.measure(#"scalar(sum(rate(http_requests_total{code="500"}[1m])))"#)
    #expect(m?.value == "0.49999999999999994")
  }

  @Test func noMatchingSeriesIsAnEmptyVector() {
    let m = Self.measure(#"sum(rate(istio_requests_total[1m]))"#, success: "result[0] >= 0.95")
    #expect(m?.phase == .error)
    #expect(m?.message.hasSuffix("metric result is nil or empty: no data returned from the metric provider") == true)
  }

  @Test func rangeQueryFlattensTheMatrix() {
    let m = Self.measure(
      #"sum(rate(http_requests_total{code="500"}[1m]))"#,
      range: .init(start: #"now() - duration("1m")"#, end: "now()", step: "30s"))
    #expect(m?.value == "[0.49999999999999994,0.49999999999999994,0.49999999999999994]")
  }

  @Test func parseErrorsAsTheAPIReportsThem() {
    let m = Self.measure(#"sum(rate(http_requests_total{code=~"5.."}[1m])"#)
    #expect(m?.phase == .error)
    #expect(m?.message.hasPrefix("bad_data: invalid parameter \"query\": 1:") == true)
  }

  @Test func stringResultIsNotSupported() {
    #expect(Self.measure(#""hello""#)?.message == "Prometheus metric type not supported")
  }

  @Test func badAddressFailsBeforeQuerying() {
    let metric = Fixture.metric(provider: .prometheus(PrometheusQuerySpec(address: "prometheus:9090", query: "up")))
    var driver = Fixture.driver(Fixture.run([metric]))
    driver.environment.setTelemetry(Self.store)
    driver.drive(until: .zero)
    #expect(driver.run.log.measurements("m").first?.message == "prometheus address is not is url format")
  }
}
