/// Calls of environment functions and methods, and the non-predicate builtins.
extension Compiler {
  mutating func call(_ calleeNode: Node, _ argumentNodes: [Node], _ span: SourceSpan) -> Code {
    // expr evaluates the arguments before the callee.
    let arguments = argumentNodes.map { compile($0) }
    let callee = compile(calleeNode)
    let staticSignature: FunctionType? =
      if case .function(let signature) = calleeNode.type { signature } else { nil }
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
      if parameter == .any { continue }
      if argument.isNil && !typed { continue }
      if argument.type != parameter {
        if typed { throw Operations.conversionPanic(argument, expected: parameter.goName) }
        throw ExprPanic("reflect: Call using \(argument.goTypeName) as type \(parameter.goName)")
      }
    }
    return try function.body(arguments, CallContext(environment: environment))
  }

  mutating func builtin(_ name: String, _ argumentNodes: [Node], _ span: SourceSpan) -> Code {
    if let code = predicateBuiltin(name, argumentNodes, span) { return code }
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
}
