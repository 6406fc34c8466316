/// Go's spellings of a float64 with the shortest digits that round-trip (precision -1).
/// Infinities and NaN print as Go prints them: `+Inf`, `-Inf`, `NaN`.
public enum GoFloatFormat {
  /// `strconv.FormatFloat(v, 'f', -1, 64)`: never an exponent (`0.0000001`,
  /// `1000000000000000000000`, `-0`).
  public static func fixed(_ value: Double) -> String {
    if let special = nonFinite(value) { return special }
    // Fast paths, since this formats every sample and measurement: integers below 2^53 are exactly
    // their Int64, and Swift's description of other values is Go's text whenever it has no exponent.
    if value == value.rounded(.towardZero), abs(value) < 9_007_199_254_740_992 {
      if value == 0, value.sign == .minus { return "-0" }
      return String(Int64(value))
    }
    if value != value.rounded(.towardZero) {
      let description = value.description
      if !description.utf8.contains(UInt8(ascii: "e")) { return description }
    }
    let decimal = ShortestDecimal(value)
    return (decimal.negative ? "-" : "") + decimal.fixedText
  }

  /// `strconv.FormatFloat(v, 'g', -1, 64)`, which is also fmt's `%v`: the exponent form when the
  /// decimal exponent is below -4 or at least 6 (`1e-05`, `1e+06`), fixed otherwise.
  public static func general(_ value: Double) -> String {
    if let special = nonFinite(value) { return special }
    if value == 0 { return value.sign == .minus ? "-0" : "0" }
    let decimal = ShortestDecimal(value)
    let sign = decimal.negative ? "-" : ""
    if decimal.exponent < -4 || decimal.exponent >= 6 { return sign + decimal.exponentText() }
    return sign + decimal.fixedText
  }

  /// `strconv.FormatFloat(v, 'e', -1, 64)` (or `'E'`): always the exponent form, at least two
  /// exponent digits (`6.666666666666666e-01`, `0e+00`).
  public static func exponent(_ value: Double, uppercase: Bool = false) -> String {
    if let special = nonFinite(value) { return special }
    if value == 0 { return (value.sign == .minus ? "-0" : "0") + (uppercase ? "E+00" : "e+00") }
    let decimal = ShortestDecimal(value)
    return (decimal.negative ? "-" : "") + decimal.exponentText(uppercase: uppercase)
  }

  /// `encoding/json`'s float64: fixed, except below 1e-6 and from 1e21 on, where it is the exponent
  /// form with `e-07` trimmed to `e-7` (`1e-7`, `1e+21`). Go refuses to encode NaN and infinities;
  /// here they print as in `fixed`, for callers that report them rather than fail.
  public static func json(_ value: Double) -> String {
    if let special = nonFinite(value) { return special }
    let magnitude = abs(value)
    guard magnitude != 0, magnitude < 1e-6 || magnitude >= 1e21 else { return fixed(value) }
    let decimal = ShortestDecimal(value)
    return (decimal.negative ? "-" : "") + decimal.exponentText(minimumExponentDigits: 1)
  }

  private static func nonFinite(_ value: Double) -> String? {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
    return nil
  }
}
