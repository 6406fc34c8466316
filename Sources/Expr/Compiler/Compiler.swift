/// Turns a checked, optimized tree into a tree of closures ("compiled closures" rather than expr's
/// bytecode: the same evaluation order and run-time checks, without an interpreter loop).
struct Compiler {
  let environment: Environment
  /// `let` variables in scope: name → slot.
  private var variables: [(String, Int)] = []
  private(set) var variableCount = 0
  /// Inside an optional chain, member accesses stop once the chain broke.
  private var chainDepth = 0

  init(environment: Environment) {
    self.environment = environment
  }

  mutating func compile(_ node: Node) -> Code {
    let span = node.span
    switch node.kind {
    case .nilLiteral:
      return { _ in .null }
    case .integer(let value):
      let constant = Value.int(value)
      return { _ in constant }
    case .float(let value):
      let constant = Value.float(value)
      return { _ in constant }
    case .bool(let value):
      let constant = Value.bool(value)
      return { _ in constant }
    case .string(let value):
      let constant = Value.string(value)
      return { _ in constant }
    case .bytes(let value):
      let constant = Value.bytes(value)
      return { _ in constant }
    case .constant(let value):
      return { _ in value }
    case .identifier(let name):
      return identifier(name)
    case .unary(let op, let operand):
      return unary(op, compile(operand), span)
    case .binary(let op, let left, let right):
      return binary(op, left, right, span)
    case .chain(let inner):
      chainDepth += 1
      let body = compile(inner)
      chainDepth -= 1
      return { (frame) throws(Located) in
        let saved = frame.chainBroken
        frame.chainBroken = false
        let value = try body(&frame)
        let broken = frame.chainBroken
        frame.chainBroken = saved
        return broken ? .null : value
      }
    case .member(let base, let property, let optional, _):
      // expr's filterFirst/filterLast: `filter(xs, p)[0]` is `find(xs, p)`, failing when nothing matches.
      if !optional, case .builtin("filter", let arguments) = base.kind, arguments.count == 2,
        case .integer(let index) = property.kind, index == 0 || index == -1,
        let code = predicateBuiltin(index == 0 ? "find" : "findLast", arguments, span, findThrows: true)
      {
        return code
      }
      return member(base, property, optional: optional, span)
    case .slice(let base, let from, let to):
      return slice(base, from, to, span)
    case .call(let callee, let arguments):
      return call(callee, arguments, span)
    case .builtin(let name, let arguments):
      return builtin(name, arguments, span)
    case .predicate(let body):
      return compile(body)
    case .pointer(let name):
      switch name {
      case "":
        return { (frame) throws(Located) in
          let scope = frame.scopes[frame.scopes.count - 1]
          if let message = scope.itemError { throw Located(message: message, span: span) }
          return scope.item
        }
      case "index": return { frame in .int(frame.scopes[frame.scopes.count - 1].index) }
      default: return { frame in frame.scopes[frame.scopes.count - 1].accumulator }
      }
    case .variable(let name, let value, let body):
      let valueCode = compile(value)
      let slot = variableCount
      variableCount += 1
      variables.append((name, slot))
      let bodyCode = compile(body)
      variables.removeLast()
      return { (frame) throws(Located) in
        frame.variables[slot] = try valueCode(&frame)
        return try bodyCode(&frame)
      }
    case .sequence(let nodes):
      let codes = nodes.map { compile($0) }
      return { (frame) throws(Located) in
        var last = Value.null
        for code in codes { last = try code(&frame) }
        return last
      }
    case .conditional(let condition, let whenTrue, let whenFalse):
      let c = compile(condition)
      let a = compile(whenTrue)
      let b = compile(whenFalse)
      return { (frame) throws(Located) in
        let test = try c(&frame)
        guard case .bool(let flag) = test else { throw Operations.conversionPanic(test, expected: "bool").at(span) }
        return flag ? try a(&frame) : try b(&frame)
      }
    case .array(let elements):
      let codes = elements.map { compile($0) }
      return { (frame) throws(Located) in
        var values: [Value] = []
        values.reserveCapacity(codes.count)
        for code in codes { values.append(try code(&frame)) }
        do throws(ExprPanic) { try frame.budget.grow(values.count) } catch { throw error.at(span) }
        return .list(values)
      }
    case .map(let pairs):
      let codes: [(Code, Code)] = pairs.compactMap { pair in
        guard case .pair(let key, let value) = pair.kind else { return nil }
        return (compile(key), compile(value))
      }
      return { (frame) throws(Located) in
        var pairs: [(Value, Value)] = []
        pairs.reserveCapacity(codes.count)
        for (keyCode, valueCode) in codes { pairs.append((try keyCode(&frame), try valueCode(&frame))) }
        // expr fills the map from the last pair to the first, so the first of duplicate keys wins.
        var entries: [String: Value] = [:]
        for (key, value) in pairs.reversed() {
          guard case .string(let name) = key else { throw Operations.conversionPanic(key, expected: "string").at(span) }
          entries[name] = value
        }
        do throws(ExprPanic) { try frame.budget.grow(codes.count) } catch { throw error.at(span) }
        return .map(entries)
      }
    case .pair(_, let value):
      return compile(value)
    }
  }

