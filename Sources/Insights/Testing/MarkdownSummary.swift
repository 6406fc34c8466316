import Diagnostics

/// A Markdown summary of a `test` run for a CI step (e.g. `>> $GITHUB_STEP_SUMMARY`): a headline
/// with the counts, a table of every file, then expected against actual for each failure.
public enum MarkdownSummary {
  public static func render(_ report: TestReport) -> String {
    var out = "### rollout-sim test: "
    out += "✅ \(report.count(.passed)) passed · ❌ \(report.count(.failed)) failed · ⏭️ \(report.count(.skipped)) skipped"
    if report.count(.invalid) > 0 { out += " · ⚠️ \(report.count(.invalid)) invalid" }
    out += "\n\n| | Scenario | File | Outcome | Expectations |\n|---|---|---|---|---|\n"
    for testCase in report.cases {
      let expectations: String
      switch testCase.status {
      case .passed:
        expectations = cell(testCase.checks.map(\.key).joined(separator: ", "))
      case .failed where !testCase.failures.isEmpty:
        expectations = testCase.failures.map { "**\(cell($0.key))**: expected \(cell($0.expected)), actual \(cell($0.actual))" }
          .joined(separator: "<br>")
      case .failed:
        expectations = cell(testCase.failureSummary)
      case .skipped, .invalid:
        expectations = cell(testCase.reason ?? "")
      }
      out += "| \(icon(testCase.status)) | \(cell(testCase.name)) | `\(cell(testCase.file))` | \(cell(testCase.outcome ?? "–")) | \(expectations) |\n"
    }
    let findings = report.cases.flatMap { testCase in testCase.insights.map { (testCase, $0) } }
    if !findings.isEmpty {
      out += "\n<details><summary>Insight findings (\(findings.count))</summary>\n\n"
      for (testCase, finding) in findings {
        out += "- `\(testCase.file)`: \(cell(finding.message))\(finding.rule.map { " `[\($0)]`" } ?? "")\n"
      }
      out += "\n</details>\n"
    }
    return out
  }

  static func icon(_ status: TestCase.Status) -> String {
    switch status {
    case .passed: "✅"
    case .failed: "❌"
    case .skipped: "⏭️"
    case .invalid: "⚠️"
    }
  }

  /// A table cell: pipes escaped, newlines as line breaks, HTML-sensitive characters escaped.
  static func cell(_ text: String) -> String {
    var out = ""
    for character in text {
      switch character {
      case "|": out += "\\|"
      case "&": out += "&amp;"
      case "\n": out += "<br>"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      default: out.append(character)
      }
    }
    return out
  }
}
