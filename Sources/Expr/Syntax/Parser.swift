import Foundation

/// expr's precedence-climbing parser (parser/parser.go at v1.17.8). Like the original it keeps only
/// the first error. Two bounds protect the process: expr's node budget (10,000 nodes) and a nesting
/// bound of our own, so deeply nested input gets a diagnostic instead of exhausting the stack.
public struct Parser {
  /// expr's `conf.DefaultMaxNodes`.
  public static let maxNodes = 10_000
  /// Our bounds on nesting: recursive descent steps (a parenthesis costs three, a bracket two — about
  /// 50 levels of parentheses) and the height of the tree. expr has none; real conditions nest a
  /// handful of levels, and the bounds keep every recursive pass (parser, checker, optimizer,
  /// compiler, evaluation) inside a 512 KiB stack in an optimized build.
  public static let maxDepth = 150
  public static let maxTreeHeight = 400

  private enum ArgumentKind {
    case expression, predicate, optionalPredicate, optionalExpression
  }

  private static let predicates: [String: [ArgumentKind]] = [
    "all": [.expression, .predicate],
    "none": [.expression, .predicate],
    "any": [.expression, .predicate],
    "one": [.expression, .predicate],
    "filter": [.expression, .predicate],
    "map": [.expression, .predicate],
    "count": [.expression, .optionalPredicate],
    "sum": [.expression, .optionalPredicate],
    "find": [.expression, .predicate],
    "findIndex": [.expression, .predicate],
    "findLast": [.expression, .predicate],
    "findLastIndex": [.expression, .predicate],
    "groupBy": [.expression, .predicate],
    "sortBy": [.expression, .predicate, .optionalExpression],
    "reduce": [.expression, .predicate, .optionalExpression],
  ]

  private var lexer: Lexer
  private var current = Token(.eof, "", .zero)
  private var stashed: Token?
  private var error: ExprError?
  private let source: ExprSource
  /// Names that shadow builtins (environment entries), as expr's `config.IsOverridden`.
  private let overridden: Set<String>
  private var predicateDepth = 0
  private var nodeCount = 0
  private var nesting = 0

  /// Parses `text`. `overridden` lists environment names that take precedence over builtins of the
  /// same name.
  public static func parse(_ text: String, overridden: Set<String> = []) -> Result<Node, ExprError> {
    var parser = Parser(source: ExprSource(text), overridden: overridden)
    return parser.run()
  }

  static func parse(_ source: ExprSource, overridden: Set<String>) -> Result<Node, ExprError> {
    var parser = Parser(source: source, overridden: overridden)
    return parser.run()
  }

  private init(source: ExprSource, overridden: Set<String>) {
    self.source = source
    self.lexer = Lexer(source)
    self.overridden = overridden
  }

  private mutating func run() -> Result<Node, ExprError> {
    next()
    let node = parseSequenceExpression()
    if !current.is(.eof) {
      fail("unexpected token \(current)")
    }
    if let error { return .failure(error) }
    guard let node else {
      return .failure(ExprError(stage: .syntax, message: "empty expression", span: .zero, source: source))
    }
    return .success(node)
  }

  // MARK: - Plumbing

  private mutating func fail(_ message: String) { fail(at: current, message) }

  private mutating func fail(at token: Token, _ message: String) {
    if error == nil {
      error = ExprError(stage: .syntax, message: message, span: token.span, source: source)
    }
  }

  private mutating func next() {
    if let token = stashed {
      current = token
      stashed = nil
      return
    }
    switch lexer.next() {
    case .token(let token): current = token
    case .end: fail("unexpected end of expression")
    // expr overwrites any earlier error with a lexing error.
    case .error(let lexingError): error = lexingError
    }
  }

  private mutating func expect(_ kind: Token.Kind, _ value: String? = nil) {
    if let value, current.is(kind, value) {
      next()
    } else if value == nil, current.is(kind) {
      next()
    } else {
      fail("unexpected token \(current)")
    }
  }

