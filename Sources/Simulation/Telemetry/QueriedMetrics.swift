import Foundation
import Manifests
import PromQL

/// The metric names the scenario's Prometheus queries can read. Emitting only those keeps a run's
/// cost to the series someone looks at (a full Istio family is ~20× the counters alone).
enum QueriedMetrics {
  /// Names selected by every Prometheus query of every template in `set`; nil when some query can't be
  /// narrowed (it does not parse, or selects by a name pattern), so everything must be emitted.
  static func names(in set: ManifestSet) -> Set<String>? {
    var names = Set<String>()
    for template in set.analysisTemplates + set.clusterAnalysisTemplates {
      for metric in template.spec.metrics {
        guard let query = metric.provider.prometheus?.query?.value else { continue }
        guard let selected = selectedNames(in: placeholderArgs(query)) else { return nil }
        names.formUnion(selected)
      }
    }
    return names
  }

  /// `{{args.x}}` tags become a plain word so the query parses; label values do not matter here.
  static func placeholderArgs(_ query: String) -> String {
    var out = ""
    var rest = Substring(query)
    while let open = rest.range(of: "{{") {
      out += rest[..<open.lowerBound]
      guard let close = rest[open.upperBound...].range(of: "}}") else {
        out += rest[open.lowerBound...]
        return out
      }
      out += "x"
      rest = rest[close.upperBound...]
    }
    return out + rest
  }

  static func selectedNames(in query: String) -> Set<String>? {
    guard let expr = try? PromQLParser.parse(query) else { return nil }
    var names = Set<String>()
    var narrow = true
    visit(expr) { selector in
      if let name = selector.name { names.insert(name) } else { narrow = false }
    }
    return narrow ? names : nil
  }

  static func visit(_ expr: Expr, _ body: (VectorSelector) -> Void) {
    switch expr {
    case .aggregate(let e):
      visit(e.expr, body)
      if let param = e.param { visit(param, body) }
    case .binary(let e):
      visit(e.lhs, body)
      visit(e.rhs, body)
    case .call(let e): for arg in e.args { visit(arg, body) }
    case .matrixSelector(let e): body(e.selector)
    case .paren(let e): visit(e.expr, body)
    case .subquery(let e): visit(e.expr, body)
    case .unary(let e): visit(e.expr, body)
    case .vectorSelector(let e): body(e)
    case .number, .string: break
    }
  }
}
