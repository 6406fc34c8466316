import Foundation
import Report
import Testing

@Suite struct HTMLReportTests {
  static let html = HTMLReport.render(ReportFixtures.abortedCanary())

  @Test(arguments: [
    "<svg class=\"chart chart-weights\"", "<g class=\"step-bands\">", "<g class=\"series weight-canary\">",
    "<g class=\"series weight-stable\">", "<svg class=\"chart chart-replicas\"", "<svg class=\"chart chart-metric\"",
    "<g class=\"threshold\">", "<g class=\"measurements\">", "<svg class=\"chart chart-runs\"", "<g class=\"run run-failed\">",
    "<g class=\"marker-aborted\">", "<ol class=\"explain\">", "<g class=\"break\">",
  ])
  func hasTheChartElements(_ fragment: String) {
    #expect(Self.html.contains(fragment))
  }

  @Test func colorsMeasurementsByPhase() {
    #expect(Self.html.components(separatedBy: "<circle class=\"m-successful\"").count - 1 == 5)
    #expect(Self.html.components(separatedBy: "<circle class=\"m-failed\"").count - 1 == 2)
  }

  @Test func isSelfContained() {
    #expect(!Self.html.contains("<script"))
    #expect(!Self.html.contains("<link"))
    #expect(!Self.html.contains("src="))
    // The only URL is the SVG namespace.
    let urls = Self.html.components(separatedBy: "http://").count + Self.html.components(separatedBy: "https://").count - 2
    let namespaces = Self.html.components(separatedBy: "xmlns=\"http://www.w3.org/2000/svg\"").count - 1
    #expect(urls == namespaces)
    #expect(Self.html.contains("Content-Security-Policy"))
  }

  @Test func isDeterministic() {
    #expect(HTMLReport.render(ReportFixtures.abortedCanary()) == Self.html)
  }
}

@Suite struct TimeScaleTests {
  @Test func compressesLongQuietStretchesAndStaysMonotonic() {
    let day: Int64 = 86_400_000
    let scale = TimeScale.make(start: 0, end: 6 * day + 900_000, instants: [6_000, 5 * day + 6_000, 6 * day + 6_000, 6 * day + 36_000])
    let breaks = scale.segments.filter(\.compressed)
    // The 120h and 24h pauses (and the quiet 14 minutes at the end) are drawn narrow.
    #expect(breaks.contains { $0.start == 6_000 && $0.end == 5 * day + 6_000 })
    #expect(breaks.contains { $0.start == 5 * day + 6_000 && $0.end == 6 * day + 6_000 })
    var last = -1.0
    for t in stride(from: Int64(0), through: 6 * day + 900_000, by: 600_000) {
      let x = scale.x(t)
      #expect(x >= last)
      last = x
    }
    #expect(scale.x(0) == 0 && scale.x(6 * day + 900_000) == 1)
    // The first six seconds get far more room than their share of six days.
    #expect(scale.x(6_000) > 0.05)
  }

  @Test func aShortRunIsLinear() {
    let scale = TimeScale.make(start: 0, end: 600_000, instants: [10_000, 120_000, 300_000])
    #expect(scale.segments.count == 1)
    #expect(abs(scale.x(300_000) - 0.5) < 1e-9)
    #expect(scale.time(at: 0.5) == 300_000)
  }

  @Test func bucketEdgesIncreaseStrictly() {
    let day: Int64 = 86_400_000
    let scale = TimeScale.make(start: 0, end: 2 * day, instants: [5_000, day + 5_000])
    let edges = scale.bucketEdges(count: 100)
    #expect(edges.first == 0 && edges.last == 2 * day)
    #expect(zip(edges, edges.dropFirst()).allSatisfy { $0 < $1 })
  }
}
