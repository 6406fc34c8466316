/// expr's constant folding (optimizer/fold.go), which runs after checking and changes what users
/// can observe: `1 % 0` becomes a compile error, `x and false` is false without evaluating `x`,
/// integer literals wrap like Go ints. A folded node keeps the place of the node it replaces.
struct Folder {
  private(set) var error: ExprError?
  let source: ExprSource

  init(source: ExprSource) {
    self.source = source
  }

  mutating func fold(_ root: Node) -> Node {
    var node = root
    for _ in 0..<1_000 {
      var changed = false
      node = visit(node, &changed)
      if error != nil || !changed { break }
    }
    return error == nil ? sumArrays(node) : node
  }

  /// expr's sumArray: `sum([a, b, c])` over a literal array that did not fold into a constant becomes
  /// `a + (b + c)` — so `sum([s, s])` concatenates strings where the `sum` loop would fail.
  private func sumArrays(_ node: Node) -> Node {
    var result = node
    switch node.kind {
    case .builtin("sum", let arguments) where arguments.count == 1:
      if case .array(let elements) = arguments[0].kind, elements.count >= 2 {
        let folded = elements.map(sumArrays)
        var sum = Node(
          .binary("+", folded[folded.count - 2], folded[folded.count - 1]), at: .zero,
          type: folded[folded.count - 2].type.promotedNumeric(with: folded[folded.count - 1].type))
        for element in folded.dropLast(2).reversed() {
          sum = Node(.binary("+", element, sum), at: .zero, type: node.type)
        }
        sum.span = node.span
        sum.type = node.type
        return sum
      }
    default:
      break
    }
    if case .constant = node.kind { return node }
    result.kind = Self.mapChildren(node.kind, sumArrays)
    return result
  }

  /// Rebuilds a node kind with `transform` applied to each child.
  static func mapChildren(_ kind: NodeKind, _ transform: (Node) -> Node) -> NodeKind {
    switch kind {
    case .unary(let op, let operand): .unary(op, transform(operand))
    case .binary(let op, let l, let r): .binary(op, transform(l), transform(r))
    case .chain(let inner): .chain(transform(inner))
    case .member(let base, let property, let optional, let method):
      .member(transform(base), property: transform(property), optional: optional, method: method)
    case .slice(let base, let from, let to): .slice(transform(base), from: from.map(transform), to: to.map(transform))
    case .call(let callee, let arguments): .call(transform(callee), arguments.map(transform))
    case .builtin(let name, let arguments): .builtin(name, arguments.map(transform))
    case .predicate(let body): .predicate(transform(body))
    case .variable(let name, let value, let body): .variable(name: name, value: transform(value), body: transform(body))
    case .sequence(let nodes): .sequence(nodes.map(transform))
    case .conditional(let c, let a, let b): .conditional(transform(c), transform(a), transform(b))
    case .array(let elements): .array(elements.map(transform))
    case .map(let pairs): .map(pairs.map(transform))
    case .pair(let key, let value): .pair(transform(key), transform(value))
    default: kind
    }
  }

  private mutating func visit(_ node: Node, _ changed: inout Bool) -> Node {
    var result = node
    // Children first, as expr's Walk.
    switch node.kind {
    case .unary(let op, let operand): result.kind = .unary(op, visit(operand, &changed))
    case .binary(let op, let l, let r): result.kind = .binary(op, visit(l, &changed), visit(r, &changed))
    case .chain(let inner): result.kind = .chain(visit(inner, &changed))
    case .member(let base, let property, let optional, let method):
      result.kind = .member(visit(base, &changed), property: visit(property, &changed), optional: optional, method: method)
    case .slice(let base, let from, let to):
      result.kind = .slice(
        visit(base, &changed), from: from.map { visit($0, &changed) }, to: to.map { visit($0, &changed) })
    case .call(let callee, let arguments):
      result.kind = .call(visit(callee, &changed), arguments.map { visit($0, &changed) })
    case .builtin(let name, let arguments): result.kind = .builtin(name, arguments.map { visit($0, &changed) })
    case .predicate(let body): result.kind = .predicate(visit(body, &changed))
    case .variable(let name, let value, let body):
      result.kind = .variable(name: name, value: visit(value, &changed), body: visit(body, &changed))
    case .sequence(let nodes): result.kind = .sequence(nodes.map { visit($0, &changed) })
    case .conditional(let c, let a, let b):
      result.kind = .conditional(visit(c, &changed), visit(a, &changed), visit(b, &changed))
    case .array(let elements): result.kind = .array(elements.map { visit($0, &changed) })
    case .map(let pairs): result.kind = .map(pairs.map { visit($0, &changed) })
    case .pair(let key, let value): result.kind = .pair(visit(key, &changed), visit(value, &changed))
    default: break
    }
    if let folded = foldNode(result) {
      changed = true
      return folded
    }
    return result
  }

  private func literal(_ kind: NodeKind, _ type: ExprType, replacing node: Node) -> Node {
    Node(kind, at: node.span, type: type)
  }

