/// The mutable state of one evaluation, threaded `inout` through the compiled closures.
struct Frame {
  var environment: Environment
  /// Values of `let` variables, by slot.
  var variables: [Value]
  /// Innermost last: the collections predicate builtins iterate.
  var scopes: [Scope] = []
  var budget = MemoryBudget()
  /// Set when an optional access `?.` met nil: the enclosing chain evaluates to nil.
  var chainBroken = false

  init(environment: Environment, variableCount: Int) {
    self.environment = environment
    self.variables = variableCount == 0 ? [] : Array(repeating: .null, count: variableCount)
  }
}

/// One predicate loop: the element `#`, its `#index`, and `#acc` for reduce.
struct Scope {
  var item: Value = .null
  /// Set when the collection cannot be indexed (a map): reading `#` fails with this, as reflect does
  /// in expr — a predicate that never reads `#` runs fine.
  var itemError: String?
  var index = 0
  var accumulator: Value = .null
}

/// An evaluation error with the place in the expression that raised it.
struct Located: Error {
  var message: String
  var span: SourceSpan
}

/// A compiled node.
typealias Code = @Sendable (inout Frame) throws(Located) -> Value

extension ExprPanic {
  func at(_ span: SourceSpan) -> Located { Located(message: message, span: span) }
}

/// The collection a predicate builtin walks, without copying Prometheus vectors into boxed values.
enum Iteration {
  case values([Value])
  case floats([Double])
  /// A map: reflect gives its length but cannot index it.
  case unindexable(count: Int, kind: String)

  init(_ collection: Value) throws(ExprPanic) {
    switch collection {
    case .floats(let floats): self = .floats(floats)
    case .map(let entries): self = .unindexable(count: entries.count, kind: "map")
    default: self = .values(try Access.elements(collection))
    }
  }

  var count: Int {
    switch self {
    case .values(let values): values.count
    case .floats(let floats): floats.count
    case .unindexable(let count, _): count
    }
  }

  /// The element, or nil when the collection cannot be indexed.
  subscript(index: Int) -> Value? {
    switch self {
    case .values(let values): values[index]
    case .floats(let floats): .float(floats[index])
    case .unindexable: nil
    }
  }

  var indexError: String? {
    if case .unindexable(_, let kind) = self { return "reflect: call of reflect.Value.Index on \(kind) Value" }
    return nil
  }
}