  // MARK: - Names

  private func identifier(_ name: String) -> Code {
    if let slot = variables.last(where: { $0.0 == name })?.1 {
      return { frame in frame.variables[slot] }
    }
    if name == "$env" {
      return { frame in .map(frame.environment.asMap) }
    }
    if let position = environment.position(of: name) {
      return { frame in frame.environment.values[position] }
    }
    // A builtin's name used as a value: expr fetches it from the environment map and gets nil.
    return { _ in .null }
  }

  // MARK: - Operators

  private func unary(_ op: String, _ operand: @escaping Code, _ span: SourceSpan) -> Code {
    switch op {
    case "!", "not":
      return { (frame) throws(Located) in
        let value = try operand(&frame)
        guard case .bool(let flag) = value else { throw Operations.conversionPanic(value, expected: "bool").at(span) }
        return .bool(!flag)
      }
    case "-":
      return { (frame) throws(Located) in
        let value = try operand(&frame)
        do throws(ExprPanic) { return try Operations.negate(value) } catch { throw error.at(span) }
      }
    default:
      return operand
    }
  }

  private mutating func binary(_ op: String, _ leftNode: Node, _ rightNode: Node, _ span: SourceSpan) -> Code {
    // expr's predicateCombination: `all(x, p) && all(x, q)` is evaluated as `all(x, p && q)` (likewise
    // `any … ||`, and `none … &&` as `none(x, p || q)`).
    if let combined = Self.combinedPredicate(op, leftNode, rightNode, span),
      case .builtin(let name, let arguments) = combined.kind,
      let code = predicateBuiltin(name, arguments, span)
    {
      return code
    }
    // expr's countAny and countThreshold: a count compared with a constant stops counting as soon as
    // the answer is known (which also skips errors in the elements it no longer looks at).
    if case .builtin("count", let arguments) = leftNode.kind, arguments.count == 2,
      case .integer(let bound) = rightNode.kind, bound >= 0
    {
      if (op == ">" && bound == 0) || (op == ">=" && bound == 1) {
        if let any = predicateBuiltin("any", arguments, leftNode.span) { return any }
      }
      let threshold: Int? =
        switch op {
        case ">", "<=": bound + 1
        case ">=", "<": bound
        default: nil
        }
      if let threshold, threshold > 1,
        let count = predicateBuiltin("count", arguments, leftNode.span, threshold: threshold)
      {
        let right = compile(rightNode)
        let ordering: Operations.Ordering =
          switch op {
          case ">": .more
          case "<=": .lessOrEqual
          case ">=": .moreOrEqual
          default: .less
          }
        return comparison(count, right, ordering, span)
      }
    }
    // `x in m..n` with an int x and literal bounds: a range test, no array (expr's inRange).
    if op == "in", leftNode.type == .int, case .binary("..", let low, let high) = rightNode.kind,
      case .integer(let from) = low.kind, case .integer(let to) = high.kind
    {
      let left = compile(leftNode)
      return { (frame) throws(Located) in
        guard case .int(let x) = try left(&frame) else { return .bool(false) }
        return .bool(x >= from && x <= to)
      }
    }
    // `x in ['a', 'b']`: expr turns the literal into a map[string]struct{}, so a non-string x fails.
    if op == "in", leftNode.type != .int, let strings = Self.stringLiterals(rightNode) {
      do {
        let set = Set(strings)
        let left = compile(leftNode)
        return { (frame) throws(Located) in
          switch try left(&frame) {
          case .null: return .bool(set.contains(""))
          case .string(let text): return .bool(set.contains(text))
          case let other:
            throw Located(
              message: "reflect.Value.MapIndex: value of type \(other.goTypeName) is not assignable to type string",
              span: span)
          }
        }
      }
    }

    let left = compile(leftNode)
    let right = compile(rightNode)
    switch op {
    case "==":
      return { (frame) throws(Located) in
        let a = try left(&frame)
        let b = try right(&frame)
        return .bool(Operations.equal(a, b))
      }
    case "!=":
      return { (frame) throws(Located) in
        let a = try left(&frame)
        let b = try right(&frame)
        return .bool(!Operations.equal(a, b))
      }
    case "or", "||":
      return { (frame) throws(Located) in
        let a = try left(&frame)
        guard case .bool(let flag) = a else { throw Operations.conversionPanic(a, expected: "bool").at(span) }
        return flag ? a : try right(&frame)
      }
    case "and", "&&":
      return { (frame) throws(Located) in
        let a = try left(&frame)
        guard case .bool(let flag) = a else { throw Operations.conversionPanic(a, expected: "bool").at(span) }
        return flag ? try right(&frame) : a
      }
    case "<": return comparison(left, right, .less, span)
    case ">": return comparison(left, right, .more, span)
    case "<=": return comparison(left, right, .lessOrEqual, span)
    case ">=": return comparison(left, right, .moreOrEqual, span)
    case "+":
      // Go does not charge string concatenation; we do, so `s + s + s …` cannot grow without bound.
      return { (frame) throws(Located) in
        let a = try left(&frame)
        let b = try right(&frame)
        do throws(ExprPanic) {
          let sum = try Operations.add(a, b)
          if case .string(let text) = sum { try frame.budget.grow(text.utf8.count) }
          return sum
        } catch {
          throw error.at(span)
        }
      }
    case "-": return arithmetic(left, right, span, Operations.subtract)
    case "*": return arithmetic(left, right, span, Operations.multiply)
    case "/": return arithmetic(left, right, span, Operations.divide)
    case "%": return arithmetic(left, right, span, Operations.modulo)
    case "**", "^": return arithmetic(left, right, span, Operations.exponent)
    case "in":
      return arithmetic(left, right, span) { (a, b) throws(ExprPanic) in .bool(try Access.contains(a, in: b)) }
    case "matches":
      if case .string(let pattern) = rightNode.kind, case .success(let regex) = RegexCache.compile(pattern) {
        return { (frame) throws(Located) in
          switch try left(&frame) {
          case .null: return .bool(false)
          case .string(let text): return .bool(regex.matches(text))
          case .bytes(let bytes): return .bool(regex.matches(String(decoding: bytes, as: UTF8.self)))
          case let other: throw Operations.conversionPanic(other, expected: "[]uint8").at(span)
          }
        }
      }
      return arithmetic(left, right, span) { (a, b) throws(ExprPanic) in
        if a.isNil || b.isNil { return .bool(false) }
        guard case .string(let pattern) = b else { throw Operations.conversionPanic(b, expected: "string") }
        switch a {
        case .string(let text): return .bool(try RegexCache.matches(pattern, text))
        case .bytes(let bytes): return .bool(try RegexCache.matches(pattern, String(decoding: bytes, as: UTF8.self)))
        default: throw Operations.conversionPanic(a, expected: "[]uint8")
        }
      }
    case "contains", "startsWith", "endsWith":
      return arithmetic(left, right, span) { (a, b) throws(ExprPanic) in
        if a.isNil || b.isNil { return .bool(false) }
        guard case .string(let text) = a else { throw Operations.conversionPanic(a, expected: "string") }
        guard case .string(let part) = b else { throw Operations.conversionPanic(b, expected: "string") }
        switch op {
        case "contains": return .bool(part.isEmpty || GoStrings.index(text, part, last: false) >= 0)
        case "startsWith": return .bool(GoStrings.hasPrefix(text, part))
        default: return .bool(GoStrings.hasSuffix(text, part))
        }
      }
    case "..":
      return { (frame) throws(Located) in
        let a = try left(&frame)
        let b = try right(&frame)
        do throws(ExprPanic) {
          let low = try Operations.toInt(a)
          let high = try Operations.toInt(b)
          let (difference, overflow) = high.subtractingReportingOverflow(low)
          let size = overflow ? Int.max : difference &+ 1
          try frame.budget.grow(max(0, size))
          return .list(size <= 0 ? [] : (low...high).map { .int($0) }, element: .int)
        } catch {
          throw error.at(span)
        }
      }
    case "??":
      return { (frame) throws(Located) in
        let a = try left(&frame)
        return a.isNil ? try right(&frame) : a
      }
    default:
      return { _ throws(Located) in throw Located(message: "unknown operator (\(op))", span: span) }
    }
  }

