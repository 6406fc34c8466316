/// expr's operator table (parser/operator/operator.go) as data: precedence and associativity.
/// The parser climbs precedence by looking operators up here, never by its own call structure.
enum Associativity: Sendable {
  case left, right
}

struct OperatorInfo: Sendable {
  var precedence: Int
  var associativity: Associativity
}

enum Operators {
  static let unary: [String: OperatorInfo] = [
    "not": OperatorInfo(precedence: 50, associativity: .left),
    "!": OperatorInfo(precedence: 50, associativity: .left),
    "-": OperatorInfo(precedence: 90, associativity: .left),
    "+": OperatorInfo(precedence: 90, associativity: .left),
  ]

  static let binary: [String: OperatorInfo] = [
    "|": OperatorInfo(precedence: 0, associativity: .left),
    "or": OperatorInfo(precedence: 10, associativity: .left),
    "||": OperatorInfo(precedence: 10, associativity: .left),
    "and": OperatorInfo(precedence: 15, associativity: .left),
    "&&": OperatorInfo(precedence: 15, associativity: .left),
    "==": OperatorInfo(precedence: 20, associativity: .left),
    "!=": OperatorInfo(precedence: 20, associativity: .left),
    "<": OperatorInfo(precedence: 20, associativity: .left),
    ">": OperatorInfo(precedence: 20, associativity: .left),
    ">=": OperatorInfo(precedence: 20, associativity: .left),
    "<=": OperatorInfo(precedence: 20, associativity: .left),
    "in": OperatorInfo(precedence: 20, associativity: .left),
    "matches": OperatorInfo(precedence: 20, associativity: .left),
    "contains": OperatorInfo(precedence: 20, associativity: .left),
    "startsWith": OperatorInfo(precedence: 20, associativity: .left),
    "endsWith": OperatorInfo(precedence: 20, associativity: .left),
    "..": OperatorInfo(precedence: 25, associativity: .left),
    "+": OperatorInfo(precedence: 30, associativity: .left),
    "-": OperatorInfo(precedence: 30, associativity: .left),
    "*": OperatorInfo(precedence: 60, associativity: .left),
    "/": OperatorInfo(precedence: 60, associativity: .left),
    "%": OperatorInfo(precedence: 60, associativity: .left),
    "**": OperatorInfo(precedence: 100, associativity: .right),
    "^": OperatorInfo(precedence: 100, associativity: .right),
    "??": OperatorInfo(precedence: 500, associativity: .left),
  ]

  static func isComparison(_ op: String) -> Bool {
    op == "<" || op == ">" || op == ">=" || op == "<="
  }

  static func isBoolean(_ op: String) -> Bool {
    op == "and" || op == "or" || op == "&&" || op == "||"
  }

  /// Operators that may follow `not` (`not in`, `not matches`, …).
  static func allowsNegation(_ op: String) -> Bool {
    switch op {
    case "contains", "matches", "startsWith", "endsWith", "in": return true
    default: return false
    }
  }
}
