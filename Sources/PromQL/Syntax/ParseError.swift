import Diagnostics

/// One problem in a query, with the bytes it is about.
public struct ParseError: Sendable, Hashable, CustomStringConvertible {
  public var message: String
  public var range: PositionRange
  /// A suggestion such as "did you mean 'rate'?".
  public var hint: String?

  public init(_ message: String, at range: PositionRange, hint: String? = nil) {
    self.message = message
    self.range = range
    self.hint = hint
  }

  public var description: String { message }
}

/// Every problem found in a query: syntax errors first stop the parse (as in Prometheus, only the
/// first one is usually meaningful), other problems (unknown functions, bad regular expressions,
/// type errors) are all collected.
public struct ParseErrors: Error, Sendable, Hashable, CustomStringConvertible {
  public var query: String
  public var errors: [ParseError]

  public init(query: String, errors: [ParseError]) {
    self.query = query
    self.errors = errors
  }

  /// Prometheus' `ParseErrors.Error()`: the first error as `line:col: parse error: msg`.
  public var description: String {
    guard let first = errors.first else { return "error contains no error message" }
    return Self.format(first, in: QueryText(query))
  }

  /// Every error in Prometheus' format, one per line.
  public var allDescriptions: [String] {
    let text = QueryText(query)
    return errors.map { Self.format($0, in: text) }
  }

  static func format(_ error: ParseError, in text: QueryText) -> String {
    let (line, column) = text.lineAndColumn(of: error.range.start)
    return "\(line):\(column): parse error: \(error.message)"
  }

  /// The errors as diagnostics. `line` and `column` say where the query starts in `file` (1-based),
  /// so a query embedded in a YAML manifest points at the right place.
  public func diagnostics(file: String, line: Int = 1, column: Int = 1) -> [Diagnostic] {
    let text = QueryText(query)
    return errors.map { error in
      let (l, c) = text.lineAndColumn(of: error.range.start)
      let location = SourceLocation(file: file, line: line + l - 1, column: l == 1 ? column + c - 1 : c)
      return Diagnostic.error(error.message, at: location, length: text.characterLength(of: error.range),
                              hint: error.hint, rule: "promql")
    }
  }
}