  static func combinedPredicate(_ op: String, _ left: Node, _ right: Node, _ span: SourceSpan) -> Node? {
    guard case .builtin(let name, let l) = left.kind, case .builtin(name, let r) = right.kind,
      l.count == 2, r.count == 2, l[0].type == r[0].type, l[0].description == r[0].description,
      case .predicate(let p) = l[1].kind, case .predicate(let q) = r[1].kind
    else { return nil }
    let combined: String
    switch (name, op) {
    case ("all", "and"), ("all", "&&"), ("any", "or"), ("any", "||"): combined = op
    case ("none", "and"): combined = "or"
    case ("none", "&&"): combined = "||"
    default: return nil
    }
    var body = Node(.binary(combined, p, q), at: span, type: .bool)
    // expr applies the rewrite again inside the combined predicate.
    if let nested = combinedPredicate(combined, p, q, span) { body = nested }
    let predicate = Node(.predicate(body), at: l[1].span, type: .predicate(.bool))
    return Node(.builtin(name, [l[0], predicate]), at: span, type: .bool)
  }

  /// The elements of a non-empty literal array made only of strings (folded or not).
  private static func stringLiterals(_ node: Node) -> [String]? {
    var strings: [String] = []
    switch node.kind {
    case .array(let elements):
      for element in elements {
        guard case .string(let text) = element.kind else { return nil }
        strings.append(text)
      }
    case .constant(.list(let values, _)):
      for value in values {
        guard case .string(let text) = value else { return nil }
        strings.append(text)
      }
    default:
      return nil
    }
    return strings.isEmpty ? nil : strings
  }

