/// One problem (or remark) about the user's input.
///
/// Diagnostics are data: modules collect them and hand them up; only the CLI renders and prints them.
/// Simulated outcomes (a failed metric, an aborted rollout) are never diagnostics.
public struct Diagnostic: Sendable, Hashable, Codable {
  public var severity: Severity
  public var message: String
  /// Where the problem is; `nil` only for problems about the invocation itself.
  public var location: SourceLocation?
  /// How many characters the caret underlines (at least 1).
  public var length: Int
  /// A concrete way to fix it ("Go durations have no day unit: write 120h").
  public var hint: String?
  /// The rule that found it: a controller validation rule or an insight check name.
  public var rule: String?
  /// Further context shown under the snippet.
  public var notes: [String]

  public init(
    _ severity: Severity, _ message: String, at location: SourceLocation? = nil, length: Int = 1,
    hint: String? = nil, rule: String? = nil, notes: [String] = []
  ) {
    self.severity = severity
    self.message = message
    self.location = location
    self.length = max(1, length)
    self.hint = hint
    self.rule = rule
    self.notes = notes
  }

  public static func error(
    _ message: String, at location: SourceLocation? = nil, length: Int = 1, hint: String? = nil,
    rule: String? = nil
  ) -> Diagnostic {
    Diagnostic(.error, message, at: location, length: length, hint: hint, rule: rule)
  }

  public static func warning(
    _ message: String, at location: SourceLocation? = nil, length: Int = 1, hint: String? = nil,
    rule: String? = nil
  ) -> Diagnostic {
    Diagnostic(.warning, message, at: location, length: length, hint: hint, rule: rule)
  }

  public static func note(
    _ message: String, at location: SourceLocation? = nil, length: Int = 1, hint: String? = nil,
    rule: String? = nil
  ) -> Diagnostic {
    Diagnostic(.note, message, at: location, length: length, hint: hint, rule: rule)
  }
}

extension Diagnostic: Comparable {
  /// Stable reading order: by file, line, column, then severity (worst first), then message.
  public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
    let l = lhs.location ?? SourceLocation(file: "", line: 0, column: 0)
    let r = rhs.location ?? SourceLocation(file: "", line: 0, column: 0)
    if l != r { return l < r }
    if lhs.severity != rhs.severity { return lhs.severity > rhs.severity }
    return lhs.message < rhs.message
  }
}
