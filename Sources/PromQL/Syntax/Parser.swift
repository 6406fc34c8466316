import GoCompat
import Diagnostics
import TimeSeries

/// A recursive-descent parser for PromQL with Prometheus' precedence and error messages.
///
/// Syntax errors stop the parse (the first one is the one that means something, as with
/// Prometheus' yacc parser); other problems — unknown functions, invalid regular expressions,
/// misplaced modifiers — are collected and parsing goes on, so the user sees them all at once.
/// Type checking runs only on a clean parse (see `TypeChecker`).
struct Parser {
  /// Nesting beyond this is refused rather than risking the stack.
  static let maximumDepth = 200

  private let tokens: [Token]
  private var index = 0
  private(set) var errors: [ParseError] = []
  private var selectorCount = 0
  private var aggregateCount = 0
  private var binaryCount = 0
  private var depth = 0
  /// End of the last `)`, `]`, `}`, number or duration consumed: where a node ends.
  private var lastClosing = 0

  /// Thrown to unwind after a syntax error has been recorded.
  private struct SyntaxFailure: Error {}

  init(_ text: String) {
    tokens = Lexer.tokens(text)
  }

  /// Parses a whole query; nil when there were syntax errors.
  mutating func parseQuery() -> Expr? {
    do {
      if case .eof = peek.kind {
        errors.append(ParseError("no expression found in input", at: .none))
        return nil
      }
      let expr = try parseExpression(minimumPrecedence: 0)
      if case .eof = peek.kind { return expr }
      try unexpected(context: "", expected: "")
    } catch {}
    return nil
  }

  var selectorTotal: Int { selectorCount }
  var aggregateTotal: Int { aggregateCount }
  var binaryTotal: Int { binaryCount }

  // MARK: - Expressions

  private mutating func parseExpression(minimumPrecedence: Int) throws(SyntaxFailure) -> Expr {
    depth += 1
    defer { depth -= 1 }
    if depth > Self.maximumDepth {
      errors.append(ParseError("expression nested too deeply (more than \(Self.maximumDepth) levels)", at: peek.range))
      throw SyntaxFailure()
    }
    var lhs = try parseUnary()
    while let op = peek.kind.binaryOperator, op.precedence >= minimumPrecedence {
      advance()
      var returnBool = false
      var matching = VectorMatching(cardinality: .oneToOne, matchingLabels: [], on: false, include: [])
      if case .bool = peek.kind {
        advance()
        returnBool = true
      }
      if case .on = peek.kind {
        advance()
        matching.on = true
        matching.matchingLabels = try parseGroupingLabels()
      } else if case .ignoring = peek.kind {
        advance()
        matching.matchingLabels = try parseGroupingLabels()
      }
      if case .groupLeft = peek.kind {
        advance()
        matching.cardinality = .manyToOne
        if case .leftParen = peek.kind { matching.include = try parseGroupingLabels() }
      } else if case .groupRight = peek.kind {
        advance()
        matching.cardinality = .oneToMany
        if case .leftParen = peek.kind { matching.include = try parseGroupingLabels() }
      }
      let next = op.isRightAssociative ? op.precedence : op.precedence + 1
      let rhs = try parseExpression(minimumPrecedence: next)
      lhs = .binary(
        BinaryExpr(op: op, lhs: lhs, rhs: rhs, matching: matching, returnBool: returnBool, ordinal: binaryCount))
      binaryCount += 1
    }
    return lhs
  }

  /// A sign binds like `*`: it takes in `^` and the postfix modifiers, as Prometheus' `%prec MUL`.
  private mutating func parseUnary() throws(SyntaxFailure) -> Expr {
    let token = peek
    switch token.kind {
    case .add, .sub:
      advance()
      let operand = try parseExpression(minimumPrecedence: BinaryOperator.pow.precedence)
      let negate = token.kind == .sub
      if case .number(var literal) = operand {
        if negate { literal.value = -literal.value }
        literal.range.start = token.range.start
        return .number(literal)
      }
      let range = PositionRange(start: token.range.start, end: operand.range.end)
      return .unary(UnaryExpr(negate: negate, expr: operand, range: range))
    default:
      return try parsePostfix(parsePrimary())
    }
  }

