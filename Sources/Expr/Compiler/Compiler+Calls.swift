/// Calls of environment functions and methods, and the non-predicate builtins.
extension Compiler {
  mutating func call(_ calleeNode: Node, _ argumentNodes: [Node], _ span: SourceSpan) -> Code {
    // expr evaluates the arguments before the callee.
    let arguments = argumentNodes.map { compile($0) }
    let callee = compile(calleeNode)
    let staticSignature: FunctionType? =
      if case .function(let signature) = calleeNode.type { signature } else { nil }
    let typed = staticSignature != nil
    if arguments.count == 1 {
      // The usual `isNaN(result[0])`: one argument, called without walking an array of closures.
      let argument = arguments[0]
      return { (frame) throws(Located) in
        let value = try argument(&frame)
        if frame.chainBroken { return .null }
        let target = try callee(&frame)
        if frame.chainBroken { return .null }
        do throws(ExprPanic) {
          return try Self.invoke(target, value, typed: typed, environment: frame.environment)
        } catch {
          throw error.at(span)
        }
      }
    }
    return { (frame) throws(Located) in
      var values: [Value] = []
      values.reserveCapacity(arguments.count)
      for argument in arguments { values.append(try argument(&frame)) }
      if frame.chainBroken { return .null }
      let target = try callee(&frame)
      if frame.chainBroken { return .null }
      do throws(ExprPanic) {
        return try Self.invoke(target, values, typed: staticSignature != nil, environment: frame.environment)
      } catch {
        throw error.at(span)
      }
    }
  }

  /// `invoke` with one argument: a function made for one argument gets it without an array.
  static func invoke(_ target: Value, _ argument: Value, typed: Bool, environment: Environment) throws(ExprPanic)
    -> Value
  {
    guard case .function(let function) = target, let unary = function.unaryBody,
      !function.type.isVariadic, function.type.parameters.count == 1
    else {
      return try invoke(target, [argument], typed: typed, environment: environment)
    }
    // The check `invoke` makes of each argument.
    let parameter = function.type.parameters[0]
    if case .any = parameter {
    } else if argument.isNil && !typed {
    } else if !argument.has(type: parameter) {
      if typed { throw Operations.conversionPanic(argument, expected: parameter.goName) }
      throw ExprPanic("reflect: Call using \(argument.goTypeName) as type \(parameter.goName)")
    }
    return try unary(argument, CallContext(environment: environment))
  }

  /// Calls a function value: type-asserts arguments of concrete parameter types (expr's typed call
  /// fails with "interface conversion"), then runs the host function.
  static func invoke(_ target: Value, _ arguments: [Value], typed: Bool, environment: Environment) throws(ExprPanic)
    -> Value
  {
    guard case .function(let function) = target else {
      if target.isNil { throw ExprPanic("invalid operation: cannot call nil") }
      throw ExprPanic("invalid operation: cannot call non-function of type \(target.goTypeName)")
    }
    let signature = function.type
    let parameters = signature.parameters
    if signature.isVariadic {
      if arguments.count < parameters.count - 1 {
        throw ExprPanic(
          "invalid number of arguments: expected at least \(parameters.count - 1), got \(arguments.count)")
      }
    } else if arguments.count != parameters.count {
      throw ExprPanic("invalid number of arguments: expected \(parameters.count), got \(arguments.count)")
    }
    for (index, argument) in arguments.enumerated() {
      let parameter =
        signature.isVariadic && index >= parameters.count - 1
        ? parameters[parameters.count - 1].element : parameters[index]
      if case .any = parameter { continue }
      if argument.isNil && !typed { continue }
      if !argument.has(type: parameter) {
        if typed { throw Operations.conversionPanic(argument, expected: parameter.goName) }
        throw ExprPanic("reflect: Call using \(argument.goTypeName) as type \(parameter.goName)")
      }
    }
    return try function.body(arguments, CallContext(environment: environment))
  }

