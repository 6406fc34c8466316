import TimeSeries

/// A query parsed, type-checked and checked against what the engine implements, ready to be
/// evaluated many times. Evaluation is `mutating` because the query caches which series each
/// selector matches (keyed by the store's `selectionToken`); give each thread its own copy.
///
/// ```swift
/// var query = try PreparedQuery("sum(rate(http_requests_total[1m]))")
/// let result = try query.evaluate(at: 600_000, in: store)
/// ```
public struct PreparedQuery: Sendable {
  public let text: String
  public let expr: Expr
  public var options: EvaluationOptions
  private var caches: [SelectionCache]
  private var fusions: [Fusion]
  private var pairs: [PairFusion]
  /// The fused form of the whole query when it is a fused pair (`sum(irate(a[1m])) / sum(irate(b[1m]))`,
  /// the shape of most analysis queries), worked out at the first `evaluateNumbers`: later ones start
  /// from it instead of copying the operation out of the expression tree each time.
  private var topLevelPair: PairFusion = .unknown

  /// The type of the query's result.
  public var resultType: ValueType { expr.type }

  public init(_ text: String, options: EvaluationOptions = EvaluationOptions()) throws(ParseErrors) {
    let (expr, selectors, aggregates, binaries) = try PromQLParser.parseCounting(text)
    let unsupported = Self.unsupportedFeatures(expr)
    if !unsupported.isEmpty { throw ParseErrors(query: text, errors: unsupported) }
    self.text = text
    self.expr = expr
    self.options = options
    self.caches = Array(repeating: SelectionCache(), count: selectors)
    self.fusions = Array(repeating: .unknown, count: aggregates)
    self.pairs = Array(repeating: .unknown, count: binaries)
  }

  /// Lends this query's caches to `evaluator`, or takes them back: they are moved, never copied, so
  /// the evaluator updates them in place and the next evaluation finds them here.
  private mutating func exchangeCaches(with evaluator: inout Evaluator) {
    swap(&evaluator.caches, &caches)
    swap(&evaluator.fusions, &fusions)
    swap(&evaluator.pairs, &pairs)
  }

  /// Evaluates the query at one instant (milliseconds), as Prometheus' `/api/v1/query`.
  public mutating func evaluate(at time: Int64, in store: SeriesStore) throws(EvaluationError) -> QueryResult {
    var evaluator = Evaluator(store: store, caches: [], options: options, start: time, end: time, step: 0)
    exchangeCaches(with: &evaluator)
    defer { exchangeCaches(with: &evaluator) }
    let value = try evaluator.evaluate(expr, at: time)
    return QueryResult(value: try finish(value, time: time), timestamp: time, annotations: evaluator.annotations.all)
  }

  /// `evaluate(at:in:)` for callers that read only the numbers (the Prometheus provider drops the
  /// labels): the same checks, errors, order of values and annotations, without building the result's
  /// label sets.
  public mutating func evaluateNumbers(at time: Int64, in store: SeriesStore) throws(EvaluationError) -> QueryNumbers {
    var evaluator = Evaluator(store: store, caches: [], options: options, start: time, end: time, step: 0)
    exchangeCaches(with: &evaluator)
    defer { exchangeCaches(with: &evaluator) }
    // A query that is a fused pair (`sum(rate(a[1m])) / sum(rate(b[1m]))`) gives its number without
    // building a vector for it.
    if case .unknown = topLevelPair {
      if case .binary(let binary) = expr, let pair = evaluator.fusedPair(binary) {
        topLevelPair = .fused(pair)
      } else {
        topLevelPair = .notFusable
      }
    }
    if case .fused(let pair) = topLevelPair {
      switch try evaluator.fusedPairSample(pair, at: time) {
      case .notFused: break
      case .empty: return QueryNumbers(value: .vector([]), annotations: evaluator.annotations.all)
      case .sample(let sample):
        return QueryNumbers(value: .vector([sample.value]), annotations: evaluator.annotations.all)
      }
    }
    let value = try evaluator.evaluate(expr, at: time)
    let numbers: QueryNumbers.Value
    switch value {
    case .scalar(let s): numbers = .scalar(s)
    case .string(let s): numbers = .string(s)
    case .vector(let v): numbers = .vector(try finishVector(v).map(\.value))
    case .matrix:
      // The checks of `finish` (duplicate label sets), then the values.
      let finished = try finish(value, time: time)
      if case .matrix(let series) = finished { numbers = .matrix(series.map(\.values)) } else { numbers = .matrix([]) }
    }
    return QueryNumbers(value: numbers, annotations: evaluator.annotations.all)
  }

