import ArgumentParser
import RolloutSimCLI
import Testing

/// Runs a rollout-sim command line in-process, as `main` does, and returns what it wrote and the exit
/// code it chose. `output` sets the terminal and colour flags the command sees.
func performCommand(_ arguments: [String], output: CommandOutput = CommandOutput()) throws -> CommandOutput {
  let command = try RolloutSim.parseAsRoot(arguments)
  let performing = try #require(command as? any PerformingCommand, "\(arguments) is not a performing command")
  var output = output
  try performing.perform(&output)
  return output
}
