import GoCompat

/// One label pair of a series.
public struct Label: Sendable, Hashable, Comparable {
  public var name: String
  public var value: String

  public init(_ name: String, _ value: String) {
    self.name = name
    self.value = value
  }

  public static func < (lhs: Label, rhs: Label) -> Bool {
    lhs.name != rhs.name ? lhs.name < rhs.name : lhs.value < rhs.value
  }
}

/// A label set, kept sorted by name with unique names and no empty values (Prometheus treats an
/// empty value as an absent label). `__name__` holds the metric name.
public struct Labels: Sendable, Hashable, Comparable, CustomStringConvertible, Sequence {
  public static let metricNameLabel = "__name__"

  public private(set) var pairs: [Label]

  public init() { pairs = [] }

  /// Builds a label set; later duplicates win, empty values are dropped.
  public init(_ pairs: [Label]) {
    var byName: [String: String] = [:]
    for pair in pairs { byName[pair.name] = pair.value }
    self.pairs = byName.filter { !$0.value.isEmpty }.map { Label($0.key, $0.value) }.sorted()
  }

  public init(_ dictionary: [String: String]) {
    self.init(dictionary.map { Label($0.key, $0.value) })
  }

  /// A series name plus labels, e.g. `Labels(name: "up", ["job": "api"])`.
  public init(name: String, _ labels: [String: String] = [:]) {
    var all = labels
    all[Labels.metricNameLabel] = name
    self.init(all)
  }

  public func makeIterator() -> IndexingIterator<[Label]> { pairs.makeIterator() }

  public var count: Int { pairs.count }
  public var isEmpty: Bool { pairs.isEmpty }

  /// The label's value, or "" when absent (Prometheus semantics).
  public subscript(name: String) -> String {
    // Label sets are small; a linear scan beats hashing here.
    for pair in pairs where pair.name == name { return pair.value }
    return ""
  }

  public func has(_ name: String) -> Bool { pairs.contains { $0.name == name } }

  public var metricName: String { self[Labels.metricNameLabel] }

  /// A copy with `name` set to `value` (removed when `value` is empty).
  public func setting(_ name: String, to value: String) -> Labels {
    var copy = self
    copy.set(name, value)
    return copy
  }

  public mutating func set(_ name: String, _ value: String) {
    if let index = pairs.firstIndex(where: { $0.name >= name }) {
      if pairs[index].name == name {
        if value.isEmpty { pairs.remove(at: index) } else { pairs[index].value = value }
      } else if !value.isEmpty {
        pairs.insert(Label(name, value), at: index)
      }
    } else if !value.isEmpty {
      pairs.append(Label(name, value))
    }
  }

  public func removing(_ names: Set<String>) -> Labels {
    var copy = self
    copy.pairs.removeAll { names.contains($0.name) }
    return copy
  }

  public func keeping(_ names: Set<String>) -> Labels {
    var copy = self
    copy.pairs.removeAll { !names.contains($0.name) }
    return copy
  }

  public var withoutMetricName: Labels { removing([Labels.metricNameLabel]) }

  public static func < (lhs: Labels, rhs: Labels) -> Bool {
    for (l, r) in zip(lhs.pairs, rhs.pairs) where l != r {
      return l < r
    }
    return lhs.pairs.count < rhs.pairs.count
  }

  /// Prometheus' text form: `name{a="b", c="d"}`, or `{a="b"}` without a name.
  public var description: String {
    let name = metricName
    let rest = pairs.filter { $0.name != Labels.metricNameLabel }
    if rest.isEmpty { return name.isEmpty ? "{}" : name }
    let body = rest.map { "\($0.name)=\(Labels.quote($0.value))" }.joined(separator: ", ")
    return "\(name){\(body)}"
  }

  /// `strconv.Quote`, as Prometheus prints label values.
  public static func quote(_ value: String) -> String { GoQuoting.quote(value) }
}
