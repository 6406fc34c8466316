import PropertyBased
import SimKernel
import Testing
import TimeSeries
import VirtualTime

@testable import Workload

@Suite struct AccountingAndRoutingTests {
  /// A Route's backend metric blends `to` and `alternateBackends`: per tick and code class it equals
  /// the sum of its servers, and its 5xx share is the traffic-weighted mix of the two revisions.
  @Test func openShiftRouteBlendsItsBackends() throws {
    let model = Fixture.model(families: [.openshiftRouter], canaryErrors: 0.1)
    let (store, generator) = Fixture.run(model: model, steps: [(.minutes(30), 0.2)])
    for code in MetricSet.haproxyClassNames {
      let backend = store.ids("haproxy_backend_http_responses_total", ["route": "rollouts-demo", "code": code])
      #expect(backend.count == 1)
      let servers = store.ids("haproxy_server_http_responses_total", ["route": "rollouts-demo", "code": code])
      #expect(servers.count == 3)  // two stable pods, one canary pod
      for t in stride(from: Int64(15_000), through: 1_800_000, by: 60_000) {
        let serverSum = servers.reduce(0.0) { $0 + (store.value($1, at: t) ?? 0) }
        #expect(store.value(backend[0], at: t) == serverSum)
      }
    }
    let errors = store.lastSum("haproxy_backend_http_responses_total", ["code": "5xx"])
    let total = store.lastSum("haproxy_backend_http_responses_total")
    #expect(abs(errors / total - (0.8 * 0.002 + 0.2 * 0.1)) < 0.003)
    // The canary alone, through its server series, shows its own 10%.
    let canaryPod = "rollouts-demo-\(Fixture.canaryHash)-c0"
    let canary5xx = store.lastSum("haproxy_server_http_responses_total", ["exported_pod": canaryPod, "code": "5xx"])
    let canaryAll = store.lastSum("haproxy_server_http_responses_total", ["exported_pod": canaryPod])
    #expect(abs(canary5xx / canaryAll - 0.1) < 0.01)
    // And the ledger agrees with the router to the request.
    #expect(Double(generator.ledger.user.requests) == total)
    #expect(Double(generator.ledger.user.errors) == errors)
  }

  @Test func theLedgerAgreesWithTheTelemetry() {
    let model = Fixture.model(families: [.istio, .http], recordIntervals: true)
    let (store, generator) = Fixture.run(model: model, steps: TelemetryGeneratorTests.steps)
    let ledger = generator.ledger
    let canary = ledger.user(revision: "canary")
    let canaryWorkload = ["reporter": "destination", "destination_workload": "rollouts-demo-\(Fixture.canaryHash)"]
    #expect(Double(canary.requests) == store.lastSum("istio_requests_total", canaryWorkload))
    var canaryErrors = canaryWorkload
    canaryErrors["response_code"] = "500"
    let fiveHundreds = store.lastSum("istio_requests_total", canaryErrors)
    canaryErrors["response_code"] = "503"
    #expect(Double(canary.errors) == fiveHundreds + store.lastSum("istio_requests_total", canaryErrors))
    #expect(ledger.user(podTemplateHash: Fixture.canaryHash) == canary)
    #expect(ledger.user.requests == canary.requests + ledger.user(revision: "stable").requests)
    #expect(Double(ledger.user.requests) == store.lastSum("http_requests_total"))
    // Per-interval counts add up to the totals and sit on scrape ticks.
    let intervals = ledger.intervals.filter { $0.revision == "canary" }
    #expect(intervals.reduce(Int64(0)) { $0 + $1.counts.requests } == canary.requests)
    #expect(intervals.allSatisfy { $0.end.milliseconds % 15_000 == 0 })
    #expect(intervals.first?.end == .zero + .seconds(315))
  }

