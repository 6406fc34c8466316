import TimeSeries

/// The type of a PromQL value, as the type checker and the result report it.
public enum ValueType: String, Sendable, Hashable {
  case none
  case scalar
  case vector
  case matrix
  case string

  /// The user-facing name Prometheus prints in type errors ("instant vector", "range vector").
  public var documentedName: String {
    switch self {
    case .vector: "instant vector"
    case .matrix: "range vector"
    default: rawValue
    }
  }
}

/// A parsed PromQL expression. Node kinds are listed alphabetically, as in Prometheus' `ast.go`.
public indirect enum Expr: Sendable {
  case aggregate(AggregateExpr)
  case binary(BinaryExpr)
  case call(CallExpr)
  case matrixSelector(MatrixSelector)
  case number(NumberLiteral)
  case paren(ParenExpr)
  case string(StringLiteral)
  case subquery(SubqueryExpr)
  case unary(UnaryExpr)
  case vectorSelector(VectorSelector)

  /// Where the node is in the query text.
  public var range: PositionRange {
    switch self {
    case .aggregate(let e): e.range
    case .binary(let e): e.lhs.range.merged(with: e.rhs.range)
    case .call(let e): e.range
    case .matrixSelector(let e): e.range
    case .number(let e): e.range
    case .paren(let e): e.range
    case .string(let e): e.range
    case .subquery(let e): e.range
    case .unary(let e): e.range
    case .vectorSelector(let e): e.range
    }
  }

  /// The static type of the expression.
  public var type: ValueType {
    switch self {
    case .aggregate: .vector
    case .binary(let e): e.lhs.type == .scalar && e.rhs.type == .scalar ? .scalar : .vector
    case .call(let e): e.function.returnType
    case .matrixSelector: .matrix
    case .number: .scalar
    case .paren(let e): e.expr.type
    case .string: .string
    case .subquery: .matrix
    case .unary(let e): e.expr.type
    case .vectorSelector: .vector
    }
  }

  /// The expression without enclosing parentheses.
  public var unwrapped: Expr {
    if case .paren(let p) = self { return p.expr.unwrapped }
    return self
  }
}

/// `@ <timestamp>`, `@ start()` or `@ end()`.
public enum AtModifier: Sendable, Hashable {
  case timestamp(Int64)  // milliseconds
  case start
  case end
}

/// `sum by (job) (x)`, `topk(3, x)`, `count_values("v", x)` …
public struct AggregateExpr: Sendable {
  public var op: AggregateOperator  // the aggregation
  public var expr: Expr  // the vector being aggregated
  public var param: Expr?  // k of topk/bottomk/limitk, q of quantile, the label of count_values
  public var grouping: [String]  // labels of by/without, as written
  public var without: Bool  // `without` rather than `by`
  public var range: PositionRange  // from the operator to the closing parenthesis
  /// The aggregation's number within its query (parse order), which keys the engine's cache of how
  /// to evaluate it.
  var ordinal = 0
}

/// `lhs op rhs` with its matching modifiers.
public struct BinaryExpr: Sendable {
  public var op: BinaryOperator  // the operator
  public var lhs: Expr  // left operand
  public var rhs: Expr  // right operand
  public var matching: VectorMatching?  // on/ignoring/group_*; nil unless both sides are vectors
  public var returnBool: Bool  // the `bool` modifier of comparisons
  /// The operation's number within its query (parse order), which keys the engine's cache of how to
  /// evaluate it.
  var ordinal = 0
}

/// How the two sides of a vector/vector operation are paired.
public struct VectorMatching: Sendable, Hashable {
  public enum Cardinality: String, Sendable, Hashable {
    case oneToOne = "one-to-one"
    case manyToOne = "many-to-one"
    case oneToMany = "one-to-many"
    case manyToMany = "many-to-many"
  }
  public var cardinality: Cardinality  // which side may have several series per match
  public var matchingLabels: [String]  // labels of on(...)/ignoring(...)
  public var on: Bool  // `on` rather than `ignoring`
  public var include: [String]  // labels copied from the "one" side by group_left/group_right
}

