/// A label matcher as PromQL writes them: `=`, `!=`, `=~`, `!~`. Regular expressions are fully
/// anchored, as in Prometheus.
public struct LabelMatcher: Sendable, CustomStringConvertible {
  public enum Operator: String, Sendable, Hashable {
    case equal = "="
    case notEqual = "!="
    case regexMatch = "=~"
    case regexNoMatch = "!~"
  }

  public struct InvalidRegex: Error, Sendable, CustomStringConvertible {
    public var pattern: String
    public var reason: String
    public var description: String { "invalid regular expression \(Labels.quote(pattern)): \(reason)" }
  }

  public let name: String
  public let op: Operator
  public let value: String
  private let regex: AnchoredRegex?

  public init(_ name: String, _ op: Operator, _ value: String) throws(InvalidRegex) {
    self.name = name
    self.op = op
    self.value = value
    switch op {
    case .equal, .notEqual: regex = nil
    case .regexMatch, .regexNoMatch: regex = try AnchoredRegex(value)
    }
  }

  /// Whether a label value (`""` when the label is absent) satisfies the matcher.
  public func matches(_ labelValue: String) -> Bool {
    switch op {
    case .equal: return labelValue == value
    case .notEqual: return labelValue != value
    case .regexMatch: return regex!.matches(labelValue)
    case .regexNoMatch: return !regex!.matches(labelValue)
    }
  }

  public func matches(_ labels: Labels) -> Bool { matches(labels[name]) }

  /// True when the matcher accepts the empty string (so it also selects series without the label).
  public var matchesEmpty: Bool { matches("") }

  public var description: String { "\(name)\(op.rawValue)\(Labels.quote(value))" }
}

/// A regular expression matched against the whole string, with fast paths for the literal and
/// alternation-of-literals patterns that dominate real queries (`"5.*"`, `"canary|stable"`).
struct AnchoredRegex: @unchecked Sendable {
  // `Regex` is not Sendable; instances are immutable after construction and only read.
  private enum Form {
    case literal(String)
    case alternatives(Set<String>)
    case prefix(String)  // "abc.*"
    case any  // ".*"
    case general(Regex<AnyRegexOutput>)
  }

  private let form: Form

  init(_ pattern: String) throws(LabelMatcher.InvalidRegex) {
    if pattern == ".*" {
      form = .any
      return
    }
    let special = Set("\\^$.|?*+()[]{}")
    if !pattern.contains(where: { special.contains($0) }) {
      form = .literal(pattern)
      return
    }
    if pattern.hasSuffix(".*"), !pattern.dropLast(2).contains(where: { special.contains($0) }) {
      form = .prefix(String(pattern.dropLast(2)))
      return
    }
    let parts = pattern.split(separator: "|", omittingEmptySubsequences: false)
    if parts.count > 1, !parts.contains(where: { $0.contains(where: { special.contains($0) }) }) {
      form = .alternatives(Set(parts.map(String.init)))
      return
    }
    do {
      // Prometheus anchors and lets `.` match newlines: "^(?s:" + re + ")$".
      form = .general(try Regex("^(?s:" + pattern + ")$"))
    } catch {
      throw LabelMatcher.InvalidRegex(pattern: pattern, reason: "\(error)")
    }
  }

  func matches(_ text: String) -> Bool {
    switch form {
    case .any: return true
    case .literal(let literal): return text == literal
    case .prefix(let prefix): return text.hasPrefix(prefix)
    case .alternatives(let set): return set.contains(text)
    case .general(let regex): return (try? regex.wholeMatch(in: text)) != nil
    }
  }
}
