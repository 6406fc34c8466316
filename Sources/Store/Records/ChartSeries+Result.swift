import Simulation
import TimeSeries
import VirtualTime

extension ChartSeries {
  /// At most this many points per series (a run has the weight plus requests and errors per revision:
  /// 400 points for the usual two revisions): enough for a chart, small enough for sweeps.
  public static let maximumPoints = 80

  /// The chart series of a run: the canary weight from the timeline, and each revision's request and
  /// error rates from the telemetry counters that carry `rollouts_pod_template_hash` (Istio's
  /// destination-reported `istio_requests_total`, the `http` family). `revisionsByHash` names the
  /// revisions; the grid step is a whole number of seconds chosen so the run fits `maximumPoints`.
  public static func build(
    from result: SimulationResult, revisionsByHash: [String: String], maximumPoints: Int = ChartSeries.maximumPoints
  ) -> [ChartSeries] {
    let end = result.endedAt.milliseconds
    guard end > 0, maximumPoints > 0 else { return [] }
    let perPoint = (end + Int64(maximumPoints) - 1) / Int64(maximumPoints)
    let step = max(1000, (perPoint + 999) / 1000 * 1000)
    let count = Int((end + step - 1) / step)
    var charts = [weightSeries(result.timeline, step: step, count: count)]
    charts += rateSeries(result.store, revisionsByHash: revisionsByHash, step: step, count: count)
    return charts
  }

  static func weightSeries(_ timeline: [TimelineEntry], step: Int64, count: Int) -> ChartSeries {
    var values: [Double] = []
    values.reserveCapacity(count)
    var next = 0
    var weight = 0.0
    for i in 0..<count {
      let t = step * Int64(i + 1)
      while next < timeline.count, timeline[next].t.milliseconds <= t {
        weight = Double(timeline[next].weights.canary)
        next += 1
      }
      values.append(weight)
    }
    return ChartSeries(name: "canaryWeight", revision: "", startMs: 0, stepMs: step, values: values)
  }

  static let hashLabel = "rollouts_pod_template_hash"
  static let codeLabels = ["response_code", "code", "status"]

  static func rateSeries(_ store: SeriesStore, revisionsByHash: [String: String], step: Int64, count: Int) -> [ChartSeries] {
    let candidates = store.series.filter { series in
      let name = series.labels.metricName
      return series.labels.has(hashLabel) && !name.hasSuffix("_bucket") && !name.hasSuffix("_sum")
        && !name.hasSuffix("_count") && codeLabels.contains { series.labels.has($0) }
    }
    // One counter family, so requests are not counted twice when several families are emitted.
    let names = Set(candidates.map(\.labels.metricName))
    guard let counter = names.contains("istio_requests_total") ? "istio_requests_total" : names.sorted().first else {
      return []
    }
    var requests: [String: [Double]] = [:]
    var errors: [String: [Double]] = [:]
    for series in candidates where series.labels.metricName == counter {
      if series.labels.has("reporter") && series.labels["reporter"] != "destination" { continue }
      let hash = series.labels[hashLabel]
      let code = codeLabels.first { series.labels.has($0) }.map { series.labels[$0] } ?? ""
      let increases = increasesPerInterval(series, step: step, count: count)
      add(increases, to: &requests[hash, default: Array(repeating: 0, count: count)])
      if code.hasPrefix("5") { add(increases, to: &errors[hash, default: Array(repeating: 0, count: count)]) }
    }
    let seconds = Double(step) / 1000
    let hashes = requests.keys.sorted { order(revisionsByHash[$0] ?? $0) < order(revisionsByHash[$1] ?? $1) }
    var charts: [ChartSeries] = []
    for hash in hashes {
      let revision = revisionsByHash[hash] ?? hash
      for (name, counts) in [("requests", requests[hash]), ("errors", errors[hash] ?? Array(repeating: 0, count: count))] {
        guard let counts else { continue }
        charts.append(
          ChartSeries(name: name, revision: revision, startMs: 0, stepMs: step, values: counts.map { $0 / seconds }))
      }
    }
    return charts
  }

  /// Stable first, then canary, then the others by name.
  static func order(_ revision: String) -> (Int, String) {
    (revision == "stable" ? 0 : revision == "canary" ? 1 : 2, revision)
  }

  static func add(_ values: [Double], to total: inout [Double]) {
    for i in values.indices { total[i] += values[i] }
  }

  /// How much a counter grew over each interval of the grid. Counters start at zero with the run;
  /// stale markers keep the last value; a drop is a reset (the new value is the increase).
  static func increasesPerInterval(_ series: Series, step: Int64, count: Int) -> [Double] {
    var increases = Array(repeating: 0.0, count: count)
    var index = 0
    var current = 0.0
    let timestamps = series.timestamps
    let values = series.values
    for i in 0..<count {
      let t = step * Int64(i + 1)
      var grown = 0.0
      while index < timestamps.count, timestamps[index] <= t {
        let value = values[index]
        index += 1
        if value.isNaN { continue }
        grown += value >= current ? value - current : value
        current = value
      }
      increases[i] = grown
    }
    return increases
  }
}
