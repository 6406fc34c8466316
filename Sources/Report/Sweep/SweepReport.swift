import VirtualTime

/// HTML and Markdown reports of a sweep: the ranking table and the speed-versus-safety scatter with
/// the Pareto front. Input text (variant and scenario names) is escaped.
public enum SweepReport {
  static func duration(_ seconds: Double?) -> String {
    guard let seconds, seconds.isFinite else { return "-" }
    return DurationFormat.compact(milliseconds: Int64((seconds * 1000).rounded()))
  }

  static func rate(_ r: SweepVariant.Rate?) -> String {
    guard let r else { return "-" }
    return "\(Number.fixed(r.value * 100, 1))% [\(Number.fixed(r.low * 100, 1))–\(Number.fixed(r.high * 100, 1))]"
  }

  static func quantiles(_ q: SweepVariant.Quantiles?, format: (Double) -> String) -> String {
    guard let q else { return "-" }
    return "\(format(q.p50)) / \(format(q.p95))"
  }

  static let columns = [
    "rank", "variant", "runs", "detection (95% CI)", "false rollback (95% CI)", "time to promote p50/p95",
    "time to detect p50/p95", "bad requests p50/p95",
  ]

  static func cells(_ e: SweepRanking.Entry) -> [String] {
    let v = e.variant
    return [
      "\(e.rank)\(e.onFront ? " ★" : "")", v.name, "\(v.runs)", rate(v.detectionRate), rate(v.falseRollbackRate),
      quantiles(v.timeToPromote, format: { duration($0) }), quantiles(v.timeToDetect, format: { duration($0) }),
      quantiles(v.badRequests, format: { Number.grouped(Int64($0.rounded())) }),
    ]
  }

  // MARK: Markdown

  public static func markdown(_ summary: SweepSummary) -> String {
    let ranking = SweepRanking(summary)
    var out = "## Sweep \(md(summary.name))\n\n"
    out += "Scenario \(md(summary.scenario)), \(summary.seeds) seeds per variant and release. ★ = on the Pareto front of speed (time to promote) against safety (detection rate).\n\n"
    out += "| " + columns.joined(separator: " | ") + " |\n"
    out += "|" + columns.indices.map { $0 == 1 ? "---" : "---:" }.joined(separator: "|") + "|\n"
    for entry in ranking.entries {
      out += "| " + cells(entry).map(md).joined(separator: " | ") + " |\n"
    }
    return out + "\n"
  }

  // MARK: HTML

  public static func html(_ summary: SweepSummary) -> String {
    let ranking = SweepRanking(summary)
    var body = "<h1>Sweep \(h(summary.name))</h1>\n"
    body += "<p class=\"description\">Scenario \(h(summary.scenario)), \(summary.seeds) seeds per variant and release. Variants on the Pareto front (★) are the ones no other variant beats on both speed and safety.</p>\n"
    body += "<h2>Ranking</h2>\n<table class=\"ranking\">\n<tr>"
    for (i, c) in columns.enumerated() { body += "<th\(i == 1 ? "" : " class=\"num\"")>\(h(c))</th>" }
    body += "</tr>\n"
    for entry in ranking.entries {
      body += "<tr\(entry.onFront ? " class=\"front\"" : "")>"
      for (i, c) in cells(entry).enumerated() { body += "<td\(i == 1 ? "" : " class=\"num\"")>\(h(c))</td>" }
      body += "</tr>\n"
    }
    body += "</table>\n"
    body += "<h2>Speed versus safety</h2>\n"
    body += scatter(ranking)
    body += "<footer>rollout-sim sweep report · deterministic: the same sweep gives this same report.</footer>\n"
    return HTMLReport.page(title: "rollout-sim · sweep \(summary.name)", body: body)
  }

  /// x: median time to promote (faster to the left); y: detection rate (safer up); the Pareto front
  /// joined by a dashed line; vertical whiskers are the detection rate's 95% interval.
  static func scatter(_ ranking: SweepRanking) -> String {
    let points = ranking.entries.filter { $0.variant.speed != nil && $0.variant.safety != nil }
    let width = 960.0, height = 420.0, left = 70.0, right = 30.0, top = 20.0, bottom = 50.0
    let plotW = width - left - right, plotH = height - top - bottom
    let xs = points.compactMap(\.variant.speed)
    let maxX = (xs.max() ?? 1) * 1.1
    let minX = max(0, (xs.min() ?? 0) * 0.9)
    let spanX = max(1, maxX - minX)
    func x(_ v: Double) -> Double { left + (v - minX) / spanX * plotW }
    func y(_ v: Double) -> Double { top + (1 - v) * plotH }
    let f = SVGChart.f
    var out = "<svg class=\"chart chart-scatter\" viewBox=\"0 0 \(f(width)) \(f(height))\" role=\"img\" aria-label=\"Time to promote against detection rate per variant\" xmlns=\"http://www.w3.org/2000/svg\">\n"
    out += "<g class=\"grid\">"
    for v in stride(from: 0.0, through: 1.0, by: 0.25) {
      out += "<line x1=\"\(f(left))\" x2=\"\(f(width - right))\" y1=\"\(f(y(v)))\" y2=\"\(f(y(v)))\"/>"
      out += "<text class=\"ylabel\" x=\"\(f(left - 6))\" y=\"\(f(y(v)))\" dy=\"0.32em\" text-anchor=\"end\">\(Number.fixed(v * 100, 0))%</text>"
    }
    for i in 0...4 {
      let v = minX + spanX * Double(i) / 4
      out += "<text class=\"xlabel\" x=\"\(f(x(v)))\" y=\"\(f(top + plotH + 16))\" text-anchor=\"middle\">\(h(duration(v)))</text>"
    }
    out += "<text class=\"unit\" x=\"\(f(left + plotW / 2))\" y=\"\(f(height - 8))\" text-anchor=\"middle\">median time to promote a good release (faster ←)</text>"
    out += "<text class=\"unit\" x=\"14\" y=\"\(f(top + plotH / 2))\" transform=\"rotate(-90 14 \(f(top + plotH / 2)))\" text-anchor=\"middle\">bad releases caught (safer ↑)</text>"
    out += "</g>\n"
    let front = points.filter(\.onFront).sorted { ($0.variant.speed ?? 0) < ($1.variant.speed ?? 0) }
    if front.count > 1 {
      let d = front.enumerated().map { i, e in "\(i == 0 ? "M" : "L")\(f(x(e.variant.speed!))),\(f(y(e.variant.safety!)))" }.joined(separator: " ")
      out += "<g class=\"pareto\"><path d=\"\(d)\"/></g>\n"
    }
    out += "<g class=\"scatter\">"
    for e in points {
      let px = x(e.variant.speed!), py = y(e.variant.safety!)
      if let r = e.variant.detectionRate {
        out += "<line class=\"whisker\" x1=\"\(f(px))\" x2=\"\(f(px))\" y1=\"\(f(y(r.low)))\" y2=\"\(f(y(r.high)))\" stroke=\"#adb5bd\"/>"
      }
      out += "<circle\(e.onFront ? " class=\"front\"" : "") cx=\"\(f(px))\" cy=\"\(f(py))\" r=\"5\"><title>\(h(e.variant.name))</title></circle>"
      out += "<text x=\"\(f(px + 8))\" y=\"\(f(py))\" dy=\"0.32em\">\(h("#\(e.rank) \(e.variant.name)"))</text>"
    }
    out += "</g>\n</svg>\n"
    return out
  }
}