  /// Blue-green preview testing: a stream straight to the preview Service, counted apart from users.
  @Test func testTrafficIsTelemetryButNotUserTraffic() throws {
    let preview = Backend(
      revision: "canary", podTemplateHash: Fixture.canaryHash, share: 1, namespace: Fixture.namespace,
      workload: "rollouts-demo-\(Fixture.canaryHash)", service: "rollouts-demo-preview",
      pods: ["rollouts-demo-\(Fixture.canaryHash)-c0"], podLabels: ["app": "rollouts-demo"])
    let smoke = TrafficSource(workload: "smoke-tests", namespace: Fixture.namespace)
    let split = TrafficSplit(
      backends: [Fixture.stable()],
      tests: [TestTraffic(name: "smoke", rate: try Curve.parse(.text("5"), unit: .rate), backends: [preview], source: smoke)])
    var generator = TelemetryGenerator(model: Fixture.model(families: [.istio]))
    var store = SeriesStore()
    var rng = SeededRandom(seed: 4)
    generator.advance(to: .zero + .minutes(10), split: split, store: &store, rng: &rng)
    let ledger = generator.ledger
    #expect(ledger.user(revision: "canary").requests == 0)
    let tested = ledger.test(stream: "smoke")
    #expect(ledger.test == tested)
    #expect(abs(Double(tested.requests) - 3_000) < 250)
    let previewRequests = store.lastSum(
      "istio_requests_total", ["reporter": "source", "destination_service_name": "rollouts-demo-preview", "source_workload": "smoke-tests"])
    #expect(previewRequests == Double(tested.requests))
  }

  @Test func sharesOutsideZeroToOneAreClamped() {
    var generator = TelemetryGenerator(model: Fixture.model(families: [.istio], metricNames: ["istio_requests_total"]))
    var store = SeriesStore()
    var rng = SeededRandom(seed: 4)
    let split = TrafficSplit(backends: [Fixture.stable(share: 5), Fixture.canary(share: -1)])
    generator.advance(to: .zero + .minutes(5), split: split, store: &store, rng: &rng)
    #expect(generator.ledger.user(revision: "canary").requests == 0)
    let stable = Double(generator.ledger.user(revision: "stable").requests)
    #expect(abs(stable - 60_000) < 1_500)
  }

  @Test func absurdRatesDoNotCrash() throws {
    let model = Fixture.model(families: [.http], rps: try Curve.parse(.text("1e300"), unit: .rate), metricNames: ["http_requests_total"])
    let (store, generator) = Fixture.run(model: model, steps: [(.minutes(2), 0.5)])
    #expect(generator.ledger.user.requests > 0)
    #expect(store.count > 0)
  }
}

@Suite struct GeneratorPropertyTests {
  /// Whatever the sequence of advances (lengths not aligned to scrapes, weights coming and going),
  /// counters never decrease between staleness markers, samples sit on scrape ticks, and the ledger
  /// equals what the counters say.
  @Test func anySequenceOfAdvancesKeepsTheInvariants() async {
    let steps = Gen.int(in: 1...120).array(of: 1...25)
    await propertyCheck(count: 40, input: steps) { codes in
      var generator = TelemetryGenerator(model: Fixture.model(families: [.http, .openshiftRouter], metricNames: ["http_requests_total", "haproxy_backend_http_responses_total"]))
      var store = SeriesStore()
      var rng = SeededRandom(seed: UInt64(codes.count))
      var t: Int64 = 0
      for code in codes {
        t += Int64(code) * 1_000  // 1..120 s
        let weight = [0, 0.1, 0.5, 1][code % 4]
        generator.advance(to: SimInstant(milliseconds: t), split: Fixture.split(canaryWeight: weight), store: &store, rng: &rng)
      }
      var lastCounted = 0.0
      for series in store.series where series.labels.metricName == "http_requests_total" {
        var previous = 0.0
        for value in series.values {
          if Sample.isStale(value) {
            lastCounted += previous
            previous = 0
            continue
          }
          #expect(value >= previous)
          previous = value
        }
        lastCounted += previous
        #expect(series.timestamps.allSatisfy { $0 % 15_000 == 0 && $0 <= t })
      }
      // Requests after the last scrape are not yet visible in telemetry.
      let lastTick = t - t % 15_000
      #expect(generator.nextScrape == SimInstant(milliseconds: lastTick + 15_000))
      #expect(Double(generator.ledger.user.requests) >= lastCounted)
      #expect(Double(generator.ledger.user.requests) - lastCounted <= 200 * 15 * 1.5 + 50)
    }
  }
}
