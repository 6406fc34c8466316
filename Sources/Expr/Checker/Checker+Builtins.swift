/// Builtin calls (checker.go: builtinNode, checkFunction, checkBuiltinGet).
extension Checker {
  private static let predicateBuiltins: Set<String> = [
    "all", "none", "any", "one", "filter", "map", "count", "sum", "find", "findLast", "findIndex",
    "findLastIndex", "groupBy", "sortBy", "reduce",
  ]

  mutating func builtin(_ node: Node) -> Node {
    guard case .builtin(let name, let arguments) = node.kind else { return node }
    var result = node
    if Self.predicateBuiltins.contains(name) {
      var checked = arguments
      result.type = predicateBuiltin(node, name, &checked)
      result.kind = .builtin(name, checked)
      return result
    }
    if name == "get" {
      var checked = arguments
      result.type = builtinGet(node, &checked)
      result.kind = .builtin(name, checked)
      return result
    }
    guard let descriptor = Builtins.descriptor(name) else {
      result.type = fail(node, "unknown builtin \(name)")
      return result
    }
    var checked = arguments
    result.type = checkFunction(descriptor, node, &checked)
    result.kind = .builtin(name, checked)
    return result
  }

  private mutating func checkFunction(_ descriptor: BuiltinDescriptor, _ node: Node, _ arguments: inout [Node])
    -> ExprType
  {
    switch descriptor.check {
    case .validate(let validate):
      arguments = arguments.map { visit($0) }
      let types: [ExprType?] = arguments.map { $0.type.isUnknown ? .any : $0.type.goType }
      switch validate(types) {
      case .success(let type): return type ?? .unknown
      case .failure(let message): return fail(node, message.text)
      }
    case .overloads(let signatures):
      var lastError: ExprError?
      for signature in signatures {
        var attempt = arguments
        switch checkArguments(descriptor.name, signature, &attempt, node) {
        case .success(let type):
          arguments = attempt
          return type
        case .failure(let failure):
          lastError = failure
        }
      }
      if let lastError, error == nil { error = lastError }
      return .unknown
    }
  }

  private mutating func builtinGet(_ node: Node, _ arguments: inout [Node]) -> ExprType {
    guard arguments.count == 2 else {
      return fail(node, "invalid number of arguments (expected 2, got \(arguments.count))")
    }
    arguments[0] = visit(arguments[0])
    arguments[1] = visit(arguments[1])
    let base = arguments[0].type
    let property = arguments[1].type
    if case .identifier("$env") = arguments[0].kind {
      if case .string(let name) = arguments[1].kind, let type = environment[name] { return type }
      return .unknown
    }
    if base.isUnknown { return .unknown }
    switch base.kind {
    case .slice:
      if !property.isInteger && !property.isUnknown {
        return fail(arguments[1], "non-integer slice index \(property)")
      }
      return base.element
    case .map:
      if !property.isAssignable(to: base.key) && !property.isUnknown {
        return fail(arguments[1], "cannot use \(property) to get an element from \(base)")
      }
      return base.element
    default:
      return fail(arguments[0], "type \(base) does not support indexing")
    }
  }

  /// The builtins that take a predicate: the collection must be an array; the predicate is checked
  /// with `#` bound to the collection's element type.
  private mutating func predicateBuiltin(_ node: Node, _ name: String, _ arguments: inout [Node]) -> ExprType {
    guard !arguments.isEmpty else { return fail(node, "unknown builtin \(name)") }
    arguments[0] = visit(arguments[0])
    let collection = arguments[0].type
    if !collection.isArray && !collection.isUnknown {
      return fail(arguments[0], "builtin \(name) takes only array (got \(collection))")
    }

    // `count(xs)` and `sum(xs)` without a predicate.
    if arguments.count == 1 {
      switch name {
      case "count": return .int
      case "sum": return collection.isUnknown ? .unknown : collection.element
      default: return fail(node, "unknown builtin \(name)")
      }
    }

    var scopeVariables: [(String, ExprType)] = []
    if name == "map" { scopeVariables = [("index", .int)] }
    if name == "reduce" { scopeVariables = [("index", .int), ("acc", .unknown)] }
    beginPredicate(collection, scopeVariables)
    arguments[1] = visit(arguments[1])
    endPredicate()
    let predicate = arguments[1].type

    if name == "sortBy", arguments.count == 3 {
      arguments[2] = visit(arguments[2])
      let order = arguments[2].type
      if !order.isString && !order.isUnknown {
        return fail(arguments[2], "sortBy order argument must be a string (got \(order))")
      }
    }
    if name == "reduce", arguments.count == 3 {
      arguments[2] = visit(arguments[2])
    }

    guard case .predicate(let body) = predicate else {
      return fail(arguments[1], "predicate should has one input and one output param")
    }
    if name == "reduce" {
      if body.isNil { return fail(arguments[1], "predicate should has two input and one output param") }
      return body
    }
    guard !body.isNil else {
      return fail(arguments[1], "predicate should has one input and one output param")
    }
    let out: ExprType = body.isUnknown ? .any : (body.goType ?? .any)

    switch name {
    case "all", "none", "any", "one":
      if !out.isBool && !out.isUnknown {
        return fail(arguments[1], "predicate should return boolean (got \(out))")
      }
      return .bool
    case "filter":
      if !out.isBool && !out.isUnknown {
        return fail(arguments[1], "predicate should return boolean (got \(out))")
      }
      if collection.isUnknown { return .slice(.any) }
      return ExprType.arrayOf(collection.element)
    case "map":
      return ExprType.arrayOf(body)
    case "count":
      if !out.isBool && !out.isUnknown {
        return fail(arguments[1], "predicate should return boolean (got \(out))")
      }
      return .int
    case "sum":
      return out
    case "find", "findLast":
      if !out.isBool && !out.isUnknown {
        return fail(arguments[1], "predicate should return boolean (got \(out))")
      }
      return collection.isUnknown ? .unknown : collection.element
    case "findIndex", "findLastIndex":
      if !out.isBool && !out.isUnknown {
        return fail(arguments[1], "predicate should return boolean (got \(out))")
      }
      return .int
    case "groupBy":
      return .map(key: .any, value: .slice(.any))
    case "sortBy":
      return collection
    default:
      return fail(node, "unknown builtin \(name)")
    }
  }
}
