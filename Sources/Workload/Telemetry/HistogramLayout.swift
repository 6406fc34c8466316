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
  /// exponent is below -4 or at least 6 (strconv/ftoa.go uses precision 6 for that decision).
  static func goShortest(_ value: Double) -> String {
    let (digits, exponent) = shortestDigits(value)
    guard exponent < -4 || exponent >= 6 else { return plainDecimal(value) }
    var mantissa = String(digits.prefix(1))
    if digits.count > 1 { mantissa += "." + digits.dropFirst() }
    let magnitude = abs(exponent)
    return mantissa + "e" + (exponent < 0 ? "-" : "+") + (magnitude < 10 ? "0" : "") + String(magnitude)
  }

  /// Decimal digits without exponent: `0.005`, `2.5`, `3600000`.
  static func plainDecimal(_ value: Double) -> String {
    let (digits, exponent) = shortestDigits(value)
    if exponent < 0 {
      return "0." + String(repeating: "0", count: -exponent - 1) + digits
    }
    if digits.count <= exponent + 1 {
      return digits + String(repeating: "0", count: exponent + 1 - digits.count)
    }
    let split = digits.index(digits.startIndex, offsetBy: exponent + 1)
    return String(digits[..<split]) + "." + String(digits[split...])
  }

  /// The shortest round-tripping significant digits of a positive finite value and its decimal
  /// exponent (value = 0.d₁d₂… × 10^(exponent+1)).
  static func shortestDigits(_ value: Double) -> (String, Int) {
    // Swift's description is the shortest round-trip form, e.g. "0.005", "2.5", "3600000.0", "1e-05".
    let text = "\(value)"
    var mantissa = text
    var exponent = 0
    if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
      mantissa = String(text[..<e])
      exponent = Int(text[text.index(after: e)...]) ?? 0
    }
    let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
    let integer = String(parts[0])
    let fraction = parts.count > 1 ? String(parts[1]) : ""
    var digits = integer + fraction
    var pointPosition = integer.count + exponent  // digits before the decimal point
    while digits.hasPrefix("0"), digits.count > 1 {
      digits.removeFirst()
      pointPosition -= 1
    }
    while digits.hasSuffix("0"), digits.count > 1 { digits.removeLast() }
    return (digits, pointPosition - 1)
  }
}
