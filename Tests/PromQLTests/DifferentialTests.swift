import Foundation
import PromQL
import TimeSeries
import Testing

/// Our engine against the real one: hundreds of generated queries over generated series, evaluated
/// by `promtool test rules` (Prometheus 2.42 from Debian) in one batch and by us, compared within
/// 1e-9 relative (NaN equal to NaN). See `DifferentialCorpus` for what the corpus avoids and why.
@Suite struct DifferentialTests {
  static let promtool: String? = {
    for path in ["/usr/bin/promtool", "/usr/local/bin/promtool"] where FileManager.default.isExecutableFile(atPath: path) {
      return path
    }
    print("skipping: promtool is not installed (apt-get install prometheus provides it)")
    return nil
  }()

  static let queryCount = 1_000

  /// One promtool result: an error, or samples.
  enum PromtoolResult {
    case error(String)
    case samples([(Labels, Double)])
  }

  @Test(.enabled(if: promtool != nil))
  func matchesPromtool() throws {
    let corpus = DifferentialCorpus(seed: 20_240_601, count: Self.queryCount)
    // The first result is the sentinel query that makes promtool load every sample.
    let promtoolResults = Array(try Self.runPromtool(corpus).dropFirst())
    try #require(promtoolResults.count == corpus.cases.count, "promtool reported \(promtoolResults.count) results for \(corpus.cases.count) queries")

    var store = SeriesStore()
    for s in corpus.series {
      let (labels, values) = try SeriesNotation.parseSeries(s.series + " " + s.values)
      let id = store.seriesID(for: labels)
      for (i, value) in values.enumerated() {
        if let value { store.append(id, timestamp: Int64(i) * 15_000, value: value) }
      }
    }

    var mismatches: [String] = []
    var compared = 0, bothFailed = 0, nonEmpty = 0
    for (c, theirs) in zip(corpus.cases, promtoolResults) {
      let ours: PromtoolResult
      do {
        var query = try PreparedQuery(c.query)
        switch try query.evaluate(at: c.evalMilliseconds, in: store).value {
        case .scalar(let s): ours = .samples([(Labels(), s)])
        case .vector(let v): ours = .samples(v.map { ($0.labels, $0.value) })
        default: ours = .error("not a vector or scalar")
        }
      } catch let error as ParseErrors {
        ours = .error(error.description)
      } catch {
        ours = .error("\(error)")
      }
      compared += 1
      switch (ours, theirs) {
      case (.error, .error):
        bothFailed += 1
      case (.samples(let a), .samples(let b)):
        if !b.isEmpty { nonEmpty += 1 }
        // topk/bottomk break ties by heap position, which Prometheus does not specify (and 2.42
        // and 3.x differ): for those, compare the values only.
        let valuesOnly = c.query.contains("topk") || c.query.contains("bottomk")
        if let problem = valuesOnly ? Self.valueDifference(a, b) : Self.difference(a, b) {
          mismatches.append("\(c.query) @ \(c.evalTime)\n    \(problem)")
        }
      case (.error(let e), .samples(let b)):
        mismatches.append("\(c.query) @ \(c.evalTime)\n    we failed (\(e)), promtool got \(b.count) samples")
      case (.samples(let a), .error(let e)):
        mismatches.append("\(c.query) @ \(c.evalTime)\n    promtool failed (\(e)), we got \(a.count) samples")
      }
    }
    print("differential: \(compared - mismatches.count)/\(compared) queries agree with promtool (\(nonEmpty) non-empty results, \(bothFailed) errors on both sides)")
    #expect(mismatches.isEmpty, "\(mismatches.count) mismatches:\n\(mismatches.prefix(25).joined(separator: "\n"))")
    #expect(compared >= 300)
    // The corpus must exercise the engine, not only produce empty results or errors.
    #expect(nonEmpty >= compared / 2)
  }

  static func equal(_ a: Double, _ b: Double) -> Bool {
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
    if a == b { return true }
    // Relative 1e-9; values that are both within 1e-12 of zero are equal too (a relative test
    // cannot judge 0 against a rounding residue such as 1e-17).
    if abs(a) < 1e-12 && abs(b) < 1e-12 { return true }
    return abs(a - b) <= 1e-9 * max(abs(a), abs(b))
  }

