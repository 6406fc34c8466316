import Foundation

/// The non-predicate builtins: type rules (`check`) and behaviour (`run`), following builtin.go and
/// lib.go of expr v1.17.8, panic texts included.
enum BuiltinFunctions {
  typealias V = BuiltinValidation

  private static let anyOrNumber: Set<ExprType.Kind> = [.interface, .int, .int64, .float64]

  static let all: [BuiltinDescriptor] =
    numeric + strings + collections + conversions + encodings + bitwise + unsupported

  // MARK: - Numbers

  private static let numeric: [BuiltinDescriptor] = [
    BuiltinDescriptor(
      name: "len",
      check: .validate(
        V.unary([.slice, .map, .string, .interface], returning: { _ in .int }) { "invalid argument for len (type \($0))" }),
      run: { (arguments, _) throws(ExprPanic) in .int(try Access.builtinLength(arguments[0])) }),
    BuiltinDescriptor(
      name: "abs",
      check: .validate(V.unary(anyOrNumber, returning: { $0 }) { "invalid argument for abs (type \($0))" }),
      run: { (arguments, _) throws(ExprPanic) in
        switch arguments[0] {
        case .int(let i): return .int(i < 0 ? 0 &- i : i)
        case .int64(let i): return .int64(i < 0 ? 0 &- i : i)
        case .float(let f): return .float(f < 0 ? -f : f)
        default: throw ExprPanic("invalid argument for abs (type \(arguments[0].goTypeName))")
        }
      }),
    rounding("ceil") { $0.rounded(.up) },
    rounding("floor") { $0.rounded(.down) },
    rounding("round") { $0.rounded(.toNearestOrAwayFromZero) },
    aggregate("max") { (arguments) throws(ExprPanic) in try Aggregates.minMax("max", arguments, pickMore: true) },
    aggregate("min") { (arguments) throws(ExprPanic) in try Aggregates.minMax("min", arguments, pickMore: false) },
    aggregate("mean") { (arguments) throws(ExprPanic) in
      var count = 0
      var total = 0.0
      try Aggregates.collect("mean", arguments, depth: 0) { total += $0; count += 1 }
      return .float(count == 0 ? 0 : total / Double(count))
    },
    aggregate("median") { (arguments) throws(ExprPanic) in
      var values: [Double] = []
      try Aggregates.collect("median", arguments, depth: 0) { values.append($0) }
      guard !values.isEmpty else { return .float(0) }
      // Go's sort.Float64s puts NaN first.
      values.sort { $0 < $1 || ($0.isNaN && !$1.isNaN) }
      let n = values.count
      return .float(n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2)
    },
  ]

  private static func rounding(_ name: String, _ operation: @escaping @Sendable (Double) -> Double)
    -> BuiltinDescriptor
  {
    BuiltinDescriptor(
      name: name, check: .validate { V.rounding(name, $0) },
      run: { (arguments, _) throws(ExprPanic) in
        switch arguments[0] {
        case .float(let f): return .float(operation(f))
        case .int(let i): return .float(Double(i))
        case .int64(let i): return .float(Double(i))
        default: throw ExprPanic("invalid argument for \(name) (type \(arguments[0].goTypeName))")
        }
      })
  }

  private static func aggregate(
    _ name: String, _ body: @escaping @Sendable ([Value]) throws(ExprPanic) -> Value
  ) -> BuiltinDescriptor {
    BuiltinDescriptor(
      name: name, check: .validate { V.aggregate(name, $0) },
      run: { (arguments, _) throws(ExprPanic) in try body(arguments) })
  }

  // MARK: - Conversions

