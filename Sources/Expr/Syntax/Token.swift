/// One lexical token, as expr-lang's lexer produces them.
public struct Token: Sendable, Hashable, CustomStringConvertible {
  public enum Kind: String, Sendable, Hashable {
    case identifier = "Identifier"
    case number = "Number"
    case string = "String"
    case bytes = "Bytes"
    case `operator` = "Operator"
    case bracket = "Bracket"
    case eof = "EOF"
  }

  public var kind: Kind
  public var value: String
  public var span: SourceSpan

  public init(_ kind: Kind, _ value: String, _ span: SourceSpan) {
    self.kind = kind
    self.value = value
    self.span = span
  }

  func `is`(_ kind: Kind) -> Bool { self.kind == kind }
  func `is`(_ kind: Kind, _ value: String) -> Bool { self.kind == kind && self.value == value }
  func `is`(_ kind: Kind, oneOf values: String...) -> Bool {
    self.kind == kind && values.contains(value)
  }

  /// expr's `Token.String()`: `Kind("value")` with Go's %#v quoting, or the bare kind when empty.
  public var description: String {
    value.isEmpty ? kind.rawValue : "\(kind.rawValue)(\(GoFormat.quote(value)))"
  }
}
