/// The static type lattice of the checker: a model of the Go types expr-lang reasons about
/// (its `checker/nature` package), small enough for conditions and faithful in the messages it prints.
///
/// Two elements have no Go type: `unknown` (nothing is known; expr's empty Nature) and `nilType` (the
/// nil literal or a nil environment value). `any` is Go's `interface {}`, which the checker treats as
/// unknown too. `array(T)` is a `[]interface {}` whose elements the checker knows to be `T` (expr keeps
/// that in Nature.Ref); `slice(T)` is a real Go `[]T`.
public indirect enum ExprType: Sendable, Hashable, CustomStringConvertible {
  case unknown
  case nilType
  case any
  case bool
  case int
  case int64
  case float
  case string
  /// `[]uint8`, the type of `b"…"` literals.
  case bytes
  case slice(ExprType)
  case array(ExprType)
  case map(key: ExprType, value: ExprType)
  case structure(StructType)
  case function(FunctionType)
  /// The type of a predicate `{ … }`: a `func(interface {}) T` whose result nature is kept.
  case predicate(ExprType)

  /// Go's reflect.Kind, as far as the checker needs it.
  public enum Kind: Sendable, Hashable {
    case invalid, bool, int, int64, float64, string, slice, map, `struct`, `func`, interface
  }

  public var kind: Kind {
    switch self {
    case .unknown, .nilType: .invalid
    case .any: .interface
    case .bool: .bool
    case .int: .int
    case .int64: .int64
    case .float: .float64
    case .string: .string
    case .bytes, .slice, .array: .slice
    case .map: .map
    case .structure: .struct
    case .function, .predicate: .func
    }
  }

  /// The Go type (reflect.Type) behind this element, or nil for `unknown` and `nilType`.
  public var goType: ExprType? {
    switch self {
    case .unknown, .nilType: nil
    case .array: .slice(.any)
    case .predicate(let out):
      .function(FunctionType(parameters: [.any], results: out == .nilType ? [] : [out.goType ?? .any]))
    default: self
    }
  }

  /// expr's `Nature.String()`: the Go type name, or "unknown" when there is no Go type.
  public var description: String { goType.map { $0.goName } ?? "unknown" }

  /// Go's spelling of a type, as `%T` and reflect print it.
  public var goName: String {
    switch self {
    case .unknown, .nilType: "unknown"
    case .any: "interface {}"
    case .bool: "bool"
    case .int: "int"
    case .int64: "int64"
    case .float: "float64"
    case .string: "string"
    case .bytes: "[]uint8"
    case .slice(let element): "[]" + element.goName
    case .array: "[]interface {}"
    case .map(let key, let value): "map[\(key.goName)]\(value.goName)"
    case .structure(let type): type.name
    case .function(let type): type.description
    case .predicate: goType!.goName
    }
  }

  // MARK: - Predicates of expr's Nature

  public var isNil: Bool { self == .nilType }
  /// `unknown` or `interface {}`: anything may be there at run time.
  public var isUnknown: Bool { self == .unknown || self == .any }
  public var isInteger: Bool { self == .int || self == .int64 }
  public var isFloat: Bool { self == .float }
  public var isNumber: Bool { isInteger || isFloat }
  public var isBool: Bool { self == .bool }
  public var isString: Bool { self == .string }
  public var isByteSlice: Bool { self == .bytes }
  public var isArray: Bool { kind == .slice }
  public var isMap: Bool { kind == .map }
  public var isStruct: Bool { kind == .struct }
  public var isFunction: Bool { kind == .func }

  /// The element type of a slice or array, the value type of a map.
  public var element: ExprType {
    switch self {
    case .slice(let element), .array(let element): element
    case .bytes: .int
    case .map(_, let value): value
    default: .unknown
    }
  }

  public var key: ExprType {
    if case .map(let key, _) = self { return key }
    return .unknown
  }

  /// `[]T` as expr's `MakeArrayOf` builds it: a `[]interface {}` that remembers `T`.
  public static func arrayOf(_ element: ExprType) -> ExprType {
    element == .any ? .slice(.any) : .array(element)
  }

  /// Go assignability, as expr's `Nature.AssignableTo` uses it.
  public func isAssignable(to target: ExprType) -> Bool {
    if self == .nilType {
      switch target.kind {
      case .interface, .func, .map, .slice: return true
      default: break
      }
    }
    guard let source = goType, let destination = target.goType else { return false }
    if source.kind != destination.kind && destination.kind != .interface { return false }
    return source == destination || destination == .any
  }

  /// expr's `Nature.ComparableTo`: what `==` accepts.
  public func isComparable(to other: ExprType) -> Bool {
    isUnknown || other.isUnknown || isNil || other.isNil || (isNumber && other.isNumber)
      || (isArray && other.isArray) || isAssignable(to: other)
  }

  enum Check {
    case bool, string, integer, number, map, array
  }

  func isAny(of checks: [Check]) -> Bool {
    checks.contains { check in
      switch check {
      case .bool: isBool
      case .string: isString
      case .integer: isInteger
      case .number: isNumber
      case .map: isMap
      case .array: isArray
      }
    }
  }

  /// expr's `Nature.MaybeCompatible`: one side unknown and the other passes one of the checks.
  func maybeCompatible(with other: ExprType, _ checks: Check...) -> Bool {
    (isUnknown && other.isUnknown) || (isUnknown && other.isAny(of: checks))
      || (other.isUnknown && isAny(of: checks))
  }

  /// expr's `PromoteNumericNature`.
  func promotedNumeric(with other: ExprType) -> ExprType {
    if isUnknown || other.isUnknown { return .unknown }
    return isFloat || other.isFloat ? .float : .int
  }
}

