import ArgumentParser

extension RolloutSim {
  struct Version: PerformingCommand {
    static let configuration = CommandConfiguration(abstract: "Print the version of rollout-sim.")

    func perform(_ output: inout CommandOutput) throws {
      output.print("rollout-sim \(RolloutSim.version)")
    }
  }
}
