import Foundation

/// Go's float formatting, so values print as Prometheus prints them.
public enum GoFloat {
  /// `strconv.FormatFloat(v, 'f', -1, 64)`: the shortest digits that round-trip, never an exponent.
  /// Infinities and NaN print as Prometheus does: `+Inf`, `-Inf`, `NaN`.
  public static func format(_ value: Double) -> String {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
    if value == 0 { return value.sign == .minus ? "-0" : "0" }
    let (negative, digits, exponent) = shortestDigits(value)
    // value = 0.digits × 10^exponent
    var out = negative ? "-" : ""
    if exponent <= 0 {
      out += "0." + String(repeating: "0", count: -exponent) + digits
    } else if exponent >= digits.count {
      out += digits + String(repeating: "0", count: exponent - digits.count)
    } else {
      let index = digits.index(digits.startIndex, offsetBy: exponent)
      out += digits[..<index] + "." + digits[index...]
    }
    return out
  }

  /// `strconv.FormatFloat(v, 'E', -1, 64)`, as promtool prints values: `6.666666666666666E-01`.
  public static func formatExponent(_ value: Double) -> String {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
    if value == 0 { return value.sign == .minus ? "-0E+00" : "0E+00" }
    let (negative, digits, exponent) = shortestDigits(value)
    let e = exponent - 1
    var mantissa = String(digits.prefix(1))
    if digits.count > 1 { mantissa += "." + digits.dropFirst() }
    let magnitude = abs(e)
    let exponentText = (magnitude < 10 ? "0" : "") + String(magnitude)
    return (negative ? "-" : "") + mantissa + "E" + (e < 0 ? "-" : "+") + exponentText
  }

  /// Go's `%f`: six decimals.
  public static func formatFixed6(_ value: Double) -> String {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
    return String(format: "%.6f", value)
  }

  /// Go's `%g` with the shortest representation (used in annotation messages).
  public static func formatG(_ value: Double) -> String {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
    if value == 0 { return value.sign == .minus ? "-0" : "0" }
    let (_, digits, exponent) = shortestDigits(value)
    let e = exponent - 1
    if e < -4 || e >= 21 {
      let negative = value < 0
      var mantissa = String(digits.prefix(1))
      if digits.count > 1 { mantissa += "." + digits.dropFirst() }
      let magnitude = abs(e)
      return (negative ? "-" : "") + mantissa + "e" + (e < 0 ? "-" : "+") + (magnitude < 10 ? "0" : "") + String(magnitude)
    }
    return format(value)
  }

  /// The shortest round-tripping decimal digits of a finite non-zero value: value = 0.d1d2… × 10^e.
  static func shortestDigits(_ value: Double) -> (negative: Bool, digits: String, exponent: Int) {
    // Swift's description is the shortest round-tripping representation; re-read its digits.
    let text = abs(value).description
    var mantissa = text
    var exponentPart = 0
    if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
      mantissa = String(text[..<e])
      exponentPart = Int(text[text.index(after: e)...]) ?? 0
    }
    var integerPart = mantissa
    var fractionPart = ""
    if let dot = mantissa.firstIndex(of: ".") {
      integerPart = String(mantissa[..<dot])
      fractionPart = String(mantissa[mantissa.index(after: dot)...])
    }
    var digits = integerPart + fractionPart
    var exponent = integerPart.count + exponentPart
    while digits.hasPrefix("0") && digits.count > 1 {
      digits.removeFirst()
      exponent -= 1
    }
    while digits.hasSuffix("0") && digits.count > 1 { digits.removeLast() }
    return (value < 0, digits, exponent)
  }
}

/// Math functions with Go's semantics where Swift's differ.
enum GoMath {
  static func pow(_ x: Double, _ y: Double) -> Double { Foundation.pow(x, y) }

  /// Go's `math.Mod`: the result has the sign of x; NaN for y == 0 or infinite x.
  static func mod(_ x: Double, _ y: Double) -> Double { fmod(x, y) }

  static func atan2(_ y: Double, _ x: Double) -> Double { Foundation.atan2(y, x) }
}
