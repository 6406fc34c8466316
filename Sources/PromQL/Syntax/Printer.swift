import TimeSeries

/// Prometheus' canonical text of an expression (`printer.go`), used in messages and round trips.
extension Expr: CustomStringConvertible {
  public var description: String {
    switch self {
    case .aggregate(let e):
      var out = e.op.rawValue
      if e.without || !e.grouping.isEmpty {
        out += e.without ? " without (" : " by ("
        out += e.grouping.joined(separator: ", ") + ") "
      }
      out += "("
      if let param = e.param { out += param.description + ", " }
      return out + e.expr.description + ")"
    case .binary(let e):
      var op = " " + e.op.rawValue + " "
      if e.returnBool { op += "bool " }
      if let m = e.matching {
        if m.on || !m.matchingLabels.isEmpty {
          op += (m.on ? "on" : "ignoring") + " (" + m.matchingLabels.joined(separator: ", ") + ") "
        }
        if m.cardinality == .manyToOne || m.cardinality == .oneToMany {
          op += (m.cardinality == .manyToOne ? "group_left" : "group_right")
          op += " (" + m.include.joined(separator: ", ") + ") "
        }
      }
      return e.lhs.description + op + e.rhs.description
    case .call(let e):
      return e.function.name + "(" + e.args.map(\.description).joined(separator: ", ") + ")"
    case .matrixSelector(let e):
      var selector = e.selector
      selector.offsetMilliseconds = 0
      selector.at = nil
      return Expr.vectorSelector(selector).description + "[" + PromDuration.format(milliseconds: e.rangeMilliseconds) + "]"
        + Self.modifiers(offset: e.selector.offsetMilliseconds, at: e.selector.at)
    case .number(let e):
      return GoFloat.format(e.value)
    case .paren(let e):
      return "(" + e.expr.description + ")"
    case .string(let e):
      return GoQuote.string(e.value)
    case .subquery(let e):
      let step = e.stepMilliseconds.map { PromDuration.format(milliseconds: $0) } ?? ""
      return e.expr.description + "[" + PromDuration.format(milliseconds: e.rangeMilliseconds) + ":" + step + "]"
        + Self.modifiers(offset: e.offsetMilliseconds, at: e.at)
    case .unary(let e):
      return (e.negate ? "-" : "+") + e.expr.description
    case .vectorSelector(let e):
      let others = e.matchers.filter { !($0.name == Labels.metricNameLabel && $0.op == .equal && $0.value == e.name) }
      var out = e.name ?? ""
      if !others.isEmpty || e.name == nil {
        out += "{" + others.map(\.description).joined(separator: ", ") + "}"
      }
      return out + Self.modifiers(offset: e.offsetMilliseconds, at: e.at)
    }
  }

  private static func modifiers(offset: Int64, at: AtModifier?) -> String {
    var out = ""
    switch at {
    case .timestamp(let ms): out += " @ " + GoFloat.format(Double(ms) / 1000)
    case .start: out += " @ start()"
    case .end: out += " @ end()"
    case nil: break
    }
    if offset > 0 { out += " offset " + PromDuration.format(milliseconds: offset) }
    if offset < 0 { out += " offset -" + PromDuration.format(milliseconds: -offset) }
    return out
  }
}