  private static let conversions: [BuiltinDescriptor] = [
    BuiltinDescriptor(
      name: "int",
      check: .validate(
        V.unary([.interface, .int, .int64, .float64, .string], returning: { _ in .int }) {
          "invalid argument for int (type \($0))"
        }),
      run: { (arguments, _) throws(ExprPanic) in
        switch arguments[0] {
        case .int(let i): return .int(i)
        case .int64(let i): return .int(Int(i))
        case .float(let f): return .int(Operations.goTruncate(f))
        case .string(let s):
          guard case .success(let i) = GoNumberParsing.atoi(s) else { throw ExprPanic("invalid operation: int(\(s))") }
          return .int(i)
        case .null: throw ExprPanic("reflect: call of reflect.Value.Type on zero Value")
        default: throw ExprPanic("invalid operation: int(\(arguments[0].goTypeName))")
        }
      }),
    BuiltinDescriptor(
      name: "float",
      check: .validate(
        V.unary([.interface, .int, .int64, .float64, .string], returning: { _ in .float }) {
          "invalid argument for float (type \($0))"
        }),
      run: { (arguments, _) throws(ExprPanic) in
        switch arguments[0] {
        case .int(let i): return .float(Double(i))
        case .int64(let i): return .float(Double(i))
        case .float(let f): return .float(f)
        case .string(let s):
          guard case .success(let f) = GoNumberParsing.parseFloat(s) else {
            throw ExprPanic("invalid operation: float(\(s))")
          }
          return .float(f)
        default: throw ExprPanic("invalid operation: float(\(arguments[0].goTypeName))")
        }
      }),
    BuiltinDescriptor(
      name: "string", check: .overloads([FunctionType(parameters: [.any], results: [.string])]),
      run: { (arguments, _) in .string(GoFormat.value(arguments[0])) }),
    BuiltinDescriptor(
      name: "type", check: .overloads([FunctionType(parameters: [.any], results: [.string])]),
      run: { (arguments, _) in .string(typeName(arguments[0])) }),
  ]

  /// expr's `type()`.
  static func typeName(_ value: Value) -> String {
    switch value {
    case .null: "nil"
    case .bool: "bool"
    case .int, .int64: "int"
    case .float: "float"
    case .string: "string"
    case .bytes, .floats, .list: "array"
    case .map: "map"
    case .object(let object): object.type.name
    case .function: "func"
    }
  }

  // MARK: - Strings

  private static func string(_ value: Value) throws(ExprPanic) -> String {
    guard case .string(let text) = value else { throw Operations.conversionPanic(value, expected: "string") }
    return text
  }

  private static func integer(_ value: Value) throws(ExprPanic) -> Int {
    try Operations.toInt(value)
  }

  private static func signature(_ parameters: [ExprType], _ result: ExprType) -> FunctionType {
    FunctionType(parameters: parameters, results: [result])
  }