  private mutating func parsePrimary() throws(SyntaxFailure) -> Expr {
    let token = peek
    switch token.kind {
    case .number:
      advance()
      guard let value = GoNumber.parse(token.text) else {
        errors.append(ParseError("error parsing number: strconv.ParseFloat: parsing \(GoQuote.string(token.text)): invalid syntax", at: token.range))
        return .number(NumberLiteral(value: 0, range: token.range))
      }
      return .number(NumberLiteral(value: value, range: token.range))
    case .duration:
      advance()
      let seconds = durationSeconds(token)
      return .number(NumberLiteral(value: seconds, range: token.range))
    case .string:
      advance()
      return .string(StringLiteral(value: unquote(token), range: token.range))
    case .leftParen:
      advance()
      let inner = try parseExpression(minimumPrecedence: 0)
      guard case .rightParen = peek.kind else { try unexpected(context: "paren expression", expected: "\")\"") }
      let close = advance()
      return .paren(ParenExpr(expr: inner, range: PositionRange(start: token.range.start, end: close.range.end)))
    case .leftBrace:
      return .vectorSelector(try parseSelector(name: nil))
    case .aggregator(let op):
      if isAggregationStart { return try parseAggregation(op) }
      advance()
      return .vectorSelector(try parseSelector(name: token))
    case .identifier, .start, .end:
      if case .leftParen = peek(1).kind { return try parseCall() }
      advance()
      return .vectorSelector(try parseSelector(name: token))
    case let kind where Keywords.canBeMetricName(kind):
      advance()
      return .vectorSelector(try parseSelector(name: token))
    default:
      try unexpected(context: "", expected: "")
    }
  }

  private var isAggregationStart: Bool {
    switch peek(1).kind {
    case .leftParen, .by, .without: true
    default: false
    }
  }

  /// `[range]`, `[range:step]`, `offset d` and `@ t` after an expression.
  private mutating func parsePostfix(_ base: Expr) throws(SyntaxFailure) -> Expr {
    var expr = base
    while true {
      switch peek.kind {
      case .leftBracket: expr = try parseRangeOrSubquery(expr)
      case .offset: expr = try parseOffset(expr)
      case .at: expr = try parseAt(expr)
      default: return expr
      }
    }
  }

  // MARK: - Selectors

  /// A vector selector whose name token (if any) has been consumed.
  private mutating func parseSelector(name: Token?) throws(SyntaxFailure) -> VectorSelector {
    var matchers: [LabelMatcher] = []
    var range = name?.range ?? peek.range
    if case .leftBrace = peek.kind {
      let (parsed, braces) = try parseLabelMatchers()
      matchers = parsed
      range = name.map { $0.range.merged(with: braces) } ?? braces
    }
    if let name {
      if let matcher = try? LabelMatcher(Labels.metricNameLabel, .equal, name.text) { matchers.append(matcher) }
    }
    defer { selectorCount += 1 }
    return VectorSelector(name: name?.text, matchers: matchers, offsetMilliseconds: 0, at: nil,
                          range: range, ordinal: selectorCount)
  }

  private mutating func parseLabelMatchers() throws(SyntaxFailure) -> ([LabelMatcher], PositionRange) {
    let open = advance()
    var matchers: [LabelMatcher] = []
    while true {
      if case .rightBrace = peek.kind { break }
      let nameToken = peek
      let labelName: String
      switch nameToken.kind {
      case .identifier:
        advance()
        labelName = nameToken.text
      case .string:
        advance()
        labelName = unquote(nameToken)
        // `{"metric_name"}`: a quoted metric name on its own.
        switch peek.kind {
        case .comma, .rightBrace:
          if let matcher = try? LabelMatcher(Labels.metricNameLabel, .equal, labelName) { matchers.append(matcher) }
          if case .comma = peek.kind { advance() }
          continue
        default: break
        }
      default:
        try unexpected(context: "label matching", expected: "identifier or \"}\"")
      }
      let op: LabelMatcher.Operator
      switch peek.kind {
      case .assign: op = .equal
      case .notEqual: op = .notEqual
      case .regexMatch: op = .regexMatch
      case .regexNoMatch: op = .regexNoMatch
      default: try unexpected(context: "label matching", expected: "label matching operator")
      }
      advance()
      guard case .string = peek.kind else { try unexpected(context: "label matching", expected: "string") }
      let valueToken = advance()
      let value = unquote(valueToken)
      do {
        matchers.append(try LabelMatcher(labelName, op, value))
      } catch {
        errors.append(ParseError(error.description, at: nameToken.range.merged(with: valueToken.range)))
      }
      switch peek.kind {
      case .comma: advance()
      case .rightBrace: break
      default: try unexpected(context: "label matching", expected: "\",\" or \"}\"")
      }
    }
    let close = advance()
    return (matchers, open.range.merged(with: close.range))
  }

