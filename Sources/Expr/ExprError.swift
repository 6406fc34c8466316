/// A problem with an expression: a syntax error, a type error found by the checker, or an error raised
/// while evaluating it.
///
/// `message` is expr-lang's own text (Argo Rollouts strips the location and shows only the message, so
/// our messages must match expr's word for word). `description` renders expr's `file.Error` format:
/// the message, `(line:col)`, the source line and a caret line.
public struct ExprError: Error, Sendable, Hashable, CustomStringConvertible {
  public enum Stage: String, Sendable, Hashable {
    /// The lexer or parser rejected the text.
    case syntax
    /// The checker rejected the expression against the environment's types (expr.Compile failed).
    case type
    /// Evaluation failed (expr.Run returned an error).
    case runtime
  }

  public var stage: Stage
  public var message: String
  public var span: SourceSpan
  /// 1-based line of `span.from`.
  public var line: Int
  /// 1-based column of `span.from`, counted in Unicode scalars.
  public var column: Int
  /// The expression's source line, when the error has a location.
  public var sourceLine: String?

  public init(stage: Stage, message: String, span: SourceSpan, source: ExprSource?) {
    self.stage = stage
    self.message = message
    self.span = span
    if let source {
      let position = source.lineAndColumn(of: span.from)
      self.line = position.line
      self.column = position.column
      let text = source.line(position.line) ?? ""
      self.sourceLine = text.isEmpty ? nil : text
    } else {
      self.line = 1
      self.column = 1
      self.sourceLine = nil
    }
  }

  /// Whether the error happened at compile time (syntax or type), as opposed to while running.
  public var isCompileError: Bool { stage != .runtime }

  /// expr's rendering: `message (line:col)` + `\n | source` + `\n | ....^`. Without a source line it is
  /// the bare message, as in expr.
  public var description: String {
    guard let sourceLine else { return message }
    let line = sourceLine.replacingTabs()
    let dots = String(repeating: ".", count: column - 1)
    return "\(message) (\(self.line):\(column))\n | \(line)\n | \(dots)^"
  }
}

extension String {
  fileprivate func replacingTabs() -> String {
    String(String.UnicodeScalarView(unicodeScalars.map { $0 == "\t" ? " " : $0 }))
  }
}
