import Manifests

/// A value flowing through a jq pipeline, with the path it was reached by. `node == nil` is jq's
/// `null` (including a missing key, whose path jq still reports).
struct JQValue: Sendable {
  var path: [YAMLPath.Component]
  var node: YAMLNode?
}

/// Evaluates ``JQPath`` terms like jq's `path(…)`: errors (iterating a string, indexing a number)
/// end that branch quietly, as `?` would.
enum JQEvaluator {
  static func run(_ terms: [Term], on input: JQValue) -> [JQValue] {
    var current = [input]
    for term in terms {
      current = current.flatMap { apply(term, $0) }
      if current.isEmpty { break }
    }
    return current
  }

  static func apply(_ term: Term, _ value: JQValue) -> [JQValue] {
    let node = value.node.flatMap { $0.isNull ? nil : $0 }
    switch term {
    case .identity:
      return [value]
    case .key(let key, _):
      guard let node else { return [JQValue(path: value.path + [.key(key)], node: nil)] }
      guard node.isMapping else { return [] }
      return [JQValue(path: value.path + [.key(key)], node: node[key])]
    case .index(let index, _):
      guard let node else { return index >= 0 ? [JQValue(path: value.path + [.index(index)], node: nil)] : [] }
      guard let items = node.sequence else { return [] }
      let resolved = index < 0 ? items.count + index : index
      guard resolved >= 0 else { return [] }
      return [JQValue(path: value.path + [.index(resolved)], node: resolved < items.count ? items[resolved] : nil)]
    case .iterate:
      if let items = node?.sequence {
        return items.enumerated().map { JQValue(path: value.path + [.index($0.offset)], node: $0.element) }
      }
      if let entries = node?.entries {
        return entries.map { JQValue(path: value.path + [.key($0.key)], node: $0.value) }
      }
      return []
    case .select(let condition):
      return holds(condition, on: value) ? [value] : []
    case .pipe(let terms):
      return run(terms, on: value)
    }
  }

  // MARK: Conditions

  static func holds(_ condition: Condition, on value: JQValue) -> Bool {
    switch condition {
    case .and(let a, let b): return holds(a, on: value) && holds(b, on: value)
    case .or(let a, let b): return holds(a, on: value) || holds(b, on: value)
    case .not(let inner): return !holds(inner, on: value)
    case .truthy(let operand):
      return values(operand, value).contains { scalar in
        switch scalar {
        case .null, .bool(false): false
        default: true
        }
      }
    case .compare(let left, let op, let right):
      let lefts = values(left, value), rights = values(right, value)
      return lefts.contains { l in rights.contains { r in compare(l, op, r) } }
    case .function(let operand, let name, let argument):
      return values(operand, value).contains { scalar in
        guard case .string(let text) = scalar else { return false }
        switch name {
        case "startswith": return text.hasPrefix(argument)
        case "endswith": return text.hasSuffix(argument)
        default: return (try? Regex(argument)).map { (try? $0.firstMatch(in: text)) != nil } ?? false
        }
      }
    }
  }

  /// A comparable form of a JSON value: scalars by value, collections by their JSON text.
  enum Scalar: Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case collection(String)
  }

  static func values(_ operand: Operand, _ value: JQValue) -> [Scalar] {
    switch operand {
    case .literal(let literal): return [scalar(literal)]
    case .path(let terms):
      return run(terms, on: value).map { result in
        guard let node = result.node else { return .null }
        if let scalar = node.scalarValue { return self.scalar(scalar) }
        return .collection(node.jsonText())
      }
    }
  }

  static func scalar(_ value: ScalarValue) -> Scalar {
    switch value {
    case .null: .null
    case .bool(let b): .bool(b)
    case .int(let i): .number(Double(i))
    case .float(let d): .number(d)
    case .string(let s): .string(s)
    }
  }

  static func compare(_ l: Scalar, _ op: String, _ r: Scalar) -> Bool {
    switch op {
    case "==": return l == r
    case "!=": return l != r
    default: break
    }
    let order: Bool?
    switch (l, r) {
    case (.number(let a), .number(let b)): order = op == "<" ? a < b : op == "<=" ? a <= b : op == ">" ? a > b : a >= b
    case (.string(let a), .string(let b)): order = op == "<" ? a < b : op == "<=" ? a <= b : op == ">" ? a > b : a >= b
    default: order = nil
    }
    return order ?? false
  }
}