  private mutating func parseRangeOrSubquery(_ expr: Expr) throws(SyntaxFailure) -> Expr {
    let open = advance()
    let rangeValue = try parseBracketDuration(context: "subquery or range selector",
                                              expected: "number, duration, step(), or range()")
    if case .colon = peek.kind {
      advance()
      var step: Int64?
      if case .rightBracket = peek.kind {
        step = nil
      } else {
        step = try parseBracketDuration(context: "subquery selector",
                                        expected: "number, duration, step(), range(), or \"]\"")
      }
      guard case .rightBracket = peek.kind else { try unexpected(context: "subquery selector", expected: "\"]\"") }
      let close = advance()
      return .subquery(SubqueryExpr(expr: expr, rangeMilliseconds: rangeValue, stepMilliseconds: step,
                                    offsetMilliseconds: 0, at: nil,
                                    range: PositionRange(start: expr.range.start, end: close.range.end)))
    }
    guard case .rightBracket = peek.kind else { try unexpected(context: "subquery or range", expected: "\":\" or \"]\"") }
    let close = advance()
    let bracket = open.range.merged(with: close.range)
    guard case .vectorSelector(let selector) = expr else {
      errors.append(ParseError("ranges only allowed for vector selectors", at: bracket))
      return expr
    }
    if selector.offsetMilliseconds != 0 {
      errors.append(ParseError("no offset modifiers allowed before range", at: bracket))
    } else if selector.at != nil {
      errors.append(ParseError("no @ modifiers allowed before range", at: bracket))
    }
    return .matrixSelector(MatrixSelector(selector: selector, rangeMilliseconds: rangeValue,
                                          range: PositionRange(start: selector.range.start, end: close.range.end)))
  }

  /// A range or step inside brackets: a duration expression that must be positive.
  private mutating func parseBracketDuration(context: String, expected: String) throws(SyntaxFailure) -> Int64 {
    switch peek.kind {
    case .number, .duration, .leftParen, .add, .sub, .durationKeyword: break
    default: try unexpected(context: context, expected: expected)
    }
    let start = peek.range.start
    let errorsBefore = errors.count
    let seconds = try parseDurationExpression(minimumPrecedence: 0)
    let range = PositionRange(start: start, end: lastClosing)
    // A malformed duration has been reported already; do not add "must be greater than 0".
    if errors.count > errorsBefore { return 1 }
    guard seconds.isFinite, abs(seconds) <= Double(Int64.max) / 1e9 else {
      errors.append(ParseError("duration out of range", at: range))
      return 1
    }
    let milliseconds = Self.milliseconds(seconds: seconds)
    if seconds <= 0 || milliseconds <= 0 {
      errors.append(ParseError("duration must be greater than 0", at: range))
      return 1
    }
    return milliseconds
  }

