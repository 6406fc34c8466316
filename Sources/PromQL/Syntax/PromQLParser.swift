/// Entry point of the syntax layer: lex, parse (collecting errors with positions), and type-check
/// only a clean parse, as Prometheus' `parseExpr` does.
public enum PromQLParser {
  public static func parse(_ query: String) throws(ParseErrors) -> Expr {
    try parseCounting(query).expr
  }

  /// The expression and how many selectors, aggregations and binary operations it holds (their
  /// `ordinal`s run from 0).
  static func parseCounting(_ query: String) throws(ParseErrors)
    -> (expr: Expr, selectors: Int, aggregates: Int, binaries: Int)
  {
    var parser = Parser(query)
    let parsed = parser.parseQuery()
    guard let expr = parsed, parser.errors.isEmpty else {
      throw ParseErrors(query: query, errors: parser.errors)
    }
    var checker = TypeChecker(query: query)
    let checked = checker.check(expr)
    if !checker.errors.isEmpty { throw ParseErrors(query: query, errors: checker.errors) }
    return (checked, parser.selectorTotal, parser.aggregateTotal, parser.binaryTotal)
  }
}
