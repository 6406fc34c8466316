/// A fully parenthesized rendering of a tree, so tests (and people) can see how text was grouped.
extension Node: CustomStringConvertible {
  public var description: String {
    switch kind {
    case .nilLiteral: return "nil"
    case .identifier(let name): return name
    case .integer(let i): return String(i)
    case .float(let f): return GoFormat.float(f)
    case .bool(let b): return b ? "true" : "false"
    case .string(let s): return GoFormat.quote(s)
    case .bytes(let bytes): return "b" + GoFormat.quote(String(decoding: bytes, as: UTF8.self))
    case .constant(let value): return GoFormat.value(value)
    case .unary(let op, let operand): return "(\(op == "not" ? "not " : op)\(operand))"
    case .binary(let op, let left, let right): return "(\(left) \(op) \(right))"
    case .chain(let inner): return inner.description
    case .member(let base, let property, let optional, _):
      if case .string(let name) = property.kind, CharacterClass.isValidIdentifier(name) {
        return "\(base)\(optional ? "?." : ".")\(name)"
      }
      return "\(base)\(optional ? "?." : "")[\(property)]"
    case .slice(let base, let from, let to):
      return "\(base)[\(from?.description ?? ""):\(to?.description ?? "")]"
    case .call(let callee, let arguments):
      return "\(callee)(\(arguments.map(\.description).joined(separator: ", ")))"
    case .builtin(let name, let arguments):
      return "\(name)(\(arguments.map(\.description).joined(separator: ", ")))"
    case .predicate(let body): return "{\(body)}"
    case .pointer(let name): return "#" + name
    case .variable(let name, let value, let body): return "let \(name) = \(value); \(body)"
    case .sequence(let nodes): return nodes.map(\.description).joined(separator: "; ")
    case .conditional(let c, let a, let b): return "(\(c) ? \(a) : \(b))"
    case .array(let elements): return "[" + elements.map(\.description).joined(separator: ", ") + "]"
    case .map(let pairs): return "{" + pairs.map(\.description).joined(separator: ", ") + "}"
    case .pair(let key, let value): return "\(key): \(value)"
    }
  }
}