  private static let strings: [BuiltinDescriptor] = [
    BuiltinDescriptor(
      name: "trim",
      check: .overloads([signature([.string], .string), signature([.string, .string], .string)]),
      run: { (arguments, _) throws(ExprPanic) in
        let text = try string(arguments[0])
        if arguments.count == 1 { return .string(GoStrings.trimSpace(text)) }
        if arguments.count == 2 { return .string(GoStrings.trim(text, cutset: try string(arguments[1]))) }
        throw ExprPanic("invalid number of arguments for trim (expected 1 or 2, got \(arguments.count))")
      }),
    BuiltinDescriptor(
      name: "trimPrefix",
      check: .overloads([signature([.string, .string], .string), signature([.string], .string)]),
      run: { (arguments, _) throws(ExprPanic) in
        let text = try string(arguments[0])
        let prefix = arguments.count == 2 ? try string(arguments[1]) : " "
        return .string(GoStrings.hasPrefix(text, prefix) ? GoStrings.dropPrefix(text, prefix) : text)
      }),
    BuiltinDescriptor(
      name: "trimSuffix",
      check: .overloads([signature([.string, .string], .string), signature([.string], .string)]),
      run: { (arguments, _) throws(ExprPanic) in
        let text = try string(arguments[0])
        let suffix = arguments.count == 2 ? try string(arguments[1]) : " "
        return .string(GoStrings.hasSuffix(text, suffix) ? GoStrings.dropSuffix(text, suffix) : text)
      }),
    BuiltinDescriptor(
      name: "upper", check: .overloads([signature([.string], .string)]),
      run: { (arguments, _) throws(ExprPanic) in .string(GoStrings.upper(try string(arguments[0]))) }),
    BuiltinDescriptor(
      name: "lower", check: .overloads([signature([.string], .string)]),
      run: { (arguments, _) throws(ExprPanic) in .string(GoStrings.lower(try string(arguments[0]))) }),
    BuiltinDescriptor(
      name: "split",
      check: .overloads([
        signature([.string, .string], .slice(.string)), signature([.string, .string, .int], .slice(.string)),
      ]),
      run: { (arguments, _) throws(ExprPanic) in
        let limit = arguments.count == 3 ? try integer(arguments[2]) : -1
        let parts = GoStrings.split(try string(arguments[0]), try string(arguments[1]), limit: limit, after: false)
        return .list(parts.map { .string($0) }, element: .string)
      }),
    BuiltinDescriptor(
      name: "splitAfter",
      check: .overloads([
        signature([.string, .string], .slice(.string)), signature([.string, .string, .int], .slice(.string)),
      ]),
      run: { (arguments, _) throws(ExprPanic) in
        let limit = arguments.count == 3 ? try integer(arguments[2]) : -1
        let parts = GoStrings.split(try string(arguments[0]), try string(arguments[1]), limit: limit, after: true)
        return .list(parts.map { .string($0) }, element: .string)
      }),
    BuiltinDescriptor(
      name: "replace",
      check: .overloads([
        signature([.string, .string, .string, .int], .string), signature([.string, .string, .string], .string),
      ]),
      run: { (arguments, _) throws(ExprPanic) in
        let limit = arguments.count == 4 ? try integer(arguments[3]) : -1
        return .string(
          GoStrings.replace(
            try string(arguments[0]), try string(arguments[1]), try string(arguments[2]), limit: limit))
      }),
    BuiltinDescriptor(
      name: "repeat", check: .overloads([signature([.string, .int], .string)]),
      run: { (arguments, budget) throws(ExprPanic) in
        let text = try string(arguments[0])
        let count = try integer(arguments[1])
        if count < 0 {
          throw ExprPanic("invalid argument for repeat (expected positive integer, got \(count))")
        }
        if count > 1_000_000 { throw ExprPanic("memory budget exceeded") }
        try budget.grow(text.utf8.count &* count)
        return .string(String(repeating: text, count: count))
      }),
    BuiltinDescriptor(
      name: "join",
      check: .overloads([
        signature([.slice(.string), .string], .string), signature([.slice(.any), .string], .string),
        signature([.slice(.any)], .string), signature([.slice(.string), .string], .string),
        signature([.slice(.string)], .string),
      ]),
      run: { (arguments, _) throws(ExprPanic) in
        let glue = arguments.count == 2 ? try string(arguments[1]) : ""
        guard case .list(let elements, let element) = arguments[0], element == .string || element == .any else {
          throw ExprPanic("invalid argument for join (type \(arguments[0].goTypeName))")
        }
        var parts: [String] = []
        for element in elements { parts.append(try string(element)) }
        return .string(parts.joined(separator: glue))
      }),
    BuiltinDescriptor(
      name: "indexOf", check: .overloads([signature([.string, .string], .int)]),
      run: { (arguments, _) throws(ExprPanic) in
        .int(GoStrings.index(try string(arguments[0]), try string(arguments[1]), last: false))
      }),
    BuiltinDescriptor(
      name: "lastIndexOf", check: .overloads([signature([.string, .string], .int)]),
      run: { (arguments, _) throws(ExprPanic) in
        .int(GoStrings.index(try string(arguments[0]), try string(arguments[1]), last: true))
      }),
    BuiltinDescriptor(
      name: "hasPrefix", check: .overloads([signature([.string, .string], .bool)]),
      run: { (arguments, _) throws(ExprPanic) in
        .bool(GoStrings.hasPrefix(try string(arguments[0]), try string(arguments[1])))
      }),
    BuiltinDescriptor(
      name: "hasSuffix", check: .overloads([signature([.string, .string], .bool)]),
      run: { (arguments, _) throws(ExprPanic) in
        .bool(GoStrings.hasSuffix(try string(arguments[0]), try string(arguments[1])))
      }),
  ]

  // MARK: - Collections

