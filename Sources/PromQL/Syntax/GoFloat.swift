import Foundation
import GoCompat

/// Go's float formatting, so values print as Prometheus prints them.
public enum GoFloat {
  /// `strconv.FormatFloat(v, 'f', -1, 64)`: the shortest digits that round-trip, never an exponent.
  /// Infinities and NaN print as Prometheus does: `+Inf`, `-Inf`, `NaN`.
  public static func format(_ value: Double) -> String { GoFloatFormat.fixed(value) }

  /// `strconv.FormatFloat(v, 'E', -1, 64)`, as promtool prints values: `6.666666666666666E-01`.
  public static func formatExponent(_ value: Double) -> String { GoFloatFormat.exponent(value, uppercase: true) }

  /// Go's `%f`: six decimals.
  public static func formatFixed6(_ value: Double) -> String {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
    return String(format: "%.6f", value)
  }

  /// Go's `%g` with the shortest representation (used in annotation messages).
  public static func formatG(_ value: Double) -> String {
    guard value.isFinite, value != 0 else { return format(value) }
    let decimal = ShortestDecimal(value)
    if decimal.exponent < -4 || decimal.exponent >= 21 {
      return (decimal.negative ? "-" : "") + decimal.exponentText()
    }
    return format(value)
  }
}

/// Math functions with Go's semantics where Swift's differ.
enum GoMath {
  static func pow(_ x: Double, _ y: Double) -> Double { Foundation.pow(x, y) }

  /// Go's `math.Mod`: the result has the sign of x; NaN for y == 0 or infinite x.
  static func mod(_ x: Double, _ y: Double) -> Double { fmod(x, y) }

  static func atan2(_ y: Double, _ x: Double) -> Double { Foundation.atan2(y, x) }
}