  private mutating func make(_ kind: NodeKind, at span: SourceSpan) -> Node? {
    nodeCount += 1
    if nodeCount > Self.maxNodes {
      fail("compilation failed: expression exceeds maximum allowed nodes")
    }
    if error != nil { return nil }
    let node = Node(kind, at: span)
    if node.depth > Self.maxTreeHeight {
      fail("expression is nested too deeply for rollout-sim")
      return nil
    }
    return node
  }

  /// Guards every recursive descent. Returns false (after recording an error) when too deep.
  private mutating func enter() -> Bool {
    nesting += 1
    if nesting > Self.maxDepth {
      fail("expression is nested too deeply for rollout-sim")
      return false
    }
    return true
  }

  private mutating func leave() { nesting -= 1 }

  // MARK: - Expressions

  private mutating func parseSequenceExpression() -> Node? {
    guard enter() else { return nil }
    defer { leave() }
    var nodes: [Node?] = [parseExpression(0)]
    while current.is(.operator, ";") && error == nil {
      next()
      if current.is(.eof) { break }
      nodes.append(parseExpression(0))
    }
    if nodes.count == 1 { return nodes[0] }
    guard error == nil else { return nil }
    let present = nodes.compactMap { $0 }
    return make(.sequence(present), at: present.first?.span ?? current.span)
  }

  private mutating func parseExpression(_ precedence: Int) -> Node? {
    if error != nil { return nil }
    guard enter() else { return nil }
    defer { leave() }

    if precedence == 0 && current.is(.operator, "let") {
      return parseVariableDeclaration()
    }
    if precedence == 0 && current.is(.operator, "if") {
      return parseConditionalIf()
    }

    var left = parsePrimary()
    var previousOperator = ""
    var operatorToken = current
    loop: while operatorToken.is(.operator) && error == nil {
      let negate = operatorToken.is(.operator, "not")
      var notToken = operatorToken

      // `not in`, `not matches`, …
      if negate {
        let backup = current
        next()
        if Operators.allowsNegation(current.value) {
          if let info = Operators.binary[current.value], info.precedence >= precedence {
            notToken = current
            operatorToken = current
          } else {
            stashed = current
            current = backup
            break loop
          }
        } else {
          fail("unexpected token \(current)")
          break loop
        }
      }

      guard let info = Operators.binary[operatorToken.value], info.precedence >= precedence else {
        break loop
      }
      next()

      if operatorToken.value == "|" {
        let identifier = current
        expect(.identifier)
        left = parseCall(identifier, arguments: [left], checkOverrides: true)
      } else if previousOperator == "??" && operatorToken.value != "??" && !operatorToken.is(.bracket, "(") {
        fail(
          at: operatorToken,
          "Operator (\(operatorToken.value)) and coalesce expressions (??) cannot be mixed. Wrap either by parentheses."
        )
        break loop
      } else if Operators.isComparison(operatorToken.value) {
        left = parseComparison(left, operatorToken, precedence: info.precedence)
      } else {
        let right =
          info.associativity == .left ? parseExpression(info.precedence + 1) : parseExpression(info.precedence)
        guard let l = left, let r = right,
          let binary = make(.binary(operatorToken.value, l, r), at: operatorToken.span)
        else {
          _ = make(.nilLiteral, at: operatorToken.span)
          return nil
        }
        left = binary
        if negate {
          guard let negated = make(.unary("not", binary), at: notToken.span) else { return nil }
          left = negated
        }
      }
      previousOperator = operatorToken.value
      operatorToken = current
    }

    if precedence == 0 {
      left = parseConditional(left)
    }
    return left
  }

  private mutating func parseVariableDeclaration() -> Node? {
    expect(.operator, "let")
    let name = current
    expect(.identifier)
    expect(.operator, "=")
    let value = parseExpression(0)
    expect(.operator, ";")
    let body = parseSequenceExpression()
    guard let value, let body else { return nil }
    return make(.variable(name: name.value, value: value, body: body), at: name.span)
  }

