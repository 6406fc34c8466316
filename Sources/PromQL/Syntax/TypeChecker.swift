import TimeSeries

/// Prometheus' `checkAST`: argument and operand types, modifier rules. It runs only on a query that
/// parsed cleanly, and normalises what it checks (set operators become many-to-many, vector
/// matching is dropped when a side is a scalar).
struct TypeChecker {
  private let bytes: [UInt8]
  private(set) var errors: [ParseError] = []

  init(query: String) {
    bytes = Array(query.utf8)
  }

  mutating func check(_ expr: Expr) -> Expr {
    var copy = expr
    _ = check(&copy)
    return copy
  }

  @discardableResult
  private mutating func check(_ expr: inout Expr) -> ValueType {
    switch expr {
    case .aggregate(var e):
      expectType(&e.expr, .vector, context: "aggregation expression")
      if var param = e.param {
        switch e.op {
        case .topk, .bottomk, .quantile, .limitk, .limitRatio:
          expectType(&param, .scalar, context: "aggregation parameter")
        case .countValues:
          expectType(&param, .string, context: "aggregation parameter")
        default: break
        }
        e.param = param
      }
      expr = .aggregate(e)

    case .binary(var e):
      let lt = check(&e.lhs)
      let rt = check(&e.rhs)
      var matching = e.matching ?? VectorMatching(cardinality: .oneToOne, matchingLabels: [], on: false, include: [])
      if e.returnBool && !e.op.isComparison {
        add("bool modifier can only be used on comparison operators", operatorRange(e))
      }
      if e.op.isComparison && !e.returnBool && lt == .scalar && rt == .scalar {
        add("comparisons between scalars must use BOOL modifier", operatorRange(e))
      }
      if e.op.isSetOperator && matching.cardinality == .oneToOne { matching.cardinality = .manyToMany }
      if matching.on {
        for label in matching.matchingLabels where matching.include.contains(label) {
          add("label \(GoQuote.string(label)) must not occur in ON and GROUP clause at once", operatorRange(e))
        }
      }
      let whole = e.lhs.range.merged(with: e.rhs.range)
      if lt != .scalar && lt != .vector {
        add("binary expression must contain only scalar and instant vector types", e.lhs.range)
      }
      if rt != .scalar && rt != .vector {
        add("binary expression must contain only scalar and instant vector types", e.rhs.range)
      }
      if lt != .vector || rt != .vector {
        if !matching.matchingLabels.isEmpty {
          add("vector matching only allowed between instant vectors", whole)
        }
        e.matching = nil
      } else {
        if e.op.isSetOperator {
          if matching.cardinality == .oneToMany || matching.cardinality == .manyToOne {
            add("no grouping allowed for \(GoQuote.string(e.op.rawValue)) operation", whole)
          }
          if matching.cardinality != .manyToMany {
            add("set operations must always be many-to-many", whole)
          }
        }
        e.matching = matching
      }
      if (lt == .scalar || rt == .scalar) && e.op.isSetOperator {
        add("set operator \(GoQuote.string(e.op.rawValue)) not allowed in binary scalar expression", whole)
      }
      expr = .binary(e)

    case .call(var e):
      let signature = e.function
      let declared = signature.argumentTypes.count
      if signature.variadic == 0 {
        if declared != e.args.count {
          add("expected \(declared) argument(s) in call to \(GoQuote.string(signature.name)), got \(e.args.count)", e.range)
        }
      } else {
        let minimum = declared - 1
        if minimum > e.args.count {
          add("expected at least \(minimum) argument(s) in call to \(GoQuote.string(signature.name)), got \(e.args.count)", e.range)
        } else if signature.variadic > 0, minimum + signature.variadic < e.args.count {
          add("expected at most \(minimum + signature.variadic) argument(s) in call to \(GoQuote.string(signature.name)), got \(e.args.count)", e.range)
        }
      }
      for i in e.args.indices {
        var argumentIndex = i
        if i >= declared {
          if signature.variadic == 0 { break }
          argumentIndex = declared - 1
        }
        guard argumentIndex >= 0 else { break }
        let t = check(&e.args[i])
        if t != signature.argumentTypes[argumentIndex] {
          add("expected type \(signature.argumentTypes[argumentIndex].documentedName) in call to function \(GoQuote.string(signature.name)), got \(t.documentedName)", e.args[i].range)
        }
      }
      expr = .call(e)

    case .paren(var e):
      check(&e.expr)
      expr = .paren(e)

    case .unary(var e):
      let t = check(&e.expr)
      if t != .scalar && t != .vector {
        add("unary expression only allowed on expressions of type scalar or instant vector, got \(GoQuote.string(t.documentedName))", e.range)
      }
      expr = .unary(e)

    case .subquery(var e):
      let t = check(&e.expr)
      if t != .vector {
        add("subquery is only allowed on instant vector, got \(t.rawValue) instead", e.range)
      }
      expr = .subquery(e)

    case .matrixSelector(let e):
      checkSelector(e.selector)

    case .vectorSelector(let e):
      checkSelector(e)

    case .number, .string:
      break
    }
    return expr.type
  }

  private mutating func checkSelector(_ selector: VectorSelector) {
    if let name = selector.name {
      for matcher in selector.matchers.dropLast() where matcher.name == Labels.metricNameLabel {
        add("metric name must not be set twice: \(GoQuote.string(name)) or \(GoQuote.string(matcher.value))", selector.range)
      }
      return
    }
    if !selector.matchers.contains(where: { !$0.matchesEmpty }) {
      add("vector selector must contain at least one non-empty matcher", selector.range)
    }
  }

  private mutating func expectType(_ expr: inout Expr, _ wanted: ValueType, context: String) {
    let t = check(&expr)
    if t != wanted {
      add("expected type \(wanted.documentedName) in \(context), got \(t.documentedName)", expr.range)
    }
  }

  /// The operator's own bytes: between the operands, spaces trimmed.
  private func operatorRange(_ e: BinaryExpr) -> PositionRange {
    var start = e.lhs.range.end
    var end = e.rhs.range.start - 1
    while start < bytes.count, start < end, Lexer.isSpace(bytes[start]) { start += 1 }
    while end > start, end < bytes.count, Lexer.isSpace(bytes[end]) { end -= 1 }
    return PositionRange(start: start, end: Swift.max(start + 1, end + 1))
  }

  private mutating func add(_ message: String, _ range: PositionRange) {
    errors.append(ParseError(message, at: range))
  }
}
