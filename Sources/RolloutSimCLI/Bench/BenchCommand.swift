import ArgumentParser
import Foundation

/// One benchmark: a name, the goal it checks (design §8 ids where they apply) and a body that runs the
/// workload `iterations` times and returns how many units of work it did (evaluations, events, rows…).
struct Benchmark: Sendable {
  var name: String
  var goal: String
  var unit: String
  var defaultIterations: Int
  var body: @Sendable (_ iterations: Int) throws -> Int
}

extension RolloutSim {
  struct Bench: PerformingCommand {
    static let configuration = CommandConfiguration(
      abstract: "Run the performance benchmarks of design §8 (build with -c release).",
      discussion: """
        Prints one line per benchmark: units of work per second, wall time, and the goal it is held to. \
        Figures from debug builds are meaningless; run `swift run -c release rollout-sim bench`.
        """)

    @Argument(help: "Only run benchmarks whose name contains one of these words.")
    var filter: [String] = []

    @Option(help: "Scale every benchmark's iteration count by this factor.")
    var scale: Double = 1

    @Flag(help: "List the benchmarks without running them.")
    var list = false

    func perform(_ output: inout CommandOutput) throws {
      let selected = Benchmarks.all.filter { bench in
        filter.isEmpty || filter.contains { bench.name.localizedCaseInsensitiveContains($0) }
      }
      if list {
        for bench in selected { output.print("\(bench.name)  — \(bench.goal)") }
        return
      }
      #if DEBUG
        output.printError("warning: this is a debug build; run `swift run -c release rollout-sim bench`")
      #endif
      let clock = ContinuousClock()
      for bench in selected {
        let iterations = max(1, Int(Double(bench.defaultIterations) * scale))
        _ = try bench.body(max(1, iterations / 10))  // warm-up
        let start = clock.now
        let units = try bench.body(iterations)
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let rate = Double(units) / max(seconds, 1e-9)
        output.print(
          "\(bench.name.padding(toLength: 34, withPad: " ", startingAt: 0)) "
            + "\(Self.format(rate)) \(bench.unit)/s  "
            + "(\(units) in \(String(format: "%.3f", seconds * 1000)) ms)  goal: \(bench.goal)")
      }
    }

    static func format(_ rate: Double) -> String {
      if rate >= 1e6 { return String(format: "%.2fM", rate / 1e6) }
      if rate >= 1e3 { return String(format: "%.1fk", rate / 1e3) }
      return String(format: "%.1f", rate)
    }
  }
}

/// The registry. Each benchmark lives in its own file in this folder; add one line here.
enum Benchmarks {
  static let all: [Benchmark] = [
    kernelScheduleAndFire,
    workloadTelemetry6d,
    promqlSuccessRate,
    manifestsLoadAll,
    storeMeasurementRows,
    sweepP2,
    simulationSeedIstioCanary,
    simulationSeedIstioLoad,
    exprCondition,
    analysisBackgroundRun1h,
  ]
}
