/// Which implementation a function name maps to. Kept apart from `FunctionSignatures` (what the
/// parser knows) as Prometheus keeps `promql/functions.go` apart from `parser/functions.go`; a
/// name with a signature and no implementation is reported when a query is prepared.
enum FunctionImplementation: Sendable, Equatable {
  /// A function of one range vector (and maybe scalar parameters), evaluated per series.
  case overRange(RangeFunction)
  /// A function applied to each element's value; the metric name is dropped.
  case elementwise(ElementwiseFunction)
  case dateField(DateField)
  case clamp, clampMin, clampMax, round
  case time, pi, vector, scalar, timestamp, absent, absentOverTime
  case sort, sortDescending, sortByLabel, sortByLabelDescending
  case labelReplace, labelJoin, histogramQuantile
  case start, end, step, range, minOf, maxOf
}

enum FunctionImplementations {
  static let table: [String: FunctionImplementation] = {
    var table: [String: FunctionImplementation] = [
      "clamp": .clamp, "clamp_min": .clampMin, "clamp_max": .clampMax, "round": .round,
      "time": .time, "pi": .pi, "vector": .vector, "scalar": .scalar, "timestamp": .timestamp,
      "absent": .absent, "absent_over_time": .absentOverTime,
      "sort": .sort, "sort_desc": .sortDescending,
      "sort_by_label": .sortByLabel, "sort_by_label_desc": .sortByLabelDescending,
      "label_replace": .labelReplace, "label_join": .labelJoin,
      "histogram_quantile": .histogramQuantile,
      "start": .start, "end": .end, "step": .step, "range": .range, "min_of": .minOf, "max_of": .maxOf,
    ]
    for function in RangeFunction.allCases { table[function.rawValue] = .overRange(function) }
    for function in ElementwiseFunction.allCases { table[function.rawValue] = .elementwise(function) }
    for field in DateField.allCases { table[field.rawValue] = .dateField(field) }
    return table
  }()

  /// Why a known function is not evaluated by this engine.
  static func unsupportedReason(_ name: String) -> String {
    if name.hasPrefix("histogram_") { return "native histograms are not modelled" }
    if name == "info" { return "info metrics are not modelled" }
    if name == "start_timestamp" { return "start timestamps are not modelled" }
    return "not implemented"
  }
}
