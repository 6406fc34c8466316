/// A node of the syntax tree. Every node knows where it came from, so every error can point at it.
/// The checker fills in `type` (expr's "nature") on the tree it returns.
public struct Node: Sendable {
  public var kind: NodeKind
  public var span: SourceSpan
  public var type: ExprType
  /// Height of the tree under this node (1 for a leaf), as built by the parser.
  public internal(set) var depth: Int

  public init(_ kind: NodeKind, at span: SourceSpan, type: ExprType = .unknown) {
    self.kind = kind
    self.span = span
    self.type = type
    self.depth = 1 + kind.maxChildDepth
  }
}

/// The node kinds of expr's `ast/node.go`.
public indirect enum NodeKind: Sendable {
  case nilLiteral
  case identifier(String)
  case integer(Int)
  case float(Double)
  case bool(Bool)
  case string(String)
  case bytes([UInt8])
  /// A value computed at compile time by the optimizer.
  case constant(Value)
  case unary(String, Node)
  case binary(String, Node, Node)
  /// The extent of an optional chain `a?.b.c`: a nil anywhere inside makes the whole chain nil.
  case chain(Node)
  /// `base.name`, `base[index]`, `base?.name`; `method` when it is called (`base.name()`).
  case member(Node, property: Node, optional: Bool, method: Bool)
  case slice(Node, from: Node?, to: Node?)
  case call(Node, [Node])
  case builtin(String, [Node])
  case predicate(Node)
  /// `#`, `#index`, `#acc`, or the implicit `#` of `.field` inside a predicate.
  case pointer(String)
  case variable(name: String, value: Node, body: Node)
  case sequence([Node])
  case conditional(Node, Node, Node)
  case array([Node])
  case map([Node])
  case pair(Node, Node)
}

extension NodeKind {
  var maxChildDepth: Int {
    switch self {
    case .nilLiteral, .identifier, .integer, .float, .bool, .string, .bytes, .constant, .pointer: 0
    case .unary(_, let node), .chain(let node), .predicate(let node): node.depth
    case .binary(_, let left, let right), .pair(let left, let right): max(left.depth, right.depth)
    case .member(let base, let property, _, _): max(base.depth, property.depth)
    case .slice(let base, let from, let to): max(base.depth, from?.depth ?? 0, to?.depth ?? 0)
    case .call(let callee, let arguments): max(callee.depth, arguments.map(\.depth).max() ?? 0)
    case .builtin(_, let nodes), .sequence(let nodes), .array(let nodes), .map(let nodes):
      nodes.map(\.depth).max() ?? 0
    case .variable(_, let value, let body): max(value.depth, body.depth)
    case .conditional(let a, let b, let c): max(a.depth, b.depth, c.depth)
    }
  }
}

extension Node {
  var children: [Node] {
    switch kind {
    case .nilLiteral, .identifier, .integer, .float, .bool, .string, .bytes, .constant, .pointer: []
    case .unary(_, let node), .chain(let node), .predicate(let node): [node]
    case .binary(_, let left, let right), .pair(let left, let right): [left, right]
    case .member(let base, let property, _, _): [base, property]
    case .slice(let base, let from, let to): [base] + [from, to].compactMap { $0 }
    case .call(let callee, let arguments): [callee] + arguments
    case .builtin(_, let arguments), .sequence(let arguments), .array(let arguments), .map(let arguments):
      arguments
    case .variable(_, let value, let body): [value, body]
    case .conditional(let a, let b, let c): [a, b, c]
    }
  }
}
