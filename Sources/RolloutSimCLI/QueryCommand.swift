import ArgumentParser
import Diagnostics
import Foundation
import PromQL
import Simulation
import TimeSeries
import VirtualTime
import Workload

extension RolloutSim {
  /// `rollout-sim query 'PROMQL' (--scenario FILE | --series FILE) [--at 10m]`: evaluates a query the
  /// way Prometheus would, over a scenario's simulated telemetry or over series written in promtool's
  /// `input_series` format.
  struct Query: PerformingCommand {
    static let configuration = CommandConfiguration(
      abstract: "Evaluate a PromQL query over a scenario's telemetry or given series, as Prometheus would.",
      discussion: """
        With --scenario, the scenario is simulated (up to --at, or until it settles) and the query runs \
        over the telemetry its traffic produced, labelled as the scenario's exporters label it; times \
        count from the update (t = 0). Example:

          rollout-sim query 'sum(rate(istio_requests_total{response_code=~"5.*"}[1m]))' \\
            --scenario scenarios/seed-istio-canary/bad-release.yaml --at 30m

        With --series, the file uses the `input_series` format of `promtool test rules`:

          interval: 15s
          input_series:
            - series: 'istio_requests_total{reporter="source", response_code="200"}'
              values: '0+190x240'

        Value i of a series lands at i × interval. Times (--at, --start, --end) count from the first \
        sample, written as Prometheus durations (10m, 1h30m) or seconds. With --step the query is a \
        range query, as Argo's `rangeQuery` issues. Bad queries are reported with a caret under the \
        column; the exit code is then 2.
        """)

    @Argument(help: "The PromQL query.")
    var query: String

    @Option(help: "A YAML file of series in promtool's input_series format.")
    var series: String?

    @Option(help: "A scenario (kind: Scenario) whose simulated telemetry to query.")
    var scenario: String?

    @Option(help: "Evaluation time (default: the time of the last sample).")
    var at: String?

    @Option(help: "Start of a range query (default: 0).")
    var start: String?

    @Option(help: "End of a range query (default: --at, else the last sample).")
    var end: String?

    @Option(help: "Resolution of a range query; makes the query a range query.")
    var step: String?

    @Option(help: "Output format: text (Prometheus console lines) or json (the data of Prometheus' API).")
    var format: QueryOutputFormat = .text

    @Option(name: .customLong("lookback-delta"), help: "How far back an instant selector looks for a sample.")
    var lookbackDelta: String = "5m"

    enum QueryOutputFormat: String, ExpressibleByArgument, CaseIterable {
      case text, json
    }