  static func difference(_ ours: [(Labels, Double)], _ theirs: [(Labels, Double)]) -> String? {
    let a = ours.sorted { $0.0 < $1.0 }, b = theirs.sorted { $0.0 < $1.0 }
    guard a.count == b.count else {
      return "we got \(a.count) samples \(a.prefix(4).map { "\($0.0) \($0.1)" }), promtool \(b.count) \(b.prefix(4).map { "\($0.0) \($0.1)" })"
    }
    for (x, y) in zip(a, b) {
      if x.0 != y.0 { return "labels differ: \(x.0) vs \(y.0)" }
      if !equal(x.1, y.1) { return "\(x.0): we got \(x.1), promtool \(y.1)" }
    }
    return nil
  }

  static func valueDifference(_ ours: [(Labels, Double)], _ theirs: [(Labels, Double)]) -> String? {
    let a = ours.map(\.1).sorted(by: lessWithNaNFirst), b = theirs.map(\.1).sorted(by: lessWithNaNFirst)
    guard a.count == b.count else { return "we got \(a.count) samples, promtool \(b.count)" }
    for (x, y) in zip(a, b) where !equal(x, y) { return "values differ: \(a) vs \(b)" }
    return nil
  }

  static func lessWithNaNFirst(_ a: Double, _ b: Double) -> Bool {
    a.isNaN ? !b.isNaN : a < b
  }

  // MARK: - promtool

  static func runPromtool(_ corpus: DifferentialCorpus) throws -> [PromtoolResult] {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("promql-differential-\(ProcessInfo.processInfo.processIdentifier)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent("tests.yml")
    try corpus.ruleTestFile().write(to: file, atomically: true, encoding: .utf8)
    if let keep = ProcessInfo.processInfo.environment["PROMQL_DIFFERENTIAL_KEEP"] {
      try? corpus.ruleTestFile().write(toFile: keep, atomically: true, encoding: .utf8)
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: promtool ?? "promtool")
    process.arguments = ["test", "rules", file.path]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return try parsePromtoolOutput(String(decoding: data, as: UTF8.self))
  }

  /// Reads promtool's failure report: for every `expr:` line either `err: …` on the same line or a
  /// `got:` line with `{labels} value, …` (or `nil`).
  static func parsePromtoolOutput(_ text: String) throws -> [PromtoolResult] {
    var results: [PromtoolResult] = []
    var awaitingGot = false
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if trimmed.hasPrefix("expr: ") {
        if let range = trimmed.range(of: ", err: ") {
          results.append(.error(String(trimmed[range.upperBound...])))
          awaitingGot = false
        } else {
          awaitingGot = true
        }
      } else if awaitingGot && trimmed.hasPrefix("got: ") {
        results.append(.samples(try parseSamples(String(trimmed.dropFirst(5)))))
        awaitingGot = false
      }
    }
    return results
  }

  struct PromtoolOutputError: Error, CustomStringConvertible {
    var description: String
  }

  static func parseSamples(_ text: String) throws -> [(Labels, Double)] {
    if text == "nil" { return [] }
    var samples: [(Labels, Double)] = []
    let chars = Array(text)
    var i = 0
    while i < chars.count {
      guard chars[i] == "{" else { throw PromtoolOutputError(description: "expected '{' in \(text)") }
      var j = i, inString = false
      while j < chars.count {
        if inString {
          if chars[j] == "\\" { j += 1 } else if chars[j] == "\"" { inString = false }
        } else if chars[j] == "\"" {
          inString = true
        } else if chars[j] == "}" {
          break
        }
        j += 1
      }
      let labels = try SeriesNotation.parseLabels(String(chars[i...j]))
      var k = j + 2
      var valueText = ""
      while k < chars.count, !(chars[k] == "," && k + 1 < chars.count && chars[k + 1] == " ") {
        valueText.append(chars[k])
        k += 1
      }
      guard let value = Double(valueText) ?? (valueText == "+Inf" ? .infinity : (valueText == "-Inf" ? -.infinity : nil)) else {
        throw PromtoolOutputError(description: "bad value \(valueText) in \(text)")
      }
      samples.append((labels, value))
      i = k + 2
    }
    return samples
  }
}
