import ArgumentParser

extension RolloutSim {
  /// Every subcommand, in the order `--help` lists them: simulate, then check, then look inside.
  /// One line per command so parallel work merges.
  static let allSubcommands: [any ParsableCommand.Type] = [
    Run.self,
    Sweep.self,
    Compare.self,
    ReportCommand.self,
    Lint.self,
    Analyze.self,
    Test.self,
    Eval.self,
    Query.self,
    Runs.self,
    Bench.self,
    Version.self,
  ]
}
