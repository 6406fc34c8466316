/// Collects every finding of a pass so the user sees all problems at once.
public struct DiagnosticBag: Sendable, Hashable {
  public private(set) var all: [Diagnostic] = []

  public init(_ diagnostics: [Diagnostic] = []) { all = diagnostics }

  public mutating func append(_ diagnostic: Diagnostic) { all.append(diagnostic) }
  public mutating func append(contentsOf diagnostics: some Sequence<Diagnostic>) {
    all.append(contentsOf: diagnostics)
  }
  public mutating func error(
    _ message: String, at location: SourceLocation? = nil, length: Int = 1, hint: String? = nil,
    rule: String? = nil
  ) {
    all.append(.error(message, at: location, length: length, hint: hint, rule: rule))
  }
  public mutating func warning(
    _ message: String, at location: SourceLocation? = nil, length: Int = 1, hint: String? = nil,
    rule: String? = nil
  ) {
    all.append(.warning(message, at: location, length: length, hint: hint, rule: rule))
  }

  public var hasErrors: Bool { all.contains { $0.severity == .error } }
  public var errorCount: Int { all.count { $0.severity == .error } }
  public var warningCount: Int { all.count { $0.severity == .warning } }
  public var isEmpty: Bool { all.isEmpty }

  /// The findings in reading order, duplicates removed.
  public var sorted: [Diagnostic] {
    var seen = Set<Diagnostic>()
    return all.sorted().filter { seen.insert($0).inserted }
  }
}

/// Thrown by a pass that cannot produce its result; carries every finding, errors included.
public struct DiagnosticError: Error, Sendable {
  public var diagnostics: [Diagnostic]
  public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
  public init(_ diagnostic: Diagnostic) { self.diagnostics = [diagnostic] }
}