  private mutating func parseConditionalIf() -> Node? {
    let ifToken = current
    next()
    if error != nil { return nil }
    let condition = parseExpression(0)
    expect(.bracket, "{")
    let then = parseSequenceExpression()
    expect(.bracket, "}")
    expect(.operator, "else")
    var otherwise: Node?
    if current.is(.operator, "if") {
      otherwise = parseConditionalIf()
    } else {
      expect(.bracket, "{")
      otherwise = parseSequenceExpression()
      expect(.bracket, "}")
    }
    guard error == nil, let condition, let then, let otherwise else { return nil }
    // expr builds this node without a location; the `if` keyword is the honest place to point at.
    return Node(.conditional(condition, then, otherwise), at: ifToken.span)
  }

  private mutating func parseConditional(_ start: Node?) -> Node? {
    var node = start
    while current.is(.operator, "?") && error == nil {
      next()
      let whenTrue: Node?
      let whenFalse: Node?
      if !current.is(.operator, ":") {
        whenTrue = parseExpression(0)
        expect(.operator, ":")
        whenFalse = parseExpression(0)
      } else {
        next()
        whenTrue = node
        whenFalse = parseExpression(0)
      }
      guard let condition = node, let whenTrue, let whenFalse,
        let conditional = make(.conditional(condition, whenTrue, whenFalse), at: current.span)
      else { return nil }
      node = conditional
    }
    return node
  }

  private mutating func parsePrimary() -> Node? {
    guard enter() else { return nil }
    defer { leave() }
    let token = current

    if token.is(.operator), let info = Operators.unary[token.value] {
      next()
      let operand = parseExpression(info.precedence)
      guard let operand, let node = make(.unary(token.value, operand), at: token.span) else {
        _ = make(.nilLiteral, at: token.span)
        return nil
      }
      return parsePostfixExpression(node)
    }

    if token.is(.bracket, "(") {
      next()
      let inner = parseSequenceExpression()
      expect(.bracket, ")")
      return parsePostfixExpression(inner)
    }

    if predicateDepth > 0 && (token.is(.operator, "#") || token.is(.operator, ".")) {
      var name = ""
      if token.is(.operator, "#") {
        next()
        if current.is(.identifier) {
          name = current.value
          next()
        }
      }
      guard let node = make(.pointer(name), at: token.span) else { return nil }
      return parsePostfixExpression(node)
    }

    if token.is(.operator, "::") {
      next()
      let name = current
      expect(.identifier)
      return parsePostfixExpression(parseCall(name, arguments: [], checkOverrides: false))
    }

    return parseSecondary()
  }

