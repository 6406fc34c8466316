/// What the lexer recognised. Keywords are case-insensitive in PromQL (`SUM`, `By`), so they get
/// their own kinds; inside braces every word is an identifier.
enum TokenKind: Sendable, Hashable {
  case eof
  case error(String)
  case identifier
  case metricIdentifier  // an identifier containing ':' (recording-rule names)
  case number
  case duration
  case string

  case leftParen, rightParen, leftBrace, rightBrace, leftBracket, rightBracket
  case comma, colon, at

  // Operators. `assign` is the single `=` of a label matcher.
  case assign, equal, notEqual, lessEqual, less, greaterEqual, greater
  case regexMatch, regexNoMatch
  case add, sub, mul, div, mod, pow
  case and, or, unless, atan2

  case aggregator(AggregateOperator)

  // Keywords.
  case offset, by, without, on, ignoring, groupLeft, groupRight, bool
  case start, end  // only meaningful after `@`
  case durationKeyword(String)  // step, range, min_of, max_of inside durations (not supported)

  /// How Prometheus names the token in "unexpected …" messages.
  func description(text: String) -> String {
    switch self {
    case .eof: return "end of input"
    case .error(let message): return message
    case .identifier: return "identifier \(GoQuote.string(text))"
    case .metricIdentifier: return "metric identifier \(GoQuote.string(text))"
    case .number: return "number \(GoQuote.string(text))"
    case .duration: return "duration \(GoQuote.string(text))"
    case .string: return "string \(GoQuote.string(text))"
    case .aggregator(let op): return "<aggr:\(op.rawValue)>"
    case .and, .or, .unless, .atan2, .assign, .equal, .notEqual, .lessEqual, .less, .greaterEqual,
      .greater, .regexMatch, .regexNoMatch, .add, .sub, .mul, .div, .mod, .pow, .at:
      return "<op:\(text)>"
    case .offset, .by, .without, .on, .ignoring, .groupLeft, .groupRight, .bool, .start, .end:
      return "<\(text.lowercased())>"
    case .durationKeyword: return "<\(text.lowercased())>"
    case .leftParen, .rightParen, .leftBrace, .rightBrace, .leftBracket, .rightBracket, .comma, .colon:
      return GoQuote.string(text)
    }
  }

  var binaryOperator: BinaryOperator? {
    switch self {
    case .add: .add
    case .sub: .sub
    case .mul: .mul
    case .div: .div
    case .mod: .mod
    case .pow: .pow
    case .atan2: .atan2
    case .equal: .equal
    case .notEqual: .notEqual
    case .less: .less
    case .lessEqual: .lessEqual
    case .greater: .greater
    case .greaterEqual: .greaterEqual
    case .and: .and
    case .or: .or
    case .unless: .unless
    default: nil
    }
  }
}

/// One token with its byte range in the query.
struct Token: Sendable {
  var kind: TokenKind
  var range: PositionRange
  var text: String
}

/// Words the lexer turns into keyword tokens (matched case-insensitively).
enum Keywords {
  static let table: [String: TokenKind] = {
    var table: [String: TokenKind] = [
      "and": .and, "or": .or, "unless": .unless, "atan2": .atan2,
      "offset": .offset, "by": .by, "without": .without, "on": .on, "ignoring": .ignoring,
      "group_left": .groupLeft, "group_right": .groupRight, "bool": .bool,
      "start": .start, "end": .end,
      "inf": .number, "nan": .number,
    ]
    for op in AggregateOperator.allCases { table[op.rawValue] = .aggregator(op) }
    return table
  }()

  /// Keywords that may also stand for a metric name (Prometheus' `metric_identifier` rule).
  static func canBeMetricName(_ kind: TokenKind) -> Bool {
    switch kind {
    case .identifier, .metricIdentifier, .aggregator, .by, .without, .offset, .and, .or, .unless,
      .start, .end:
      return true
    default:
      return false
    }
  }

  /// Keywords that may also stand for a label name in grouping clauses (`maybe_label`).
  static func canBeLabelName(_ kind: TokenKind) -> Bool {
    switch kind {
    case .identifier, .metricIdentifier, .aggregator, .by, .without, .offset, .and, .or, .unless,
      .start, .end, .bool, .on, .ignoring, .groupLeft, .groupRight, .atan2:
      return true
    default:
      return false
    }
  }
}
