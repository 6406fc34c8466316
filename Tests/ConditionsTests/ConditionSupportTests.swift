import Conditions
import Diagnostics
import Expr
import Foundation
import Testing
import TestSupport

/// Corpus coverage, result parsing and diagnostics.
@Suite struct ConditionSupportTests {
  /// Acceptance: every condition of `../shared/data/expr/expr-cases.txt` parses. Templated ones
  /// (`{{args.x}}`, `${VAR}`) are parsed after substituting a number, as Argo substitutes before
  /// compiling.
  @Test(.enabled(if: PackagePaths.sharedDataAvailable("expr/expr-cases.txt")))
  func everyCorpusConditionParses() throws {
    let text = try String(contentsOf: PackagePaths.sharedData("expr/expr-cases.txt"), encoding: .utf8)
    var parsed = 0
    var templated = 0
    for line in text.split(separator: "\n") where !line.hasPrefix("#") && !line.hasPrefix("set\t") {
      let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
      guard columns.count >= 2 else { continue }
      var expression = String(columns[1])
      if expression.contains("{{") || expression.contains("${") {
        templated += 1
        expression = expression.replacingOccurrences(of: #"\{\{.*\}\}"#, with: "1", options: .regularExpression)
        expression = expression.replacingOccurrences(of: #"\$\{[^}]*\}"#, with: "1", options: .regularExpression)
      }
      switch Program.parse(expression) {
      case .success: parsed += 1
      case .failure(let error): Issue.record("`\(expression)` does not parse: \(error)")
      }
    }
    print("expr-cases.txt: \(parsed) conditions parse (\(templated) after template substitution)")
    #expect(parsed >= 150)
  }

  @Test(arguments: [
    ("[0.97, 0.02]", ConditionValue.vector([0.97, 0.02])),
    ("[]", .vector([])),
    ("[NaN]", .vector([.nan])),
    ("Inf", .float(.infinity)),
    ("-Inf", .float(-.infinity)),
    ("0.5", .float(0.5)),
    ("null", .null),
    ("true", .bool(true)),
    ("\"healthy\"", .string("healthy")),
    ("[1, \"a\"]", .list([.float(1), .string("a")])),
    ("{\"a\": [1, 2], \"b\": null}", .map(["a": .list([.float(1), .float(2)]), "b": .null])),
  ])
  func resultsParse(text: String, expected: ConditionValue) throws {
    let value = try ConditionValue.parse(json: text).get()
    #expect(GoFormat.value(value.exprValue) == GoFormat.value(expected.exprValue))
    #expect(value.shape == expected.shape)
  }

  @Test(arguments: [
    ("healthy", "invalid character 'h' looking for beginning of value", 1),
    ("[1,]", "invalid character ']' looking for beginning of value", 4),
    ("{\"a\" 1}", "invalid character '1' after object key", 6),
    ("[1", "unexpected end of JSON input", 3),
  ])
  func badResultsAreReported(text: String, message: String, column: Int) {
    guard case .failure(let error) = ConditionValue.parse(json: text) else {
      Issue.record("`\(text)` parsed")
      return
    }
    #expect(error.message == message)
    #expect(error.column == column)
  }

  @Test func webBodiesThatAreNotJSONAreStrings() {
    #expect(ConditionValue.webResult(body: "It worked!") == .string("It worked!"))
    #expect(ConditionValue.webResult(body: "{\"ok\": true}") == .map(["ok": .bool(true)]))
  }

  /// A condition error placed in its manifest, rendered with the caret under the operator.
  @Test func diagnosticsPointIntoTheManifest() throws {
    let yaml = "    successCondition: result < 0.5\n"
    let error = try #require(ConditionEvaluator().check("result < 0.5", shape: .vector))
    let diagnostic = ConditionDiagnostics.diagnostic(
      for: error, role: .success, shape: .vector, at: SourceLocation(file: "analysis.yaml", line: 1, column: 23))
    let rendered = DiagnosticRenderer(sources: ["analysis.yaml": SourceText(path: "analysis.yaml", text: yaml)])
      .render(diagnostic)
    #expect(
      rendered == """
        analysis.yaml:1:30: error: successCondition does not compile for a []float64 result: invalid operation: < (mismatched types []float64 and float64) [condition]
           1 |     successCondition: result < 0.5
             |                              ^
           hint: a Prometheus query returns a vector ([]float64): compare an element, e.g. result[0] instead of result

        """)
  }

  @Test(arguments: [
    ("results[0] > 1", ResultShape.vector, "did you mean 'result'?"),
    ("asFloat(args.max) > 1", .vector, "template arguments are substituted as text: write {{args.name}}, not args.name"),
    ("result[0] > 1", .float, "this result is a scalar (float64), not a vector: compare result itself, not result[0]"),
  ])
  func hints(expression: String, shape: ResultShape, hint: String) throws {
    let error = try #require(ConditionEvaluator().check(expression, shape: shape))
    #expect(ConditionDiagnostics.hint(for: error, shape: shape) == hint)
  }

  @Test func multiLineConditionsMapToTheirLine() throws {
    let error = try #require(ConditionEvaluator().check("len(result) > 0 &&\n  result > 0.5", shape: .vector))
    let diagnostic = ConditionDiagnostics.diagnostic(
      for: error, role: .failure, shape: .vector, at: SourceLocation(file: "t.yaml", line: 10, column: 9),
      continuationIndent: 9)
    #expect(diagnostic.location == SourceLocation(file: "t.yaml", line: 11, column: 18))
  }
}
