import Diagnostics

/// The result of one scenario or sweep under `rollout-sim test`.
public struct TestCase: Sendable {
  public enum Status: String, Sendable, Hashable {
    case passed, failed, skipped
    /// The file, or its `expect` block, is not valid input.
    case invalid
  }

  /// The file as the user named it (relative to where `test` runs).
  public var file: String
  /// The scenario's `metadata.name`, or the file name.
  public var name: String
  public var status: Status
  public var checks: [CheckedExpectation]
  /// What happened, in one line: `Healthy, promoted at 00:10:12.050`.
  public var outcome: String?
  /// Why it was skipped, or what made it invalid.
  public var reason: String?
  /// Errors in the input (status invalid), rendered by the caller with the sources.
  public var diagnostics: [Diagnostic]
  /// Insight findings of the run (warnings); they fail the case only under `--strict`.
  public var insights: [Diagnostic]

  public init(
    file: String, name: String, status: Status, checks: [CheckedExpectation] = [], outcome: String? = nil,
    reason: String? = nil, diagnostics: [Diagnostic] = [], insights: [Diagnostic] = []
  ) {
    self.file = file
    self.name = name
    self.status = status
    self.checks = checks
    self.outcome = outcome
    self.reason = reason
    self.diagnostics = diagnostics
    self.insights = insights
  }

  public var failures: [CheckedExpectation] { checks.filter { !$0.passed } }

  /// `phase: expected Healthy, actual Degraded (…)`, one per failed expectation.
  public var failureSummary: String {
    var lines = failures.map { "\($0.key): expected \($0.expected), actual \($0.actual)" }
    if failures.isEmpty, status == .failed, !insights.isEmpty {
      lines.append("\(insights.count) insight finding\(insights.count == 1 ? "" : "s") under --strict")
    }
    return lines.joined(separator: "; ")
  }
}

/// Every case of a `test` invocation, in the order they ran.
public struct TestReport: Sendable {
  public var cases: [TestCase]

  public init(cases: [TestCase]) { self.cases = cases }

  public func count(_ status: TestCase.Status) -> Int { cases.count { $0.status == status } }

  /// `9 scenarios: 8 passed, 1 failed, 0 skipped` (invalid ones named only when there are some).
  public var summary: String {
    var parts = ["\(count(.passed)) passed", "\(count(.failed)) failed", "\(count(.skipped)) skipped"]
    if count(.invalid) > 0 { parts.append("\(count(.invalid)) invalid") }
    return "\(cases.count) file\(cases.count == 1 ? "" : "s"): " + parts.joined(separator: ", ")
  }
}
