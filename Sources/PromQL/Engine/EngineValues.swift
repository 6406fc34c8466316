import TimeSeries

/// A label set inside the engine: sorted by name, unique names, no empty values. Kept as a plain
/// array so dropping or keeping labels never re-sorts or hashes.
typealias LabelSet = [Label]

extension Array where Element == Label {
  static let metricName = Labels.metricNameLabel

  func value(of name: String) -> String {
    for pair in self where pair.name == name { return pair.value }
    return ""
  }

  var metricNameValue: String { value(of: Labels.metricNameLabel) }

  /// Without `__name__` (and the `__type__`/`__unit__` metadata labels Prometheus drops with it).
  var withoutMetricName: LabelSet {
    guard contains(where: { $0.name.hasPrefix("__") && Self.isMetadata($0.name) }) else { return self }
    return filter { !Self.isMetadata($0.name) }
  }

  private static func isMetadata(_ name: String) -> Bool {
    name == Labels.metricNameLabel || name == "__type__" || name == "__unit__"
  }

  /// Only the named labels (Prometheus' `Keep`).
  func keeping(_ names: [String]) -> LabelSet { filter { names.contains($0.name) } }

  /// All but the named labels (Prometheus' `Del`).
  func removing(_ names: [String]) -> LabelSet { filter { !names.contains($0.name) } }

  /// A copy with `name` set (removed when `value` is empty), kept sorted.
  func setting(_ name: String, _ value: String) -> LabelSet {
    var copy = self
    if let index = copy.firstIndex(where: { $0.name >= name }) {
      if copy[index].name == name {
        if value.isEmpty { copy.remove(at: index) } else { copy[index].value = value }
      } else if !value.isEmpty {
        copy.insert(Label(name, value), at: index)
      }
    } else if !value.isEmpty {
      copy.append(Label(name, value))
    }
    return copy
  }

  /// Prometheus' `labels.Compare` order.
  static func precedes(_ lhs: LabelSet, _ rhs: LabelSet) -> Bool {
    for (l, r) in zip(lhs, rhs) where l != r {
      return l.name != r.name ? l.name < r.name : l.value < r.value
    }
    return lhs.count < rhs.count
  }

  /// The public `Labels` value (already sorted, so built without re-sorting).
  var publicLabels: Labels {
    var labels = Labels()
    for pair in self { labels.set(pair.name, pair.value) }
    return labels
  }

  /// Prometheus' text form, `name{a="b"}`.
  var text: String { publicLabels.description }

  /// Prometheus' `labels.String()`: every label in braces, the name included.
  var braceText: String {
    "{" + map { "\($0.name)=\(Labels.quote($0.value))" }.joined(separator: ", ") + "}"
  }
}

/// One element of an instant vector during evaluation.
struct InstantSample {
  var labels: LabelSet
  var value: Double
  /// The sample's own time for selector results (what `timestamp()` reports), else the evaluation time.
  var timestamp: Int64
  /// Delayed name removal: drop `__name__` at the end of the evaluation.
  var dropName: Bool
}

/// One series of a range vector during evaluation.
struct RangeSeries {
  var labels: LabelSet
  var timestamps: [Int64]
  var values: [Double]
  var dropName: Bool
}

/// An intermediate value.
enum Value {
  case scalar(Double)
  case vector([InstantSample])
  case matrix([RangeSeries])
  case string(String)
}

/// Annotations without duplicates, in the order first seen.
struct AnnotationSet {
  private(set) var all: [Annotation] = []
  private var seen: Set<String> = []

  mutating func add(_ kind: Annotation.Kind, _ message: String, at range: PositionRange) {
    let key = kind.rawValue + message
    if seen.insert(key).inserted { all.append(Annotation(kind, message, at: range)) }
  }
}
