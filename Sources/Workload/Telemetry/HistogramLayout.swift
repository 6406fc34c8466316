import GoCompat

/// The buckets of one latency histogram: upper bounds in the metric's unit, the `le` label text the
/// exporter prints, and how many milliseconds one unit is.
struct HistogramLayout: Sendable, Equatable {
  enum LabelStyle: Sendable, Equatable {
    /// Envoy (Istio) prints bounds with `%.32g`: plain decimals (`0.5`, `3600000`).
    case envoy
    /// client_golang prints `strconv.FormatFloat(b, 'g', -1, 64)`: `0.005`, `2.5`, `10`, `1e+06`.
    case goShortest
  }

  /// Finite upper bounds, ascending, in the metric's unit; `+Inf` is implied.
  let bounds: [Double]
  /// `le` values for the finite bounds followed by `+Inf`.
  let leLabels: [String]
  /// The bounds in milliseconds, then `+Inf`.
  let boundsMilliseconds: [Double]
  let millisecondsPerUnit: Double

  init(bounds: [Double], millisecondsPerUnit: Double, style: LabelStyle) {
    let sorted = Array(Set(bounds.filter { $0.isFinite && $0 > 0 })).sorted()
    self.bounds = sorted
    self.millisecondsPerUnit = millisecondsPerUnit
    leLabels = sorted.map { style == .envoy ? Self.plainDecimal($0) : Self.goShortest($0) } + ["+Inf"]
    boundsMilliseconds = sorted.map { $0 * millisecondsPerUnit } + [.infinity]
  }

  static func seriesNames(_ base: String) -> [String] { [base + "_bucket", base + "_sum", base + "_count"] }

  /// Go's `strconv.FormatFloat(v, 'g', -1, 64)`: shortest digits, exponent form when the decimal
  /// exponent is below -4 or at least 6 (`1e+06`).
  static func goShortest(_ value: Double) -> String { GoFloatFormat.general(value) }

  /// Decimal digits without exponent: `0.005`, `2.5`, `3600000`.
  static func plainDecimal(_ value: Double) -> String { GoFloatFormat.fixed(value) }
}
