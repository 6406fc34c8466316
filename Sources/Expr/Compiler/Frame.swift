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

  init(_ collection: Value) throws(ExprPanic) {
    switch collection {
    case .floats(let floats): self = .floats(floats)
    default: self = .values(try Access.elements(collection))
    }
  }

  var count: Int {
    switch self {
    case .values(let values): values.count
    case .floats(let floats): floats.count
    }
  }

  subscript(index: Int) -> Value {
    switch self {
    case .values(let values): values[index]
    case .floats(let floats): .float(floats[index])
    }
  }
}
