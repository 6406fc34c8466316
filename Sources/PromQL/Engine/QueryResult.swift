import TimeSeries

/// One element of an instant vector in a result.
public struct VectorElement: Sendable, Hashable {
  public var labels: Labels
  public var value: Double

  public init(labels: Labels, value: Double) {
    self.labels = labels
    self.value = value
  }
}

/// One series of a matrix (range vector) in a result.
public struct MatrixSeries: Sendable, Hashable {
  public var labels: Labels
  public var timestamps: [Int64]
  public var values: [Double]

  public init(labels: Labels, timestamps: [Int64], values: [Double]) {
    self.labels = labels
    self.timestamps = timestamps
    self.values = values
  }
}

/// What a query evaluates to.
public enum QueryValue: Sendable, Hashable {
  case scalar(Double)
  case vector([VectorElement])
  case matrix([MatrixSeries])
  case string(String)

  /// `vector`, `scalar`, `matrix` or `string`, as Prometheus' API names `resultType`.
  public var resultType: ValueType {
    switch self {
    case .scalar: .scalar
    case .vector: .vector
    case .matrix: .matrix
    case .string: .string
    }
  }
}

/// A result with the evaluation time and the non-fatal remarks gathered on the way.
public struct QueryResult: Sendable, Hashable {
  public var value: QueryValue
  /// The evaluation time (an instant query) or the end (a range query), in milliseconds.
  public var timestamp: Int64
  public var annotations: [Annotation]

  public init(value: QueryValue, timestamp: Int64, annotations: [Annotation] = []) {
    self.value = value
    self.timestamp = timestamp
    self.annotations = annotations
  }
}

/// An instant query's value without labels (see `PreparedQuery.evaluateNumbers`), and the remarks.
public struct QueryNumbers: Sendable, Hashable {
  public enum Value: Sendable, Hashable {
    case scalar(Double)
    /// The vector's sample values, in the order `evaluate` lists the elements.
    case vector([Double])
    /// Each series' values, in the order `evaluate` lists the series.
    case matrix([[Double]])
    case string(String)
  }

  public var value: Value
  public var annotations: [Annotation]

  public init(value: Value, annotations: [Annotation] = []) {
    self.value = value
    self.annotations = annotations
  }
}

/// A non-fatal remark about an evaluation (Prometheus' annotations): the result is still valid.
public struct Annotation: Sendable, Hashable, CustomStringConvertible {
  public enum Kind: String, Sendable, Hashable {
    case warning = "PromQL warning"
    case info = "PromQL info"
  }
  public var kind: Kind
  public var message: String
  public var range: PositionRange

  public init(_ kind: Kind, _ message: String, at range: PositionRange) {
    self.kind = kind
    self.message = message
    self.range = range
  }

  public var description: String { "\(kind.rawValue): \(message)" }

  /// As Prometheus' API renders it: `PromQL info: … (1:6)`.
  public func rendered(in query: String) -> String {
    let (line, column) = QueryText(query).lineAndColumn(of: range.start)
    return "\(description) (\(line):\(column))"
  }
}

/// Why an evaluation failed (Prometheus' runtime errors).
public struct EvaluationError: Error, Sendable, Hashable, CustomStringConvertible {
  public var message: String
  public var range: PositionRange?

  public init(_ message: String, at range: PositionRange? = nil) {
    self.message = message
    self.range = range
  }

  public var description: String { message }
}