/// `f(args…)`.
public struct CallExpr: Sendable {
  public var function: FunctionSignature  // the signature (implementations live in the engine)
  public var args: [Expr]  // arguments in order
  public var range: PositionRange  // from the name to the closing parenthesis
  /// The engine's implementation, resolved once when the query is parsed (nil: not implemented).
  var implementation: FunctionImplementation?
}

/// `selector[5m]`.
public struct MatrixSelector: Sendable {
  public var selector: VectorSelector  // the series and their offset / @
  public var rangeMilliseconds: Int64  // the window length
  public var range: PositionRange  // from the selector to the closing bracket (or modifier)
}

/// A number; durations written as numbers (`5m`) are seconds.
public struct NumberLiteral: Sendable {
  public var value: Double  // the value
  public var range: PositionRange  // where it is written, a leading sign included
}

/// `( expr )`.
public struct ParenExpr: Sendable {
  public var expr: Expr  // the enclosed expression
  public var range: PositionRange  // from `(` to `)`
}

/// A quoted string.
public struct StringLiteral: Sendable {
  public var value: String  // the unquoted value
  public var range: PositionRange  // the quotes included
}

/// `expr[range:step]`.
public struct SubqueryExpr: Sendable {
  public var expr: Expr  // the inner instant-vector expression
  public var rangeMilliseconds: Int64  // how far back
  public var stepMilliseconds: Int64?  // resolution; nil uses the engine's default
  public var offsetMilliseconds: Int64  // `offset`
  public var at: AtModifier?  // `@`
  public var range: PositionRange  // from the inner expression to the closing bracket (or modifier)
}

/// `-expr` or `+expr` (a sign in front of a number literal folds into the literal).
public struct UnaryExpr: Sendable {
  public var negate: Bool  // `-` rather than `+`
  public var expr: Expr  // the operand
  public var range: PositionRange  // from the sign to the end of the operand
}

/// `name{label="value", …}`.
public struct VectorSelector: Sendable {
  public var name: String?  // the metric name written outside the braces
  public var matchers: [LabelMatcher]  // all matchers, the name's included
  public var offsetMilliseconds: Int64  // `offset`
  public var at: AtModifier?  // `@`
  public var range: PositionRange  // the selector and its modifiers
  /// The selector's number within its query (parse order), which keys the engine's selection cache.
  public var ordinal: Int
}

/// The aggregation operators.
public enum AggregateOperator: String, Sendable, Hashable, CaseIterable {
  case sum, avg, count, min, max, group, stddev, stdvar, topk, bottomk, quantile
  case countValues = "count_values"
  case limitk
  case limitRatio = "limit_ratio"

  /// Whether the aggregation takes a parameter before the vector.
  public var takesParameter: Bool {
    switch self {
    case .topk, .bottomk, .quantile, .countValues, .limitk, .limitRatio: true
    default: false
    }
  }
}

/// The binary operators, with Prometheus' precedence.
public enum BinaryOperator: String, Sendable, Hashable {
  case add = "+", sub = "-", mul = "*", div = "/", mod = "%", pow = "^", atan2
  case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
  case and, or, unless

  public var isComparison: Bool {
    switch self {
    case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual: true
    default: false
    }
  }

  public var isSetOperator: Bool { self == .and || self == .or || self == .unless }

  /// Arithmetic changes what a series means, so its result loses the metric name.
  public var changesMetricSchema: Bool {
    switch self {
    case .add, .sub, .mul, .div, .mod, .pow, .atan2: true
    default: false
    }
  }

  /// Higher binds tighter: or < and/unless < comparisons < +,- < *,/,%,atan2 < ^.
  var precedence: Int {
    switch self {
    case .or: 1
    case .and, .unless: 2
    case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual: 3
    case .add, .sub: 4
    case .mul, .div, .mod, .atan2: 5
    case .pow: 6
    }
  }

  var isRightAssociative: Bool { self == .pow }
}