  private func comparison(_ left: @escaping Code, _ right: @escaping Code, _ ordering: Operations.Ordering, _ span: SourceSpan)
    -> Code
  {
    { (frame) throws(Located) in
      let a = try left(&frame)
      let b = try right(&frame)
      if case .float(let x) = a, case .float(let y) = b {
        return .bool(ordering.holds(x, y))
      }
      do throws(ExprPanic) { return .bool(try Operations.compare(a, b, ordering)) } catch { throw error.at(span) }
    }
  }

  private func arithmetic(
    _ left: @escaping Code, _ right: @escaping Code, _ span: SourceSpan,
    _ operation: @escaping @Sendable (Value, Value) throws(ExprPanic) -> Value
  ) -> Code {
    { (frame) throws(Located) in
      let a = try left(&frame)
      let b = try right(&frame)
      do throws(ExprPanic) { return try operation(a, b) } catch { throw error.at(span) }
    }
  }

  // MARK: - Access

  private mutating func member(_ baseNode: Node, _ propertyNode: Node, optional: Bool, _ span: SourceSpan) -> Code {
    let base = compile(baseNode)
    let property = compile(propertyNode)
    let inChain = chainDepth > 0
    // A known struct field needs no dynamic lookup.
    if case .structure(let structure) = baseNode.type, case .string(let name) = propertyNode.kind,
      let field = structure.fieldIndex(name), structure.method(name) == nil
    {
      return { (frame) throws(Located) in
        let object = try base(&frame)
        if inChain && frame.chainBroken { return .null }
        if optional && object.isNil {
          frame.chainBroken = true
          return .null
        }
        guard case .object(let value) = object else {
          throw Located(message: "cannot get \(name) from \(object.goTypeName)", span: span)
        }
        return value.fields[field]
      }
    }
    // `result[0]`, the most common access in conditions: a constant index into a Prometheus vector is
    // read directly (other values take the general path, with its errors).
    if case .integer(let index) = propertyNode.kind {
      let key = Value.int(index)
      return { (frame) throws(Located) in
        let object = try base(&frame)
        if inChain && frame.chainBroken { return .null }
        if optional && object.isNil {
          frame.chainBroken = true
          return .null
        }
        if case .floats(let floats) = object {
          let position = index < 0 ? floats.count &+ index : index
          if position >= 0 && position < floats.count { return .float(floats[position]) }
        }
        do throws(ExprPanic) { return try Access.fetch(object, key) } catch { throw error.at(span) }
      }
    }
    return { (frame) throws(Located) in
      let object = try base(&frame)
      if inChain && frame.chainBroken { return .null }
      if optional && object.isNil {
        frame.chainBroken = true
        return .null
      }
      let key = try property(&frame)
      do throws(ExprPanic) { return try Access.fetch(object, key) } catch { throw error.at(span) }
    }
  }

  private mutating func slice(_ baseNode: Node, _ fromNode: Node?, _ toNode: Node?, _ span: SourceSpan) -> Code {
    let base = compile(baseNode)
    let from = fromNode.map { compile($0) }
    let to = toNode.map { compile($0) }
    let inChain = chainDepth > 0
    return { (frame) throws(Located) in
      let value = try base(&frame)
      if inChain && frame.chainBroken { return .null }
      let upper: Value
      if let to {
        upper = try to(&frame)
      } else {
        do throws(ExprPanic) { upper = .int(try Access.length(value)) } catch { throw error.at(span) }
      }
      let lower: Value
      if let from {
        lower = try from(&frame)
      } else {
        lower = .int(0)
      }
      do throws(ExprPanic) { return try Access.slice(value, from: lower, to: upper) } catch { throw error.at(span) }
    }
  }
}
