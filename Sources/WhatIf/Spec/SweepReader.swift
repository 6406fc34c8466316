import Diagnostics
import Manifests

/// Typed reading of the sweep's YAML: wrong types and unknown keys are reported at their position and
/// reading goes on, so the user sees every problem at once.
struct SweepReader {
  var diagnostics = DiagnosticBag()

  mutating func checkKeys(_ node: YAMLNode, known: [String], context: String) {
    for entry in node.entries ?? [] where !known.contains(entry.key) {
      let hint = Suggestions.closest(to: entry.key, in: known).map { "did you mean '\($0)'?" }
      diagnostics.warning(
        "unknown field \"\(context.isEmpty ? "" : context + ".")\(entry.key)\"", at: entry.keyLocation,
        length: entry.key.count, hint: hint, rule: "sweep-field")
    }
  }

  mutating func mapping(_ node: YAMLNode?, _ what: String) -> YAMLNode? {
    guard let node, !node.isNull else { return nil }
    guard node.isMapping else {
      diagnostics.error("\(what) must be a mapping, not \(node.jsonTypeName)", at: node.location, rule: "sweep-type")
      return nil
    }
    return node
  }

  mutating func sequence(_ node: YAMLNode?, _ what: String) -> [YAMLNode] {
    guard let node, !node.isNull else { return [] }
    guard let items = node.sequence else {
      diagnostics.error("\(what) must be a list, not \(node.jsonTypeName)", at: node.location, rule: "sweep-type")
      return []
    }
    return items
  }

  mutating func string(_ node: YAMLNode?, _ what: String) -> String? {
    guard let node, !node.isNull else { return nil }
    guard let scalar = node.scalar else {
      diagnostics.error("\(what) must be a string, not \(node.jsonTypeName)", at: node.location, rule: "sweep-type")
      return nil
    }
    return scalar.text
  }

  mutating func integer(_ node: YAMLNode?, _ what: String, in range: ClosedRange<Int64>) -> Int64? {
    guard let node, !node.isNull else { return nil }
    guard let value = node.intValue else {
      diagnostics.error("\(what) must be an integer", at: node.location, rule: "sweep-type")
      return nil
    }
    guard range.contains(value) else {
      diagnostics.error(
        "\(what) must be between \(range.lowerBound) and \(range.upperBound)", at: node.location, rule: "sweep-type")
      return nil
    }
    return value
  }
}
