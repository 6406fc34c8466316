import Manifests

/// The subset of jq that Argo CD `jqPathExpressions` use in practice, evaluated for the *paths* it
/// selects (what `del(EXPR)` would remove):
///
/// - paths: `.`, `.a`, `."a-b"`, `.["a"]`, `.[0]`, `.[-1]`, `.[]`, `.a[]?`;
/// - pipes: `A | B`;
/// - `select(COND)` with `==`, `!=`, `<`, `<=`, `>`, `>=`, `and`, `or`, `not`, parentheses, string,
///   number, `true`/`false`/`null` literals, and `PATH | test("re")`, `startswith("s")`, `endswith("s")`.
///
/// `.spec.http[] | select(.name == "primary") | .route[0].weight` selects
/// `/spec/http/<i>/route/0/weight` for every HTTP route named `primary`.
public struct JQPath: Sendable {
  public let text: String
  let pipeline: [Term]

  public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    /// 0-based character offset in the expression.
    public var offset: Int
    public var description: String { message }
  }

  public init(_ text: String) throws(ParseError) {
    var parser = JQParser(text)
    self.text = text
    self.pipeline = try parser.parseAll()
  }

  /// The paths the expression selects in `document`, in document order, without duplicates.
  public func paths(in document: YAMLNode) -> [JSONPointer] {
    var seen = Set<JSONPointer>()
    return JQEvaluator.run(pipeline, on: JQValue(path: [], node: document))
      .map { JSONPointer($0.path) }
      .filter { seen.insert($0).inserted }
  }
}

/// One step of a pipeline.
indirect enum Term: Sendable {
  case identity
  case key(String, optional: Bool)
  case index(Int, optional: Bool)
  case iterate(optional: Bool)
  case select(Condition)
  case pipe([Term])
}

indirect enum Condition: Sendable {
  case compare(Operand, String, Operand)
  case and(Condition, Condition)
  case or(Condition, Condition)
  case not(Condition)
  /// A path's value used as a boolean (jq truthiness: anything but false and null).
  case truthy(Operand)
  /// `PATH | test("re")`, `startswith("s")`, `endswith("s")`.
  case function(Operand, String, String)
}

enum Operand: Sendable {
  case path([Term])
  case literal(ScalarValue)
}
