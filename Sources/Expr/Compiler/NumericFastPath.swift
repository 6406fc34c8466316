/// A second way to run the conditions analysis templates write most — `len(result) == 0 ||
/// isNaN(result[0]) || result[0] > 0.9`: comparisons of number literals, `len(x)` and `x[k]` of an
/// environment variable, one-argument calls of environment functions, joined by `&&`, `||` and `!`.
///
/// A condition is evaluated at every measurement, and the closure tree (`Compiler`) spends most of
/// that time on its frame and on retaining the arrays it passes between closures. This path reads
/// the environment's values in place and walks a flat list of steps. It takes exactly the steps the
/// compiled closures take, with the same operations (`Operations.equal`, `Operations.compare`,
/// `Compiler.invoke`), and gives up — nil — wherever they would do anything else (an error, a value of
/// another type than expected, an index out of range): `Program.run` then runs the closures, which have
/// the last word. Giving up after a call repeats the call there; environment functions are host
/// functions of their arguments, so that is harmless.
struct NumericFastPath: Sendable {
  private enum Operation: Sendable {
    case constant(Value)
    /// `len(x)` of the variable at an environment position, when it holds numbers.
    case length(position: Int)
    /// `x[k]` with a literal `k` (negative counts from the end, as `Compiler.member` does).
    case element(position: Int, index: Int)
    /// `f(argument)` with `f` the function at an environment position.
    case call(position: Int, argument: Int, typed: Bool)
    case not(Int)
    case and(Int, Int)
    case or(Int, Int)
    case equal(Int, Int, negated: Bool)
    case compare(Int, Int, Operations.Ordering)
  }

  private let steps: [Operation]
  private let root: Int

  /// The fast form of a checked, folded tree, or nil when the tree uses anything else.
  static func compile(_ node: Node, environment: Environment) -> NumericFastPath? {
    var steps: [Operation] = []
    guard let root = add(node, environment, &steps) else { return nil }
    return NumericFastPath(steps: steps, root: root)
  }

  private static func add(_ node: Node, _ environment: Environment, _ steps: inout [Operation]) -> Int? {
    func append(_ operation: Operation) -> Int {
      steps.append(operation)
      return steps.count - 1
    }
    /// An environment variable read as the closures read it (no `let` variables exist in the trees
    /// taken here, and `$env` is a map).
    func variable(_ node: Node) -> Int? {
      guard case .identifier(let name) = node.kind, name != "$env" else { return nil }
      return environment.position(of: name)
    }
    switch node.kind {
    case .integer(let value): return append(.constant(.int(value)))
    case .float(let value): return append(.constant(.float(value)))
    case .bool(let value): return append(.constant(.bool(value)))
    case .constant(let value):
      switch value {
      case .int, .float, .bool: return append(.constant(value))
      default: return nil
      }
    case .builtin("len", let arguments) where arguments.count == 1:
      guard let position = variable(arguments[0]) else { return nil }
      return append(.length(position: position))
    case .member(let base, let property, optional: false, method: false):
      guard case .integer(let index) = property.kind, let position = variable(base) else { return nil }
      return append(.element(position: position, index: index))
    case .call(let callee, let arguments) where arguments.count == 1:
      guard let position = variable(callee), case .function = environment.values[position],
        let argument = add(arguments[0], environment, &steps)
      else { return nil }
      let typed = if case .function = callee.type { true } else { false }
      return append(.call(position: position, argument: argument, typed: typed))
    case .unary(let op, let operand) where op == "!" || op == "not":
      guard let operand = add(operand, environment, &steps) else { return nil }
      return append(.not(operand))
    case .binary(let op, let leftNode, let rightNode):
      guard let left = add(leftNode, environment, &steps), let right = add(rightNode, environment, &steps) else {
        return nil
      }
      switch op {
      case "&&", "and": return append(.and(left, right))
      case "||", "or": return append(.or(left, right))
      case "==": return append(.equal(left, right, negated: false))
      case "!=": return append(.equal(left, right, negated: true))
      case "<": return append(.compare(left, right, .less))
      case ">": return append(.compare(left, right, .more))
      case "<=": return append(.compare(left, right, .lessOrEqual))
      case ">=": return append(.compare(left, right, .moreOrEqual))
      default: return nil
      }
    default:
      return nil
    }
  }

  /// The program's value in `environment` (laid out as at compile time), or nil to leave it to the
  /// closures.
  func run(_ environment: Environment) -> Value? {
    evaluate(root, environment)
  }

  private func evaluate(_ step: Int, _ environment: Environment) -> Value? {
    switch steps[step] {
    case .constant(let value):
      return value
    case .length(let position):
      guard case .floats(let floats) = environment.values[position] else { return nil }
      return .int(floats.count)
    case .element(let position, let index):
      guard case .floats(let floats) = environment.values[position] else { return nil }
      let at = index < 0 ? floats.count &+ index : index
      guard at >= 0 && at < floats.count else { return nil }
      return .float(floats[at])
    case .call(let position, let argument, let typed):
      // The closures evaluate the argument before the callee.
      guard let value = evaluate(argument, environment) else { return nil }
      return try? Compiler.invoke(environment.values[position], value, typed: typed, environment: environment)
    case .not(let operand):
      guard case .bool(let flag)? = evaluate(operand, environment) else { return nil }
      return .bool(!flag)
    case .and(let left, let right):
      guard let a = evaluate(left, environment), case .bool(let flag) = a else { return nil }
      return flag ? evaluate(right, environment) : a
    case .or(let left, let right):
      guard let a = evaluate(left, environment), case .bool(let flag) = a else { return nil }
      return flag ? a : evaluate(right, environment)
    case .equal(let left, let right, let negated):
      guard let a = evaluate(left, environment), let b = evaluate(right, environment) else { return nil }
      return .bool(Operations.equal(a, b) != negated)
    case .compare(let left, let right, let ordering):
      guard let a = evaluate(left, environment), let b = evaluate(right, environment) else { return nil }
      // `Compiler.comparison`: two floats directly, anything else through `Operations.compare`.
      if case .float(let x) = a, case .float(let y) = b {
        return .bool(ordering.holds(x, y))
      }
      guard let verdict = try? Operations.compare(a, b, ordering) else { return nil }
      return .bool(verdict)
    }
  }
}