  mutating func builtin(_ name: String, _ argumentNodes: [Node], _ span: SourceSpan) -> Code {
    if let total = Self.rangeSum(name, argumentNodes) {
      let constant = Value.int(total)
      return { _ in constant }
    }
    if let code = predicateBuiltin(name, argumentNodes, span) { return code }
    // expr's filterLen: `len(filter(xs, p))` counts without building the filtered array.
    if name == "len", argumentNodes.count == 1, case .builtin("filter", let inner) = argumentNodes[0].kind,
      inner.count == 2, let count = predicateBuiltin("count", inner, span)
    {
      return count
    }
    let arguments = argumentNodes.map { compile($0) }

    if name == "get" {
      return { (frame) throws(Located) in
        let from = try arguments[0](&frame)
        let key = try arguments[1](&frame)
        do throws(ExprPanic) { return try Self.get(from, key) } catch { throw error.at(span) }
      }
    }
    // `len` is on the hot path of most conditions; spare it the argument array.
    if name == "len", arguments.count == 1 {
      let argument = arguments[0]
      return { (frame) throws(Located) in
        let value = try argument(&frame)
        if case .floats(let floats) = value { return .int(floats.count) }
        do throws(ExprPanic) { return .int(try Access.builtinLength(value)) } catch { throw error.at(span) }
      }
    }
    guard let descriptor = Builtins.descriptor(name) else {
      return { _ throws(Located) in throw Located(message: "unknown builtin \(name)", span: span) }
    }
    let run = descriptor.run
    return { (frame) throws(Located) in
      var values: [Value] = []
      values.reserveCapacity(arguments.count)
      for argument in arguments { values.append(try argument(&frame)) }
      do throws(ExprPanic) { return try run(values, &frame.budget) } catch { throw error.at(span) }
    }
  }

  /// expr's `get`: like indexing, but nil instead of an error when there is nothing there.
  static func get(_ from: Value, _ key: Value) throws(ExprPanic) -> Value {
    switch from {
    case .null: return .null
    case .floats, .list, .string, .bytes:
      let count = (try? Access.length(from)) ?? 0
      var index = try Operations.toInt(key)
      if index < 0 { index += count }
      guard index >= 0 && index < count else { return .null }
      return (try? Access.fetch(from, .int(index))) ?? .null
    case .map(let entries):
      switch key {
      case .string(let name): return entries[name] ?? .null
      case .null: return entries[""] ?? .null
      default: return .null
      }
    case .object(let object):
      guard case .string(let name) = key else { throw Operations.conversionPanic(key, expected: "string") }
      if let method = object.type.method(name) { return Access.boundMethod(object, method) }
      return object.type.fieldIndex(name).map { object.fields[$0] } ?? .null
    default:
      return .null
    }
  }

  /// expr's sumRange: `sum(m..n)`, `sum(m..n, # * k)` (and `+ k`, `- k`) and `reduce(m..n, # + #acc)`
  /// over literal bounds are computed at compile time (so they never touch the memory budget).
  static func rangeSum(_ name: String, _ arguments: [Node]) -> Int? {
    guard name == "sum" || name == "reduce", let first = arguments.first,
      case .binary("..", let low, let high) = first.kind, case .integer(let m) = low.kind,
      case .integer(let n) = high.kind, n >= m
    else { return nil }
    let count = n &- m &+ 1
    let total = count &* (m &+ n) / 2
    if name == "sum" {
      if arguments.count == 1 { return total }
      guard arguments.count == 2, case .predicate(let body) = arguments[1].kind else { return nil }
      if case .pointer("") = body.kind { return total }
      guard case .binary(let op, let left, let right) = body.kind else { return nil }
      var constant: Int?
      var pointerOnLeft = false
      if case .pointer("") = left.kind, case .integer(let k) = right.kind {
        constant = k
        pointerOnLeft = true
      } else if case .integer(let k) = left.kind, case .pointer("") = right.kind {
        constant = k
      }
      guard let k = constant else { return nil }
      switch op {
      case "*": return k &* total
      case "+": return total &+ count &* k
      case "-": return pointerOnLeft ? total &- count &* k : count &* k &- total
      default: return nil
      }
    }
    guard arguments.count >= 2, case .predicate(let body) = arguments[1].kind,
      case .binary("+", let left, let right) = body.kind
    else { return nil }
    let pointerPlusAcc: Bool =
      switch (left.kind, right.kind) {
      case (.pointer(""), .pointer("acc")), (.pointer("acc"), .pointer("")): true
      default: false
      }
    guard pointerPlusAcc else { return nil }
    if arguments.count == 3 {
      guard case .integer(let initial) = arguments[2].kind else { return nil }
      return initial &+ total
    }
    return total
  }
}