/// A Go function signature.
public struct FunctionType: Sendable, Hashable, CustomStringConvertible {
  public var parameters: [ExprType]
  public var results: [ExprType]
  public var isVariadic: Bool

  public init(parameters: [ExprType], results: [ExprType], isVariadic: Bool = false) {
    self.parameters = parameters
    self.results = results
    self.isVariadic = isVariadic
  }

  public var description: String {
    var parts = parameters.map(\.goName)
    if isVariadic, let last = parts.indices.last, case .slice(let element) = parameters[last] {
      parts[last] = "..." + element.goName
    }
    var text = "func(" + parts.joined(separator: ", ") + ")"
    switch results.count {
    case 0: break
    case 1: text += " " + results[0].goName
    default: text += " (" + results.map(\.goName).joined(separator: ", ") + ")"
    }
    return text
  }
}

/// A Go struct type offered by the host (fields by name, methods by name).
public final class StructType: Sendable, Hashable {
  public struct Method: Sendable {
    public var name: String
    public var type: FunctionType
    public var body: @Sendable (_ receiver: Value, _ arguments: [Value]) throws(ExprPanic) -> Value

    public init(
      name: String, type: FunctionType,
      body: @escaping @Sendable (_ receiver: Value, _ arguments: [Value]) throws(ExprPanic) -> Value
    ) {
      self.name = name
      self.type = type
      self.body = body
    }
  }

  /// The qualified Go name, e.g. `main.Foo`.
  public let name: String
  public let fieldNames: [String]
  public let fieldTypes: [ExprType]
  public let methods: [Method]

  public init(name: String, fields: [(String, ExprType)], methods: [Method] = []) {
    self.name = name
    self.fieldNames = fields.map(\.0)
    self.fieldTypes = fields.map(\.1)
    self.methods = methods
  }

  public func fieldIndex(_ name: String) -> Int? { fieldNames.firstIndex(of: name) }
  public func method(_ name: String) -> Method? { methods.first { $0.name == name } }

  public static func == (lhs: StructType, rhs: StructType) -> Bool { lhs === rhs }
  public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}
