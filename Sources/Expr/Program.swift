/// A compiled expression: parse → check against an environment's types → fold constants → compile
/// to closures, once; then `run` as often as needed, from any thread.
///
/// ```swift
/// let env = Environment([("result", .floats([0.97]))])
/// let program = try Program.compile("result[0] >= 0.95", environment: env)
/// let verdict = try program.run(env)   // .bool(true)
/// ```
public struct Program: Sendable {
  /// The expression text.
  public let source: String
  /// The static type the checker inferred for the whole expression.
  public let resultType: ExprType
  /// The environment layout the program was compiled against.
  public let names: [String]
  private let code: Code
  /// The same program over numbers, for the common shapes of conditions (see `NumericFastPath`).
  private let fastPath: NumericFastPath?
  private let variableCount: Int
  private let exprSource: ExprSource

  /// Compiles `text` as `expr.Compile(text, expr.Env(environment))` would: names resolve to the
  /// environment's entries and builtins; types come from the entries' values.
  public static func compile(_ text: String, environment: Environment) throws(ExprError) -> Program {
    let source = ExprSource(text)
    let parsed: Node
    switch Parser.parse(source, overridden: Set(environment.names)) {
    case .success(let node): parsed = node
    case .failure(let error): throw error
    }
    var types: [String: ExprType] = [:]
    for (name, value) in zip(environment.names, environment.values) { types[name] = value.type }
    var checker = Checker(environment: types, source: source)
    let checked = checker.visit(parsed)
    if let error = checker.error { throw error }
    var folder = Folder(source: source)
    let folded = folder.fold(checked)
    if let error = folder.error { throw error }
    var compiler = Compiler(environment: environment)
    let code = compiler.compile(folded)
    return Program(
      source: text, resultType: checked.type, names: environment.names, code: code,
      fastPath: NumericFastPath.compile(folded, environment: environment),
      variableCount: compiler.variableCount, exprSource: source)
  }

  /// Whether runs in the compile-time layout go through the numeric fast path (`NumericFastPath`)
  /// before the compiled closures: the common condition shapes do.
  public var usesNumericFastPath: Bool { fastPath != nil }

  /// Parses `text` without checking it against any environment (syntax errors only).
  public static func parse(_ text: String) -> Result<Node, ExprError> {
    Parser.parse(text)
  }

  /// Evaluates the program. `environment` should have the names the program was compiled with, in
  /// the same order (copy the compile-time environment and replace values); otherwise its entries are
  /// matched by name, missing ones reading as nil.
  public func run(_ environment: Environment) throws(ExprError) -> Value {
    // The fast path reads values by their compile-time positions, so only in the same layout.
    if let fastPath, environment.names == names, let value = fastPath.run(environment) { return value }
    var frame = Frame(environment: layout(environment), variableCount: variableCount)
    do {
      return try code(&frame)
    } catch {
      throw ExprError(stage: .runtime, message: error.message, span: error.span, source: exprSource)
    }
  }

  private func layout(_ environment: Environment) -> Environment {
    if environment.names == names { return environment }
    var arranged = Environment()
    for name in names { arranged[name] = environment[name] ?? .null }
    for name in environment.names where arranged[name] == nil { arranged[name] = environment[name] }
    return arranged
  }
}
