/// The walking parts of `max`, `min`, `mean`, `median`, `flatten` and `sort` (builtin/lib.go).
enum Aggregates {
  private static let maxDepth = 10_000

  /// expr's `minMax`: the largest (`pickMore`) or smallest number among the arguments and the
  /// elements of array arguments, nested arrays included; nil when there is none.
  static func minMax(_ name: String, _ arguments: [Value], pickMore: Bool, depth: Int = 0) throws(ExprPanic) -> Value {
    if depth > maxDepth { throw ExprPanic("recursion depth exceeded") }
    func better(_ candidate: Value, than current: Value) throws(ExprPanic) -> Bool {
      try Operations.compare(current, candidate, pickMore ? .less : .more)
    }
    var best: Value = .null
    func offer(_ candidate: Value) throws(ExprPanic) {
      if best.isNil { best = candidate } else if try better(candidate, than: best) { best = candidate }
    }
    for argument in arguments {
      switch argument {
      case .floats(let floats):
        guard var m = floats.first else { continue }
        for f in floats.dropFirst() where pickMore ? m < f : m > f { m = f }
        try offer(.float(m))
      case .list(let elements, .int):
        guard var m = elements.first else { continue }
        for element in elements.dropFirst() where try better(element, than: m) { m = element }
        try offer(m)
      case .list(let elements, .any):
        for element in elements {
          switch element {
          case .int, .int64, .float:
            try offer(element)
          case .floats, .list, .bytes:
            let nested = try minMax(name, [element], pickMore: pickMore, depth: depth + 1)
            if !nested.isNil { try offer(nested) }
          default:
            throw ExprPanic("invalid argument for \(name) (type \(element.goTypeName))")
          }
        }
      case .list(let elements, _):
        for element in elements {
          let nested = try minMax(name, [element], pickMore: pickMore, depth: depth + 1)
          switch nested {
          case .int, .int64, .float: try offer(nested)
          default: throw ExprPanic("invalid argument for \(name) (type \(nested.goTypeName))")
          }
        }
      case .int, .int64, .float:
        try offer(argument)
      default:
        if arguments.count == 1 { return argument }
        throw ExprPanic("invalid argument for \(name) (type \(argument.goTypeName))")
      }
    }
    return best
  }

  /// The numbers `mean` and `median` work on, in order.
  static func collect(_ name: String, _ arguments: [Value], depth: Int, _ add: (Double) -> Void) throws(ExprPanic) {
    if depth > maxDepth { throw ExprPanic("recursion depth exceeded") }
    for argument in arguments {
      switch argument {
      case .int(let i): add(Double(i))
      case .int64(let i): add(Double(i))
      case .float(let f): add(f)
      case .floats(let floats): floats.forEach(add)
      case .list(let elements, _):
        for element in elements {
          switch element {
          case .int(let i): add(Double(i))
          case .int64(let i): add(Double(i))
          case .float(let f): add(f)
          case .floats, .list, .bytes: try collect(name, [element], depth: depth + 1, add)
          default: throw ExprPanic("invalid argument for \(name) (type \(element.goTypeName))")
          }
        }
      case .bytes(let bytes): bytes.forEach { add(Double($0)) }
      default:
        throw ExprPanic("invalid argument for \(name) (type \(argument.goTypeName))")
      }
    }
  }

  static func flatten(_ value: Value, into result: inout [Value], depth: Int) throws(ExprPanic) {
    if depth > maxDepth { throw ExprPanic("recursion depth exceeded") }
    guard let elements = Operations.listElements(value) else { return }
    for element in elements {
      if Operations.listElements(element) != nil {
        try flatten(element, into: &result, depth: depth + 1)
      } else {
        result.append(element)
      }
    }
  }

  /// Sorts `elements` by `keys` with expr's `runtime.Less` (which fails on mixed types). Stable, as
  /// Go's sort is for the short arrays conditions hold.
  static func sort(_ elements: [Value], keys: [Value], descending: Bool) throws(ExprPanic) -> [Value] {
    var order = Array(elements.indices)
    func less(_ i: Int, _ j: Int) throws(ExprPanic) -> Bool {
      descending
        ? try Operations.compare(keys[j], keys[i], .less) : try Operations.compare(keys[i], keys[j], .less)
    }
    // Bottom-up merge sort: stable and O(n log n) with a comparison that may fail.
    var buffer = order
    var width = 1
    while width < order.count {
      var start = 0
      while start < order.count {
        let middle = min(start + width, order.count)
        let end = min(start + 2 * width, order.count)
        var left = start
        var right = middle
        var out = start
        while left < middle && right < end {
          if try less(order[right], order[left]) {
            buffer[out] = order[right]
            right += 1
          } else {
            buffer[out] = order[left]
            left += 1
          }
          out += 1
        }
        while left < middle {
          buffer[out] = order[left]
          left += 1
          out += 1
        }
        while right < end {
          buffer[out] = order[right]
          right += 1
          out += 1
        }
        start = end
      }
      swap(&order, &buffer)
      width *= 2
    }
    return order.map { elements[$0] }
  }
}
