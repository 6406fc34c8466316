import Diagnostics

/// A function's signature: what the parser and type checker need. Implementations live in the
/// engine's own table (`FunctionImplementations`), as Prometheus keeps `parser/functions.go` apart
/// from `promql/functions.go`.
public struct FunctionSignature: Sendable, Hashable {
  public var name: String
  public var argumentTypes: [ValueType]
  /// 0: exactly `argumentTypes`; n > 0: up to n more of the last type; -1: any number more.
  public var variadic: Int
  public var returnType: ValueType
  /// Behind Prometheus' `--enable-feature=promql-experimental-functions`.
  public var experimental: Bool

  public init(_ name: String, _ argumentTypes: [ValueType], variadic: Int = 0, returns: ValueType = .vector, experimental: Bool = false) {
    self.name = name
    self.argumentTypes = argumentTypes
    self.variadic = variadic
    self.returnType = returns
    self.experimental = experimental
  }
}

/// Every function Prometheus knows, so that any valid query parses; the engine reports the few it
/// does not implement.
public enum FunctionSignatures {
  public static let all: [String: FunctionSignature] = {
    let v = ValueType.vector, m = ValueType.matrix, s = ValueType.scalar, str = ValueType.string
    let list: [FunctionSignature] = [
      .init("abs", [v]), .init("absent", [v]), .init("absent_over_time", [m]),
      .init("acos", [v]), .init("acosh", [v]), .init("asin", [v]), .init("asinh", [v]),
      .init("atan", [v]), .init("atanh", [v]), .init("avg_over_time", [m]), .init("ceil", [v]),
      .init("changes", [m]), .init("clamp", [v, s, s]), .init("clamp_max", [v, s]),
      .init("clamp_min", [v, s]), .init("cos", [v]), .init("cosh", [v]), .init("count_over_time", [m]),
      .init("days_in_month", [v], variadic: 1), .init("day_of_month", [v], variadic: 1),
      .init("day_of_week", [v], variadic: 1), .init("day_of_year", [v], variadic: 1), .init("deg", [v]),
      .init("end", [], returns: s, experimental: true), .init("delta", [m]), .init("deriv", [m]),
      .init("exp", [v]), .init("first_over_time", [m]), .init("floor", [v]),
      .init("histogram_avg", [v]), .init("histogram_count", [v]), .init("histogram_sum", [v]),
      .init("histogram_stddev", [v]), .init("histogram_stdvar", [v]),
      .init("histogram_fraction", [s, s, v]), .init("histogram_quantile", [s, v]),
      .init("histogram_quantiles", [v, str, s, s], variadic: 9, experimental: true),
      .init("double_exponential_smoothing", [m, s, s], experimental: true),
      .init("hour", [v], variadic: 1), .init("idelta", [m]), .init("increase", [m]),
      .init("info", [v, v], variadic: 1, experimental: true), .init("irate", [m]),
      .init("label_replace", [v, str, str, str, str]), .init("label_join", [v, str, str, str], variadic: -1),
      .init("max_of", [s, s], returns: s, experimental: true), .init("last_over_time", [m]),
      .init("min_of", [s, s], returns: s, experimental: true), .init("ln", [v]), .init("log10", [v]),
      .init("log2", [v]), .init("mad_over_time", [m], experimental: true), .init("max_over_time", [m]),
      .init("min_over_time", [m]), .init("ts_of_first_over_time", [m], experimental: true),
      .init("ts_of_max_over_time", [m], experimental: true), .init("ts_of_min_over_time", [m], experimental: true),
      .init("ts_of_last_over_time", [m], experimental: true), .init("minute", [v], variadic: 1),
      .init("month", [v], variadic: 1), .init("pi", [], returns: s), .init("predict_linear", [m, s]),
      .init("present_over_time", [m]), .init("quantile_over_time", [s, m]), .init("rad", [v]),
      .init("range", [], returns: s, experimental: true), .init("rate", [m]), .init("resets", [m]),
      .init("round", [v, s], variadic: 1), .init("scalar", [v], returns: s), .init("sgn", [v]),
      .init("sin", [v]), .init("sinh", [v]), .init("sort", [v]), .init("sort_desc", [v]),
      .init("sort_by_label", [v, str], variadic: -1, experimental: true),
      .init("sort_by_label_desc", [v, str], variadic: -1, experimental: true), .init("sqrt", [v]),
      .init("start", [], returns: s, experimental: true), .init("start_timestamp", [v], experimental: true),
      .init("step", [], returns: s, experimental: true), .init("stddev_over_time", [m]),
      .init("stdvar_over_time", [m]), .init("sum_over_time", [m]), .init("tan", [v]), .init("tanh", [v]),
      .init("time", [], returns: s), .init("timestamp", [v]), .init("vector", [s], returns: v),
      .init("year", [v], variadic: 1),
    ]
    return Dictionary(uniqueKeysWithValues: list.map { ($0.name, $0) })
  }()

  public static func named(_ name: String) -> FunctionSignature? { all[name] }

  /// Sorted names, for "did you mean" suggestions.
  public static let names: [String] = all.keys.sorted()

  /// The functions analysis queries use most, offered first when a typo is equally close to several.
  static let common = ["rate", "irate", "increase", "histogram_quantile", "sum_over_time", "avg_over_time",
                       "max_over_time", "min_over_time", "clamp_min", "clamp_max", "vector", "scalar", "absent"]

  /// The function a misspelt name most likely meant: the closest by edit distance (common
  /// functions first), or one with the same letters in another order (`raet` → `rate`).
  public static func suggestion(for name: String) -> String? {
    let ordered = common + names.filter { !common.contains($0) }
    if let close = Suggestions.closest(to: name, in: ordered) { return close }
    let letters = name.lowercased().sorted()
    return ordered.first { $0.sorted() == letters }
  }
}
