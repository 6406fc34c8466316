/// Recognises Helm / Go-template files, which must be rendered (`helm template`) before they are YAML.
///
/// Argo's own templating (`{{args.x}}`, `{{templates.NAME.podTemplateHash}}`, `{{experiment.availableAt}}`)
/// is not Helm, and Go templates inside string values (Argo notification ConfigMaps) are just text. A file
/// is Helm when an action that is not Argo's either sits where YAML structure goes (at the start of a
/// line, or as an unquoted value), or uses Helm's objects and functions (`.Values`, `include`…).
enum HelmDetection {
  struct Finding {
    var line: Int
    var column: Int
    var action: String
  }

  private static let helmWords = [
    ".Values", ".Release", ".Chart", ".Capabilities", ".Files", ".Template", "include ", "template ", "toYaml",
    "tpl ", "required ", "nindent", "indent ", "define ", "default ",
  ]

  static func find(in text: String) -> Finding? {
    var lineNumber = 0
    var blockIndent: Int?  // inside a block scalar whose key is indented this much
    for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
      lineNumber += 1
      let line = rawLine.last == "\r" ? rawLine.dropLast() : rawLine
      let indent = line.prefix { $0 == " " }.count
      let content = line.dropFirst(indent)
      if let key = blockIndent {
        if content.isEmpty || indent > key { if let f = scan(line, lineNumber: lineNumber, structural: false) { return f } ; continue }
        blockIndent = nil
      }
      if let finding = scan(line, lineNumber: lineNumber, structural: true) { return finding }
      if opensBlockScalar(content) { blockIndent = indent }
    }
    return nil
  }

  /// Looks for non-Argo `{{…}}` actions on one line.
  private static func scan(_ line: Substring, lineNumber: Int, structural: Bool) -> Finding? {
    // Most lines hold no action at all: a byte scan settles them before any Foundation search.
    guard line.utf8.contains(UInt8(ascii: "{")) else { return nil }
    var searchStart = line.startIndex
    while let open = line[searchStart...].range(of: "{{") {
      guard let close = line[open.upperBound...].range(of: "}}") else { break }
      let inner = line[open.upperBound..<close.lowerBound]
      let action = String(line[open.lowerBound..<close.upperBound])
      searchStart = close.upperBound
      if isArgoTag(inner) { continue }
      let column = line.distance(from: line.startIndex, to: open.lowerBound) + 1
      if helmWords.contains(where: { inner.contains($0) }) {
        return Finding(line: lineNumber, column: column, action: action)
      }
      if structural && isStructuralPosition(line, before: open.lowerBound) {
        return Finding(line: lineNumber, column: column, action: action)
      }
    }
    return nil
  }

  static func isArgoTag(_ inner: Substring) -> Bool {
    let tag = inner.trimmingCharacters(in: .whitespaces)
    return tag.hasPrefix("args.") || tag.hasPrefix("templates.") || tag.hasPrefix("experiment.")
      || tag.hasPrefix("metric.")
  }

  /// True when the text before the action leaves it unquoted at a structural place: line start, after a
  /// list dash, or as the start of a mapping value.
  private static func isStructuralPosition(_ line: Substring, before index: Substring.Index) -> Bool {
    let prefix = line[line.startIndex..<index]
    if prefix.isEmpty { return true }
    // Inside a plain value (`image: repo:{{TAG}}`) the action is just text.
    guard prefix.last == " " || prefix.last == "\t" else { return false }
    let trimmed = prefix.trimmingCharacters(in: .whitespaces)
    if trimmed.isEmpty || trimmed == "-" { return true }
    let quotes = prefix.filter { $0 == "\"" }.count + prefix.filter { $0 == "'" }.count
    if quotes % 2 == 1 { return false }
    return trimmed.hasSuffix(":") || trimmed.hasSuffix(" -")
  }

  private static func opensBlockScalar(_ content: Substring) -> Bool {
    // The indicator is `|` or `>` (chomping and indentation aside), so a line with neither cannot
    // open a block scalar; a byte scan settles most lines before the Foundation trimming below, which
    // cost a quarter of loading a scenario.
    guard content.utf8.contains(where: { $0 == UInt8(ascii: "|") || $0 == UInt8(ascii: ">") }) else { return false }
    let trimmed = content.trimmingCharacters(in: .whitespaces)
    guard let last = trimmed.split(separator: " ").last else { return false }
    let indicator = last.filter { $0 != "-" && $0 != "+" && !$0.isNumber }
    return (indicator == "|" || indicator == ">") && (trimmed.contains(": ") || trimmed.hasPrefix("- ") || trimmed == String(last))
  }
}

import Foundation
