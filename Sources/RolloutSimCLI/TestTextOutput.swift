import Diagnostics
import Insights

/// The terminal report of `test`: one line per file, expected against actual under each failure,
/// the run's insight findings in one line each, and a summary.
enum TestTextOutput {
  static func render(_ report: TestReport, useColor: Bool) -> String {
    var out = ""
    for testCase in report.cases {
      out += line(testCase, useColor: useColor)
      for check in testCase.failures {
        out += "    \(check.expectation.location): \(check.key)\n"
        out += "      - expected: \(check.expected)\n"
        out += "      + actual:   \(check.actual)\n"
      }
      for finding in testCase.insights {
        let at = finding.location.map { " (\($0))" } ?? ""
        out += "    \(finding.severity.rawValue): \(finding.message)\(finding.rule.map { " [\($0)]" } ?? "")\(at)\n"
      }
    }
    out += "\n" + report.summary + "\n"
    return out
  }

  static func line(_ testCase: TestCase, useColor: Bool) -> String {
    let label: String
    let color: String
    switch testCase.status {
    case .passed: (label, color) = ("PASS", "32")
    case .failed: (label, color) = ("FAIL", "31")
    case .skipped: (label, color) = ("SKIP", "33")
    case .invalid: (label, color) = ("ERROR", "31")
    }
    let padded = label + String(repeating: " ", count: 6 - label.count)
    let status = useColor ? "\u{1B}[\(color)m\(padded)\u{1B}[0m" : padded
    var text = "\(status)\(testCase.file) (\(testCase.name))"
    if let outcome = testCase.outcome { text += ": \(outcome)" }
    if testCase.status == .skipped || testCase.status == .invalid, let reason = testCase.reason { text += ": \(reason)" }
    if testCase.status == .failed, testCase.failures.isEmpty { text += " — \(testCase.failureSummary)" }
    return text + "\n"
  }
}
