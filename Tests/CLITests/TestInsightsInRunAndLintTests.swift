import ArgumentParser
import Foundation
import RolloutSimCLI
import Testing
import TestSupport

/// How `run` and `lint` show the insight checks (the Insights module's hooks in those commands).
@Suite struct TestInsightsInRunAndLintTests {
  static func run(_ arguments: [String]) throws -> CommandOutput {
    try performCommand(arguments)
  }

  static let root = PackagePaths.root.path + "/"
  static func inPackage(_ path: String) -> String { root + path }

  @Test func runPrintsTheScheduleFirstAndTheFindingsAfterTheTimeline() throws {
    let output = try Self.run(["run", Self.inPackage("scenarios/seed-openshift-canary/as-shown.yaml")])
    let lines = output.stdout.components(separatedBy: "\n")
    #expect(lines.first == "schedule: rollouts-demo-openshift takes at least 35m: step 1 analysis 4m30s, step 2 pause 30s, step 4 pause 30m")
    let outcome = try #require(lines.firstIndex { $0.hasPrefix("OUTCOME") })
    let blind = try #require(lines.firstIndex { $0.contains("[blind-metric]") })
    #expect(blind > outcome)
    #expect(output.stdout.contains("analysis-prometheus-kpi-check-as-shown.yaml:25:58: warning: metric 'error-rate' of AnalysisTemplate prometheus-kpi-check is blind: no series of haproxy_backend_http_responses_total has exported_namespace=\"rollout-demo}\" [blind-metric]"))
  }

  @Test func runJSONCarriesTheFindingsAsDiagnostics() throws {
    let output = try Self.run(["run", "--format", "json", Self.inPackage("scenarios/seed-istio-canary/healthy.yaml"), "--horizon", "1h"])
    struct Document: Decodable {
      struct Entry: Decodable {
        var severity: String
        var rule: String?
        var message: String
      }
      var diagnostics: [Entry]
    }
    let document = try JSONDecoder().decode(Document.self, from: Data(output.stdout.utf8))
    let rules = document.diagnostics.compactMap(\.rule)
    #expect(rules.contains("gitops-drift") && rules.contains("diluted-signal"))
    #expect(document.diagnostics.allSatisfy { $0.severity == "warning" })
    #expect(!output.stdout.contains("schedule:"))
  }

  @Test func lintNamesValidatorFindingsByInsight() throws {
    let output = try Self.run(["lint", "--format", "json", Self.inPackage("scenarios/seed/as-shown")])
    #expect(output.exitCode == 2)
    for rule in ["template-defect/stray-brace", "template-defect/undeclared-arg", "duration-trap/pause-duration", "blind-metric", "gitops-drift", "schedule"] {
      #expect(output.stdout.contains("\"rule\" : \"\(rule)\""), "missing \(rule)")
    }
  }
}
