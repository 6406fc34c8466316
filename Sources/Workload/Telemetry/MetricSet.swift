/// The metrics one counter group emits: a request counter split by status code and, optionally, a
/// latency histogram with the same labels. Names already filtered by `TelemetryOptions.metricNames`.
struct MetricSet: Sendable, Equatable {
  enum CodeStyle: Sendable, Equatable {
    /// One series per exact status code (`response_code="503"`), created when the code first occurs.
    case exact
    /// HAProxy's classes `1xx`…`5xx`, `other`, all present from the start (the router exports its stats
    /// table, zeros included).
    case haproxyClasses
  }

  var counter: String?
  /// Labels that carry the code (more than one when an application's spelling is unknown).
  var codeLabels: [String]
  var codeStyle: CodeStyle
  /// Labels that carry the code's class (`5xx`), for applications that export one (`status_class`).
  var classLabels: [String] = []
  var histogram: HistogramSpec?

  var isEmpty: Bool { counter == nil && histogram == nil }

  /// The code as a label value: `503`, or its class `5xx`.
  func codeText(_ code: Int32) -> String {
    switch codeStyle {
    case .exact: return String(code)
    case .haproxyClasses: return MetricSet.haproxyClassNames[Int(code)]
    }
  }

  /// The class as a label value: `5xx` for 503 (or for HAProxy's class index 4).
  func classText(_ code: Int32) -> String {
    switch codeStyle {
    case .exact: return MetricSet.haproxyClassNames[Int(MetricSet.haproxyClass(of: Int(code)))]
    case .haproxyClasses: return MetricSet.haproxyClassNames[Int(code)]
    }
  }

  static let haproxyClassNames = ["1xx", "2xx", "3xx", "4xx", "5xx", "other"]

  /// The HAProxy class index of an HTTP status code.
  static func haproxyClass(of code: Int) -> Int32 {
    (100...599).contains(code) ? Int32(code / 100 - 1) : 5
  }
}

struct HistogramSpec: Sendable, Equatable {
  var layout: HistogramLayout
  /// Each nil when filtered out.
  var bucket: String?
  var sum: String?
  var count: String?
  /// Index of the layout in the generator's table (bucket fractions are cached per layout).
  var layoutIndex: Int

  init?(base: String, layout: HistogramLayout, layoutIndex: Int, options: TelemetryOptions) {
    bucket = options.wants(base + "_bucket") ? base + "_bucket" : nil
    sum = options.wants(base + "_sum") ? base + "_sum" : nil
    count = options.wants(base + "_count") ? base + "_count" : nil
    if bucket == nil, sum == nil, count == nil { return nil }
    self.layout = layout
    self.layoutIndex = layoutIndex
  }
}
