import Foundation

/// expr's run-time operators (vm/runtime: Equal, Less, Add, … generated for every Go number type),
/// with Go's semantics: `int op int` stays `int` (wrapping on overflow), anything with a float is
/// `float64`, `/` is always `float64`, `%` takes integers only, comparisons with NaN are false.
enum Operations {
  /// A number as Go's arithmetic sees it.
  enum Number {
    case int(Int)
    case float(Double)

    var asDouble: Double {
      switch self {
      case .int(let i): Double(i)
      case .float(let f): f
      }
    }
  }

  @inline(__always)
  static func number(_ value: Value) -> Number? {
    switch value {
    case .int(let i): .int(i)
    case .float(let f): .float(f)
    case .int64(let i): .int(Int(i))
    default: nil
    }
  }

  static func mismatch(_ a: Value, _ op: String, _ b: Value) -> ExprPanic {
    ExprPanic("invalid operation: \(a.goTypeName) \(op) \(b.goTypeName)")
  }

  /// Go's panic text for a failed type assertion `v.(T)`.
  static func conversionPanic(_ value: Value, expected: String) -> ExprPanic {
    let actual = value.isNil ? "nil" : value.goTypeName
    return ExprPanic("interface conversion: interface {} is \(actual), not \(expected)")
  }

  // MARK: - Comparison

  enum Ordering {
    case less, more, lessOrEqual, moreOrEqual

    /// The ordering between two floats (Go's: any comparison with NaN is false).
    @inline(__always) func holds(_ x: Double, _ y: Double) -> Bool {
      switch self {
      case .less: x < y
      case .more: x > y
      case .lessOrEqual: x <= y
      case .moreOrEqual: x >= y
      }
    }

    var symbol: String {
      switch self {
      case .less: "<"
      case .more: ">"
      case .lessOrEqual: "<="
      case .moreOrEqual: ">="
      }
    }
  }

  @inline(__always)
  static func compare(_ a: Value, _ b: Value, _ ordering: Ordering) throws(ExprPanic) -> Bool {
    switch (a, b) {
    case (.float(let x), .float(let y)): return test(x, y, ordering)
    case (.int(let x), .int(let y)): return test(x, y, ordering)
    case (.string(let x), .string(let y)):
      let less = GoFormat.goLess(x, y)
      let equal = x.utf8.elementsEqual(y.utf8)
      switch ordering {
      case .less: return less
      case .more: return !less && !equal
      case .lessOrEqual: return less || equal
      case .moreOrEqual: return !less
      }
    default:
      switch (number(a), number(b)) {
      case (.int(let x)?, .int(let y)?): return test(x, y, ordering)
      case (let x?, let y?): return test(x.asDouble, y.asDouble, ordering)
      default: throw mismatch(a, ordering.symbol, b)
      }
    }
  }

  @inline(__always)
  private static func test<T: Comparable>(_ x: T, _ y: T, _ ordering: Ordering) -> Bool {
    switch ordering {
    case .less: x < y
    case .more: x > y
    case .lessOrEqual: x <= y
    case .moreOrEqual: x >= y
    }
  }

  /// expr's `runtime.Equal`: numbers compare across types, `[]interface {}` element-wise, strings and
  /// bools by value, two nils are equal, everything else by Go's `reflect.DeepEqual`.
  static func equal(_ a: Value, _ b: Value) -> Bool {
    switch (a, b) {
    case (.float(let x), .float(let y)): return x == y
    case (.int(let x), .int(let y)): return x == y
    case (.string(let x), .string(let y)): return x.utf8.elementsEqual(y.utf8)
    case (.bool(let x), .bool(let y)): return x == y
    case (.null, .null): return true
    default: break
    }
    if let x = number(a), let y = number(b) {
      if case .int(let i) = x, case .int(let j) = y { return i == j }
      return x.asDouble == y.asDouble
    }
    switch (a, b) {
    case (.list(let xs, .any), _):
      guard let ys = listElements(b), b.isEqualityListCase else { return deepEqual(a, b) }
      return xs.count == ys.count && zip(xs, ys).allSatisfy { equal($0, $1) }
    case (_, .list(_, .any)) where a.isEqualityListCase:
      return equal(b, a)
    case (.floats(let xs), .floats(let ys)):
      return xs.count == ys.count && zip(xs, ys).allSatisfy { $0 == $1 }
    default:
      return deepEqual(a, b)
    }
  }