  /// Duration arithmetic inside brackets (`[1h/2]`, `[2m*(10+5)]`), folded to seconds.
  private mutating func parseDurationExpression(minimumPrecedence: Int) throws(SyntaxFailure) -> Double {
    depth += 1
    defer { depth -= 1 }
    if depth > Self.maximumDepth {
      errors.append(ParseError("expression nested too deeply (more than \(Self.maximumDepth) levels)", at: peek.range))
      throw SyntaxFailure()
    }
    var lhs: Double
    let token = peek
    switch token.kind {
    case .number:
      advance()
      lhs = GoNumber.parse(token.text) ?? 0
    case .duration:
      advance()
      lhs = durationSeconds(token)
    case .leftParen:
      advance()
      lhs = try parseDurationExpression(minimumPrecedence: 0)
      guard case .rightParen = peek.kind else { try unexpected(context: "duration expression", expected: "\")\"") }
      advance()
    case .add, .sub:
      advance()
      let operand = try parseDurationExpression(minimumPrecedence: BinaryOperator.pow.precedence)
      lhs = token.kind == .sub ? -operand : operand
    case .durationKeyword(let word):
      errors.append(ParseError("\(word)() in durations is not supported by this engine", at: token.range))
      throw SyntaxFailure()
    default:
      try unexpected(context: "duration expression", expected: "number or duration")
    }
    while true {
      let opToken = peek
      let op: BinaryOperator
      switch opToken.kind {
      case .add: op = .add
      case .sub: op = .sub
      case .mul: op = .mul
      case .div: op = .div
      case .mod: op = .mod
      case .pow: op = .pow
      default: return lhs
      }
      guard op.precedence >= minimumPrecedence else { return lhs }
      advance()
      let rhs = try parseDurationExpression(minimumPrecedence: op.isRightAssociative ? op.precedence : op.precedence + 1)
      switch op {
      case .add: lhs += rhs
      case .sub: lhs -= rhs
      case .mul: lhs *= rhs
      case .div:
        if rhs == 0 { errors.append(ParseError("division by zero", at: opToken.range)) } else { lhs /= rhs }
      case .mod:
        if rhs == 0 { errors.append(ParseError("modulo by zero", at: opToken.range)) } else { lhs = lhs.truncatingRemainder(dividingBy: rhs) }
      case .pow: lhs = GoMath.pow(lhs, rhs)
      default: break
      }
    }
  }

  private mutating func parseOffset(_ expr: Expr) throws(SyntaxFailure) -> Expr {
    let keyword = advance()
    let milliseconds = try parseOffsetDuration()
    let end = lastClosing
    var result = expr
    switch expr {
    case .vectorSelector(var s):
      if s.offsetMilliseconds != 0 {
        errors.append(ParseError("offset may not be set multiple times", at: expr.range))
      } else {
        s.offsetMilliseconds = milliseconds
      }
      s.range.end = end
      result = .vectorSelector(s)
    case .matrixSelector(var m):
      if m.selector.offsetMilliseconds != 0 {
        errors.append(ParseError("offset may not be set multiple times", at: expr.range))
      } else {
        m.selector.offsetMilliseconds = milliseconds
      }
      m.range.end = end
      result = .matrixSelector(m)
    case .subquery(var q):
      if q.offsetMilliseconds != 0 {
        errors.append(ParseError("offset may not be set multiple times", at: expr.range))
      } else {
        q.offsetMilliseconds = milliseconds
      }
      q.range.end = end
      result = .subquery(q)
    default:
      errors.append(ParseError(
        "offset modifier must be preceded by an instant vector selector or range vector selector or a subquery",
        at: expr.range.merged(with: keyword.range)))
    }
    return result
  }

  /// `offset 5m`, `offset -5m`, `offset 300`, `offset (5m + 1m)`. Without parentheses only one
  /// literal is taken, so `x offset 5m * 2` means `(x offset 5m) * 2` as in every Prometheus.
  private mutating func parseOffsetDuration() throws(SyntaxFailure) -> Int64 {
    var sign = 1.0
    let start = peek.range.start
    if case .sub = peek.kind {
      advance()
      sign = -1
    } else if case .add = peek.kind {
      advance()
    }
    let token = peek
    var seconds: Double
    switch token.kind {
    case .number:
      advance()
      seconds = GoNumber.parse(token.text) ?? 0
    case .duration:
      advance()
      seconds = durationSeconds(token)
    case .leftParen:
      advance()
      seconds = try parseDurationExpression(minimumPrecedence: 0)
      guard case .rightParen = peek.kind else { try unexpected(context: "offset", expected: "\")\"") }
      advance()
    case .identifier where ["step", "range", "min_of", "max_of"].contains(token.text.lowercased()):
      errors.append(ParseError("\(token.text.lowercased())() in offsets is not supported by this engine", at: token.range))
      throw SyntaxFailure()
    default:
      try unexpected(context: "offset", expected: "number, duration, step(), or range()")
    }
    seconds *= sign
    guard seconds.isFinite, abs(seconds) <= Double(Int64.max) / 1e9 else {
      errors.append(ParseError("duration out of range", at: PositionRange(start: start, end: lastClosing)))
      return 0
    }
    return Self.milliseconds(seconds: seconds)
  }

