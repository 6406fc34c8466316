/// expr's type checker (checker/checker.go at v1.17.8) against a concrete environment: every name
/// has the Go type of the value the environment holds, as `expr.Compile(cond, expr.Env(env))` sees
/// it. It returns the tree with every node's `type` filled in, and keeps only the first error, in
/// the same visiting order as expr, so the message a user sees is the one Argo would show.
struct Checker {
  struct PredicateScope {
    var collection: ExprType
    var variables: [(String, ExprType)]
  }

  let environment: [String: ExprType]
  let source: ExprSource
  var error: ExprError?
  private var predicateScopes: [PredicateScope] = []
  private var variableScopes: [(String, ExprType)] = []

  init(environment: [String: ExprType], source: ExprSource) {
    self.environment = environment
    self.source = source
  }

  // MARK: - Errors

  @discardableResult
  mutating func fail(_ node: Node, _ message: String) -> ExprType {
    fail(at: node.span, message)
  }

  @discardableResult
  mutating func fail(at span: SourceSpan, _ message: String) -> ExprType {
    if error == nil {
      error = ExprError(stage: .type, message: message, span: span, source: source)
    }
    return .unknown
  }

  // MARK: - Dispatch

  mutating func visit(_ node: Node) -> Node {
    var result = node
    switch node.kind {
    case .nilLiteral:
      result.type = .nilType
    case .identifier(let name):
      result.type = identifier(node, name)
    case .integer:
      result.type = .int
    case .float:
      result.type = .float
    case .bool:
      result.type = .bool
    case .string:
      result.type = .string
    case .bytes:
      result.type = .bytes
    case .constant(let value):
      result.type = value.type
    case .unary(let op, let operand):
      let checked = visit(operand)
      result.kind = .unary(op, checked)
      result.type = unary(node, op, checked.type)
    case .binary(let op, let left, let right):
      let l = visit(left)
      let r = visit(right)
      result.kind = .binary(op, l, r)
      result.type = binary(node, op, l, r)
    case .chain(let inner):
      let checked = visit(inner)
      result.kind = .chain(checked)
      result.type = checked.type
    case .member:
      result = member(node)
    case .slice:
      result = slice(node)
    case .call:
      result = call(node)
    case .builtin:
      result = builtin(node)
    case .predicate(let body):
      let checked = visit(body)
      result.kind = .predicate(checked)
      result.type = .predicate(checked.type)
    case .pointer(let name):
      result.type = pointer(node, name)
    case .variable(let name, let value, let body):
      result = variable(node, name, value, body)
    case .sequence(let nodes):
      if nodes.isEmpty {
        result.type = fail(node, "empty sequence expression")
      } else {
        let checked = nodes.map { visit($0) }
        result.kind = .sequence(checked)
        result.type = checked.last!.type
      }
    case .conditional(let condition, let whenTrue, let whenFalse):
      result = conditional(node, condition, whenTrue, whenFalse)
    case .array(let elements):
      let checked = elements.map { visit($0) }
      result.kind = .array(checked)
      var same = true
      for index in checked.indices.dropFirst() where checked[index].type.kind != checked[index - 1].type.kind {
        same = false
      }
      result.type = same ? ExprType.arrayOf(checked.last?.type ?? .unknown) : .slice(.any)
    case .map(let pairs):
      result.kind = .map(pairs.map { visit($0) })
      result.type = .map(key: .string, value: .any)
    case .pair(let key, let value):
      result.kind = .pair(visit(key), visit(value))
      result.type = .nilType
    }
    return result
  }

  // MARK: - Names

  private mutating func identifier(_ node: Node, _ name: String) -> ExprType {
    for (variable, type) in variableScopes.reversed() where variable == name {
      return type
    }
    if name == "$env" { return .unknown }
    return lookup(node, name, strict: true, builtins: true)
  }

  /// expr's `ident`: an environment entry, else a builtin (as a function value), else an error.
  mutating func lookup(_ node: Node, _ name: String, strict: Bool, builtins: Bool) -> ExprType {
    if let type = environment[name] { return type }
    if builtins, Builtins.isBuiltin(name) {
      return .function(FunctionType(parameters: [.slice(.any)], results: [.any], isVariadic: true))
    }
    if strict { return fail(node, "unknown name \(name)") }
    return .unknown
  }

  private mutating func pointer(_ node: Node, _ name: String) -> ExprType {
    guard let scope = predicateScopes.last else {
      return fail(node, "cannot use pointer accessor outside predicate")
    }
    if name.isEmpty {
      if scope.collection.isUnknown { return .unknown }
      if scope.collection.isArray { return scope.collection.element }
      return fail(node, "cannot use \(scope.collection) as array")
    }
    for (variable, type) in scope.variables where variable == name {
      return type
    }
    return fail(node, "unknown pointer #\(name)")
  }

  mutating func beginPredicate(_ collection: ExprType, _ variables: [(String, ExprType)] = []) {
    predicateScopes.append(PredicateScope(collection: collection, variables: variables))
  }

  mutating func endPredicate() { predicateScopes.removeLast() }

