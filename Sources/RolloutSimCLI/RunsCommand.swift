import ArgumentParser
import Foundation
import Report
import Store
import VirtualTime

extension RolloutSim {
  struct Runs: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Query the run store: list runs, show one, diff two.",
      subcommands: [List.self, Show.self, Diff.self])

    struct List: PerformingCommand {
      static let configuration = CommandConfiguration(
        abstract: "List stored runs, newest first.",
        discussion: """
          Examples:
            rollout-sim runs list
            rollout-sim runs list --sweep istio-canary-plans --limit 20
          """)

      @Option(help: "Only the runs of this sweep (id or name).")
      var sweep: String?

      @Option(help: "At most this many runs.")
      var limit: Int = 50

      @Option(help: "The run store (SQLite file).")
      var db: String = StoreOptions.defaultPath

      @Option(help: "Output format: text or json.")
      var format: RunFormat = .text

      func perform(_ output: inout CommandOutput) throws {
        output.readingStore(at: db) { store, output in
          let sweepID = try sweep.map { reference throws(StoreError) in try Compare.find(reference, in: store).id }
          let runs = try store.runs(sweepID: sweepID, limit: max(0, limit))
          switch format {
          case .text: output.write(RunsRendering.list(runs))
          case .json: output.write(JSONValue.array(runs.map(RunsRendering.listing)).rendered() + "\n")
          }
        }
      }
    }

    struct Show: PerformingCommand {
      static let configuration = CommandConfiguration(
        abstract: "Show a stored run: its timeline, outcome, AnalysisRuns, figures and parameters.",
        discussion: """
          Examples:
            rollout-sim runs show 12
            rollout-sim runs show 12 --format json
          """)

      @Argument(help: "The run's id (see `runs list`).")
      var id: Int64

      @Option(help: "The run store (SQLite file).")
      var db: String = StoreOptions.defaultPath

      @Option(help: "Output format: text or json.")
      var format: RunFormat = .text

      func perform(_ output: inout CommandOutput) throws {
        output.readingStore(at: db) { store, output in
          guard let run = try store.run(id: id) else { throw StoreError.notFound("no run \(id) in \(db)") }
          switch format {
          case .text: output.write(RunsRendering.show(run))
          case .json: output.write(RunsRendering.json(run).rendered() + "\n")
          }
        }
      }
    }

    struct Diff: PerformingCommand {
      static let configuration = CommandConfiguration(
        abstract: "Compare two stored runs: outcomes, parameters and the first timeline entry that differs.",
        discussion: """
          Examples:
            rollout-sim runs diff 12 13
          """)

      @Argument(help: "The first run's id.")
      var a: Int64

      @Argument(help: "The second run's id.")
      var b: Int64

      @Option(help: "The run store (SQLite file).")
      var db: String = StoreOptions.defaultPath

      func perform(_ output: inout CommandOutput) throws {
        output.readingStore(at: db) { store, output in
          guard let first = try store.run(id: a) else { throw StoreError.notFound("no run \(a) in \(db)") }
          guard let second = try store.run(id: b) else { throw StoreError.notFound("no run \(b) in \(db)") }
          output.write(RunsDiff(first, second).text)
        }
      }
    }
  }
}
