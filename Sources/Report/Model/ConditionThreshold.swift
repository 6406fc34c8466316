import Foundation

/// The threshold a success or failure condition compares the result with, when it has exactly one:
/// `result[0] > 0.9`, `len(result) == 0 || isNaN(result[0]) || result[0] >= 0.95`, `0.05 > result`.
/// Guards (`len(result) …`, `isNaN(…)`, `isNil(…)`) are skipped. Conditions that compare more than
/// one thing have no single threshold: the explain texts then quote the condition instead.
public struct ConditionThreshold: Sendable, Hashable, Codable {
  public enum Meaning: String, Sendable, Hashable, Codable {
    /// From `successCondition`: the measurement succeeds when the comparison holds.
    case success
    /// From `failureCondition`: the measurement fails when the comparison holds.
    case failure
  }

  public var meaning: Meaning
  /// What is compared, as written (`result[0]`).
  public var subject: String
  /// `>`, `>=`, `<`, `<=`, `==`, `!=`, always with the subject on the left.
  public var op: String
  public var value: Double
  /// The number as written (`0.9`), for messages.
  public var valueText: String

  public init(meaning: Meaning, subject: String, op: String, value: Double, valueText: String) {
    self.meaning = meaning
    self.subject = subject
    self.op = op
    self.value = value
    self.valueText = valueText
  }

  /// Whether `x op value` holds.
  public func holds(_ x: Double) -> Bool {
    switch op {
    case ">": x > value
    case ">=": x >= value
    case "<": x < value
    case "<=": x <= value
    case "==": x == value
    case "!=": x != value
    default: false
    }
  }

  /// `0.81 is not > 0.9` (a success threshold missed) or `0.81 is < 0.9` (a failure threshold met).
  public func verdict(for valueText: String, failed: Bool) -> String {
    switch (meaning, failed) {
    case (.success, true): "\(valueText) is not \(op) \(self.valueText)"
    case (.success, false): "\(valueText) \(op) \(self.valueText)"
    case (.failure, true): "\(valueText) \(op) \(self.valueText)"
    case (.failure, false): "\(valueText) is not \(op) \(self.valueText)"
    }
  }

  static let operators = [">=", "<=", "==", "!=", ">", "<"]

  public static func parse(_ condition: String, meaning: Meaning) -> ConditionThreshold? {
    let clauses = topLevelClauses(condition).filter { !isGuard($0) }
    guard clauses.count == 1 else { return nil }
    return comparison(clauses[0], meaning: meaning)
  }

  /// Splits at top-level `||` / `&&` (and `or` / `and`), outside parentheses, brackets and quotes.
  static func topLevelClauses(_ text: String) -> [String] {
    var clauses: [String] = []
    var current = ""
    var depth = 0
    var quote: Character?
    let chars = Array(text)
    var i = 0
    while i < chars.count {
      let c = chars[i]
      if let q = quote {
        current.append(c)
        if c == q { quote = nil }
        i += 1
        continue
      }
      if c == "\"" || c == "'" || c == "`" {
        quote = c
      } else if c == "(" || c == "[" || c == "{" {
        depth += 1
      } else if c == ")" || c == "]" || c == "}" {
        depth -= 1
      } else if depth == 0, i + 1 < chars.count, (c == "|" && chars[i + 1] == "|") || (c == "&" && chars[i + 1] == "&") {
        clauses.append(current)
        current = ""
        i += 2
        continue
      }
      current.append(c)
      i += 1
    }
    clauses.append(current)
    var words: [String] = []
    for clause in clauses {
      words += clause.components(separatedBy: " or ").flatMap { $0.components(separatedBy: " and ") }
    }
    return words.map { stripParentheses($0.trimmingCharacters(in: .whitespacesAndNewlines)) }.filter { !$0.isEmpty }
  }

  static func stripParentheses(_ text: String) -> String {
    var s = text
    while s.hasPrefix("("), s.hasSuffix(")"), balanced(String(s.dropFirst().dropLast())) {
      s = String(s.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
    }
    return s
  }

  static func balanced(_ s: String) -> Bool {
    var depth = 0
    for c in s {
      if c == "(" { depth += 1 }
      if c == ")" {
        depth -= 1
        if depth < 0 { return false }
      }
    }
    return depth == 0
  }

  static func isGuard(_ clause: String) -> Bool {
    let c = clause.replacingOccurrences(of: " ", with: "")
    return c.hasPrefix("len(") || c.hasPrefix("isNaN(") || c.hasPrefix("!isNaN(") || c.hasPrefix("isNil(")
      || c.hasPrefix("!isNil(") || c.hasPrefix("isInf(")
  }

  static func comparison(_ clause: String, meaning: Meaning) -> ConditionThreshold? {
    for op in operators {
      guard let range = clause.range(of: op) else { continue }
      let lhs = clause[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
      let rhs = clause[range.upperBound...].trimmingCharacters(in: .whitespaces)
      if let value = Double(rhs), lhs.contains("result") {
        return ConditionThreshold(meaning: meaning, subject: lhs, op: op, value: value, valueText: rhs)
      }
      if let value = Double(lhs), rhs.contains("result") {
        return ConditionThreshold(meaning: meaning, subject: rhs, op: flipped(op), value: value, valueText: lhs)
      }
      return nil
    }
    return nil
  }

  static func flipped(_ op: String) -> String {
    switch op {
    case ">": "<"
    case "<": ">"
    case ">=": "<="
    case "<=": ">="
    default: op
    }
  }
}

/// A measurement's value as the result records it (`0.81`, `[0.81]`, `[0.81 0.5]`, `NaN`), read as
/// the number the charts plot: the first element.
public enum MeasurementValue {
  public static func first(_ text: String) -> Double? {
    var s = text.trimmingCharacters(in: .whitespaces)
    if s.hasPrefix("[") { s.removeFirst() }
    if s.hasSuffix("]") { s.removeLast() }
    let head = s.split(whereSeparator: { $0 == "," || $0 == " " }).first.map(String.init) ?? ""
    guard let value = Double(head), value.isFinite else { return nil }
    return value
  }

  /// The value as the explain texts quote it: the single element of a one-element vector unwrapped,
  /// long fractions cut to four significant digits.
  public static func display(_ text: String) -> String {
    var s = text.trimmingCharacters(in: .whitespaces)
    if s.hasPrefix("["), s.hasSuffix("]"), !s.dropFirst().dropLast().contains(",") {
      s = String(s.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
    }
    if s.isEmpty { return "(no value)" }
    if let value = Double(s), value.isFinite, s.count > 6 { return Number.significant(value, 4) }
    return s
  }
}