  private static let collections: [BuiltinDescriptor] = [
    BuiltinDescriptor(
      name: "first",
      check: .validate { arguments in
        if let message = V.arity(arguments, 1) { return .failure(message) }
        switch V.kind(arguments[0]) {
        case .interface: return .success(.any)
        case .slice: return .success(arguments[0]!.element)
        default: return .failure(CheckMessage("cannot get first element from \(V.name(arguments[0]))"))
        }
      },
      run: { (arguments, _) in (try? Access.fetch(arguments[0], .int(0))) ?? .null }),
    BuiltinDescriptor(
      name: "last",
      check: .validate { arguments in
        if let message = V.arity(arguments, 1) { return .failure(message) }
        switch V.kind(arguments[0]) {
        case .interface: return .success(.any)
        case .slice: return .success(arguments[0]!.element)
        default: return .failure(CheckMessage("cannot get last element from \(V.name(arguments[0]))"))
        }
      },
      run: { (arguments, _) in (try? Access.fetch(arguments[0], .int(-1))) ?? .null }),
    BuiltinDescriptor(
      name: "take",
      check: .validate { arguments in
        if let message = V.arity(arguments, 2) { return .failure(message) }
        switch V.kind(arguments[0]) {
        case .interface, .slice: break
        default: return .failure(CheckMessage("cannot take from \(V.name(arguments[0]))"))
        }
        switch V.kind(arguments[1]) {
        case .interface, .int, .int64: break
        default: return .failure(CheckMessage("cannot take \(V.name(arguments[1])) elements"))
        }
        return .success(arguments[0])
      },
      run: { (arguments, _) throws(ExprPanic) in
        guard let elements = Operations.listElements(arguments[0]) else {
          throw ExprPanic("cannot take from \(arguments[0].reflectKindName)")
        }
        guard case .int(let n)? = Operations.number(arguments[1]), !arguments[1].isFloat else {
          throw ExprPanic("cannot take \(arguments[1].reflectKindName) elements")
        }
        if n < 0 { throw ExprPanic("reflect: slice index out of range") }
        return Access.rebuild(arguments[0], Array(elements.prefix(n)))
      }),
    BuiltinDescriptor(
      name: "keys",
      check: .validate(V.unary([.interface, .map], returning: { _ in .slice(.any) }) { "cannot get keys from \($0)" }),
      run: { (arguments, _) throws(ExprPanic) in
        guard case .map(let entries) = arguments[0] else {
          throw ExprPanic("cannot get keys from \(arguments[0].reflectKindName)")
        }
        // Go's map order is random; sorted keys keep our output deterministic.
        return .list(entries.keys.sorted(by: GoFormat.goLess).map { .string($0) })
      }),
    BuiltinDescriptor(
      name: "values",
      check: .validate(
        V.unary([.interface, .map], returning: { _ in .slice(.any) }) { "cannot get values from \($0)" }),
      run: { (arguments, _) throws(ExprPanic) in
        guard case .map(let entries) = arguments[0] else {
          throw ExprPanic("cannot get values from \(arguments[0].reflectKindName)")
        }
        return .list(entries.keys.sorted(by: GoFormat.goLess).map { entries[$0]! })
      }),
    BuiltinDescriptor(
      name: "toPairs",
      check: .validate(
        V.unary([.interface, .map], returning: { _ in .slice(.any) }) { "cannot transform \($0) to pairs" }),
      run: { (arguments, _) throws(ExprPanic) in
        guard case .map(let entries) = arguments[0] else {
          throw ExprPanic("cannot transform \(arguments[0].reflectKindName) to pairs")
        }
        return .list(
          entries.keys.sorted(by: GoFormat.goLess).map { .list([.string($0), entries[$0]!]) }, element: .array(.any))
      }),
    BuiltinDescriptor(
      name: "fromPairs",
      check: .validate(
        V.unary([.interface, .slice], returning: { _ in .map(key: .string, value: .any) }) {
          "cannot transform \($0) from pairs"
        }),
      run: { (arguments, _) throws(ExprPanic) in
        guard let pairs = Operations.listElements(arguments[0]) else {
          throw ExprPanic("cannot transform \(GoFormat.value(arguments[0])) from pairs")
        }
        var entries: [String: Value] = [:]
        for pair in pairs {
          guard let items = Operations.listElements(pair) else {
            throw ExprPanic("invalid pair \(GoFormat.value(pair))")
          }
          guard items.count == 2 else { throw ExprPanic("invalid pair length \(GoFormat.value(pair))") }
          guard case .string(let key) = items[0] else {
            throw ExprPanic("fromPairs: rollout-sim supports string keys only (got \(items[0].goTypeName))")
          }
          entries[key] = items[1]
        }
        return .map(entries)
      }),
    BuiltinDescriptor(
      name: "reverse",
      check: .validate(
        V.unary([.interface, .slice], returning: { _ in .slice(.any) }) { "cannot reverse \($0)" }),
      run: { (arguments, budget) throws(ExprPanic) in
        guard let elements = Operations.listElements(arguments[0]) else {
          throw ExprPanic("cannot reverse \(arguments[0].reflectKindName)")
        }
        try budget.grow(elements.count)
        return .list(elements.reversed())
      }),
    BuiltinDescriptor(
      name: "uniq",
      check: .validate(V.unary([.interface, .slice], returning: { _ in .slice(.any) }) { "cannot uniq \($0)" }),
      run: { (arguments, budget) throws(ExprPanic) in
        guard let elements = Operations.listElements(arguments[0]) else {
          throw ExprPanic("cannot uniq \(arguments[0].reflectKindName)")
        }
        var unique: [Value] = []
        for element in elements {
          try budget.step(unique.count + 1)
          if !unique.contains(where: { Operations.equal(element, $0) }) { unique.append(element) }
        }
        return .list(unique)
      }),
    BuiltinDescriptor(
      name: "concat",
      check: .validate { arguments in
        if arguments.isEmpty {
          return .failure(CheckMessage("invalid number of arguments (expected at least 1, got 0)"))
        }
        for argument in arguments {
          switch V.kind(argument) {
          case .interface, .slice: continue
          default: return .failure(CheckMessage("cannot concat \(V.name(argument))"))
          }
        }
        return .success(.slice(.any))
      },
      run: { (arguments, budget) throws(ExprPanic) in
        var result: [Value] = []
        for argument in arguments {
          guard let elements = Operations.listElements(argument) else {
            throw ExprPanic("cannot concat \(argument.reflectKindName)")
          }
          try budget.grow(elements.count)
          result += elements
        }
        // Go's `var arr []any` stays nil when nothing was appended.
        return result.isEmpty ? .null : .list(result)
      }),
    BuiltinDescriptor(
      name: "flatten",
      check: .validate(
        V.unary([.interface, .slice], returning: { _ in .slice(.any) }) { "cannot flatten \($0)" }),
      run: { (arguments, budget) throws(ExprPanic) in
        guard Operations.listElements(arguments[0]) != nil else {
          throw ExprPanic("cannot flatten \(arguments[0].reflectKindName)")
        }
        var result: [Value] = []
        try Aggregates.flatten(arguments[0], into: &result, depth: 0)
        try budget.grow(result.count)
        return .list(result)
      }),
    BuiltinDescriptor(
      name: "sort",
      check: .overloads([
        signature([.slice(.any), .string], .slice(.any)), signature([.slice(.int), .string], .slice(.any)),
        signature([.slice(.float), .string], .slice(.any)), signature([.slice(.string), .string], .slice(.any)),
        signature([.slice(.any)], .slice(.any)), signature([.slice(.float)], .slice(.any)),
        signature([.slice(.string)], .slice(.any)), signature([.slice(.int)], .slice(.any)),
      ]),
      run: { (arguments, budget) throws(ExprPanic) in
        var elements: [Value] = []
        switch arguments[0] {
        case .list(let items, let element) where [.any, .int, .string].contains(element): elements = items
        case .floats(let floats): elements = floats.map { .float($0) }
        // expr sorts nothing (and returns a nil slice) for anything else.
        default: break
        }
        var descending = false
        if arguments.count == 2 {
          guard case .string(let order) = arguments[1] else {
            throw ExprPanic("sort order argument must be a string (got \(arguments[1].goTypeName))")
          }
          switch order {
          case "asc": descending = false
          case "desc": descending = true
          default: throw ExprPanic("invalid order \(order), expected asc or desc")
          }
        }
        let sorted = try Aggregates.sort(elements, keys: elements, descending: descending)
        try budget.grow(sorted.count)
        return .list(sorted)
      }),
  ]

