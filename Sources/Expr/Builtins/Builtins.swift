/// expr's builtin function table (builtin/builtin.go at v1.17.8): how each builtin is type-checked
/// and what it does at run time. The predicate builtins (`all`, `filter`, …) are compiled specially
/// and only named here.
struct BuiltinDescriptor: Sendable {
  enum Check: Sendable {
    /// expr's `Validate`: argument Go types in (nil for a nil argument, `interface {}` when unknown),
    /// result Go type or error out.
    case validate(@Sendable ([ExprType?]) -> Result<ExprType?, CheckMessage>)
    /// expr's `Types`: overloads tried in order with the ordinary argument rules.
    case overloads([FunctionType])
  }

  var name: String
  var check: Check
  var run: @Sendable (_ arguments: [Value], _ budget: inout MemoryBudget) throws(ExprPanic) -> Value
}

struct CheckMessage: Error {
  var text: String
  init(_ text: String) { self.text = text }
}

/// expr's VM memory budget (conf.DefaultMemoryBudget): ranges, literals and some builtins charge it,
/// so `1..1e9` fails fast instead of allocating. rollout-sim adds a bound of its own on work: expr
/// has none, and `all(xs, all(xs, all(xs, …)))` nested 70 deep would otherwise run for ages.
struct MemoryBudget: Sendable {
  static let limit = 1_000_000
  static let stepLimit = 1_000_000
  var used = 0
  var steps = 0

  mutating func grow(_ amount: Int) throws(ExprPanic) {
    used &+= amount
    if used >= Self.limit || amount < 0 { throw ExprPanic("memory budget exceeded") }
  }

  /// Charges loop iterations and element comparisons.
  @inline(__always)
  mutating func step(_ count: Int = 1) throws(ExprPanic) {
    steps &+= count
    if steps > Self.stepLimit || count < 0 {
      throw ExprPanic("evaluation stopped after \(Self.stepLimit) steps (rollout-sim bounds the work of one evaluation)")
    }
  }
}

enum Builtins {
  /// Every builtin name of expr v1.17.8, in its table order (names the parser must not treat as
  /// ordinary calls).
  static let names: [String] = [
    "all", "none", "any", "one", "filter", "map", "find", "findIndex", "findLast", "findLastIndex", "count",
    "sum", "groupBy", "sortBy", "reduce", "len", "type", "abs", "ceil", "floor", "round", "int", "float",
    "string", "trim", "trimPrefix", "trimSuffix", "upper", "lower", "split", "splitAfter", "replace",
    "repeat", "join", "indexOf", "lastIndexOf", "hasPrefix", "hasSuffix", "max", "min", "mean", "median",
    "toJSON", "fromJSON", "toBase64", "fromBase64", "now", "duration", "date", "timezone", "first", "last",
    "get", "take", "keys", "values", "toPairs", "fromPairs", "reverse", "uniq", "concat", "flatten", "sort",
    "bitand", "bitor", "bitxor", "bitnand", "bitshl", "bitshr", "bitushr", "bitnot",
  ]

  private static let nameSet = Set(names)

  static func isBuiltin(_ name: String) -> Bool { nameSet.contains(name) }

  private static let table: [String: BuiltinDescriptor] = {
    var table: [String: BuiltinDescriptor] = [:]
    for descriptor in BuiltinFunctions.all { table[descriptor.name] = descriptor }
    return table
  }()

  static func descriptor(_ name: String) -> BuiltinDescriptor? { table[name] }
}

// MARK: - Validation helpers (builtin/validation.go, utils.go)

enum BuiltinValidation {
  /// Go's `%s` of a reflect.Type: its name, or `%!s(<nil>)` for the nil type.
  static func name(_ type: ExprType?) -> String { type.map(\.goName) ?? "%!s(<nil>)" }

  static func kind(_ type: ExprType?) -> ExprType.Kind { type?.kind ?? .invalid }

  static func isNumberKind(_ kind: ExprType.Kind) -> Bool {
    kind == .int || kind == .int64 || kind == .float64
  }

  static func arity(_ arguments: [ExprType?], _ count: Int) -> CheckMessage? {
    arguments.count == count
      ? nil : CheckMessage("invalid number of arguments (expected \(count), got \(arguments.count))")
  }

  static func aggregate(_ name: String, _ arguments: [ExprType?]) -> Result<ExprType?, CheckMessage> {
    if arguments.isEmpty { return .failure(CheckMessage("not enough arguments to call \(name)")) }
    for argument in arguments {
      switch kind(argument) {
      case .interface, .slice: return .success(.any)
      case let k where isNumberKind(k): continue
      default: return .failure(CheckMessage("invalid argument for \(name) (type \(self.name(argument)))"))
      }
    }
    return .success(arguments[0])
  }

  static func rounding(_ name: String, _ arguments: [ExprType?]) -> Result<ExprType?, CheckMessage> {
    if let error = arity(arguments, 1) { return .failure(error) }
    let k = kind(arguments[0])
    if isNumberKind(k) || k == .interface { return .success(.float) }
    return .failure(CheckMessage("invalid argument for \(name) (type \(self.name(arguments[0])))"))
  }

  /// A one-argument validator accepting some kinds and returning a fixed type.
  static func unary(
    _ accepted: Set<ExprType.Kind>, returning result: @escaping @Sendable (ExprType?) -> ExprType?,
    error: @escaping @Sendable (String) -> String
  ) -> @Sendable ([ExprType?]) -> Result<ExprType?, CheckMessage> {
    { arguments in
      if let message = arity(arguments, 1) { return .failure(message) }
      if accepted.contains(kind(arguments[0])) { return .success(result(arguments[0])) }
      return .failure(CheckMessage(error(name(arguments[0]))))
    }
  }
}
