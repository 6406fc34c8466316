import Simulation
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
  ///
  /// An experiment template's pods (a router `weight`) get a line of their own, keyed by the
  /// template's ReplicaSet and named `experiment baseline`, after the revisions': their
  /// series name the template's workload (Istio), or its Service (HAProxy servers, and the app's
  /// `service` label). Without that, a template copying a revision's pod template would add its
  /// requests to that revision's line (same pod-template hash).
  public static func extract(
    from store: SeriesStore, edges: [Int64], catalog: RevisionCatalog, experiments: [ExperimentTraffic] = []
  ) -> RevisionTraffic {
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
      var experimentKeys: [String: Int] = [:]
      for s in series {
        var key = s.labels[family.groupLabel]
        if let e = experimentIndex(s.labels, family: family, experiments: experiments) {
          key = experimentKey(experiments[e])
          experimentKeys[key] = e
        }
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
      let revisionKeys = order.filter { experimentKeys[$0] == nil }.sorted { lineOrder($0, catalog) < lineOrder($1, catalog) }
      let templateKeys = order.filter { experimentKeys[$0] != nil }.sorted { experimentKeys[$0]! < experimentKeys[$1]! }
      let lines = (revisionKeys + templateKeys).map { key in
        let name = experimentKeys[key].map { experimentName(experiments[$0]) } ?? displayName(key, family: family, catalog: catalog)
        return Line(name: name, key: key, requests: requests[key]!, errors: errors[key]!)
      }
      let source = "\(family.metric) by \(family.groupLabel)" + (family.filter.map { " (\($0.0)=\"\($0.1)\")" } ?? "")
      return RevisionTraffic(edges: edges, lines: lines, source: source)
    }
    return RevisionTraffic(edges: edges)
  }

  /// The experiment template whose pods a series counts, if any. A Route's backend counter blends
  /// every Service of the Route, so it never names one.
  static func experimentIndex(_ labels: Labels, family: Family, experiments: [ExperimentTraffic]) -> Int? {
    guard !experiments.isEmpty, family.groupLabel != "route" else { return nil }
    let workload = labels["destination_workload"]
    let services = [labels["exported_service"], labels["service"], labels["destination_service_name"]]
    return experiments.firstIndex { e in
      workload == experimentKey(e) || (!e.service.isEmpty && services.contains(e.service))
    }
  }

  /// The template's ReplicaSet (`<experiment>-<template>`), the workload its pods report.
  static func experimentKey(_ e: ExperimentTraffic) -> String { "\(e.experiment)-\(e.template)" }

  /// `experiment baseline`: short, as the legend has one row for every line (the profile its pods
  /// followed is in the report's table of who served what).
  static func experimentName(_ e: ExperimentTraffic) -> String { "experiment \(e.template)" }

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
