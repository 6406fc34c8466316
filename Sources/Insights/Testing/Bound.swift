import Foundation

/// A numeric expectation: an exact value, or a range with open or closed ends. Written as a number
/// (`0`, exact), a comparison (`"<= 500"`, `"> 0"`, `">= 90%"`) or a mapping (`{min: 10, max: 500}`).
public struct Bound: Sendable, Hashable, CustomStringConvertible {
  public var lower: Double?
  public var lowerInclusive = true
  public var upper: Double?
  public var upperInclusive = true
  /// Print values as percentages (rates).
  public var percent = false

  public init(lower: Double? = nil, lowerInclusive: Bool = true, upper: Double? = nil, upperInclusive: Bool = true, percent: Bool = false) {
    self.lower = lower
    self.lowerInclusive = lowerInclusive
    self.upper = upper
    self.upperInclusive = upperInclusive
    self.percent = percent
  }

  public static func exactly(_ value: Double, percent: Bool = false) -> Bound {
    Bound(lower: value, upper: value, percent: percent)
  }

  public func contains(_ value: Double) -> Bool {
    if let lower, lowerInclusive ? value < lower : value <= lower { return false }
    if let upper, upperInclusive ? value > upper : value >= upper { return false }
    return true
  }

  public var description: String {
    if let lower, let upper, lower == upper { return format(lower) }
    var parts: [String] = []
    if let lower { parts.append("\(lowerInclusive ? ">=" : ">") \(format(lower))") }
    if let upper { parts.append("\(upperInclusive ? "<=" : "<") \(format(upper))") }
    return parts.joined(separator: " and ")
  }

  public func format(_ value: Double) -> String {
    if percent { return Self.number((value * 1000).rounded() / 10) + "%" }
    return Self.number(value)
  }

  static func number(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    var text = String(format: "%.4f", value)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text
  }

  /// A number, or a percentage (`90%` → 0.9) when `allowPercent`.
  public static func parseNumber(_ text: String, allowPercent: Bool) -> Double? {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    if allowPercent, trimmed.hasSuffix("%") {
      return Double(trimmed.dropLast().trimmingCharacters(in: .whitespaces)).map { $0 / 100 }
    }
    return Double(trimmed)
  }

  /// `<= 500`, `< 5%`, `>= 0.9`, `> 0`, `== 3`, `3`.
  public static func parseComparison(_ text: String, allowPercent: Bool) -> Bound? {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    for op in ["<=", ">=", "==", "<", ">", "="] where trimmed.hasPrefix(op) {
      guard let value = parseNumber(String(trimmed.dropFirst(op.count)), allowPercent: allowPercent) else { return nil }
      switch op {
      case "<=": return Bound(upper: value, percent: allowPercent)
      case "<": return Bound(upper: value, upperInclusive: false, percent: allowPercent)
      case ">=": return Bound(lower: value, percent: allowPercent)
      case ">": return Bound(lower: value, lowerInclusive: false, percent: allowPercent)
      default: return .exactly(value, percent: allowPercent)
      }
    }
    return parseNumber(trimmed, allowPercent: allowPercent).map { .exactly($0, percent: allowPercent) }
  }
}
