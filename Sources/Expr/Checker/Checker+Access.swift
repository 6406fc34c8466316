/// Member access, slicing and calls (checker.go: memberNode, sliceNode, callNode, checkArguments).
extension Checker {
  mutating func member(_ node: Node) -> Node {
    guard case .member(let base, let property, let optional, let method) = node.kind else { return node }
    var result = node

    // `$env.name` / `$env["name"]` looks the name up without builtins.
    // expr visits neither `$env` nor a computed property here.
    if case .identifier("$env") = base.kind {
      if case .string(let name) = property.kind {
        result.type = lookup(node, name, strict: !optional, builtins: false)
      } else {
        result.type = .unknown
      }
      return result
    }

    let checkedBase = visit(base)
    let checkedProperty = visit(property)
    result.kind = .member(checkedBase, property: checkedProperty, optional: optional, method: method)
    let baseType = checkedBase.type
    let propertyType = checkedProperty.type

    if baseType.isUnknown {
      result.type = .unknown
      return result
    }

    var name: String?
    if case .string(let text) = property.kind { name = text }

    if let name {
      if baseType.isNil {
        result.type = fail(node, "type nil has no field \(name)")
        return result
      }
      if case .structure(let structure) = baseType, let found = structure.method(name) {
        result.type = .function(found.type)
        return result
      }
    }

    switch baseType.kind {
    case .map:
      if !propertyType.isAssignable(to: baseType.key) && !propertyType.isUnknown {
        result.type = fail(checkedProperty, "cannot use \(propertyType) to get an element from \(baseType)")
        return result
      }
      result.type = baseType.element
      return result
    case .slice:
      if !propertyType.isInteger && !propertyType.isUnknown {
        result.type = fail(
          checkedProperty, "array elements can only be selected using an integer (got \(propertyType))")
        return result
      }
      result.type = baseType.element
      return result
    case .struct:
      if let name, case .structure(let structure) = baseType {
        if let index = structure.fieldIndex(name) {
          result.type = structure.fieldTypes[index]
          return result
        }
        result.type = fail(node, "type \(baseType) has no \(method ? "method" : "field") \(name)")
        return result
      }
    default:
      break
    }

    if let name {
      result.type = fail(node, "type \(baseType) has no \(method ? "method" : "field") \(name)")
    } else {
      result.type = fail(node, "type \(baseType)[\(propertyType)] is undefined")
    }
    return result
  }

  mutating func slice(_ node: Node) -> Node {
    guard case .slice(let base, let from, let to) = node.kind else { return node }
    var result = node
    let checkedBase = visit(base)
    result.kind = .slice(checkedBase, from: from, to: to)
    let baseType = checkedBase.type
    if baseType.isUnknown {
      result.type = .unknown
      return result
    }
    switch baseType.kind {
    case .string, .slice: break
    default:
      result.type = fail(node, "cannot slice \(baseType)")
      return result
    }
    var checkedFrom: Node?
    var checkedTo: Node?
    if let from {
      let checked = visit(from)
      checkedFrom = checked
      if !checked.type.isInteger && !checked.type.isUnknown {
        result.kind = .slice(checkedBase, from: checked, to: to)
        result.type = fail(checked, "non-integer slice index \(checked.type)")
        return result
      }
    }
    if let to {
      let checked = visit(to)
      checkedTo = checked
      if !checked.type.isInteger && !checked.type.isUnknown {
        result.kind = .slice(checkedBase, from: checkedFrom, to: checked)
        result.type = fail(checked, "non-integer slice index \(checked.type)")
        return result
      }
    }
    result.kind = .slice(checkedBase, from: checkedFrom, to: checkedTo)
    result.type = baseType
    return result
  }

