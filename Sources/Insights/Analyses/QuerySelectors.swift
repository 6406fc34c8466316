import PromQL
import TimeSeries

/// One vector selector of a query and the aggregations around it.
struct SelectorUse: Sendable {
  /// How an enclosing aggregation treats labels.
  enum Grouping: Sendable {
    case by(Set<String>)
    case without(Set<String>)

    func keeps(_ label: String) -> Bool {
      switch self {
      case .by(let labels): labels.contains(label)
      case .without(let labels): !labels.contains(label)
      }
    }
  }

  var selector: VectorSelector
  /// Aggregations enclosing the selector, innermost first.
  var groupings: [Grouping]
  /// How many selectors of the same metric name come before this one in the query.
  var occurrence: Int

  var metricName: String? {
    selector.name ?? selector.matchers.first { $0.name == Labels.metricNameLabel && $0.op == .equal }?.value
  }

  /// Matchers other than the metric name.
  var labelMatchers: [LabelMatcher] { selector.matchers.filter { $0.name != Labels.metricNameLabel } }

  /// Whether `label` still tells series apart in the query's result.
  func keeps(_ label: String) -> Bool { groupings.allSatisfy { $0.keeps(label) } }
}

enum QuerySelectors {
  /// Every vector selector of `expr`, in the order they are written.
  static func selectors(in expr: Expr) -> [SelectorUse] {
    var out: [SelectorUse] = []
    func add(_ selector: VectorSelector, _ groupings: [SelectorUse.Grouping]) {
      out.append(SelectorUse(selector: selector, groupings: groupings, occurrence: 0))
    }
    func visit(_ e: Expr, _ groupings: [SelectorUse.Grouping]) {
      switch e {
      case .aggregate(let a):
        let grouping: SelectorUse.Grouping = a.without ? .without(Set(a.grouping)) : .by(Set(a.grouping))
        if let param = a.param { visit(param, groupings) }
        visit(a.expr, [grouping] + groupings)
      case .binary(let b):
        visit(b.lhs, groupings)
        visit(b.rhs, groupings)
      case .call(let c): c.args.forEach { visit($0, groupings) }
      case .matrixSelector(let m): add(m.selector, groupings)
      case .paren(let p): visit(p.expr, groupings)
      case .subquery(let s): visit(s.expr, groupings)
      case .unary(let u): visit(u.expr, groupings)
      case .vectorSelector(let v): add(v, groupings)
      case .number, .string: break
      }
    }
    visit(expr, [])
    out.sort { $0.selector.range.start < $1.selector.range.start }
    var seen: [String: Int] = [:]
    for index in out.indices {
      let key = out[index].metricName ?? ""
      out[index].occurrence = seen[key, default: 0]
      seen[key] = out[index].occurrence + 1
    }
    return out
  }

  /// Whether the query is a ratio `a / b` (success or error share) at its top level.
  static func isRatio(_ expr: Expr) -> Bool {
    if case .binary(let b) = expr.unwrapped, b.op == .div { return true }
    return false
  }

  /// The selectors (by `ordinal`) whose matching nothing empties the whole result: both sides of
  /// arithmetic and comparisons, aggregated or not; not the sides of `or`, not the inside of
  /// `absent()`, `scalar()` or `vector()`.
  static func essentialOrdinals(_ expr: Expr) -> Set<Int> {
    switch expr {
    case .vectorSelector(let v): return [v.ordinal]
    case .matrixSelector(let m): return [m.selector.ordinal]
    case .aggregate(let a): return essentialOrdinals(a.expr)
    case .paren(let p): return essentialOrdinals(p.expr)
    case .unary(let u): return essentialOrdinals(u.expr)
    case .subquery(let s): return essentialOrdinals(s.expr)
    case .call(let c):
      if ["absent", "absent_over_time", "scalar", "vector", "time"].contains(c.function.name) { return [] }
      return c.args.reduce(into: Set<Int>()) { $0.formUnion(essentialOrdinals($1)) }
    case .binary(let b):
      switch b.op {
      case .or: return []
      case .unless: return essentialOrdinals(b.lhs)
      default: return essentialOrdinals(b.lhs).union(essentialOrdinals(b.rhs))
      }
    case .number, .string: return []
    }
  }

  /// `the numerator` / `the denominator` when the query is a ratio and the selector is on one side.
  static func side(of use: SelectorUse, in expr: Expr) -> String? {
    guard case .binary(let b) = expr.unwrapped, b.op == .div else { return nil }
    let start = use.selector.range.start
    if b.lhs.range.start <= start && start < b.lhs.range.end { return "the numerator" }
    if b.rhs.range.start <= start && start < b.rhs.range.end { return "the denominator" }
    return nil
  }

  /// The query parsed, or nil when it is not valid PromQL (the run reports that as an Error).
  static func parse(_ query: String) -> Expr? { try? PromQLParser.parse(query) }
}
