import ArgumentParser
import Foundation
import Diagnostics
import Manifests
import Simulation
import Store

/// `--db` and `--no-store`: where `run` and `sweep` keep their runs (design §5).
struct StoreOptions: ParsableArguments {
  static let defaultPath = "rollout-sim.sqlite"

  @Option(help: "The run store, a SQLite file (created when missing).")
  var db: String = StoreOptions.defaultPath

  @Flag(help: "Keep nothing: don't write the run store.")
  var noStore = false

  /// Stores a finished `run`. A store problem is a warning: the run itself succeeded and was printed.
  func save(
    _ result: SimulationResult, setup: SimulationSetup, scenario: Scenario, parameters: [RunParameter],
    into output: inout CommandOutput
  ) {
    guard !noStore else { return }
    do {
      let store = try RunStore(path: db)
      let scenarioID = try store.scenarioID(for: ScenarioSource(scenario))
      let id = try store.saveRun(RunRecord(result: result, setup: setup, parameters: parameters), scenarioID: scenarioID)
      if output.isTerminal { output.printError("stored as run \(id) in \(db) (rollout-sim runs show \(id))") }
    } catch {
      output.printError("warning: the run was not stored: \(error)")
    }
  }
}

extension ScenarioSource {
  /// The scenario's file and the manifest files it read, as the store keeps them.
  init(_ scenario: Scenario) {
    let manifests = scenario.manifests.files.map { File(path: $0, text: scenario.manifests.sources[$0]?.text ?? "") }
    self.init(name: scenario.name, path: scenario.path, text: scenario.text, manifests: manifests)
  }
}

extension CommandOutput {
  /// Opens the existing store at `path` for a command that only reads it (`runs`, `compare`) and
  /// runs `body`; a missing, foreign or damaged store, or anything `body` throws, is reported as
  /// invalid input (exit 2) with the store's own message.
  mutating func readingStore(at path: String, _ body: (RunStore, inout CommandOutput) throws -> Void) {
    do {
      try body(try RunStore(path: path, create: false), &self)
    } catch {
      printError("error: \(error)")
      exitCode = ExitStatus.invalidInput
    }
  }
}
