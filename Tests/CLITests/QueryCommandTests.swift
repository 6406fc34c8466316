import ArgumentParser
import Foundation
import RolloutSimCLI
import Testing

@Suite struct QueryCommandTests {
  static let series = """
    interval: 15s
    input_series:
      - series: 'istio_requests_total{reporter="source", response_code="200"}'
        values: '0+190x80'
      - series: 'istio_requests_total{reporter="source", response_code="503"}'
        values: '0+10x80'
    """

  static let successRate = #"sum(irate(istio_requests_total{reporter="source",response_code!~"5.*"}[1m])) / sum(irate(istio_requests_total{reporter="source"}[1m]))"#

  /// Writes `text` to a temporary file and runs `rollout-sim query` with `arguments` (the file path
  /// replaces `FILE`).
  static func run(_ arguments: [String], series text: String = series) throws -> CommandOutput {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("query-\(UUID().uuidString).yaml")
    try text.write(to: url, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: url) }
    return try performCommand(["query"] + arguments.map { $0 == "FILE" ? url.path : $0 })
  }

  @Test func printsOneLinePerSeries() throws {
    let output = try Self.run([Self.successRate, "--series", "FILE", "--at", "10m"])
    #expect(output.exitCode == 0)
    #expect(output.stdout == "{} => 0.9500000000000001 @[600]\n")
  }

  @Test func printsPrometheusAPIJSON() throws {
    let output = try Self.run(["rate(istio_requests_total[1m])", "--series", "FILE", "--at", "600", "--format", "json"])
    #expect(output.stdout == #"""
      {"resultType":"vector","result":[{"metric":{"reporter":"source","response_code":"200"},"value":[600,"12.666666666666664"]},{"metric":{"reporter":"source","response_code":"503"},"value":[600,"0.6666666666666666"]}]}

      """#)
  }

  @Test func scalarsAndRangeQueries() throws {
    let scalar = try Self.run(["scalar(sum(istio_requests_total))", "--series", "FILE", "--at", "1m", "--format", "json"])
    #expect(scalar.stdout == #"{"resultType":"scalar","result":[60,"800"]}"# + "\n")
    let range = try Self.run(["sum(istio_requests_total)", "--series", "FILE", "--start", "0", "--end", "1m", "--step", "30s"])
    #expect(range.stdout == "{} =>\n  0 @[0]\n  400 @[30]\n  800 @[60]\n")
  }

  @Test func defaultsToTheLastSample() throws {
    let output = try Self.run(["timestamp(istio_requests_total)", "--series", "FILE"])
    #expect(output.stdout.hasSuffix("@[1200]\n"))
  }

  @Test func badQueryGetsACaretAndExitCode2() throws {
    let output = try Self.run([#"sum(rate(x{code~"5.*"}[1m]))"#, "--series", "FILE"])
    #expect(output.exitCode == 2)
    #expect(output.stdout.isEmpty)
    #expect(output.stderr == """
      query:1:16: error: unexpected character inside braces: '~' [promql]
         1 | sum(rate(x{code~"5.*"}[1m]))
           |                ^

      """)
  }

  @Test func badSeriesValuesPointIntoTheFile() throws {
    let broken = Self.series.replacingOccurrences(of: "0+10x80", with: "0+10x")
    let output = try Self.run(["up", "--series", "FILE"], series: broken)
    #expect(output.exitCode == 2)
    #expect(output.stderr.contains(":6:19: error: invalid repetition in series values: \"\""))
    #expect(output.stderr.contains("   6 |     values: '0+10x'\n     |                   ^"))
  }

  @Test func evaluationErrorsExitWith2() throws {
    let output = try Self.run(["istio_requests_total / on (reporter) istio_requests_total", "--series", "FILE"])
    #expect(output.exitCode == 2)
    #expect(output.stderr.contains("found duplicate series for the match group"))
  }

  @Test func missingSeriesIsAUsageError() throws {
    let command = try RolloutSim.parseAsRoot(["query", "up"])
    var output = CommandOutput()
    try (command as? any PerformingCommand)?.perform(&output)
    #expect(output.exitCode == 64)
  }

  @Test func annotationsGoToStandardError() throws {
    let gauge = "interval: 15s\ninput_series:\n  - series: queue_depth\n    values: '1 2 3 4 5'\n"
    let output = try Self.run(["rate(queue_depth[1m])", "--series", "FILE"], series: gauge)
    #expect(output.exitCode == 0)
    #expect(output.stderr.contains("note: PromQL info: metric might not be a counter"))
  }
}
