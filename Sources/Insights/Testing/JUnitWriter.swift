import Diagnostics

/// JUnit XML as CI systems read it (Jenkins, GitLab, GitHub test reporters): one `<testsuite>` per
/// folder of scenarios, one `<testcase>` per file; a failed expectation is a `<failure>`, invalid
/// input an `<error>`, a file without `expect` `<skipped>`. Insight findings go to `<system-out>`.
/// No timestamps or durations: the same inputs give the same bytes.
public enum JUnitWriter {
  public static func render(_ report: TestReport) -> String {
    var suites: [(name: String, cases: [TestCase])] = []
    for testCase in report.cases {
      let folder = directory(of: testCase.file)
      if let index = suites.firstIndex(where: { $0.name == folder }) {
        suites[index].cases.append(testCase)
      } else {
        suites.append((folder, [testCase]))
      }
    }
    var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    out += "<testsuites name=\"rollout-sim test\"\(counts(report.cases))>\n"
    for suite in suites {
      out += "  <testsuite name=\"\(escape(suite.name))\"\(counts(suite.cases))>\n"
      for testCase in suite.cases { out += render(testCase, suite: suite.name) }
      out += "  </testsuite>\n"
    }
    out += "</testsuites>\n"
    return out
  }

  static func render(_ testCase: TestCase, suite: String) -> String {
    let classname = suite.replacingSlashes
    var out = "    <testcase name=\"\(escape(testCase.name))\" classname=\"\(escape(classname))\" file=\"\(escape(testCase.file))\""
    var body = ""
    switch testCase.status {
    case .passed:
      break
    case .failed:
      body += "      <failure message=\"\(escape(testCase.failureSummary))\" type=\"expectation\">"
      body += escape(failureText(testCase)) + "</failure>\n"
    case .skipped:
      body += "      <skipped message=\"\(escape(testCase.reason ?? "skipped"))\"/>\n"
    case .invalid:
      let text = testCase.diagnostics.map(line).joined(separator: "\n")
      body += "      <error message=\"\(escape(testCase.reason ?? "invalid input"))\" type=\"invalid-input\">\(escape(text))</error>\n"
    }
    if !testCase.insights.isEmpty {
      body += "      <system-out>\(escape(testCase.insights.map(line).joined(separator: "\n")))</system-out>\n"
    }
    if body.isEmpty { return out + "/>\n" }
    out += ">\n" + body + "    </testcase>\n"
    return out
  }

  /// Expected against actual, one block per failed expectation.
  static func failureText(_ testCase: TestCase) -> String {
    var text = testCase.failures.map { check in
      "\(check.expectation.location): \(check.key)\n  - expected: \(check.expected)\n  + actual:   \(check.actual)"
    }.joined(separator: "\n")
    if let outcome = testCase.outcome { text += (text.isEmpty ? "" : "\n") + "outcome: \(outcome)" }
    return text
  }

  static func line(_ diagnostic: Diagnostic) -> String {
    var text = ""
    if let location = diagnostic.location { text += "\(location): " }
    text += "\(diagnostic.severity.rawValue): \(diagnostic.message)"
    if let rule = diagnostic.rule { text += " [\(rule)]" }
    return text
  }

  static func counts(_ cases: [TestCase]) -> String {
    let failures = cases.count { $0.status == .failed }
    let errors = cases.count { $0.status == .invalid }
    let skipped = cases.count { $0.status == .skipped }
    return " tests=\"\(cases.count)\" failures=\"\(failures)\" errors=\"\(errors)\" skipped=\"\(skipped)\""
  }

  static func directory(of file: String) -> String {
    guard let slash = file.lastIndex(of: "/") else { return "." }
    return String(file[..<slash])
  }

  /// XML text and attribute escaping; characters XML 1.0 cannot carry are dropped.
  public static func escape(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      case "\n", "\r", "\t": out.unicodeScalars.append(scalar)
      default:
        if scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value) { continue }
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}

extension String {
  /// `scenarios/seed-istio-canary` → `scenarios.seed-istio-canary`, as JUnit class names read.
  fileprivate var replacingSlashes: String { String(map { $0 == "/" ? "." : $0 }) }
}