  /// Go's `reflect.DeepEqual` over our values: identical types, then equal contents.
  static func deepEqual(_ a: Value, _ b: Value) -> Bool {
    switch (a, b) {
    case (.null, .null): return true
    case (.bool(let x), .bool(let y)): return x == y
    case (.int(let x), .int(let y)): return x == y
    case (.int64(let x), .int64(let y)): return x == y
    case (.float(let x), .float(let y)): return x == y
    case (.string(let x), .string(let y)): return x.utf8.elementsEqual(y.utf8)
    case (.bytes(let x), .bytes(let y)): return x == y
    case (.floats(let xs), .floats(let ys)): return xs.count == ys.count && zip(xs, ys).allSatisfy { $0 == $1 }
    case (.list(let xs, let e1), .list(let ys, let e2)):
      return e1 == e2 && xs.count == ys.count && zip(xs, ys).allSatisfy { deepEqual($0, $1) }
    case (.map(let x), .map(let y)):
      guard x.count == y.count else { return false }
      for (key, value) in x {
        guard let other = y[key], deepEqual(value, other) else { return false }
      }
      return true
    case (.object(let x), .object(let y)):
      return x.type === y.type && zip(x.fields, y.fields).allSatisfy { deepEqual($0, $1) }
    default:
      return false
    }
  }

  static func listElements(_ value: Value) -> [Value]? {
    switch value {
    case .list(let elements, _): elements
    case .floats(let floats): floats.map { .float($0) }
    default: nil
    }
  }

  // MARK: - Arithmetic

  @inline(__always)
  static func add(_ a: Value, _ b: Value) throws(ExprPanic) -> Value {
    switch (a, b) {
    case (.float(let x), .float(let y)): return .float(x + y)
    case (.int(let x), .int(let y)): return .int(x &+ y)
    case (.string(let x), .string(let y)): return .string(x + y)
    default:
      switch (number(a), number(b)) {
      case (.int(let x)?, .int(let y)?): return .int(x &+ y)
      case (let x?, let y?): return .float(x.asDouble + y.asDouble)
      default: throw mismatch(a, "+", b)
      }
    }
  }

  static func subtract(_ a: Value, _ b: Value) throws(ExprPanic) -> Value {
    switch (number(a), number(b)) {
    case (.int(let x)?, .int(let y)?): return .int(x &- y)
    case (let x?, let y?): return .float(x.asDouble - y.asDouble)
    default: throw mismatch(a, "-", b)
    }
  }

  static func multiply(_ a: Value, _ b: Value) throws(ExprPanic) -> Value {
    switch (number(a), number(b)) {
    case (.int(let x)?, .int(let y)?): return .int(x &* y)
    case (let x?, let y?): return .float(x.asDouble * y.asDouble)
    default: throw mismatch(a, "*", b)
    }
  }

  static func divide(_ a: Value, _ b: Value) throws(ExprPanic) -> Value {
    guard let x = number(a), let y = number(b) else { throw mismatch(a, "/", b) }
    return .float(x.asDouble / y.asDouble)
  }

  static func modulo(_ a: Value, _ b: Value) throws(ExprPanic) -> Value {
    guard case .int(let x)? = number(a), case .int(let y)? = number(b) else { throw mismatch(a, "%", b) }
    if y == 0 { throw ExprPanic("runtime error: integer divide by zero") }
    return .int(x.remainderReportingOverflow(dividingBy: y).partialValue)
  }

  static func exponent(_ a: Value, _ b: Value) throws(ExprPanic) -> Value {
    .float(goPow(try toFloat64(a), try toFloat64(b)))
  }

