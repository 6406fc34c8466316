import ArgumentParser
import Diagnostics
import Foundation
import Insights
import Manifests

extension RolloutSim {
  struct Lint: PerformingCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check manifests the way the Argo Rollouts controller would, before you apply them.",
      discussion: LintHelp.discussion)

    @Argument(help: "Manifest files, directories (searched for *.yaml and *.yml) or quoted globs ('dir/*.yaml').")
    var paths: [String] = []

    @Flag(help: "Fail (exit 1) on warnings too, not only on errors.")
    var strict = false

    @Option(help: "Output format: text (compiler style) or json.")
    var format: LintFormat = .text

    func validate() throws {
      if paths.isEmpty { throw ValidationError("give at least one manifest file, directory or glob") }
    }

    func perform(_ output: inout CommandOutput) throws {
      let set = ManifestLoader.load(paths: paths)
      // The insight checks of design §7: validator findings renamed by insight, plus the static insights.
      let diagnostics = DiagnosticBag(StaticInsights.lint(set, validation: set.diagnostics + Validator.validate(set))).sorted
      switch format {
      case .text:
        LintTextOutput.write(diagnostics, set: set, to: &output)
      case .json:
        output.write(LintJSONOutput.render(diagnostics))
      }
      output.exitCode = LintTextOutput.exitCode(diagnostics, strict: strict)
    }
  }
}

enum LintFormat: String, ExpressibleByArgument, CaseIterable {
  case text, json
}
