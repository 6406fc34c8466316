import SimKernel
import Testing
import TimeSeries
import VirtualTime

@testable import Workload

/// A caller that numbers its splits lets the generator skip comparing them; the telemetry must be
/// the same as when it compares every time.
@Suite struct SplitVersionTests {
  @Test func versionedSplitsGiveTheSameTelemetry() {
    let model = Fixture.model(families: [.istio], metricNames: ["istio_requests_total"])
    var compared = TelemetryGenerator(model: model)
    var versioned = TelemetryGenerator(model: model)
    var storeA = SeriesStore()
    var storeB = SeriesStore()
    var rngA = SeededRandom(seed: 5)
    var rngB = SeededRandom(seed: 5)
    var version = 0
    var weight = 0.0
    var t: Int64 = 0
    while t < 600_000 {
      t += 7_000
      if t % 70_000 == 0 {
        weight = weight == 0 ? 0.4 : 0
        version += 1
      }
      let split = Fixture.split(canaryWeight: weight)
      compared.advance(to: SimInstant(milliseconds: t), split: split, store: &storeA, rng: &rngA)
      versioned.advance(to: SimInstant(milliseconds: t), split: split, splitVersion: version, store: &storeB, rng: &rngB)
    }
    #expect(storeA.count > 0)
    // Compared by bits: staleness markers are NaNs, which `==` never finds equal.
    func bits(_ store: SeriesStore) -> [[UInt64]] { store.series.map { $0.values.map(\.bitPattern) } }
    #expect(storeA.series.map(\.labels) == storeB.series.map(\.labels))
    #expect(storeA.series.map(\.timestamps) == storeB.series.map(\.timestamps))
    #expect(bits(storeA) == bits(storeB))
    #expect(compared.ledger == versioned.ledger)
  }
}
