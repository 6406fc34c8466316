import ArgumentParser
import Diagnostics
import Foundation
import PromQL

extension RolloutSim {
  /// `rollout-sim query 'PROMQL' --series FILE [--at 10m]`: evaluates a query the way Prometheus
  /// would, over series written in promtool's `input_series` format.
  struct Query: PerformingCommand {
    static let configuration = CommandConfiguration(
      abstract: "Evaluate a PromQL query over series, as Prometheus would.",
      discussion: """
        The series file uses the `input_series` format of `promtool test rules`:

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
      guard let seriesPath = series else {
        output.printError("error: give the series to query with --series FILE (promtool's input_series YAML)")
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

      let text: String
      do {
        text = try String(contentsOfFile: seriesPath, encoding: .utf8)
      } catch {
        output.printError("error: cannot read \(seriesPath): \(error.localizedDescription)")
        output.exitCode = ExitStatus.invalidInput
        return
      }
      let file: QuerySeriesFile
      do {
        file = try QuerySeriesFile(path: seriesPath, text: text)
      } catch {
        output.writeError(renderer([seriesPath: SourceText(path: seriesPath, text: text)]).render(error.diagnostics))
        output.exitCode = ExitStatus.invalidInput
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
          let endTime = times["--end"] ?? times["--at"] ?? file.lastTimestamp
          result = try prepared.evaluateRange(start: startTime, end: endTime, step: stepMilliseconds, in: file.store)
        } else {
          result = try prepared.evaluate(at: times["--at"] ?? file.lastTimestamp, in: file.store)
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

    /// A Prometheus duration (`10m`, `1h30m`) or a number of seconds (`600`, `1.5`), in milliseconds.
    static func milliseconds(_ text: String) -> Int64? {
      if let ms = try? PromDuration.parse(text) { return ms }
      guard let seconds = Double(text), seconds.isFinite, abs(seconds) < 9e15 else { return nil }
      return Int64((seconds * 1000).rounded())
    }
  }
}