  /// Go's `math.Pow` (math/pow.go), ported because its results differ from C's `pow` in the last
  /// bit: `x ** 0.5` is `Sqrt(x)`, integer powers go by repeated squaring.
  static func goPow(_ x: Double, _ y: Double) -> Double {
    switch true {
    case y == 0 || x == 1: return 1
    case y == 1: return x
    case x.isNaN || y.isNaN: return .nan
    case x == 0:
      if y < 0 {
        if x.sign == .minus && isOddInteger(y) { return -.infinity }
        return .infinity
      }
      if x.sign == .minus && isOddInteger(y) { return x }
      return 0
    case y.isInfinite:
      if x == -1 { return 1 }
      if (abs(x) < 1) == (y > 0) { return 0 }
      return .infinity
    case x.isInfinite:
      if x < 0 { return goPow(1 / x, -y) }
      return y < 0 ? 0 : .infinity
    case y == 0.5: return x.squareRoot()
    case y == -0.5: return 1 / x.squareRoot()
    default: break
    }
    var yi = abs(y).rounded(.towardZero)
    var yf = abs(y) - yi
    if yf != 0 && x < 0 { return .nan }
    if yi >= 9.223372036854775808e18 {
      // A huge even integer power: overflow or underflow for every x but -1.
      if x == -1 { return 1 }
      if (abs(x) < 1) == (y > 0) { return 0 }
      return .infinity
    }
    var a1 = 1.0
    var ae = 0
    if yf != 0 {
      if yf > 0.5 {
        yf -= 1
        yi += 1
      }
      a1 = exp(yf * log(x))
    }
    var (x1, xe) = frexp(x)
    var i = Int64(yi)
    while i != 0 {
      if xe < -(1 << 12) || (1 << 12) < xe {
        ae += xe
        break
      }
      if i & 1 == 1 {
        a1 *= x1
        ae += xe
      }
      x1 *= x1
      xe <<= 1
      if x1 < 0.5 {
        x1 += x1
        xe -= 1
      }
      i >>= 1
    }
    if y < 0 {
      a1 = 1 / a1
      ae = -ae
    }
    return scalbn(a1, ae)
  }

  private static func isOddInteger(_ value: Double) -> Bool {
    guard abs(value) < 9.007199254740992e15, value == value.rounded(.towardZero) else { return false }
    return Int64(value) & 1 == 1
  }

  static func negate(_ value: Value) throws(ExprPanic) -> Value {
    switch value {
    case .int(let i): return .int(0 &- i)
    case .int64(let i): return .int64(0 &- i)
    case .float(let f): return .float(-f)
    default: throw ExprPanic("invalid operation: - \(value.goTypeName)")
    }
  }

  // MARK: - Conversions (runtime.ToInt, ToFloat64)

  static func toInt(_ value: Value) throws(ExprPanic) -> Int {
    switch value {
    case .int(let i): return i
    case .int64(let i): return Int(i)
    case .float(let f): return goTruncate(f)
    default: throw ExprPanic("invalid operation: int(\(value.goTypeName))")
    }
  }

  static func toFloat64(_ value: Value) throws(ExprPanic) -> Double {
    switch value {
    case .int(let i): return Double(i)
    case .int64(let i): return Double(i)
    case .float(let f): return f
    default: throw ExprPanic("invalid operation: float(\(value.goTypeName))")
    }
  }

  /// Go's float64 → int conversion on amd64: truncation toward zero; NaN and out-of-range values give
  /// the "integer indefinite" value math.MinInt64.
  static func goTruncate(_ value: Double) -> Int {
    guard value.isFinite, value > -9.223372036854775808e18, value < 9.223372036854775808e18 else {
      return Int.min
    }
    return Int(value.rounded(.towardZero))
  }
}

extension Value {
  /// The slices expr's generated `Equal` compares element-wise with a `[]interface {}`.
  fileprivate var isEqualityListCase: Bool {
    switch self {
    case .floats: true
    case .list(_, let element):
      switch element {
      case .any, .string, .int, .int64, .float: true
      default: false
      }
    default: false
    }
  }
}
