import Expr
import Testing

/// Precedence, associativity and the grouping rules of expr's parser, shown fully parenthesized.
@Suite struct ParserTests {
  @Test(arguments: [
    ("1 + 2 * 3", "(1 + (2 * 3))"),
    ("(1 + 2) * 3", "((1 + 2) * 3)"),
    ("2 ** 3 ** 2", "(2 ** (3 ** 2))"),
    ("2 ^ 3 ^ 2", "(2 ^ (3 ^ 2))"),
    ("1 - 2 - 3", "((1 - 2) - 3)"),
    ("-1 ** 2", "(-(1 ** 2))"),
    ("!a && b || c", "(((!a) && b) || c)"),
    ("a or b and c", "(a or (b and c))"),
    ("not a in b", "((not a) in b)"),
    ("a not in b", "(not (a in b))"),
    ("a not matches 'x'", "(not (a matches \"x\"))"),
    ("1 < 2 < 3", "((1 < 2) && (2 < 3))"),
    ("a == b != c", "((a == b) != c)"),
    ("1..3 == [1, 2, 3]", "((1 .. 3) == [1, 2, 3])"),
    ("a ?? b ?? c", "((a ?? b) ?? c)"),
    ("a ? b : c ? d : e", "(a ? b : (c ? d : e))"),
    ("a ?: b", "(a ? a : b)"),
    ("result[0] >= 0.95", "(result[0] >= 0.95)"),
    ("result?.a.b", "result?.a.b"),
    ("result?.[0]", "result?.[0]"),
    ("result[1:2]", "result[1:2]"),
    ("result[:2]", "result[:2]"),
    ("result[1:]", "result[1:]"),
    ("result['a b']", "result[\"a b\"]"),
    ("all(result, {# > 0.9})", "all(result, {(# > 0.9)})"),
    ("all(result, # > 0.9)", "all(result, {(# > 0.9)})"),
    ("any(result.slos, {.state == 'x'})", "any(result.slos, {(#.state == \"x\")})"),
    ("map(xs, #index)", "map(xs, {#index})"),
    ("count(xs)", "count(xs)"),
    ("xs | filter(# > 1) | len()", "len(filter(xs, {(# > 1)}))"),
    ("let x = 1; x + 1", "let x = 1; (x + 1)"),
    ("{a: 1, 'b': 2, (c): 3}", "{\"a\": 1, \"b\": 2, c: 3}"),
    ("isNaN(result[0]) || result[0] <= 0.05", "(isNaN(result[0]) || (result[0] <= 0.05))"),
    ("0x1F + 0b11 + 0o17 + 1_000", "(((31 + 3) + 15) + 1000)"),
    (".5 + 1e3", "(0.5 + 1000)"),
    ("foo.not", "foo.not"),
    ("if a { 1 } else { 2 }", "(a ? 1 : 2)"),
    ("a // comment\n+ 1", "(a + 1)"),
    ("a /* x */ + 1", "(a + 1)"),
  ])
  func grouping(source: String, expected: String) throws {
    let node = try Program.parse(source).get()
    #expect(node.description == expected)
  }

  /// Syntax errors, rendered as expr renders them (message, position, source line, caret).
  @Test(arguments: [
    ("1 +", "unexpected token EOF (1:3)\n | 1 +\n | ..^"),
    ("(1 + 2", "unexpected token EOF (1:6)\n | (1 + 2\n | .....^"),
    ("a ?? b + 1", "Operator (+) and coalesce expressions (??) cannot be mixed. Wrap either by parentheses. (1:8)\n | a ?? b + 1\n | .......^"),
    ("'abc", "literal not terminated (1:5)\n | 'abc\n | ....^"),
    ("1 @ 2", "unrecognized character: U+0040 '@' (1:3)\n | 1 @ 2\n | ..^"),
    ("12abc", "bad number syntax: \"12a\" (1:3)\n | 12abc\n | ..^"),
    ("'\\q'", "invalid char escape (1:3)\n | '\\q'\n | ..^"),
    ("/* x", "unclosed comment (1:5)\n | /* x\n | ....^"),
    ("all(xs)", "expected at least 2 arguments (1:7)\n | all(xs)\n | ......^"),
    ("a.1", "unexpected token Number(\".1\") (1:2)\n | a.1\n | .^"),
    ("a.+", "expected name (1:3)\n | a.+\n | ..^"),
    ("99999999999999999999", "invalid integer literal: strconv.ParseInt: parsing \"99999999999999999999\": value out of range (1:20)\n | 99999999999999999999\n | ...................^"),
    ("{,}", "a map key must be a quoted string, a number, a identifier, or an expression enclosed in parentheses (unexpected token Operator(\",\")) (1:2)\n | {,}\n | .^"),
  ])
  func syntaxErrors(source: String, rendered: String) {
    guard case .failure(let error) = Program.parse(source) else {
      Issue.record("`\(source)` parsed")
      return
    }
    #expect(error.stage == .syntax)
    #expect(error.description == rendered)
  }

  @Test func everyNodeHasALocation() throws {
    let node = try Program.parse("len(result) == 0 ||\n  result[0] <= 0.05").get()
    guard case .binary("||", let left, let right) = node.kind else {
      Issue.record("unexpected tree \(node)")
      return
    }
    #expect(node.span == SourceSpan(from: 17, to: 19))
    #expect(left.span == SourceSpan(from: 12, to: 14))
    #expect(right.span == SourceSpan(from: 32, to: 34))
  }

  @Test func nodeBudgetIsExpr() {
    let source = "[" + Array(repeating: "a", count: 10_001).joined(separator: ",") + "]"
    guard case .failure(let error) = Program.parse(source) else {
      Issue.record("a 12,000-node expression parsed")
      return
    }
    #expect(error.message == "compilation failed: expression exceeds maximum allowed nodes")
  }
}
