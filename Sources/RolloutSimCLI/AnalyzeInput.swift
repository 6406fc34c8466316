import Analysis
import Diagnostics
import Manifests

/// Which analysis of a file `analyze` runs, and how its build failures read as diagnostics.
enum AnalyzeInput {
  enum Choice {
    case template(AnalysisTemplate)
    case run(Manifests.AnalysisRun)
  }

  static func choose(in set: ManifestSet, file: String, name: String?) -> Result<Choice, DiagnosticError> {
    let templates = set.analysisTemplates + set.clusterAnalysisTemplates
    let names = templates.map(\.name) + set.analysisRuns.map(\.name)
    if let name {
      if let template = templates.last(where: { $0.name == name }) { return .success(.template(template)) }
      if let run = set.analysisRuns.last(where: { $0.name == name }) { return .success(.run(run)) }
      return .failure(
        DiagnosticError(
          .error(
            "\(file) has no AnalysisTemplate, ClusterAnalysisTemplate or AnalysisRun named \"\(name)\"",
            hint: names.isEmpty
              ? nil
              : Suggestions.closest(to: name, in: names).map { "did you mean '\($0)'?" }
                ?? "it has: \(names.joined(separator: ", "))")))
    }
    if names.count > 1 {
      return .failure(
        DiagnosticError(
          .error("\(file) has several analyses (\(names.joined(separator: ", "))); choose one with --template NAME")))
    }
    if let template = templates.first { return .success(.template(template)) }
    if let run = set.analysisRuns.first { return .success(.run(run)) }
    return .failure(DiagnosticError(.error("\(file) has no AnalysisTemplate, ClusterAnalysisTemplate or AnalysisRun")))
  }

  static func diagnostic(_ failure: AnalysisBuildFailure, template: AnalysisTemplate) -> Diagnostic {
    var hint: String?
    if failure.message.hasPrefix("args."), failure.message.hasSuffix(" was not resolved") {
      let name = failure.message.dropFirst(5).dropLast(" was not resolved".count)
      hint = "pass a value with --arg \(name)=VALUE"
    }
    return .error(
      "cannot build an AnalysisRun from \(template.name): \(failure.message)",
      at: failure.location ?? template.location, hint: hint, rule: "analysis-build")
  }
}
