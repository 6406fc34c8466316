import TimeSeries

/// Requests and errors per revision over time, down-sampled into buckets: what the traffic charts
/// draw. Bucket `i` covers `(edges[i], edges[i+1]]` (milliseconds); counts may be fractional because
/// counters are interpolated between scrapes. This is the shape the store keeps for charts.
public struct RevisionTraffic: Sendable, Hashable, Codable {
  public struct Line: Sendable, Hashable, Codable {
    /// What the chart legend shows (`canary · rev 2`).
    public var name: String
    /// The label value the counters were grouped by (a ReplicaSet, a hash, a Service).
    public var key: String
    public var requests: [Double]
    public var errors: [Double]

    public init(name: String, key: String, requests: [Double], errors: [Double]) {
      self.name = name
      self.key = key
      self.requests = requests
      self.errors = errors
    }
  }

  public var edges: [Int64]
  public var lines: [Line]
  /// Which counter and label the lines come from (`istio_requests_total by destination_workload`);
  /// empty when the run emitted no request counters.
  public var source: String

  public init(edges: [Int64] = [], lines: [Line] = [], source: String = "") {
    self.edges = edges
    self.lines = lines
    self.source = source
  }

  public var isEmpty: Bool { lines.isEmpty }

  /// How the request counters of each telemetry family name the revision that served them.
  struct Family {
    var metric: String
    var groupLabel: String
    var codeLabels: [String]
    var filter: (String, String)?
  }

  static let families: [Family] = [
    Family(metric: "istio_requests_total", groupLabel: "destination_workload", codeLabels: ["response_code"], filter: ("reporter", "destination")),
    Family(metric: "istio_requests_total", groupLabel: "destination_workload", codeLabels: ["response_code"], filter: ("reporter", "source")),
    Family(metric: "http_requests_total", groupLabel: "rollouts_pod_template_hash", codeLabels: ["code", "status"], filter: nil),
    Family(metric: "haproxy_server_http_responses_total", groupLabel: "exported_service", codeLabels: ["code"], filter: nil),
    Family(metric: "nginx_ingress_controller_requests", groupLabel: "canary", codeLabels: ["status"], filter: nil),
    // Per Route only (a Route blends its backends): the best the router's backend counter can say.
    Family(metric: "haproxy_backend_http_responses_total", groupLabel: "route", codeLabels: ["code"], filter: nil),
  ]

  /// Extracts the lines from a run's series: the first family above that the run emitted.
  public static func extract(from store: SeriesStore, edges: [Int64], catalog: RevisionCatalog) -> RevisionTraffic {
    guard edges.count >= 2 else { return RevisionTraffic(edges: edges) }
    for family in families {
      let series = store.series.filter { series in
        let labels = series.labels
        guard labels.metricName == family.metric, labels.has(family.groupLabel) else { return false }
        if let (name, value) = family.filter, labels[name] != value { return false }
        return true
      }
      guard !series.isEmpty else { continue }
      var order: [String] = []
      var requests: [String: [Double]] = [:]
      var errors: [String: [Double]] = [:]
      for s in series {
        let key = s.labels[family.groupLabel]
        if requests[key] == nil {
          order.append(key)
          requests[key] = Array(repeating: 0, count: edges.count - 1)
          errors[key] = Array(repeating: 0, count: edges.count - 1)
        }
        let increments = bucketIncrements(s, edges: edges)
        let code = family.codeLabels.lazy.map { s.labels[$0] }.first { !$0.isEmpty } ?? ""
        let isError = code.hasPrefix("5")
        for i in increments.indices {
          requests[key]![i] += increments[i]
          if isError { errors[key]![i] += increments[i] }
        }
      }
      let lines = order.sorted { lineOrder($0, catalog) < lineOrder($1, catalog) }.map { key in
        Line(name: displayName(key, family: family, catalog: catalog), key: key, requests: requests[key]!, errors: errors[key]!)
      }
      let source = "\(family.metric) by \(family.groupLabel)" + (family.filter.map { " (\($0.0)=\"\($0.1)\")" } ?? "")
      return RevisionTraffic(edges: edges, lines: lines, source: source)
    }
    return RevisionTraffic(edges: edges)
  }

  static func lineOrder(_ key: String, _ catalog: RevisionCatalog) -> (Int, String) {
    (catalog.entry(matching: key)?.revision ?? Int.max, key)
  }

  static func displayName(_ key: String, family: Family, catalog: RevisionCatalog) -> String {
    if let entry = catalog.entry(matching: key) {
      return entry.profile.isEmpty ? "rev \(entry.revision)" : "\(entry.profile) · rev \(entry.revision)"
    }
    if family.groupLabel == "exported_service" { return "Service \(key)" }
    if family.groupLabel == "route" { return "Route \(key)" }
    if family.groupLabel == "canary" { return key.isEmpty ? "main ingress" : "canary ingress" }
    return key
  }

  /// How much a counter grew within each bucket, with the counter read as a line through its
  /// samples (so buckets shorter than the scrape interval get their share, not zero or all).
  /// Resets count from zero.
  static func bucketIncrements(_ series: Series, edges: [Int64]) -> [Double] {
    var out = Array(repeating: 0.0, count: edges.count - 1)
    var points: [(t: Int64, c: Double)] = []
    var cumulative = 0.0
    var previous: Double?
    let timestamps = series.timestamps
    let values = series.values
    for i in timestamps.indices {
      let value = values[i]
      // A staleness marker: the backend left the split; if it comes back its counter carries on.
      if value.isNaN { continue }
      if points.isEmpty {
        // The counter was 0 one interval before its first sample.
        let step = i + 1 < timestamps.count ? timestamps[i + 1] - timestamps[i] : 15_000
        points.append((timestamps[i] - max(1, step), 0))
      }
      if let p = previous {
        cumulative += value >= p ? value - p : value
      } else {
        cumulative += value
      }
      previous = value
      points.append((timestamps[i], cumulative))
    }
    guard points.count >= 2 else { return out }
    func counter(at t: Int64, from hint: inout Int) -> Double {
      if t <= points[0].t { return 0 }
      if t >= points[points.count - 1].t { return points[points.count - 1].c }
      while hint + 1 < points.count, points[hint + 1].t < t { hint += 1 }
      let a = points[hint], b = points[hint + 1]
      return a.c + (b.c - a.c) * Double(t - a.t) / Double(b.t - a.t)
    }
    var hint = 0
    var last = counter(at: edges[0], from: &hint)
    for i in 0..<(edges.count - 1) {
      let next = counter(at: edges[i + 1], from: &hint)
      out[i] = max(0, next - last)
      last = next
    }
    return out
  }
}