    func perform(_ output: inout CommandOutput) throws {
      let useColor = output.useColor
      let renderer = { (sources: [String: SourceText]) in DiagnosticRenderer(sources: sources, useColor: useColor) }
      if series != nil && scenario != nil {
        output.printError("error: give either --scenario or --series, not both")
        output.exitCode = ExitStatus.usage
        return
      }
      guard series != nil || scenario != nil else {
        output.printError(
          "error: give what to query: --scenario FILE (a scenario's telemetry) or --series FILE (promtool's input_series YAML)")
        output.exitCode = ExitStatus.usage
        return
      }
      var times: [String: Int64] = [:]
      for (name, text) in [("--at", at), ("--start", start), ("--end", end), ("--step", step), ("--lookback-delta", lookbackDelta)] {
        guard let text else { continue }
        guard let ms = Self.milliseconds(text) else {
          output.printError("error: \(name) \(text.debugDescription) is not a duration (10m, 1h30m) or a number of seconds")
          output.exitCode = ExitStatus.usage
          return
        }
        times[name] = ms
      }

      // The query first: its problems need no data to be found.
      var prepared: PreparedQuery
      do {
        prepared = try PreparedQuery(query, options: EvaluationOptions(lookbackDelta: times["--lookback-delta"] ?? 300_000))
      } catch {
        let diagnostics = error.diagnostics(file: "query")
        output.writeError(renderer(["query": SourceText(path: "query", text: query)]).render(diagnostics))
        output.exitCode = ExitStatus.invalidInput
        return
      }

      let store: SeriesStore
      let lastTimestamp: Int64
      if let scenarioPath = scenario {
        guard let simulated = Self.simulate(scenarioPath, until: times["--at"], output: &output, renderer: renderer) else {
          return
        }
        (store, lastTimestamp) = simulated
      } else if let seriesPath = series {
        let text: String
        do {
          text = try String(contentsOfFile: seriesPath, encoding: .utf8)
        } catch {
          output.printError("error: cannot read \(seriesPath): \(error.localizedDescription)")
          output.exitCode = ExitStatus.invalidInput
          return
        }
        do {
          let file = try QuerySeriesFile(path: seriesPath, text: text)
          (store, lastTimestamp) = (file.store, file.lastTimestamp)
        } catch {
          output.writeError(renderer([seriesPath: SourceText(path: seriesPath, text: text)]).render(error.diagnostics))
          output.exitCode = ExitStatus.invalidInput
          return
        }
      } else {
        return
      }

      let result: QueryResult
      do {
        if let stepMilliseconds = times["--step"] {
          guard stepMilliseconds > 0 else {
            output.printError("error: --step must be greater than 0")
            output.exitCode = ExitStatus.usage
            return
          }
          let startTime = times["--start"] ?? 0
          let endTime = times["--end"] ?? times["--at"] ?? lastTimestamp
          result = try prepared.evaluateRange(start: startTime, end: endTime, step: stepMilliseconds, in: store)
        } else {
          result = try prepared.evaluate(at: times["--at"] ?? lastTimestamp, in: store)
        }
      } catch {
        var diagnostic = Diagnostic.error(error.message)
        if let range = error.range, range != .none {
          let (line, column) = QueryText(query).lineAndColumn(of: range.start)
          diagnostic.location = SourceLocation(file: "query", line: line, column: column)
          diagnostic.length = QueryText(query).characterLength(of: range)
        }
        output.writeError(renderer(["query": SourceText(path: "query", text: query)]).render(diagnostic))
        output.exitCode = ExitStatus.invalidInput
        return
      }

      switch format {
      case .text:
        output.write(QueryResultRendering.text(result))
        for annotation in result.annotations {
          output.printError("\(annotation.kind == .warning ? "warning" : "note"): \(annotation.rendered(in: query))")
        }
      case .json:
        output.write(QueryResultRendering.json(result, query: query))
      }
    }

    /// Simulates the scenario up to `until` (or until it settles) with every metric of its telemetry
    /// families, and returns the series and the last instant.
    static func simulate(
      _ path: String, until: Int64?, output: inout CommandOutput, renderer: ([String: SourceText]) -> DiagnosticRenderer
    ) -> (SeriesStore, Int64)? {
      let loaded = ScenarioLoader.load(path: path)
      guard let scenario = loaded.scenario else {
        output.writeError(renderer(loaded.sources).render(loaded.diagnostics))
        output.exitCode = ExitStatus.invalidInput
        return nil
      }
      var setup = ScenarioLoader.setup(for: scenario, horizon: until.map { .milliseconds($0) })
      // An ad-hoc query may read any metric, not only those the scenario's templates query.
      setup.workload?.telemetry.metricNames = nil
      let result = SimulationRunner.run(setup: setup, scenario: scenario)
      return (result.store, until ?? result.endedAt.milliseconds)
    }

    /// A Prometheus duration (`10m`, `1h30m`) or a number of seconds (`600`, `1.5`), in milliseconds.
    static func milliseconds(_ text: String) -> Int64? {
      if let ms = try? PromDuration.parse(text) { return ms }
      guard let seconds = Double(text), seconds.isFinite, abs(seconds) < 9e15 else { return nil }
      return Int64((seconds * 1000).rounded())
    }
  }
}
