import Foundation

/// SplitMix64: a tiny seeded generator so the differential corpus is the same on every run.
struct SplitMix64 {
  private var state: UInt64
  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  mutating func int(_ range: ClosedRange<Int>) -> Int {
    range.lowerBound + Int(next() % UInt64(range.count))
  }

  mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

  mutating func chance(_ percent: Int) -> Bool { int(0...99) < percent }
}

/// Generated series (in promtool's `input_series` notation) and queries for the differential test
/// against `promtool test rules`.
///
/// promtool is Prometheus 2.42; the engine follows Prometheus 3 (the reference sources). The corpus
/// stays clear of the places where those versions deliberately differ:
/// * evaluation and `@` times are off the 15 s sample grid, because Prometheus 3 made range and
///   lookback windows left-open (2.x included a sample exactly at the left edge);
/// * counters stay above 1000 (resets included), because 3.x reordered the "extrapolate at most
///   to zero" rule of rate() relative to the gap threshold;
/// * subqueries wrap only instant expressions, because their inner steps fall on the sample grid;
/// * no NaN / Inf samples, whose handling in stddev/avg changed in 3.x.
struct DifferentialCorpus {
  struct InputSeries {
    var series: String
    var values: String
  }

  struct Case {
    var query: String
    var evalTime: String  // promtool duration, e.g. "10m7s"
    var evalMilliseconds: Int64
  }

  var series: [InputSeries] = []
  var cases: [Case] = []

  static let jobs = ["api", "web"]
  static let instances = ["0", "1"]
  static let codes = ["200", "500"]
  static let bounds = ["0.1", "0.5", "1", "+Inf"]
  static let samples = 80  // 20 minutes at 15 s