  private mutating func variable(_ node: Node, _ name: String, _ value: Node, _ body: Node) -> Node {
    var result = node
    if environment[name] != nil {
      result.type = fail(node, "cannot redeclare \(name)")
      return result
    }
    if Builtins.isBuiltin(name) {
      result.type = fail(node, "cannot redeclare builtin \(name)")
      return result
    }
    if variableScopes.contains(where: { $0.0 == name }) {
      result.type = fail(node, "cannot redeclare variable \(name)")
      return result
    }
    let checkedValue = visit(value)
    variableScopes.append((name, checkedValue.type))
    let checkedBody = visit(body)
    variableScopes.removeLast()
    result.kind = .variable(name: name, value: checkedValue, body: checkedBody)
    result.type = checkedBody.type
    return result
  }

  // MARK: - Operators

  private mutating func unary(_ node: Node, _ op: String, _ operand: ExprType) -> ExprType {
    switch op {
    case "!", "not":
      if operand.isBool || operand.isUnknown { return .bool }
    case "+", "-":
      if operand.isNumber { return operand }
      if operand.isUnknown { return .unknown }
    default:
      return fail(node, "unknown operator (\(op))")
    }
    return fail(node, "invalid operation: \(op) (mismatched type \(operand))")
  }

  private mutating func binary(_ node: Node, _ op: String, _ leftNode: Node, _ rightNode: Node) -> ExprType {
    let l = leftNode.type
    let r = rightNode.type
    switch op {
    case "==", "!=":
      if l.isComparable(to: r) { return .bool }
    case "or", "||", "and", "&&":
      if l.isBool && r.isBool { return .bool }
      if l.maybeCompatible(with: r, .bool) { return .bool }
    case "<", ">", ">=", "<=":
      if l.isNumber && r.isNumber { return .bool }
      if l.isString && r.isString { return .bool }
      if l.maybeCompatible(with: r, .number, .string) { return .bool }
    case "-", "*":
      if l.isNumber && r.isNumber { return l.promotedNumeric(with: r) }
      if l.maybeCompatible(with: r, .number) { return .unknown }
    case "/", "**", "^":
      if l.isNumber && r.isNumber { return .float }
      if l.maybeCompatible(with: r, .number) { return .float }
    case "%":
      if l.isInteger && r.isInteger { return .int }
      if l.maybeCompatible(with: r, .integer) { return .int }
    case "+":
      if l.isNumber && r.isNumber { return l.promotedNumeric(with: r) }
      if l.isString && r.isString { return .string }
      if l.maybeCompatible(with: r, .number, .string) { return .unknown }
    case "in":
      if (l.isString || l.isUnknown) && r.isStruct { return .bool }
      if r.isMap {
        if !l.isUnknown && !l.isAssignable(to: r.key) {
          return fail(node, "cannot use \(l) as type \(r.key) in map key")
        }
        return .bool
      }
      if r.isArray {
        if !l.isComparable(to: r.element) {
          return fail(node, "cannot use \(l) as type \(r.element) in array")
        }
        return .bool
      }
      if l.isUnknown && r.isAny(of: [.string, .array, .map]) { return .bool }
      if r.isUnknown { return .bool }
    case "matches":
      if case .string(let pattern) = rightNode.kind, let message = RegexCache.compileError(pattern) {
        return fail(node, message)
      }
      if (l.isString || l.isByteSlice) && r.isString { return .bool }
      if l.maybeCompatible(with: r, .string) { return .bool }
    case "contains", "startsWith", "endsWith":
      if l.isString && r.isString { return .bool }
      if l.maybeCompatible(with: r, .string) { return .bool }
    case "..":
      if (l.isInteger && r.isInteger) || l.maybeCompatible(with: r, .integer) { return .array(.int) }
    case "??":
      if l.isNil && !r.isNil { return r }
      if !l.isNil && r.isNil { return l }
      if l.isNil && r.isNil { return .nilType }
      if r.isAssignable(to: l) { return l }
      return .unknown
    default:
      return fail(node, "unknown operator (\(op))")
    }
    return fail(node, "invalid operation: \(op) (mismatched types \(l) and \(r))")
  }

  // MARK: - Conditional

  private mutating func conditional(_ node: Node, _ condition: Node, _ whenTrue: Node, _ whenFalse: Node) -> Node {
    var result = node
    let c = visit(condition)
    if !c.type.isBool && !c.type.isUnknown {
      result.kind = .conditional(c, whenTrue, whenFalse)
      result.type = fail(c, "non-bool expression (type \(c.type)) used as condition")
      return result
    }
    let t1 = visit(whenTrue)
    let t2 = visit(whenFalse)
    result.kind = .conditional(c, t1, t2)
    let a = t1.type
    let b = t2.type
    if a.isNil && !b.isNil {
      result.type = b
    } else if !a.isNil && b.isNil {
      result.type = a
    } else if a.isNil && b.isNil {
      result.type = .nilType
    } else if a.isAssignable(to: b) {
      if a.isArray && b.isArray
        && (!a.element.isAssignable(to: b.element) || !b.element.isAssignable(to: a.element))
      {
        result.type = .slice(.any)
      } else {
        result.type = a
      }
    } else {
      result.type = .unknown
    }
    return result
  }
}
