import ArgumentParser
import RolloutSimCLI
import Testing

/// `rollout-sim eval`: human and JSON output, exit codes.
@Suite struct EvalCommandTests {
  static func run(_ arguments: [String]) throws -> CommandOutput {
    try performCommand(["eval"] + arguments)
  }

  @Test func humanOutputExplainsThePhase() throws {
    let output = try Self.run([
      "--success", "result[0] <= 0.05", "--failure", "result[0] > 0.05", "--result", "[0.03]",
    ])
    #expect(output.exitCode == 0)
    #expect(
      output.stdout == """
        result: []float64 [0.03]
        successCondition `result[0] <= 0.05` is true
        failureCondition `result[0] > 0.05` is false
        → Successful: failureCondition is false and successCondition is true

        """)
  }

  @Test func errorsShowTheCaretAndArgosMessage() throws {
    let output = try Self.run(["--success", "result[0] >= 0.95", "--result", "[]"])
    #expect(output.exitCode == 0)
    #expect(
      output.stdout == """
        result: []float64 []
        successCondition `result[0] >= 0.95` failed while evaluating: index out of range: 0 (array length is 0)
           | result[0] >= 0.95
           |       ^
           hint: an empty result (no data) has no elements: guard with len(result) == 0 || … (or > 0 && …)
        → Error: could not evaluate successCondition "result[0] >= 0.95": metric result is nil or empty: no data returned from the metric provider

        """)
  }

  @Test(arguments: [
    (["--success", "result[0] >= 0.9", "--failure", "result[0] < 0.5", "--result", "[0.7]"],
     #"{"phase": "Inconclusive", "success": false, "failure": false, "message": null}"#),
    (["--failure", "result > 5", "--result", "3"],
     #"{"phase": "Successful", "success": null, "failure": false, "message": null}"#),
    (["--success", "result >= 0.9", "--result", "NaN"],
     #"{"phase": "Failed", "success": false, "failure": null, "message": null}"#),
    (["--success", "result < 0.5", "--result", "[0.3]"],
     #"{"phase": "Error", "success": null, "failure": null, "message": "could not evaluate successCondition \"result < 0.5\": invalid operation: < (mismatched types []float64 and float64)"}"#),
  ])
  func jsonOutput(arguments: [String], json: String) throws {
    let output = try Self.run(arguments + ["--format", "json"])
    #expect(output.exitCode == 0)
    #expect(output.stdout == json + "\n")
  }

  @Test func unreadableResultIsInvalidInput() throws {
    let output = try Self.run(["--success", "result == 'ok'", "--result", "ok"])
    #expect(output.exitCode == 2)
    #expect(output.stdout.isEmpty)
    #expect(output.stderr.contains("--result:1:1: error: --result is not valid JSON: invalid character 'o'"))
    #expect(output.stderr.contains("hint: to pass a string, quote it as JSON: --result '\"ok\"'"))
  }

  @Test func missingResultIsAUsageError() {
    do {
      _ = try RolloutSim.parseAsRoot(["eval", "--success", "true"])
      Issue.record("parsed without --result")
    } catch {
      #expect(RolloutSim.exitCode(for: error).rawValue == 64)
    }
  }
}
