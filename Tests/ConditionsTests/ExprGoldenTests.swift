import Conditions
import Foundation
import Testing
import TestSupport

/// Acceptance (issue 3): `../shared/data/expr/expr-golden.tsv` — 2,715 condition × result rows computed
/// with expr-lang v1.17.8 in Argo's environment. At least 99 % must agree on the outcome class
/// (true / false / compile error / runtime error / not bool). Every disagreement is listed with its
/// reason in Fixtures/expr-golden-disagreements.tsv; a row that disagrees without being listed, or a
/// listed row that now agrees, fails the test, so the list stays honest.
@Suite struct ExprGoldenTests {
  static let disagreementsPath = "Tests/ConditionsTests/Fixtures/expr-golden-disagreements.tsv"

  struct Row {
    var expression: String
    var fixture: String
    var expected: String
  }

  /// The result values the golden file names, as Argo's providers shape them.
  static let fixtures: [String: ConditionValue] = [
    "prom.vector[0.97]": .vector([0.97]),
    "prom.vector[0.03]": .vector([0.03]),
    "prom.vector[]": .vector([]),
    "prom.vector[NaN]": .vector([.nan]),
    "prom.vector[+Inf]": .vector([.infinity]),
    "prom.vector[0.97,0.02]": .vector([0.97, 0.02]),
    "prom.scalar(0.97)": .float(0.97),
    "prom.scalar(NaN)": .float(.nan),
    "datadog.nil(*float64)": .null,
    "datadog.value(*float64=0.97)": .float(0.97),
    "web.string(\"healthy\")": .string("healthy"),
    "web.float64(1)": .float(1),
    "web.bool(true)": .bool(true),
    "web/newrelic.map": .map([
      "ok": .bool(true), "successPercent": .float(0.95), "successRate": .float(0.97), "status": .string("healthy"),
      "Status": .float(999), "completed": .bool(true), "code": .float(200), "statusCode": .float(200),
      "exitCode": .float(0), "decision": .string("PROMOTE"), "variant": .string("on"),
      "slos": .list([.map(["overall_status": .list([.map(["state": .string("ok")])])])]),
      "service_apdex": .map(["values": .map(["values": .list([.map(["value": .string("9950")])])])]),
    ]),
    "job.nil": .null,
  ]

  static func rows() throws -> [Row] {
    let text = try String(contentsOf: PackagePaths.sharedData("expr/expr-golden.tsv"), encoding: .utf8)
    return text.split(separator: "\n", omittingEmptySubsequences: true).dropFirst(0).compactMap { line in
      if line.hasPrefix("#") || line.hasPrefix("expression\t") { return nil }
      let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      guard columns.count == 3 else { return nil }
      return Row(expression: columns[0], fixture: columns[1], expected: columns[2])
    }
  }

  /// Our outcome in the golden file's notation.
  static func outcome(_ evaluator: ConditionEvaluator, _ expression: String, _ result: ConditionValue) -> String {
    switch evaluator.evaluate(expression, result: result) {
    case .success(let verdict): return verdict ? "true" : "false"
    case .failure(let failure):
      switch failure.kind {
      case .compile: return "COMPILE_ERROR: " + failure.message
      case .runtime: return "RUNTIME_ERROR: " + failure.message
      case .notBool: return "NOT_BOOL: " + failure.message
      }
    }
  }

  static func outcomeClass(_ outcome: String) -> String {
    if let colon = outcome.firstIndex(of: ":") { return String(outcome[..<colon]) }
    return outcome
  }

  @Test(.enabled(if: PackagePaths.sharedDataAvailable("expr/expr-golden.tsv")))
  func goldenOutcomesAgree() throws {
    let rows = try Self.rows()
    #expect(rows.count == 2_715)
    let evaluator = ConditionEvaluator()
    var agreeing = 0
    var sameMessage = 0
    var disagreements: [String: (Row, String)] = [:]
    for row in rows {
      guard let result = Self.fixtures[row.fixture] else {
        Issue.record("unknown fixture \(row.fixture)")
        continue
      }
      let actual = Self.outcome(evaluator, row.expression, result)
      if Self.outcomeClass(actual) == Self.outcomeClass(row.expected) {
        agreeing += 1
        let trimmed = actual.trimmingCharacters(in: .whitespaces)
        if trimmed == row.expected || Self.outcomeClass(row.expected) == "NOT_BOOL" { sameMessage += 1 }
      } else {
        disagreements[row.expression + "\t" + row.fixture] = (row, actual)
      }
    }
    let percent = Double(agreeing) * 100 / Double(rows.count)
    print(
      "expr-golden.tsv: \(agreeing)/\(rows.count) agree on the outcome class (\(String(format: "%.2f", percent)) %); "
        + "\(sameMessage) with the same message text")
    #expect(percent >= 99)

    let listed = try Self.listedDisagreements()
    for (key, (row, actual)) in disagreements.sorted(by: { $0.key < $1.key }) where listed[key] == nil {
      Issue.record("unlisted disagreement: `\(row.expression)` on \(row.fixture): expected \(row.expected), got \(actual)")
    }
    for key in listed.keys.sorted() where disagreements[key] == nil {
      Issue.record("listed disagreement now agrees (remove it from the fixture): \(key)")
    }
  }

  /// expression+TAB+fixture → reason.
  static func listedDisagreements() throws -> [String: String] {
    let url = PackagePaths.inPackage(disagreementsPath)
    guard let text = try? String(contentsOf: url, encoding: .utf8) else {
      Issue.record("missing \(disagreementsPath)")
      return [:]
    }
    var listed: [String: String] = [:]
    for line in text.split(separator: "\n") where !line.hasPrefix("#") {
      let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      guard columns.count >= 5, columns[0] != "expression" else { continue }
      listed[columns[0] + "\t" + columns[1]] = columns[4]
    }
    return listed
  }
}
