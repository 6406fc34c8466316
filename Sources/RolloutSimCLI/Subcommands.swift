import ArgumentParser

extension RolloutSim {
  /// Every subcommand, in the order `--help` lists them. One line per command so parallel work merges.
  static let allSubcommands: [any ParsableCommand.Type] = [
    Version.self,
    Bench.self,
    Query.self,
    Lint.self,
    Run.self,
    Eval.self,
    Analyze.self,
    Test.self,
  ]
}
