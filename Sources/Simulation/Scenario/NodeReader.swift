import Diagnostics
import Manifests
import VirtualTime

/// Typed access to a scenario's YAML with diagnostics: every wrong type, unknown key or bad value is
/// reported at its position, and reading carries on so the user sees every problem at once.
struct NodeReader {
  var diagnostics = DiagnosticBag()

  /// Warns about keys of `node` that are not in `known` (with a did-you-mean).
  mutating func checkKeys(_ node: YAMLNode, known: [String], context: String) {
    for entry in node.entries ?? [] where !known.contains(entry.key) {
      let hint = Suggestions.closest(to: entry.key, in: known).map { "did you mean '\($0)'?" }
      diagnostics.warning(
        "unknown field \"\(context).\(entry.key)\"", at: entry.keyLocation, length: entry.key.count, hint: hint,
        rule: "scenario-field")
    }
  }

  mutating func mapping(_ node: YAMLNode?, _ what: String) -> YAMLNode? {
    guard let node, !node.isNull else { return nil }
    guard node.isMapping else {
      diagnostics.error("\(what) must be a mapping, not \(node.jsonTypeName)", at: node.location, rule: "scenario-type")
      return nil
    }
    return node
  }

  mutating func sequence(_ node: YAMLNode?, _ what: String) -> [YAMLNode] {
    guard let node, !node.isNull else { return [] }
    guard let items = node.sequence else {
      diagnostics.error("\(what) must be a list, not \(node.jsonTypeName)", at: node.location, rule: "scenario-type")
      return []
    }
    return items
  }

  mutating func string(_ node: YAMLNode?, _ what: String) -> String? {
    guard let node, !node.isNull else { return nil }
    guard let scalar = node.scalar else {
      diagnostics.error("\(what) must be a string, not \(node.jsonTypeName)", at: node.location, rule: "scenario-type")
      return nil
    }
    return scalar.text
  }

  mutating func integer(_ node: YAMLNode?, _ what: String) -> Int64? {
    guard let node, !node.isNull else { return nil }
    guard let value = node.intValue else {
      diagnostics.error("\(what) must be an integer", at: node.location, rule: "scenario-type")
      return nil
    }
    return value
  }

  /// A duration: Go's syntax plus days (`2d`, `1d12h`), as scenario times run over days.
  mutating func duration(_ node: YAMLNode?, _ what: String) -> SimDuration? {
    guard let text = string(node, what), let node else { return nil }
    if let value = Self.parseDuration(text) { return value }
    diagnostics.error(
      "\(what): invalid duration \"\(text)\"", at: node.location, length: max(1, text.count),
      hint: "write a duration such as 90s, 15m, 2h or 5d", rule: "scenario-duration")
    return nil
  }

  static func parseDuration(_ text: String) -> SimDuration? {
    let trimmed = text.trimmingCharacters(in: " ")
    if let go = try? GoDuration.parse(trimmed) { return go }
    // Days: "5d", "1d12h", "2d30m".
    guard let dIndex = trimmed.firstIndex(of: "d"), let days = Int64(trimmed[..<dIndex]), days >= 0 else { return nil }
    let rest = trimmed[trimmed.index(after: dIndex)...]
    let tail: SimDuration
    if rest.isEmpty {
      tail = .zero
    } else if let parsed = try? GoDuration.parse(String(rest)) {
      tail = parsed
    } else {
      return nil
    }
    return .hours(days * 24) + tail
  }

  /// Where a scalar's text starts (inside the quotes for a quoted scalar).
  static func textLocation(_ node: YAMLNode) -> SourceLocation {
    var location = node.location
    if node.scalar?.isQuoted == true { location.column += 1 }
    return location
  }
}

extension String {
  fileprivate func trimmingCharacters(in set: Character) -> String {
    var s = Substring(self)
    while s.first == set { s = s.dropFirst() }
    while s.last == set { s = s.dropLast() }
    return String(s)
  }
}