  /// The replacement for `node`, or nil when nothing folds.
  private mutating func foldNode(_ node: Node) -> Node? {
    switch node.kind {
    case .unary(let op, let operand):
      switch (op, operand.kind) {
      case ("-", .integer(let i)): return literal(.integer(0 &- i), .int, replacing: node)
      case ("-", .float(let f)): return literal(.float(-f), .float, replacing: node)
      case ("+", .integer(let i)): return literal(.integer(i), .int, replacing: node)
      case ("+", .float(let f)): return literal(.float(f), .float, replacing: node)
      case ("!", .bool(let b)), ("not", .bool(let b)): return literal(.bool(!b), .bool, replacing: node)
      default: return nil
      }
    case .binary(let op, let left, let right):
      return foldBinary(node, op, left, right)
    case .builtin("filter", let arguments) where arguments.count == 2:
      // `filter(filter(xs, p), q)` is `filter(xs, p && q)`.
      guard case .builtin("filter", let inner) = arguments[0].kind, inner.count == 2,
        case .predicate(let p) = inner[1].kind, case .predicate(let q) = arguments[1].kind
      else { return nil }
      let both = Node(.binary("&&", p, q), at: arguments[1].span, type: .bool)
      let predicate = Node(.predicate(both), at: arguments[1].span, type: .predicate(.bool))
      return Node(.builtin("filter", [inner[0], predicate]), at: node.span, type: node.type)
    case .array(let elements) where !elements.isEmpty:
      var values: [Value] = []
      for element in elements {
        switch element.kind {
        case .integer(let i): values.append(.int(i))
        case .float(let f): values.append(.float(f))
        case .string(let s): values.append(.string(s))
        case .bool(let b): values.append(.bool(b))
        default: return nil
        }
      }
      return literal(.constant(.list(values)), .slice(.any), replacing: node)
    default:
      return nil
    }
  }

  private mutating func foldBinary(_ node: Node, _ op: String, _ left: Node, _ right: Node) -> Node? {
    func number(_ node: Node) -> Operations.Number? {
      switch node.kind {
      case .integer(let i): .int(i)
      case .float(let f): .float(f)
      default: nil
      }
    }
    let a = number(left)
    let b = number(right)
    switch op {
    case "+", "-", "*":
      if case .string(let x) = left.kind, case .string(let y) = right.kind, op == "+" {
        return literal(.string(x + y), .string, replacing: node)
      }
      guard let a, let b else { return nil }
      if case .int(let x) = a, case .int(let y) = b {
        let value = op == "+" ? x &+ y : op == "-" ? x &- y : x &* y
        return literal(.integer(value), .int, replacing: node)
      }
      let x = a.asDouble
      let y = b.asDouble
      let value = op == "+" ? x + y : op == "-" ? x - y : x * y
      return literal(.float(value), .float, replacing: node)
    case "/":
      guard let a, let b else { return nil }
      return literal(.float(a.asDouble / b.asDouble), .float, replacing: node)
    case "%":
      guard case .integer(let x) = left.kind, case .integer(let y) = right.kind else { return nil }
      if y == 0 {
        if error == nil {
          error = ExprError(stage: .type, message: "integer divide by zero", span: node.span, source: source)
        }
        return nil
      }
      return literal(.integer(x.remainderReportingOverflow(dividingBy: y).partialValue), .int, replacing: node)
    case "**", "^":
      guard let a, let b else { return nil }
      return literal(.float(Operations.goPow(a.asDouble, b.asDouble)), .float, replacing: node)
    case "and", "&&":
      let x = boolean(left)
      let y = boolean(right)
      if x == true { return copying(right, into: node) }
      if y == true { return copying(left, into: node) }
      if x == false || y == false { return literal(.bool(false), .bool, replacing: node) }
      return nil
    case "or", "||":
      let x = boolean(left)
      let y = boolean(right)
      if x == false { return copying(right, into: node) }
      if y == false { return copying(left, into: node) }
      if x == true || y == true { return literal(.bool(true), .bool, replacing: node) }
      return nil
    case "==":
      if case .integer(let x) = left.kind, case .integer(let y) = right.kind {
        return literal(.bool(x == y), .bool, replacing: node)
      }
      if case .string(let x) = left.kind, case .string(let y) = right.kind {
        return literal(.bool(x.utf8.elementsEqual(y.utf8)), .bool, replacing: node)
      }
      if let x = boolean(left), let y = boolean(right) {
        return literal(.bool(x == y), .bool, replacing: node)
      }
      return nil
    default:
      return nil
    }
  }

  private func boolean(_ node: Node) -> Bool? {
    if case .bool(let b) = node.kind { return b }
    return nil
  }

  /// expr's `patchCopyType`: the surviving operand takes the replaced node's place and type.
  private func copying(_ survivor: Node, into node: Node) -> Node {
    var copy = survivor
    copy.span = node.span
    copy.type = node.type
    return copy
  }
}
