import GoCompat
import PromQL
import TimeSeries

/// How `rollout-sim query` prints a result: Prometheus' console lines, or the `data` object of
/// Prometheus' HTTP API (`/api/v1/query`), so scripts written against Prometheus read it unchanged.
enum QueryResultRendering {
  /// One line per series: `name{labels} => value @[seconds]`.
  static func text(_ result: QueryResult) -> String {
    let at = seconds(result.timestamp)
    switch result.value {
    case .scalar(let v):
      return "scalar: \(GoFloat.format(v)) @[\(at)]\n"
    case .string(let s):
      return "string: \(Labels.quote(s)) @[\(at)]\n"
    case .vector(let elements):
      if elements.isEmpty { return "(empty vector: no series has a value at \(at)s)\n" }
      return elements.map { "\($0.labels) => \(GoFloat.format($0.value)) @[\(at)]\n" }.joined()
    case .matrix(let series):
      if series.isEmpty { return "(empty matrix)\n" }
      return series.map { s in
        "\(s.labels) =>\n" + zip(s.timestamps, s.values).map { "  \(GoFloat.format($1)) @[\(seconds($0))]\n" }.joined()
      }.joined()
    }
  }

  /// `{"resultType": …, "result": …}` with Prometheus' encoding: times in seconds, values as
  /// strings (so NaN and ±Inf survive JSON), labels in name order.
  static func json(_ result: QueryResult, query: String) -> String {
    let at = seconds(result.timestamp)
    var out = "{\"resultType\":\"\(result.value.resultType.rawValue)\",\"result\":"
    switch result.value {
    case .scalar(let v):
      out += "[\(at),\(string(GoFloat.format(v)))]"
    case .string(let s):
      out += "[\(at),\(string(s))]"
    case .vector(let elements):
      out += "[" + elements.map { "{\"metric\":\(metric($0.labels)),\"value\":[\(at),\(string(GoFloat.format($0.value)))]}" }
        .joined(separator: ",") + "]"
    case .matrix(let series):
      out += "[" + series.map { s in
        let values = zip(s.timestamps, s.values).map { "[\(seconds($0)),\(string(GoFloat.format($1)))]" }
        return "{\"metric\":\(metric(s.labels)),\"values\":[\(values.joined(separator: ","))]}"
      }.joined(separator: ",") + "]"
    }
    let warnings = result.annotations.filter { $0.kind == .warning }.map { $0.rendered(in: query) }
    let infos = result.annotations.filter { $0.kind == .info }.map { $0.rendered(in: query) }
    if !warnings.isEmpty { out += ",\"warnings\":[" + warnings.map(string).joined(separator: ",") + "]" }
    if !infos.isEmpty { out += ",\"infos\":[" + infos.map(string).joined(separator: ",") + "]" }
    return out + "}\n"
  }

  static func seconds(_ milliseconds: Int64) -> String { GoFloat.format(Double(milliseconds) / 1000) }

  private static func metric(_ labels: Labels) -> String {
    "{" + labels.pairs.map { "\(string($0.name)):\(string($0.value))" }.joined(separator: ",") + "}"
  }

  /// A JSON string literal (Prometheus' API escapes no HTML characters).
  static func string(_ text: String) -> String { JSONQuoting.quote(text, escaping: .minimal) }
}