  /// Evaluates the query at `start`, `start + step`, … up to `end` (milliseconds) and returns a
  /// matrix sorted by labels, as Prometheus' `/api/v1/query_range`.
  public mutating func evaluateRange(start: Int64, end: Int64, step: Int64, in store: SeriesStore) throws(EvaluationError) -> QueryResult {
    guard step > 0 else { throw EvaluationError("zero or negative query resolution step widths are not accepted. Try a positive integer") }
    guard end >= start else { throw EvaluationError("end timestamp must not be before start time") }
    guard (end - start) / step < 11_000 else {
      throw EvaluationError("exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)")
    }
    if expr.type == .string || expr.type == .matrix {
      throw EvaluationError("invalid expression type \(GoQuote.string(expr.type.documentedName)) for range query, must be Scalar or instant Vector")
    }
    var evaluator = Evaluator(store: store, caches: [], options: options, start: start, end: end, step: step)
    exchangeCaches(with: &evaluator)
    defer { exchangeCaches(with: &evaluator) }
    var order: [LabelSet] = []
    var series: [LabelSet: (timestamps: [Int64], values: [Double])] = [:]
    var time = start
    while time <= end {
      let labelled: [(LabelSet, Double)]
      switch try evaluator.evaluate(expr, at: time) {
      case .scalar(let s): labelled = [([], s)]
      case .vector(let v): labelled = try finishVector(v).map { ($0.labels, $0.value) }
      default: labelled = []
      }
      for (labels, value) in labelled {
        if series[labels] == nil {
          order.append(labels)
          series[labels] = ([], [])
        }
        if series[labels]?.timestamps.last == time {
          throw EvaluationError("vector cannot contain metrics with the same labelset")
        }
        series[labels]?.timestamps.append(time)
        series[labels]?.values.append(value)
      }
      time += step
    }
    let matrix = order.sorted(by: LabelSet.precedes).compactMap { labels in
      series[labels].map { MatrixSeries(labels: labels.publicLabels, timestamps: $0.timestamps, values: $0.values) }
    }
    return QueryResult(value: .matrix(matrix), timestamp: end, annotations: evaluator.annotations.all)
  }

  private func finish(_ value: Value, time: Int64) throws(EvaluationError) -> QueryValue {
    switch value {
    case .scalar(let s):
      return .scalar(s)
    case .string(let s):
      return .string(s)
    case .vector(let v):
      return .vector(try finishVector(v).map { VectorElement(labels: $0.labels.publicLabels, value: $0.value) })
    case .matrix(let m):
      var seen = Set<LabelSet>()
      var out: [MatrixSeries] = []
      for series in m {
        let labels = series.dropName && options.delayedNameRemoval ? series.labels.withoutMetricName : series.labels
        if !seen.insert(labels).inserted {
          throw EvaluationError("vector cannot contain metrics with the same labelset")
        }
        out.append(MatrixSeries(labels: labels.publicLabels, timestamps: series.timestamps, values: series.values))
      }
      return .matrix(out)
    }
  }

  /// Delayed name removal happens here, followed by the duplicate check it postponed.
  private func finishVector(_ vector: [InstantSample]) throws(EvaluationError) -> [InstantSample] {
    guard options.delayedNameRemoval else { return vector }
    var out = vector
    for i in out.indices where out[i].dropName { out[i].labels = out[i].labels.withoutMetricName }
    try Evaluator.requireUniqueLabels(out, range: .none)
    return out
  }

  /// Functions and operators this engine does not evaluate, found before any evaluation.
  static func unsupportedFeatures(_ expr: Expr) -> [ParseError] {
    var found: [ParseError] = []
    func visit(_ e: Expr) {
      switch e {
      case .aggregate(let a):
        if a.op == .limitRatio {
          found.append(ParseError("limit_ratio() is not supported by this engine", at: a.range))
        }
        if let param = a.param { visit(param) }
        visit(a.expr)
      case .binary(let b):
        visit(b.lhs)
        visit(b.rhs)
      case .call(let c):
        if FunctionImplementations.table[c.function.name] == nil {
          found.append(ParseError("function \(GoQuote.string(c.function.name)) is not supported by this engine: \(FunctionImplementations.unsupportedReason(c.function.name))", at: c.range))
        }
        c.args.forEach(visit)
      case .paren(let p): visit(p.expr)
      case .subquery(let s): visit(s.expr)
      case .unary(let u): visit(u.expr)
      case .matrixSelector, .number, .string, .vectorSelector: break
      }
    }
    visit(expr)
    return found
  }
}
