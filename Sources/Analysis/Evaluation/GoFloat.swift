import GoCompat

/// Go's float formatting where Argo prints measurement values.
enum GoFloat {
  /// `strconv.FormatFloat(v, 'f', -1, 64)`: the shortest digits that round-trip, never an exponent
  /// (Prometheus sample values: `0.97`, `NaN`, `+Inf`, `1000000000000000000000`).
  static func fixed(_ value: Double) -> String { GoFloatFormat.fixed(value) }

  /// `encoding/json`'s float64 encoding: fixed notation, or `1e-07`-style exponents cleaned to `1e-7`
  /// below 1e-6 and from 1e21.
  static func json(_ value: Double) -> String { GoFloatFormat.json(value) }
}