  // MARK: - Encodings

  private static let encodings: [BuiltinDescriptor] = [
    BuiltinDescriptor(
      name: "toJSON", check: .overloads([signature([.any], .string)]),
      run: { (arguments, _) throws(ExprPanic) in
        do throws(GoJSON.Failure) {
          return .string(try GoJSON.encode(arguments[0], indent: "  "))
        } catch {
          throw ExprPanic(error.message)
        }
      }),
    BuiltinDescriptor(
      name: "fromJSON", check: .overloads([signature([.string], .any)]),
      run: { (arguments, _) throws(ExprPanic) in
        switch GoJSON.decode(try string(arguments[0])) {
        case .success(let value): return value
        case .failure(let error): throw ExprPanic(error.message)
        }
      }),
    BuiltinDescriptor(
      name: "toBase64", check: .overloads([signature([.string], .string)]),
      run: { (arguments, _) throws(ExprPanic) in
        .string(Data(try string(arguments[0]).utf8).base64EncodedString())
      }),
    BuiltinDescriptor(
      name: "fromBase64", check: .overloads([signature([.string], .string)]),
      run: { (arguments, _) throws(ExprPanic) in
        let text = try string(arguments[0])
        guard let data = Data(base64Encoded: text) else {
          throw ExprPanic("illegal base64 data at input byte \(GoStrings.firstInvalidBase64Byte(text))")
        }
        return .string(String(decoding: data, as: UTF8.self))
      }),
  ]

