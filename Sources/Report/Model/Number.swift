import Foundation

/// Number formatting for reports: fixed rules, no locale, so output is byte-identical everywhere.
public enum Number {
  /// `0.8123` with `digits` significant digits, trailing zeros dropped (`0.9`, `12.5`, `1200`).
  public static func significant(_ value: Double, _ digits: Int) -> String {
    guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "+Inf" : "-Inf") }
    if value == 0 { return "0" }
    let magnitude = Int(floor(log10(abs(value))))
    let decimals = max(0, digits - 1 - magnitude)
    return trimmed(String(format: "%.\(decimals)f", value))
  }

  /// `value` with at most `decimals` fraction digits, trailing zeros dropped.
  public static func fixed(_ value: Double, _ decimals: Int) -> String {
    guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "+Inf" : "-Inf") }
    return trimmed(String(format: "%.\(decimals)f", value))
  }

  /// `103,680,000`.
  public static func grouped(_ value: Int64) -> String {
    let digits = String(value.magnitude)
    var out = ""
    for (i, c) in digits.enumerated() {
      if i > 0, (digits.count - i) % 3 == 0 { out += "," }
      out.append(c)
    }
    return value < 0 ? "-" + out : out
  }

  /// `12.5%` of a ratio, with up to `decimals` fraction digits; `0%` for 0 and `-` for no data.
  public static func percent(_ part: Int64, of whole: Int64, decimals: Int = 2) -> String {
    guard whole > 0 else { return "-" }
    return fixed(Double(part) * 100 / Double(whole), decimals) + "%"
  }

  static func trimmed(_ text: String) -> String {
    guard text.contains(".") else { return text == "-0" ? "0" : text }
    var s = text
    while s.hasSuffix("0") { s.removeLast() }
    if s.hasSuffix(".") { s.removeLast() }
    return s == "-0" ? "0" : s
  }
}
