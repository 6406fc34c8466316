/// Renders diagnostics the way compilers do:
///
/// ```
/// rollout.yaml:27:9: error: unknown canary step 'setWieght'
///    27 |       - setWieght: 20
///       |         ^~~~~~~~~
///    hint: did you mean 'setWeight'?
/// ```
public struct DiagnosticRenderer: Sendable {
  public var sources: [String: SourceText]
  public var useColor: Bool

  public init(sources: [String: SourceText] = [:], useColor: Bool = false) {
    self.sources = sources
    self.useColor = useColor
  }

  public func render(_ diagnostic: Diagnostic) -> String {
    var out = ""
    if let location = diagnostic.location {
      out += "\(location): "
    }
    out += paint(diagnostic.severity.rawValue, diagnostic.severity) + ": " + diagnostic.message
    if let rule = diagnostic.rule { out += " [\(rule)]" }
    out += "\n"
    if let location = diagnostic.location, let source = sources[location.file],
      let line = source.line(location.line)
    {
      out += Self.snippet(line: line, lineNumber: location.line, column: location.column, length: diagnostic.length)
    }
    for note in diagnostic.notes { out += "   note: \(note)\n" }
    if let hint = diagnostic.hint { out += "   hint: \(hint)\n" }
    return out
  }

  public func render(_ diagnostics: [Diagnostic]) -> String {
    diagnostics.map(render).joined()
  }

  /// The source line with a gutter and a caret line under `column`, `length` characters wide.
  /// Tabs in the line are kept in the caret line so the caret stays aligned.
  public static func snippet(line: String, lineNumber: Int, column: Int, length: Int) -> String {
    let gutter = String(lineNumber)
    let pad = String(repeating: " ", count: max(4, gutter.count + 1))
    let numbered = String(repeating: " ", count: pad.count - gutter.count) + gutter
    let chars = Array(line)
    let startIndex = max(0, min(column - 1, chars.count))
    var caretLine = ""
    for index in 0..<startIndex { caretLine.append(chars[index] == "\t" ? "\t" : " ") }
    let available = max(1, chars.count - startIndex)
    let width = max(1, min(length, available))
    caretLine += "^" + String(repeating: "~", count: width - 1)
    return "\(numbered) | \(line)\n\(pad) | \(caretLine)\n"
  }

  /// A one-line summary such as "2 errors, 1 warning".
  public static func summary(_ diagnostics: [Diagnostic]) -> String {
    let errors = diagnostics.count { $0.severity == .error }
    let warnings = diagnostics.count { $0.severity == .warning }
    func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
    return "\(plural(errors, "error")), \(plural(warnings, "warning"))"
  }

  private func paint(_ text: String, _ severity: Severity) -> String {
    guard useColor else { return text }
    let code: String
    switch severity {
    case .error: code = "1;31"
    case .warning: code = "1;33"
    case .note: code = "1;36"
    }
    return "\u{1B}[\(code)m\(text)\u{1B}[0m"
  }
}