  init(seed: UInt64, count: Int) {
    var rng = SplitMix64(seed: seed)
    for job in Self.jobs {
      for instance in Self.instances {
        for code in Self.codes {
          series.append(InputSeries(series: #"http_requests_total{job="\#(job)",instance="\#(instance)",code="\#(code)"}"#,
                                    values: Self.counter(&rng)))
        }
        series.append(InputSeries(series: #"node_memory_bytes{job="\#(job)",instance="\#(instance)"}"#, values: Self.gauge(&rng)))
        series.append(InputSeries(series: #"up{job="\#(job)",instance="\#(instance)"}"#, values: Self.up(&rng)))
      }
      var base = 1000 + rng.int(0...500)
      var increment = 0
      for le in Self.bounds {
        increment += rng.int(0...4)
        base += rng.int(0...300)
        series.append(InputSeries(series: #"request_duration_seconds_bucket{job="\#(job)",le="\#(le)"}"#,
                                  values: "\(base)+\(increment)x\(Self.samples)"))
      }
    }
    let times: [(String, Int64)] = [("3m7s", 187_000), ("5m7s", 307_000), ("8m7s", 487_000), ("12m13s", 733_000),
                                    ("17m43s", 1_063_000), ("19m59s", 1_199_000)]
    var generator = QueryGenerator(rng: rng)
    for _ in 0..<count {
      let (text, ms) = generator.rng.pick(times)
      cases.append(Case(query: generator.vector(depth: 3), evalTime: text, evalMilliseconds: ms))
    }
  }

  /// A counter above 1000 with runs of steady increase, an occasional reset and gap.
  static func counter(_ rng: inout SplitMix64) -> String {
    var parts: [String] = []
    var remaining = samples
    var value = 1000 + rng.int(0...2000)
    while remaining > 0 {
      let run = min(remaining, rng.int(5...30))
      if rng.chance(10) && remaining < samples {
        parts.append("_x\(min(run, 3))")
        remaining -= min(run, 3)
        continue
      }
      let increment = rng.int(0...40)
      parts.append("\(value)+\(increment)x\(run - 1)")
      value += increment * run
      remaining -= run
      if rng.chance(15) { value = 1000 + rng.int(0...300) }  // counter reset
    }
    return parts.joined(separator: " ")
  }

  static func gauge(_ rng: inout SplitMix64) -> String {
    var parts: [String] = []
    var remaining = samples
    while remaining > 0 {
      let run = min(remaining, rng.int(3...20))
      if rng.chance(8) && remaining < samples {
        parts.append("_")
        remaining -= 1
        continue
      }
      let start = rng.int(-200...200), step = rng.int(-10...10)
      parts.append(step < 0 ? "\(start)-\(-step)x\(run - 1)" : "\(start)+\(step)x\(run - 1)")
      remaining -= run
    }
    return parts.joined(separator: " ")
  }

  static func up(_ rng: inout SplitMix64) -> String {
    var parts: [String] = []
    var remaining = samples
    while remaining > 0 {
      let run = min(remaining, rng.int(10...40))
      parts.append("\(rng.chance(80) ? 1 : 0)x\(run - 1)")
      remaining -= run
      if rng.chance(20) && remaining > 0 {
        parts.append("stale")
        remaining -= 1
      }
    }
    return parts.joined(separator: " ")
  }

  /// The rule-test file promtool runs: every expectation is deliberately wrong, so promtool prints
  /// the value it got for every query.
  func ruleTestFile() -> String {
    var out = "evaluation_interval: 1m\ntests:\n  - interval: 15s\n    input_series:\n"
    for s in series {
      out += "      - series: '\(s.series)'\n        values: '\(s.values)'\n"
    }
    out += "    promql_expr_test:\n"
    // promtool loads samples lazily, up to the evaluation step at or after the latest eval_time;
    // a last query well after the others makes every sample visible to them. Its result is dropped.
    out += "      - expr: vector(1)\n        eval_time: 30m\n        exp_samples:\n          - labels: '{}'\n            value: -1\n"
    for c in cases {
      out += "      - expr: '\(c.query.replacingOccurrences(of: "'", with: "''"))'\n"
      out += "        eval_time: \(c.evalTime)\n"
      out += "        exp_samples:\n          - labels: '{__differential__=\"expected-mismatch\"}'\n            value: -123456789\n"
    }
    return out
  }
}

/// Random PromQL over the corpus' series, within the engine's scope.
struct QueryGenerator {
  var rng: SplitMix64

  private static let counterName = "http_requests_total"

  mutating func matchers(job: Bool = true) -> String {
    var parts: [String] = []
    if job && rng.chance(60) {
      parts.append(rng.pick([#"job="api""#, #"job!="web""#, #"job=~"api|web""#, #"job=~"a.*""#, #"job!~"w.*""#]))
    }
    if rng.chance(30) { parts.append(rng.pick([#"instance="0""#, #"instance!="1""#, #"instance=~"[01]""#])) }
    return parts.joined(separator: ",")
  }

  mutating func selector(counter: Bool) -> String {
    let name = counter ? Self.counterName : rng.pick(["node_memory_bytes", "up", Self.counterName])
    var m = matchers()
    if name == Self.counterName && rng.chance(40) {
      let code = rng.pick([#"code="200""#, #"code!~"5..""#, #"code=~"5.*""#])
      m = m.isEmpty ? code : m + "," + code
    }
    return m.isEmpty ? name : "\(name){\(m)}"
  }

  mutating func offset() -> String {
    rng.chance(15) ? " offset \(rng.pick(["1m", "2m30s", "90s"]))" : ""
  }

  mutating func rangeFunction() -> String {
    let range = rng.pick(["1m", "2m", "5m", "90s"])
    let counterFunctions = ["rate", "irate", "increase", "resets"]
    let gaugeFunctions = ["delta", "idelta", "avg_over_time", "min_over_time", "max_over_time", "sum_over_time",
                          "count_over_time", "stddev_over_time", "stdvar_over_time", "last_over_time",
                          "present_over_time", "changes", "deriv"]
    if rng.chance(50) {
      let f = rng.pick(counterFunctions)
      return "\(f)(\(selector(counter: true))[\(range)]\(offset()))"
    }
    if rng.chance(15) {
      return "quantile_over_time(\(rng.pick(["0.5", "0.9", "0"])), \(selector(counter: false))[\(range)])"
    }
    return "\(rng.pick(gaugeFunctions))(\(selector(counter: false))[\(range)]\(offset()))"
  }

  mutating func grouping() -> String {
    let labels = ["job", "instance", "code"].filter { _ in rng.chance(40) }
    if labels.isEmpty && rng.chance(50) { return "" }
    return (rng.chance(70) ? " by (" : " without (") + labels.joined(separator: ", ") + ") "
  }

  mutating func scalar(depth: Int) -> String {
    switch rng.int(0...5) {
    case 0: return "time()"
    case 1 where depth > 0: return "scalar(\(aggregation(depth: depth - 1, op: rng.pick(["sum", "count", "max"]), grouping: "")))"
    case 2: return rng.pick(["2", "0.5", "-1", "100", "1e3", "0"])
    default: return String(rng.int(1...10))
    }
  }

  mutating func aggregation(depth: Int, op: String? = nil, grouping: String? = nil) -> String {
    let op = op ?? rng.pick(["sum", "avg", "min", "max", "count", "stddev", "stdvar", "group", "quantile", "topk", "bottomk", "count_values"])
    // stddev/stdvar start from NaN on an infinite first value in 3.x but from 0 in 2.42: feed
    // them range functions only, which never produce infinities here.
    let nested = depth > 0 && rng.chance(30) && op != "stddev" && op != "stdvar"
    let inner = nested ? vector(depth: depth - 1) : rangeFunction()
    let g = grouping ?? self.grouping()
    switch op {
    case "quantile": return "quantile\(g)(\(rng.pick(["0.5", "0.9", "0.25"])), \(inner))"
    case "topk", "bottomk": return "\(op)\(g)(\(rng.int(1...3)), \(inner))"
    case "count_values": return "count_values\(g)(\"value\", round(\(inner)))"
    default: return "\(op)\(g)(\(inner))"
    }
  }

  mutating func vector(depth: Int) -> String {
    let choice = depth > 0 ? rng.int(0...13) : rng.int(0...2)
    switch choice {
    case 0: return selector(counter: false) + offset()
    case 1: return rangeFunction()
    case 2: return aggregation(depth: 0)
    case 3: return aggregation(depth: depth - 1)
    case 4:
      // atan2 drops the metric name in 3.x, not in 2.42; it is left out here.
      let op = rng.pick(["+", "-", "*", "/", "%", "^", ">", "<", "==", "!=", ">=", "<="])
      let bool = [">", "<", "==", "!=", ">=", "<="].contains(op) && rng.chance(50) ? " bool" : ""
      return rng.chance(50) ? "(\(vector(depth: depth - 1))) \(op)\(bool) \(scalar(depth: depth - 1))"
        : "\(scalar(depth: depth - 1)) \(op)\(bool) (\(vector(depth: depth - 1)))"
    case 5:
      let op = rng.pick(["+", "-", "*", "/", ">", "<=", "and", "or", "unless"])
      let g = rng.pick(["job", "instance", "job, instance"])
      // One series per group on each side: 3.x rejects duplicate matches before a comparison
      // filters them, 2.42 after.
      let single = ["sum", "avg", "min", "max", "count", "group", "quantile"]
      let lhs = aggregation(depth: depth - 1, op: rng.pick(single), grouping: " by (\(g)) ")
      let rhs = aggregation(depth: depth - 1, op: rng.pick(single), grouping: " by (\(g)) ")
      let matching = rng.chance(40) ? " on (\(g))" : (rng.chance(30) ? " ignoring (code)" : "")
      return "\(lhs) \(op)\(matching) \(rhs)"
    case 6:
      // many-to-one: per-series rates against a per-job total.
      let inner = rng.pick(["rate", "increase", "irate"])
      return "\(inner)(\(Self.counterName)[5m]) / on (job) group_left \(rng.chance(50) ? "" : "(instance) ")sum by (job) (\(inner)(\(Self.counterName)[5m]))"
    case 7:
      let f = rng.pick(["abs", "ceil", "floor", "round", "sqrt", "exp", "ln", "log2", "log10", "timestamp"])
      if f == "timestamp" { return "timestamp(\(selector(counter: false)))" }
      if ["sqrt", "ln", "log2", "log10"].contains(f) { return "\(f)(abs(\(vector(depth: depth - 1))))" }
      if f == "exp" { return "exp(\(vector(depth: depth - 1)) / 1000)" }
      return "\(f)(\(vector(depth: depth - 1)))"
    case 8:
      let f = rng.pick(["clamp", "clamp_min", "clamp_max", "round"])
      switch f {
      case "clamp": return "clamp(\(vector(depth: depth - 1)), \(rng.int(-50...0)), \(rng.int(0...50)))"
      case "round": return "round(\(vector(depth: depth - 1)), \(rng.pick(["0.1", "5", "0.25"])))"
      default: return "\(f)(\(vector(depth: depth - 1)), \(rng.int(-20...20)))"
      }
    case 9:
      let by = rng.pick(["le", "le, job"])
      let window = rng.pick(["1m", "5m", "2m"])
      return "histogram_quantile(\(rng.pick(["0.5", "0.9", "0.99", "0", "1"])), sum by (\(by)) (rate(request_duration_seconds_bucket[\(window)])))"
    case 10:
      return #"label_replace(\#(vector(depth: depth - 1)), "dst", "x-$1", "\#(rng.pick(["job", "instance", "code"]))", "(.*)")"#
    case 11:
      let f = rng.pick(["max_over_time", "min_over_time", "avg_over_time", "sum_over_time", "count_over_time"])
      let inner = rng.pick(["sum by (job) (node_memory_bytes)", "max(up)", "node_memory_bytes", "count(up == 1)"])
      return "\(f)((\(inner))[\(rng.pick(["5m:1m", "3m:30s", "10m:2m"]))])"
    case 12:
      return rng.pick(["vector(\(scalar(depth: depth - 1)))", #"absent(nonexistent{job="api"})"#,
                       "absent(\(selector(counter: false)))", "sort(\(vector(depth: depth - 1)))",
                       #"label_join(\#(selector(counter: false)), "joined", "-", "job", "instance")"#])
    default:
      return "\(selector(counter: false)) @ \(rng.pick(["307", "487.5", "1000"]))"
    }
  }
}
