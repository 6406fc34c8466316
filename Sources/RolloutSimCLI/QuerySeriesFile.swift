import Diagnostics
import PromQL
import TimeSeries
import Yams

/// Series given the way `promtool test rules` takes them:
///
/// ```yaml
/// interval: 15s
/// input_series:
///   - series: 'istio_requests_total{reporter="source", response_code="200"}'
///     values: '0+200x240'
/// ```
///
/// A whole promtool rule-test file is accepted too (its first test group is used). Value `i` of a
/// series lands at `i × interval`, from time 0.
struct QuerySeriesFile {
  var store = SeriesStore()
  /// The time of the latest sample, the default evaluation time.
  var lastTimestamp: Int64 = 0
  var seriesCount = 0

  static let defaultInterval: Int64 = 60_000

  /// Loads the file, or throws every problem in it as diagnostics.
  init(path: String, text: String) throws(DiagnosticError) {
    let node: Node
    do {
      guard let composed = try Yams.compose(yaml: text) else {
        throw DiagnosticError(.error("the series file is empty", at: SourceLocation(file: path, line: 1, column: 1),
                                     hint: "give `interval` and `input_series: [{series, values}]`"))
      }
      node = composed
    } catch let error as DiagnosticError {
      throw error
    } catch let error as YamlError {
      throw DiagnosticError(Self.diagnostic(for: error, path: path))
    } catch {
      throw DiagnosticError(.error("cannot read YAML: \(error)", at: SourceLocation(file: path, line: 1, column: 1)))
    }
    var bag = DiagnosticBag()
    func location(_ node: Node?) -> SourceLocation {
      SourceLocation(file: path, line: node?.mark?.line ?? 1, column: node?.mark?.column ?? 1)
    }
    var group = node
    if let tests = node["tests"] {
      guard let first = tests.sequence?.first else {
        throw DiagnosticError(.error("`tests` holds no test group", at: location(tests)))
      }
      group = first
    }
    var interval = Self.defaultInterval
    if let intervalNode = group["interval"] {
      do {
        interval = try PromDuration.parse(intervalNode.string ?? "")
        if interval <= 0 { bag.error("`interval` must be greater than 0", at: location(intervalNode)) }
      } catch {
        bag.error("invalid `interval`: \(error.message)", at: location(intervalNode), hint: "write a Prometheus duration such as 15s or 1m")
      }
    }
    guard let list = group["input_series"] else {
      throw DiagnosticError(.error("missing `input_series`", at: location(group),
                                   hint: "list the series as `input_series: [{series: 'name{label=\"v\"}', values: '0+1x10'}]`"))
    }
    guard let items = list.sequence else {
      throw DiagnosticError(.error("`input_series` must be a list of {series, values}", at: location(list)))
    }
    for item in items {
      guard let seriesNode = item["series"], let series = seriesNode.string else {
        bag.error("an input series needs `series` (the metric and its labels)", at: location(item))
        continue
      }
      let labels: Labels
      do {
        labels = try SeriesNotation.parseLabels(series)
      } catch {
        bag.append(Self.diagnostic(error, in: seriesNode, path: path))
        continue
      }
      if labels.isEmpty {
        bag.error("the series has no name and no labels", at: location(seriesNode))
        continue
      }
      let valuesNode = item["values"]
      let values: [Double?]
      do {
        values = try SeriesNotation.expand(valuesNode?.string ?? "")
      } catch {
        bag.append(Self.diagnostic(error, in: valuesNode ?? item, path: path))
        continue
      }
      let id = store.seriesID(for: labels)
      for (i, value) in values.enumerated() {
        guard let value else { continue }
        let time = Int64(i) &* interval
        store.append(id, timestamp: time, value: value)
        lastTimestamp = max(lastTimestamp, time)
      }
      seriesCount += 1
    }
    if bag.hasErrors { throw DiagnosticError(bag.sorted) }
  }

  /// A notation error placed on its character when the scalar is on one line.
  private static func diagnostic(_ error: SeriesNotation.ParseError, in node: Node, path: String) -> Diagnostic {
    let line = node.mark?.line ?? 1
    var column = node.mark?.column ?? 1
    var length = error.length
    if let scalar = node.scalar, !scalar.string.contains("\n") {
      let quoted = scalar.style == .singleQuoted || scalar.style == .doubleQuoted
      let prefix = String(decoding: Array(scalar.string.utf8).prefix(error.offset), as: UTF8.self)
      column += (quoted ? 1 : 0) + prefix.count
    } else {
      length = 1
    }
    return .error(error.message, at: SourceLocation(file: path, line: line, column: column), length: length)
  }

  private static func diagnostic(for error: YamlError, path: String) -> Diagnostic {
    switch error {
    case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      let message = [context.map { "\($0.text)" } ?? "", problem].filter { !$0.isEmpty }.joined(separator: ": ")
      return .error("invalid YAML: \(message)", at: SourceLocation(file: path, line: mark.line, column: mark.column))
    default:
      return .error("invalid YAML: \(error)", at: SourceLocation(file: path, line: 1, column: 1))
    }
  }
}
