/// The builtins that loop over a collection with a predicate (compiler.go: BuiltinNode), with the
/// same early exits and the same run-time checks (a predicate must yield a bool).
extension Compiler {
  /// - Parameters:
  ///   - threshold: for `count`, stop counting once this many matched (expr's countThreshold).
  ///   - findThrows: for `find`/`findLast` standing for `filter(…)[0]`/`[-1]`, fail like them when
  ///     nothing matches (expr's filterFirst/filterLast).
  mutating func predicateBuiltin(
    _ name: String, _ argumentNodes: [Node], _ span: SourceSpan, threshold: Int? = nil, findThrows: Bool = false
  ) -> Code? {
    let loops: Set<String> = [
      "all", "none", "any", "one", "filter", "map", "count", "sum", "find", "findIndex", "findLast",
      "findLastIndex", "groupBy", "sortBy", "reduce",
    ]
    guard loops.contains(name), let collectionNode = argumentNodes.first else { return nil }
    let collection = compile(collectionNode)
    let predicate: Code? = argumentNodes.count > 1 ? compile(argumentNodes[1]) : nil
    let extra: Code? = argumentNodes.count > 2 ? compile(argumentNodes[2]) : nil

    @Sendable func begin(_ frame: inout Frame) throws(Located) -> Iteration {
      let value = try collection(&frame)
      do throws(ExprPanic) { return try Iteration(value) } catch { throw error.at(span) }
    }

    @Sendable func flag(_ value: Value) throws(Located) -> Bool {
      guard case .bool(let flag) = value else { throw Operations.conversionPanic(value, expected: "bool").at(span) }
      return flag
    }

    /// The element itself, failing like reflect when the collection cannot be indexed.
    @Sendable func element(_ items: Iteration, _ index: Int) throws(Located) -> Value {
      guard let item = items[index] else {
        throw Located(message: items.indexError ?? "cannot index the collection", span: span)
      }
      return item
    }

    /// Runs `body` once per element with `#` and `#index` bound; `body` returns false to stop.
    @Sendable func loop(
      _ frame: inout Frame, _ items: Iteration, backwards: Bool = false,
      _ body: (inout Frame, Int) throws(Located) -> Bool
    ) throws(Located) {
      frame.scopes.append(Scope(itemError: items.indexError))
      defer { frame.scopes.removeLast() }
      let top = frame.scopes.count - 1
      let count = items.count
      for step in 0..<count {
        let index = backwards ? count - 1 - step : step
        do throws(ExprPanic) { try frame.budget.step() } catch { throw error.at(span) }
        frame.scopes[top].item = items[index] ?? .null
        frame.scopes[top].index = index
        if try !body(&frame, index) { return }
      }
    }

    switch name {
    case "all", "none", "any":
      guard let predicate else { return nil }
      // all: stop at the first false; none: at the first true; any: at the first true.
      let stopOn = name != "all"
      let resultWhenStopped = name == "any"
      return { (frame) throws(Located) in
        let items = try begin(&frame)
        var stopped = false
        try loop(&frame, items) { (frame, _) throws(Located) in
          if try flag(try predicate(&frame)) == stopOn {
            stopped = true
            return false
          }
          return true
        }
        return .bool(stopped ? resultWhenStopped : !resultWhenStopped)
      }
    case "one", "count":
      return { (frame) throws(Located) in
        let items = try begin(&frame)
        var count = 0
        try loop(&frame, items) { (frame, index) throws(Located) in
          let value: Value
          if let predicate { value = try predicate(&frame) } else { value = try element(items, index) }
          if try flag(value) { count += 1 }
          if let threshold, count >= threshold { return false }
          return true
        }
        return name == "one" ? .bool(count == 1) : .int(count)
      }
    case "map" where Self.isFilterToMap(argumentNodes):
      // expr's filterMap: `map(filter(xs, p), q)` walks xs once and maps the kept elements; `#` is
      // never read for the filter's result.
      guard case .builtin(_, let inner) = argumentNodes[0].kind, let mapping = predicate else { return nil }
      let source = compile(inner[0])
      let keep = compile(inner[1])
      return { (frame) throws(Located) in
        let value = try source(&frame)
        let items: Iteration
        do throws(ExprPanic) { items = try Iteration(value) } catch { throw error.at(span) }
        var mapped: [Value] = []
        try loop(&frame, items) { (frame, _) throws(Located) in
          if try flag(try keep(&frame)) { mapped.append(try mapping(&frame)) }
          return true
        }
        do throws(ExprPanic) { try frame.budget.grow(mapped.count) } catch { throw error.at(span) }
        return .list(mapped)
      }
    case "filter", "map":
      guard let predicate else { return nil }
      let isMap = name == "map"
      return { (frame) throws(Located) in
        let items = try begin(&frame)
        var kept: [Value] = []
        try loop(&frame, items) { (frame, index) throws(Located) in
          let value = try predicate(&frame)
          if isMap {
            kept.append(value)
          } else if try flag(value) {
            kept.append(try element(items, index))
          }
          return true
        }
        do throws(ExprPanic) { try frame.budget.grow(kept.count) } catch { throw error.at(span) }
        return .list(kept)
      }
    case "sum":
      return { (frame) throws(Located) in
        let items = try begin(&frame)
        var total = Value.int(0)
        try loop(&frame, items) { (frame, index) throws(Located) in
          let value: Value
          if let predicate { value = try predicate(&frame) } else { value = try element(items, index) }
          do throws(ExprPanic) { total = try Operations.add(value, total) } catch { throw error.at(span) }
          return true
        }
        return total
      }
    case "find", "findLast", "findIndex", "findLastIndex":
      guard let predicate else { return nil }
      let backwards = name.hasPrefix("findLast")
      let wantsIndex = name.hasSuffix("Index")
      return { (frame) throws(Located) in
        let items = try begin(&frame)
        var found = Value.null
        var matched = false
        try loop(&frame, items, backwards: backwards) { (frame, index) throws(Located) in
          if try flag(try predicate(&frame)) {
            found = wantsIndex ? .int(index) : try element(items, index)
            matched = true
            return false
          }
          return true
        }
        if findThrows && !matched { throw Located(message: "reflect: slice index out of range", span: span) }
        return found
      }
    case "groupBy":
      guard let predicate else { return nil }
      return { (frame) throws(Located) in
        let items = try begin(&frame)
        var groups: [String: [Value]] = [:]
        try loop(&frame, items) { (frame, index) throws(Located) in
          let key = try predicate(&frame)
          guard case .string(let name) = key else {
            throw Located(
              message: "groupBy: rollout-sim supports string keys only (got \(key.goTypeName))", span: span)
          }
          groups[name, default: []].append(try element(items, index))
          return true
        }
        return .map(groups.mapValues { .list($0) })
      }
    case "sortBy":
      guard let predicate else { return nil }
      return { (frame) throws(Located) in
        let items = try begin(&frame)
        var descending = false
        if let extra {
          let order = try extra(&frame)
          guard case .string(let text) = order else {
            throw Located(message: "sortBy order argument must be a string", span: span)
          }
          switch text {
          case "asc": descending = false
          case "desc": descending = true
          default: throw Located(message: "unknown order, use asc or desc", span: span)
          }
        }
        var elements: [Value] = []
        var keys: [Value] = []
        try loop(&frame, items) { (frame, index) throws(Located) in
          keys.append(try predicate(&frame))
          elements.append(try element(items, index))
          return true
        }
        do throws(ExprPanic) {
          let sorted = try Aggregates.sort(elements, keys: keys, descending: descending)
          try frame.budget.grow(items.count)
          return .list(sorted)
        } catch {
          throw error.at(span)
        }
      }
    case "reduce":
      guard let predicate else { return nil }
      return { (frame) throws(Located) in
        let items = try begin(&frame)
        var accumulator: Value
        var start = 0
        if let extra {
          accumulator = try extra(&frame)
        } else {
          guard items.count > 0 else {
            throw Located(message: "reduce of empty array with no initial value", span: span)
          }
          accumulator = try element(items, 0)
          start = 1
        }
        frame.scopes.append(Scope(itemError: items.indexError))
        defer { frame.scopes.removeLast() }
        let top = frame.scopes.count - 1
        for index in start..<max(start, items.count) {
          do throws(ExprPanic) { try frame.budget.step() } catch { throw error.at(span) }
          frame.scopes[top].item = items[index] ?? .null
          frame.scopes[top].index = index
          frame.scopes[top].accumulator = accumulator
          accumulator = try predicate(&frame)
        }
        return accumulator
      }
    default:
      return nil
    }
  }

  /// `map(filter(xs, p), q)` where q does not read `#index`.
  static func isFilterToMap(_ arguments: [Node]) -> Bool {
    guard arguments.count == 2, case .builtin("filter", let inner) = arguments[0].kind, inner.count == 2 else {
      return false
    }
    return !readsIndex(arguments[1])
  }

  private static func readsIndex(_ node: Node) -> Bool {
    if case .pointer("index") = node.kind { return true }
    return node.children.contains(where: readsIndex)
  }
}
