/// expr's run-time access helpers (vm/runtime: Fetch, Slice, In, Len) with their panic messages.
enum Access {
  /// `runtime.Fetch`: `from[key]` for arrays (negative indexes count from the end), maps (a missing
  /// key gives nil), structs (fields and methods) and strings (a byte).
  @inline(__always)
  static func fetch(_ from: Value, _ key: Value) throws(ExprPanic) -> Value {
    switch from {
    case .floats(let floats):
      return .float(floats[try index(key, count: floats.count)])
    case .list(let elements, _):
      return elements[try index(key, count: elements.count)]
    case .map(let entries):
      switch key {
      case .string(let name): return entries[name] ?? .null
      case .null: return entries[""] ?? .null
      default:
        throw ExprPanic("reflect.Value.MapIndex: value of type \(key.goTypeName) is not assignable to type string")
      }
    case .object(let object):
      if case .string(let name) = key {
        if let method = object.type.method(name) { return boundMethod(object, method) }
        if let position = object.type.fieldIndex(name) { return object.fields[position] }
        throw ExprPanic("cannot fetch \(GoFormat.value(key)) from \(from.goTypeName)")
      }
      throw Operations.conversionPanic(key, expected: "string")
    case .string(let text):
      let bytes = Array(text.utf8)
      return .int(Int(bytes[try index(key, count: bytes.count)]))
    case .bytes(let bytes):
      return .int(Int(bytes[try index(key, count: bytes.count)]))
    default:
      throw ExprPanic("cannot fetch \(GoFormat.value(key)) from \(from.goTypeName)")
    }
  }

  @inline(__always)
  static func index(_ key: Value, count: Int) throws(ExprPanic) -> Int {
    var position = try Operations.toInt(key)
    if position < 0 { position = count &+ position }
    guard position >= 0 && position < count else {
      throw ExprPanic("index out of range: \(position) (array length is \(count))")
    }
    return position
  }

  static func boundMethod(_ object: ObjectValue, _ method: StructType.Method) -> Value {
    let receiver = Value.object(object)
    let body = method.body
    return .function(
      FunctionValue(name: method.name, type: method.type) { (arguments, _) throws(ExprPanic) -> Value in
        try body(receiver, arguments)
      })
  }

  /// `runtime.Slice`: bounds clamp instead of failing; negative bounds count from the end.
  static func slice(_ value: Value, from: Value, to: Value) throws(ExprPanic) -> Value {
    func bounds(_ count: Int) throws(ExprPanic) -> Range<Int> {
      var a = try Operations.toInt(from)
      var b = try Operations.toInt(to)
      if a < 0 { a = count &+ a }
      if a < 0 { a = 0 }
      if b < 0 { b = count &+ b }
      if b < 0 { b = 0 }
      if b > count { b = count }
      if a > b { a = b }
      return a..<b
    }
    switch value {
    case .floats(let floats): return .floats(Array(floats[try bounds(floats.count)]))
    case .list(let elements, let element): return .list(Array(elements[try bounds(elements.count)]), element: element)
    case .string(let text):
      let bytes = Array(text.utf8)
      return .string(String(decoding: bytes[try bounds(bytes.count)], as: UTF8.self))
    case .bytes(let bytes): return .bytes(Array(bytes[try bounds(bytes.count)]))
    default: throw ExprPanic("cannot slice \(GoFormat.value(from))")
    }
  }

  /// `runtime.Len` (used by `[:]`): byte length for strings.
  static func length(_ value: Value) throws(ExprPanic) -> Int {
    switch value {
    case .floats(let floats): return floats.count
    case .list(let elements, _): return elements.count
    case .map(let entries): return entries.count
    case .string(let text): return text.utf8.count
    case .bytes(let bytes): return bytes.count
    default: throw ExprPanic("invalid argument for len (type \(value.goTypeName))")
    }
  }

  /// `runtime.In`.
  static func contains(_ needle: Value, in collection: Value) throws(ExprPanic) -> Bool {
    switch collection {
    case .null: return false
    case .floats(let floats):
      guard let number = Operations.number(needle) else { return false }
      return floats.contains { $0 == number.asDouble }
    case .list(let elements, _):
      return elements.contains { Operations.equal($0, needle) }
    case .bytes(let bytes):
      return bytes.contains { Operations.equal(.int(Int($0)), needle) }
    case .map(let entries):
      switch needle {
      case .string(let key): return entries[key] != nil
      case .null: return entries[""] != nil
      default:
        throw ExprPanic(
          "reflect.Value.MapIndex: value of type \(needle.goTypeName) is not assignable to type string")
      }
    case .object(let object):
      guard case .string(let name) = needle else {
        throw ExprPanic("cannot use \(needle.goTypeName) as field name of \(collection.goTypeName)")
      }
      return object.type.fieldIndex(name) != nil
    default:
      throw ExprPanic("operator \"in\" not defined on \(collection.goTypeName)")
    }
  }

  /// expr's `len` builtin: rune count for strings.
  static func builtinLength(_ value: Value) throws(ExprPanic) -> Int {
    switch value {
    case .floats(let floats): return floats.count
    case .list(let elements, _): return elements.count
    case .map(let entries): return entries.count
    case .string(let text): return text.unicodeScalars.count
    case .bytes(let bytes): return bytes.count
    default: throw ExprPanic("invalid argument for len (type \(value.goTypeName))")
    }
  }

  /// The elements a predicate builtin iterates over.
  static func elements(_ value: Value) throws(ExprPanic) -> [Value] {
    switch value {
    case .list(let elements, _): return elements
    case .floats(let floats): return floats.map { .float($0) }
    case .bytes(let bytes): return bytes.map { .int(Int($0)) }
    case .string(let text): return text.utf8.map { .int(Int($0)) }
    case .null: throw ExprPanic("reflect: call of reflect.Value.Len on zero Value")
    default: throw ExprPanic("reflect: call of reflect.Value.Len on \(value.reflectKindName) Value")
    }
  }
}

extension Value {
  /// reflect.Kind's name, used in reflect's own panic messages.
  var reflectKindName: String {
    switch self {
    case .null: "zero"
    case .bool: "bool"
    case .int: "int"
    case .int64: "int64"
    case .float: "float64"
    case .string: "string"
    case .bytes, .floats, .list: "slice"
    case .map: "map"
    case .object: "struct"
    case .function: "func"
    }
  }
}