  private mutating func parseSecondary() -> Node? {
    let token = current
    var node: Node?

    switch token.kind {
    case .identifier:
      next()
      switch token.value {
      case "true": return make(.bool(true), at: token.span)
      case "false": return make(.bool(false), at: token.span)
      case "nil": return make(.nilLiteral, at: token.span)
      default:
        if current.is(.bracket, "(") {
          node = parseCall(token, arguments: [], checkOverrides: true)
        } else {
          node = make(.identifier(token.value), at: token.span)
        }
      }

    case .number:
      next()
      return parseNumber(token)

    case .string:
      next()
      node = make(.string(token.value), at: token.span)

    case .bytes:
      next()
      node = make(.bytes(token.value.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }), at: token.span)

    default:
      if token.is(.bracket, "[") {
        node = parseArrayExpression(token)
      } else if token.is(.bracket, "{") {
        node = parseMapExpression(token)
      } else {
        fail("unexpected token \(token)")
      }
    }
    return parsePostfixExpression(node)
  }

  private mutating func parseNumber(_ token: Token) -> Node? {
    let value = token.value.replacingOccurrences(of: "_", with: "")
    let lower = value.lowercased()
    let kind: NodeKind?
    if lower.hasPrefix("0x") {
      kind = integerLiteral(value, radix: 16, skip: 2, what: "hex")
    } else if lower.contains(".") || lower.contains("e") {
      switch GoNumberParsing.parseFloat(value) {
      case .success(let number):
        kind = .float(number)
      case .failure(let message):
        fail("invalid float literal: \(message)")
        kind = .float(0)
      }
    } else if lower.hasPrefix("0b") {
      kind = integerLiteral(value, radix: 2, skip: 2, what: "binary")
    } else if lower.hasPrefix("0o") {
      kind = integerLiteral(value, radix: 8, skip: 2, what: "octal")
    } else {
      kind = integerLiteral(value, radix: 10, skip: 0, what: "integer")
    }
    guard let kind else { return nil }
    // expr sets the literal's location after creating it, so it points at the number itself.
    guard var node = make(kind, at: token.span) else { return nil }
    node.span = token.span
    return node
  }

  private mutating func integerLiteral(_ text: String, radix: Int, skip: Int, what: String) -> NodeKind {
    switch GoNumberParsing.parseInt(text, radix: radix, prefixLength: skip) {
    case .success(let number): return .integer(number)
    case .failure(let message):
      fail("invalid \(what) literal: \(message)")
      return .integer(0)
    }
  }

  private mutating func parseCall(_ token: Token, arguments: [Node?], checkOverrides: Bool) -> Node? {
    let isOverridden = checkOverrides && overridden.contains(token.value)

    if let kinds = Self.predicates[token.value], !isOverridden {
      expect(.bracket, "(")
      var arguments = arguments
      let remaining = kinds.dropFirst(arguments.count)
      for (index, kind) in remaining.enumerated() {
        let optional = kind == .optionalPredicate || kind == .optionalExpression
        if optional {
          if current.is(.bracket, ")") { break }
        } else if current.is(.bracket, ")") {
          fail("expected at least \(remaining.count) arguments")
        }
        if index > 0 { expect(.operator, ",") }
        switch kind {
        case .expression, .optionalExpression: arguments.append(parseExpression(0))
        case .predicate, .optionalPredicate: arguments.append(parsePredicate())
        }
      }
      if current.is(.operator, ",") { next() }
      expect(.bracket, ")")
      guard error == nil else { return nil }
      return make(.builtin(token.value, arguments.compactMap { $0 }), at: token.span)
    }

    if Builtins.isBuiltin(token.value) && !isOverridden {
      let parsed = parseArguments(arguments)
      guard error == nil else { return nil }
      return make(.builtin(token.value, parsed.compactMap { $0 }), at: token.span)
    }

    guard let callee = make(.identifier(token.value), at: token.span) else { return nil }
    let parsed = parseArguments(arguments)
    guard error == nil else { return nil }
    return make(.call(callee, parsed.compactMap { $0 }), at: token.span)
  }

  private mutating func parseArguments(_ initial: [Node?]) -> [Node?] {
    var arguments = initial
    let offset = arguments.count
    expect(.bracket, "(")
    while !current.is(.bracket, ")") && error == nil {
      if arguments.count > offset { expect(.operator, ",") }
      if current.is(.bracket, ")") { break }
      arguments.append(parseExpression(0))
    }
    expect(.bracket, ")")
    return arguments
  }

  private mutating func parsePredicate() -> Node? {
    let start = current
    var withBrackets = false
    if current.is(.bracket, "{") {
      next()
      withBrackets = true
    }
    predicateDepth += 1
    let node: Node?
    if withBrackets {
      node = parseSequenceExpression()
    } else {
      node = parseExpression(0)
      if current.is(.operator, ";") { fail("wrap predicate with brackets { and }") }
    }
    predicateDepth -= 1
    if withBrackets { expect(.bracket, "}") }
    guard let node else { return nil }
    return make(.predicate(node), at: start.span)
  }

  private mutating func parseArrayExpression(_ token: Token) -> Node? {
    var nodes: [Node?] = []
    expect(.bracket, "[")
    while !current.is(.bracket, "]") && error == nil {
      if !nodes.isEmpty {
        expect(.operator, ",")
        if current.is(.bracket, "]") { break }
      }
      nodes.append(parseExpression(0))
    }
    expect(.bracket, "]")
    guard error == nil else { return nil }
    return make(.array(nodes.compactMap { $0 }), at: token.span)
  }

  private mutating func parseMapExpression(_ token: Token) -> Node? {
    expect(.bracket, "{")
    var pairs: [Node] = []
    while !current.is(.bracket, "}") && error == nil {
      if !pairs.isEmpty {
        expect(.operator, ",")
        if current.is(.bracket, "}") { break }
        if current.is(.operator, ",") { fail("unexpected token \(current)") }
      }
      var key: Node?
      if current.is(.number) || current.is(.string) || current.is(.identifier) {
        key = make(.string(current.value), at: current.span)
        next()
      } else if current.is(.bracket, "(") {
        key = parseExpression(0)
      } else {
        fail(
          "a map key must be a quoted string, a number, a identifier, or an expression enclosed in parentheses (unexpected token \(current))"
        )
      }
      expect(.operator, ":")
      let value = parseExpression(0)
      guard let key, let value, let pair = make(.pair(key, value), at: token.span) else { return nil }
      pairs.append(pair)
    }
    expect(.bracket, "}")
    guard error == nil else { return nil }
    return make(.map(pairs), at: token.span)
  }

  private mutating func parsePostfixExpression(_ start: Node?) -> Node? {
    var node = start
    var postfix = current
    while (postfix.is(.operator) || postfix.is(.bracket)) && error == nil {
      let optional = postfix.value == "?."
      var token = postfix
      if token.value == "." || token.value == "?." {
        next()
        let property = current
        if optional && property.is(.bracket, "[") {
          token = property
        } else {
          next()
          if property.kind != .identifier
            && (property.kind != .operator || !CharacterClass.isValidIdentifier(property.value))
          {
            fail("expected name")
          }
          guard let base = node, let name = make(.string(property.value), at: property.span) else { return nil }
          var chainBase = base
          var isChain = false
          if case .chain(let inner) = base.kind {
            chainBase = inner
            isChain = true
          }
          nodeCount += 1  // expr counts the member node it creates here
          if nodeCount > Self.maxNodes { fail("compilation failed: expression exceeds maximum allowed nodes") }
          if error != nil { return nil }
          var member = Node(.member(chainBase, property: name, optional: optional, method: false), at: property.span)
          if member.depth > Self.maxTreeHeight {
            fail("expression is nested too deeply for rollout-sim")
            return nil
          }
          if current.is(.bracket, "(") {
            member.kind = .member(chainBase, property: name, optional: optional, method: true)
            let arguments = parseArguments([])
            guard error == nil, let call = make(.call(member, arguments.compactMap { $0 }), at: property.span)
            else { return nil }
            node = call
          } else {
            node = member
          }
          if isChain || optional {
            guard let inner = node, let chain = make(.chain(inner), at: property.span) else { return nil }
            node = chain
          }
          postfix = current
          continue
        }
      }
      if token.value == "[" {
        guard enter() else { return nil }
        defer { leave() }
        next()
        if current.is(.operator, ":") {
          next()
          var to: Node?
          if !current.is(.bracket, "]") { to = parseExpression(0) }
          guard let base = node, let slice = make(.slice(base, from: nil, to: to), at: token.span) else {
            return nil
          }
          node = slice
          expect(.bracket, "]")
        } else {
          let from = parseExpression(0)
          if current.is(.operator, ":") {
            next()
            var to: Node?
            if !current.is(.bracket, "]") { to = parseExpression(0) }
            guard let base = node, let from, let slice = make(.slice(base, from: from, to: to), at: token.span)
            else { return nil }
            node = slice
            expect(.bracket, "]")
          } else {
            guard let base = node, let from,
              let member = make(.member(base, property: from, optional: optional, method: false), at: token.span)
            else { return nil }
            node = member
            if optional {
              guard let chain = make(.chain(member), at: token.span) else { return nil }
              node = chain
            }
            expect(.bracket, "]")
          }
        }
      } else {
        break
      }
      postfix = current
    }
    return node
  }

  private mutating func parseComparison(_ start: Node?, _ first: Token, precedence: Int) -> Node? {
    var left = start
    var token = first
    var root: Node?
    while true {
      let comparator = parseExpression(precedence + 1)
      guard let l = left, let r = comparator, let comparison = make(.binary(token.value, l, r), at: token.span)
      else { return nil }
      if let existing = root {
        guard let joined = make(.binary("&&", existing, comparison), at: token.span) else { return nil }
        root = joined
      } else {
        root = comparison
      }
      left = comparator
      token = current
      if !(token.is(.operator) && Operators.isComparison(token.value) && error == nil) { break }
      next()
    }
    return root
  }
}