  private mutating func parseAt(_ expr: Expr) throws(SyntaxFailure) -> Expr {
    let atToken = advance()
    let modifier: AtModifier
    switch peek.kind {
    case .start, .end:
      let which = advance()
      guard case .leftParen = peek.kind else { try unexpected(context: "@", expected: "\"(\"") }
      advance()
      guard case .rightParen = peek.kind else { try unexpected(context: "@", expected: "\")\"") }
      advance()
      modifier = which.kind == .start ? .start : .end
    case .number, .duration, .add, .sub:
      var sign = 1.0
      if case .sub = peek.kind { advance(); sign = -1 } else if case .add = peek.kind { advance() }
      let token = peek
      let value: Double
      switch token.kind {
      case .number: value = GoNumber.parse(token.text) ?? 0
      case .duration: value = durationSeconds(token)
      default: try unexpected(context: "@", expected: "timestamp")
      }
      advance()
      let seconds = value * sign
      if !seconds.isFinite || abs(seconds) >= Double(Int64.max) / 1000 {
        errors.append(ParseError("timestamp out of bounds for @ modifier: \(GoFloat.formatFixed6(seconds))", at: expr.range))
        modifier = .timestamp(0)
      } else {
        modifier = .timestamp(Int64((seconds * 1000).rounded(.toNearestOrAwayFromZero)))
      }
    default:
      try unexpected(context: "@", expected: "timestamp")
    }
    let end = lastClosing
    let duplicate = ParseError("@ <timestamp> may not be set multiple times", at: expr.range)
    switch expr {
    case .vectorSelector(var s):
      if s.at != nil { errors.append(duplicate) } else { s.at = modifier }
      s.range.end = end
      return .vectorSelector(s)
    case .matrixSelector(var m):
      if m.selector.at != nil { errors.append(duplicate) } else { m.selector.at = modifier }
      m.range.end = end
      return .matrixSelector(m)
    case .subquery(var q):
      if q.at != nil { errors.append(duplicate) } else { q.at = modifier }
      q.range.end = end
      return .subquery(q)
    default:
      errors.append(ParseError(
        "@ modifier must be preceded by an instant vector selector or range vector selector or a subquery",
        at: expr.range.merged(with: atToken.range)))
      return expr
    }
  }

  // MARK: - Calls and aggregations

  private mutating func parseCall() throws(SyntaxFailure) -> Expr {
    let nameToken = advance()
    let name = nameToken.text
    let signature = FunctionSignatures.named(name)
    if signature == nil {
      let hint = FunctionSignatures.suggestion(for: name).map { "did you mean '\($0)'?" }
      errors.append(ParseError("unknown function with name \(GoQuote.string(name))", at: nameToken.range, hint: hint))
    }
    let args = try parseCallArguments()
    let range = PositionRange(start: nameToken.range.start, end: lastClosing)
    let function = signature ?? FunctionSignature(name, [], variadic: -1)
    return .call(CallExpr(function: function, args: args, range: range,
                          implementation: FunctionImplementations.table[function.name]))
  }

  private mutating func parseCallArguments() throws(SyntaxFailure) -> [Expr] {
    advance()  // (
    var args: [Expr] = []
    if case .rightParen = peek.kind {
      advance()
      return args
    }
    while true {
      args.append(try parseExpression(minimumPrecedence: 0))
      switch peek.kind {
      case .comma:
        let comma = advance()
        if case .rightParen = peek.kind {
          errors.append(ParseError("trailing commas not allowed in function call args", at: comma.range))
          advance()
          return args
        }
      case .rightParen:
        advance()
        return args
      default:
        try unexpected(context: "function call", expected: "\",\" or \")\"")
      }
    }
  }

