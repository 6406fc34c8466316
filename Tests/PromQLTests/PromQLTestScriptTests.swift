import Foundation
import PromQL
import TestSupport
import Testing

/// Runs Prometheus' own PromQL test scripts (../shared/data/promql/promqltest/*.test) against our
/// engine. Every eval within the engine's scope must pass, except the few listed with a reason in
/// Fixtures/promqltest-known-failures.txt; evals outside the scope are listed with the feature that
/// puts them there in Golden/promqltest-report.txt, so any change in either shows up in review.
@Suite struct PromQLTestScriptTests {
  static let directory = "promql/promqltest"

  struct FileReport {
    var name: String
    var results: [PromQLTestRunner.Result]
    var inScope: Int { results.count { if case .outOfScope = $0.outcome { false } else { true } } }
    var passed: Int { results.count { $0.outcome == .passed } }
  }

  static func runAll() throws -> [FileReport] {
    let files = PackagePaths.files(under: PackagePaths.sharedData(directory), extensions: ["test"])
    return try files.map { url in
      let script = try PromQLTestScript(String(contentsOf: url, encoding: .utf8))
      return FileReport(name: url.lastPathComponent, results: PromQLTestRunner.run(script))
    }
  }

  /// "file:line" of the in-scope evals we knowingly fail, each with its reason.
  static func knownFailures() -> [String: String] {
    let url = PackagePaths.inPackage("Tests/PromQLTests/Fixtures/promqltest-known-failures.txt")
    guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [:] }
    var known: [String: String] = [:]
    for line in text.split(separator: "\n") where !line.hasPrefix("#") {
      let parts = line.split(separator: " ", maxSplits: 1)
      if let key = parts.first { known[String(key)] = parts.count > 1 ? String(parts[1]) : "" }
    }
    return known
  }

  static func report(_ reports: [FileReport]) -> String {
    var out = "# Prometheus promqltest scripts run against rollout-sim's PromQL engine.\n"
    out += "# file: passed/in-scope (evals in file; out of scope)\n"
    var totalPassed = 0, totalInScope = 0, total = 0
    for r in reports {
      out += "\(r.name): \(r.passed)/\(r.inScope) (\(r.results.count) evals; \(r.results.count - r.inScope) out of scope)\n"
      totalPassed += r.passed
      totalInScope += r.inScope
      total += r.results.count
    }
    out += "TOTAL: \(totalPassed)/\(totalInScope) in scope (\(total) evals)\n"
    out += "\n# Out of scope, by feature (file:line query)\n"
    var byReason: [String: [String]] = [:]
    for r in reports {
      for result in r.results {
        if case .outOfScope(let reason) = result.outcome {
          byReason[reason, default: []].append("\(r.name):\(result.line) \(result.query)")
        }
      }
    }
    for reason in byReason.keys.sorted() {
      out += "\n## \(reason) (\(byReason[reason]!.count))\n"
      for entry in byReason[reason]! { out += entry + "\n" }
    }
    return out
  }

  @Test(.enabled(if: PackagePaths.sharedDataAvailable(directory)))
  func inScopeEvalsPass() throws {
    let reports = try Self.runAll()
    let known = Self.knownFailures()
    var unexpected: [String] = []
    var passed = 0, inScope = 0
    for r in reports {
      print("promqltest \(r.name): \(r.passed)/\(r.inScope) in scope passed (\(r.results.count) evals)")
      passed += r.passed
      inScope += r.inScope
      for result in r.results {
        if case .failed(let why) = result.outcome, known["\(r.name):\(result.line)"] == nil {
          unexpected.append("\(r.name):\(result.line) \(result.query)\n    \(why)")
        }
      }
    }
    print("promqltest total: \(passed)/\(inScope) in scope passed")
    #expect(unexpected.isEmpty, "in-scope evals failing:\n\(unexpected.joined(separator: "\n"))")
    #expect(Double(passed) >= 0.95 * Double(inScope), "only \(passed)/\(inScope) in-scope evals pass")
    let difference = Golden.compare(Self.report(reports), toFile: "Tests/PromQLTests/Golden/promqltest-report.txt")
    #expect(difference == nil, "\(difference ?? "")")
  }
}