  // MARK: - Bits

  private static func bitInteger(_ value: Value, _ name: String) throws(ExprPanic) -> Int {
    switch value {
    case .int(let i): return i
    case .int64(let i): return Int(i)
    default: throw ExprPanic("cannot use \(value.goTypeName) as argument (type int) to call \(name)")
    }
  }

  private static func bitFunction(_ name: String, _ body: @escaping @Sendable (Int, Int) throws(ExprPanic) -> Int)
    -> BuiltinDescriptor
  {
    BuiltinDescriptor(
      name: name, check: .overloads([signature([.int, .int], .int)]),
      run: { (arguments, _) throws(ExprPanic) in
        guard arguments.count == 2 else {
          throw ExprPanic("invalid number of arguments for \(name) (expected 2, got \(arguments.count))")
        }
        return .int(try body(try bitInteger(arguments[0], name), try bitInteger(arguments[1], name)))
      })
  }

  private static func shiftCheck(_ y: Int) throws(ExprPanic) {
    if y < 0 { throw ExprPanic("invalid operation: negative shift count \(y) (type int)") }
  }

  private static let bitwise: [BuiltinDescriptor] = [
    bitFunction("bitand") { $0 & $1 },
    bitFunction("bitor") { $0 | $1 },
    bitFunction("bitxor") { $0 ^ $1 },
    bitFunction("bitnand") { $0 & ~$1 },
    bitFunction("bitshl") { (x, y) throws(ExprPanic) in
      try shiftCheck(y)
      return x << y
    },
    bitFunction("bitshr") { (x, y) throws(ExprPanic) in
      try shiftCheck(y)
      return x >> y
    },
    bitFunction("bitushr") { (x, y) throws(ExprPanic) in
      try shiftCheck(y)
      return Int(bitPattern: UInt(bitPattern: x) >> UInt(y))
    },
    BuiltinDescriptor(
      name: "bitnot", check: .overloads([signature([.int], .int)]),
      run: { (arguments, _) throws(ExprPanic) in .int(~(try bitInteger(arguments[0], "bitnot"))) }),
  ]

  // MARK: - Not modelled

  /// Time builtins need Go's time package; conditions have no use for them.
  private static let unsupported: [BuiltinDescriptor] = ["now", "duration", "date", "timezone"].map { name in
    BuiltinDescriptor(
      name: name,
      check: .validate { _ in
        .failure(CheckMessage("\(name)() is not supported by rollout-sim (time values are not modelled)"))
      },
      run: { (_, _) throws(ExprPanic) in throw ExprPanic("\(name)() is not supported") })
  }
}

extension Value {
  var isFloat: Bool {
    if case .float = self { return true }
    return false
  }
}

extension Access {
  /// A slice of the same Go type as `original` holding `elements`.
  static func rebuild(_ original: Value, _ elements: [Value]) -> Value {
    switch original {
    case .floats:
      return .floats(elements.map { if case .float(let f) = $0 { return f } else { return 0 } })
    case .list(_, let element): return .list(elements, element: element)
    default: return .list(elements)
    }
  }
}