  private mutating func parseAggregation(_ op: AggregateOperator) throws(SyntaxFailure) -> Expr {
    let opToken = advance()
    var grouping: [String] = []
    var without = false
    var sawModifier = false
    if case .by = peek.kind {
      advance()
      grouping = try parseGroupingLabels()
      sawModifier = true
    } else if case .without = peek.kind {
      advance()
      grouping = try parseGroupingLabels()
      without = true
      sawModifier = true
    }
    guard case .leftParen = peek.kind else { try unexpected(context: "aggregation", expected: "\"(\"") }
    let args = try parseCallArguments()
    if !sawModifier {
      if case .by = peek.kind {
        advance()
        grouping = try parseGroupingLabels()
      } else if case .without = peek.kind {
        advance()
        grouping = try parseGroupingLabels()
        without = true
      }
    }
    let range = PositionRange(start: opToken.range.start, end: lastClosing)
    let placeholder = Expr.number(NumberLiteral(value: 0, range: range))
    var aggregate = AggregateExpr(
      op: op, expr: placeholder, param: nil, grouping: grouping, without: without, range: range, ordinal: aggregateCount)
    aggregateCount += 1
    if args.isEmpty {
      errors.append(ParseError("no arguments for aggregate expression provided", at: range))
      return .aggregate(aggregate)
    }
    let wanted = op.takesParameter ? 2 : 1
    if args.count != wanted {
      errors.append(ParseError("wrong number of arguments for aggregate expression provided, expected \(wanted), got \(args.count)", at: range))
      return .aggregate(aggregate)
    }
    if op.takesParameter { aggregate.param = args[0] }
    aggregate.expr = args[wanted - 1]
    return .aggregate(aggregate)
  }

  /// `(label, label, …)` after by/without/on/ignoring/group_left/group_right.
  private mutating func parseGroupingLabels() throws(SyntaxFailure) -> [String] {
    guard case .leftParen = peek.kind else { try unexpected(context: "grouping opts", expected: "\"(\"") }
    advance()
    var labels: [String] = []
    while true {
      let token = peek
      if case .rightParen = token.kind {
        advance()
        return labels
      }
      if case .string = token.kind {
        advance()
        let name = unquote(token)
        if name.isEmpty { errors.append(ParseError("invalid label name for grouping: \(GoQuote.string(name))", at: token.range)) }
        labels.append(name)
      } else if Keywords.canBeLabelName(token.kind) {
        advance()
        labels.append(token.text)
      } else {
        try unexpected(context: "grouping opts", expected: "label")
      }
      switch peek.kind {
      case .comma: advance()
      case .rightParen: break
      default: try unexpected(context: "grouping opts", expected: "\",\" or \")\"")
      }
    }
  }

  // MARK: - Helpers

  private var peek: Token { tokens[Swift.min(index, tokens.count - 1)] }

  private func peek(_ ahead: Int) -> Token { tokens[Swift.min(index + ahead, tokens.count - 1)] }

  @discardableResult
  private mutating func advance() -> Token {
    let token = peek
    if index < tokens.count - 1 { index += 1 }
    switch token.kind {
    case .rightParen, .rightBracket, .rightBrace, .number, .duration: lastClosing = token.range.end
    default: break
    }
    return token
  }

  /// Records "unexpected X [in context][, expected Y]" (or the lexer's own error) and unwinds.
  private mutating func unexpected(context: String, expected: String) throws(SyntaxFailure) -> Never {
    let token = peek
    if case .error(let message) = token.kind {
      errors.append(ParseError(message, at: token.range))
      throw SyntaxFailure()
    }
    var message = "unexpected " + token.kind.description(text: token.text)
    if !context.isEmpty { message += " in " + context }
    if !expected.isEmpty { message += ", expected " + expected }
    errors.append(ParseError(message, at: token.range))
    throw SyntaxFailure()
  }

  private mutating func unquote(_ token: Token) -> String {
    do {
      return try GoUnquote.unquote(token.text)
    } catch {
      errors.append(ParseError("error unquoting string \(GoQuote.string(token.text)): invalid syntax", at: token.range))
      return ""
    }
  }

  private mutating func durationSeconds(_ token: Token) -> Double {
    do {
      return Double(try PromDuration.parse(token.text)) / 1000
    } catch {
      errors.append(ParseError(error.message, at: token.range))
      return 0
    }
  }

  /// Seconds to milliseconds the way Prometheus does: round to nanoseconds, then truncate.
  static func milliseconds(seconds: Double) -> Int64 {
    let nanoseconds = (seconds * 1e9).rounded(.toNearestOrAwayFromZero)
    return Int64(nanoseconds / 1e6)
  }
}
