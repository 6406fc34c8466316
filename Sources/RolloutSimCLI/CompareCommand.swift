import ArgumentParser
import Foundation
import Report
import VirtualTime
import Store
import WhatIf

extension RolloutSim {
  struct Compare: PerformingCommand {
    static let configuration = CommandConfiguration(
      abstract: "Rank a sweep's variants: detection and false-rollback rates, times to promote and detect, bad requests.",
      discussion: """
        Reads a sweep from the store and prints, per variant: the detection rate (aborted given a bad \
        release) and the false-rollback rate (aborted given a good release) with Wilson 95% intervals; the \
        time to promote and the time to detect (p50/p95); the bad requests the canary served before the \
        abort (p50/p95); the ranking and the Pareto front of speed against safety (★).

        SWEEP is a sweep's id or name (the latest of that name); default: the latest sweep in the store. An \
        interrupted sweep is compared on the runs it stored, and says so.

        Examples:
          rollout-sim compare
          rollout-sim compare istio-canary-plans --format json
          rollout-sim compare 3 --db sweeps.sqlite
          rollout-sim compare --format md >> "$GITHUB_STEP_SUMMARY"
          rollout-sim compare --format html > reports/sweep.html

        Exit codes: 0 done; 2 no such sweep or an unusable store; 64 usage error.
        """)

    @Argument(help: "The sweep: its id or name (default: the latest).")
    var sweep: String?

    @Option(help: "The run store (SQLite file).")
    var db: String = StoreOptions.defaultPath

    @Option(help: "Output format: text, json, md (a Markdown summary for CI) or html (a report with the speed/safety chart).")
    var format: CompareFormat = .text

    func perform(_ output: inout CommandOutput) throws {
      output.readingStore(at: db) { store, output in
        output.write(try Self.render(try Self.find(sweep, in: store), from: store, format: format))
      }
    }

    /// The sweep's comparison in `format`: what `compare` prints and `report SWEEP` writes.
    static func render(_ info: SweepInfo, from store: RunStore, format: CompareFormat) throws(StoreError) -> String {
      let statistics = SweepStatistics(variantNames: info.variants, outcomes: try store.sweepOutcomes(sweepID: info.id))
      switch format {
      case .text: return ComparisonRendering.text(statistics, sweep: info)
      case .json: return ComparisonRendering.json(statistics, sweep: info).rendered() + "\n"
      case .md: return SweepReport.markdown(ComparisonRendering.summary(statistics, sweep: info))
      case .html: return SweepReport.html(ComparisonRendering.summary(statistics, sweep: info))
      }
    }

    /// A sweep by id or name; the latest when nil.
    static func find(_ reference: String?, in store: RunStore) throws(StoreError) -> SweepInfo {
      let all = try store.sweeps()
      guard let reference else {
        guard let last = all.last else { throw .notFound("the store has no sweep yet (run `rollout-sim sweep SWEEP.yaml`)") }
        return last
      }
      if let id = Int64(reference), let info = all.first(where: { $0.id == id }) { return info }
      if let info = all.last(where: { $0.name == reference }) { return info }
      let names = Array(Set(all.map(\.name))).sorted()
      let hint = names.isEmpty ? "the store has no sweep yet" : "sweeps: \(names.joined(separator: ", "))"
      throw .notFound("no sweep '\(reference)' in the store (\(hint))")
    }
  }
}

enum CompareFormat: String, ExpressibleByArgument, CaseIterable {
  case text, json, md, html
}
