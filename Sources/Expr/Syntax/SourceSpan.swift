/// A range of an expression's text in Unicode scalars (expr-lang's "runes"), half-open: `from..<to`.
///
/// expr-lang counts positions in runes, not bytes or grapheme clusters; keeping the same unit makes
/// our line:column agree with the `(line:col)` Argo users see in expr's own messages.
public struct SourceSpan: Sendable, Hashable, Codable {
  public var from: Int
  public var to: Int

  public init(from: Int, to: Int) {
    self.from = from
    self.to = to
  }

  public static let zero = SourceSpan(from: 0, to: 0)
}

/// The text of one expression, kept as Unicode scalars so spans index it directly.
public struct ExprSource: Sendable, Hashable {
  public let text: String
  public let scalars: [Unicode.Scalar]

  public init(_ text: String) {
    self.text = text
    self.scalars = Array(text.unicodeScalars)
  }

  /// 1-based line and column of a rune offset, computed as expr's `file.Error.Bind` does
  /// (columns count runes from the start of the line).
  public func lineAndColumn(of offset: Int) -> (line: Int, column: Int) {
    var line = 1
    var column = 0
    var index = 0
    while index < scalars.count, index < offset {
      if scalars[index] == "\n" {
        line += 1
        column = 0
      } else {
        column += 1
      }
      index += 1
    }
    return (line, column + 1)
  }

  /// The text of a 1-based line, without its terminator.
  public func line(_ number: Int) -> String? {
    var current = 1
    var start = 0
    for (index, scalar) in scalars.enumerated() where scalar == "\n" {
      if current == number { return String(String.UnicodeScalarView(scalars[start..<index])) }
      current += 1
      start = index + 1
    }
    guard current == number else { return nil }
    return String(String.UnicodeScalarView(scalars[start...]))
  }
}