  mutating func call(_ node: Node) -> Node {
    guard case .call(let callee, let arguments) = node.kind else { return node }
    var result = node
    if case .identifier("$env") = callee.kind {
      result.type = fail(node, "map[string]interface {} is not callable")
      return result
    }
    let checkedCallee = visit(callee)
    let calleeType = checkedCallee.type
    result.kind = .call(checkedCallee, arguments)
    if calleeType.isUnknown {
      // expr does not look at the arguments of a call it cannot type.
      result.type = .unknown
      return result
    }
    var name = "function"
    if case .identifier(let identifier) = callee.kind { name = identifier }
    if case .member(_, let property, _, _) = callee.kind, case .string(let member) = property.kind {
      name = member
    }
    if calleeType.isNil {
      result.type = fail(node, "\(name) is nil; cannot call nil as function")
      return result
    }
    guard case .function(let signature) = calleeType.goType else {
      result.type = fail(node, "\(calleeType) is not callable")
      return result
    }
    var checkedArguments = arguments
    switch checkArguments(name, signature, &checkedArguments, node) {
    case .success(let type):
      result.type = type
    case .failure(let failure):
      if error == nil { error = failure }
      result.type = .unknown
    }
    result.kind = .call(checkedCallee, checkedArguments)
    return result
  }

  /// expr's `checkArguments`: arity, then each argument against its parameter. Integer literals
  /// passed to float parameters are turned into float literals, as expr does.
  mutating func checkArguments(
    _ name: String, _ signature: FunctionType, _ arguments: inout [Node], _ node: Node
  ) -> Result<ExprType, ExprError> {
    let resultType = signature.results.first.map(Self.natureOf) ?? .unknown
    if signature.results.isEmpty {
      return .failure(typeError(node.span, "func \(name) doesn't return value"))
    }
    if signature.results.count > 2 {
      return .failure(typeError(node.span, "func \(name) returns more then two values"))
    }
    let parameterCount = signature.parameters.count
    var arityError: ExprError?
    if signature.isVariadic {
      if arguments.count < parameterCount - 1 {
        arityError = typeError(node.span, "not enough arguments to call \(name)")
      }
    } else {
      if arguments.count > parameterCount {
        arityError = typeError(node.span, "too many arguments to call \(name)")
      }
      if arguments.count < parameterCount {
        arityError = typeError(node.span, "not enough arguments to call \(name)")
      }
    }
    if let arityError {
      arguments = arguments.map { visit($0) }
      return .failure(arityError)
    }

    for index in arguments.indices {
      arguments[index] = visit(arguments[index])
      let argument = arguments[index].type
      let parameter: ExprType
      if signature.isVariadic && index >= parameterCount - 1 {
        parameter = Self.natureOf(signature.parameters[parameterCount - 1].element)
      } else {
        parameter = Self.natureOf(signature.parameters[index])
      }
      if parameter.isFloat && argument.isInteger {
        arguments[index] = Self.integersToFloats(arguments[index])
        continue
      }
      if parameter.isInteger && argument.isInteger && parameter.kind != argument.kind {
        continue
      }
      if argument.isNil {
        if parameter.kind == .interface { continue }
        return .failure(
          typeError(arguments[index].span, "cannot use nil as argument (type \(parameter)) to call \(name)"))
      }
      if !argument.isAssignable(to: parameter) && !argument.isUnknown {
        // expr's message ends with a space.
        return .failure(
          typeError(
            arguments[index].span, "cannot use \(argument) as argument (type \(parameter)) to call \(name) "))
      }
    }
    return .success(resultType)
  }

  func typeError(_ span: SourceSpan, _ message: String) -> ExprError {
    ExprError(stage: .type, message: message, span: span, source: source)
  }

  /// `FromType` of a signature's Go type: the checker's view of a parameter or result.
  static func natureOf(_ type: ExprType) -> ExprType { type }

  /// expr's `traverseAndReplaceIntegerNodesWithFloatNodes`: integer literals, also under unary
  /// operators and `+ - *`, become float literals.
  static func integersToFloats(_ node: Node) -> Node {
    var result = node
    switch node.kind {
    case .integer(let value):
      result.kind = .float(Double(value))
      result.type = .float
    case .unary(let op, let operand):
      result.kind = .unary(op, integersToFloats(operand))
    case .binary(let op, let left, let right) where op == "+" || op == "-" || op == "*":
      result.kind = .binary(op, integersToFloats(left), integersToFloats(right))
    default:
      break
    }
    return result
  }
}
