import Diagnostics
import Foundation
import Manifests

/// Compiler-style text for `lint`: every diagnostic with its source line and caret, then a summary.
enum LintTextOutput {
  static func write(_ diagnostics: [Diagnostic], set: ManifestSet, to output: inout CommandOutput) {
    let renderer = set.renderer(useColor: output.useColor)
    output.write(renderer.render(diagnostics))
    let files = set.files.count
    let summary = DiagnosticRenderer.summary(diagnostics)
    let notes = diagnostics.count { $0.severity == .note }
    let noteText = notes > 0 ? ", \(notes) note\(notes == 1 ? "" : "s")" : ""
    output.print("\(summary)\(noteText) in \(files) file\(files == 1 ? "" : "s")")
  }

  /// 2 with errors; 1 with warnings under `--strict`; else 0.
  static func exitCode(_ diagnostics: [Diagnostic], strict: Bool) -> Int32 {
    if diagnostics.contains(where: { $0.severity == .error }) { return ExitStatus.invalidInput }
    if strict && diagnostics.contains(where: { $0.severity == .warning }) { return ExitStatus.checkFailed }
    return ExitStatus.success
  }
}

/// `--format json`: `{"diagnostics": [{severity, file, line, column, message, hint?, rule?}]}` (design §5).
enum LintJSONOutput {
  struct Entry: Encodable {
    var severity: String
    var file: String
    var line: Int
    var column: Int
    var message: String
    var hint: String?
    var rule: String?
  }

  struct Document: Encodable {
    var diagnostics: [Entry]
  }

  static func render(_ diagnostics: [Diagnostic]) -> String {
    let entries = diagnostics.map {
      Entry(
        severity: $0.severity.rawValue, file: $0.location?.file ?? "", line: $0.location?.line ?? 0,
        column: $0.location?.column ?? 0, message: $0.message, hint: $0.hint, rule: $0.rule)
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(Document(diagnostics: entries)) else { return "{\"diagnostics\": []}\n" }
    return String(decoding: data, as: UTF8.self) + "\n"
  }
}

enum LintHelp {
  static let discussion = """
    What is checked:
      • YAML syntax, in every document of every file, with the line and column of each problem;
      • apiVersion and kind (did-you-mean for typos such as argoproj.io/vlalpha1), field names (unknown
        fields are warnings that name the field) and field types, as the Kubernetes API server checks them;
      • the Argo Rollouts controller's own validation of Rollouts (steps, pause durations, weights, traffic
        routing, blue-green services, analysis arguments), with its own messages;
      • AnalysisTemplates the way an AnalysisRun would read them: {{args.x}} templating (undeclared args,
        stray braces, unused args), metric limits, durations (no day unit!), providers;
      • references between the objects given together: templates, Services, VirtualServices,
        DestinationRules, Routes, Deployments, Secrets;
      • fields rollout-sim accepts but does not simulate are warnings that say so;
      • the insight checks (docs/insights.md): blind metrics, diluted canary signals with the smallest
        error rate each step can see, Argo CD ignoreDifferences that miss what the controller writes
        (GitOps drift), and the plan's shortest length (schedule).
    Helm chart templates are refused: render them with `helm template` first.

    Exit codes: 0 no errors; 1 warnings with --strict; 2 errors (invalid input); 64 usage error.

    Examples:
      rollout-sim lint scenarios/seed/corrected
      rollout-sim lint rollout.yaml 'analysis/*.yaml'
      rollout-sim lint --strict --format json manifests/ > lint.json
    """
}
