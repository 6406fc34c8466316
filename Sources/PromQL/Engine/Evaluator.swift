import TimeSeries

/// Options of an evaluation, with Prometheus' defaults.
public struct EvaluationOptions: Sendable, Hashable {
  /// How far back an instant selector looks for the latest sample (Prometheus' `--query.lookback-delta`).
  public var lookbackDelta: Int64
  /// Keep `__name__` until the end of the evaluation and drop it then (Prometheus'
  /// `promql-delayed-name-removal` feature, which its own test scripts enable).
  public var delayedNameRemoval: Bool
  /// Resolution of a subquery written without a step (`x[1h:]`): Prometheus uses the global
  /// evaluation interval, 1 minute by default.
  public var defaultSubqueryStep: Int64
  /// A bound on the samples one evaluation may touch, so that no query can hang the tool
  /// (Prometheus' `--query.max-samples` plays the same role).
  public var maximumSamples: Int
  /// A bound on the inner evaluations of all subqueries in one evaluation (each is a whole query).
  public var maximumSubquerySteps: Int

  public init(lookbackDelta: Int64 = 300_000, delayedNameRemoval: Bool = false,
              defaultSubqueryStep: Int64 = 60_000, maximumSamples: Int = 50_000_000,
              maximumSubquerySteps: Int = 1_000_000) {
    self.lookbackDelta = lookbackDelta
    self.delayedNameRemoval = delayedNameRemoval
    self.defaultSubqueryStep = defaultSubqueryStep
    self.maximumSamples = maximumSamples
    self.maximumSubquerySteps = maximumSubquerySteps
  }
}

/// The series IDs (and their label sets) a selector matched, valid while the store's
/// `selectionToken` is the one recorded.
struct SelectionCache {
  var token: SelectionToken?
  var ids: [Int] = []
  var labels: [LabelSet] = []
  var labelsWithoutName: [LabelSet] = []
  /// No two selected series differ only by name (so dropping names cannot create duplicates).
  var uniqueWithoutNames = true
  /// Every selected metric name ends like a counter's (so rate() has nothing to warn about).
  var namesLookLikeCounters = true
  /// For an aggregation fused with the range function below it: each series' group, and the
  /// groups' labels (computed once per selection).
  var groupOfSeries: [Int]?
  var groupLabels: [LabelSet] = []
}

/// How an aggregation is evaluated, worked out at its first evaluation from its expression (which a
/// prepared query never changes), so later evaluations skip the pattern matching.
enum Fusion {
  case unknown
  /// The general path: the aggregated vector is built first.
  case notFusable
  case fused(FusedAggregation)
}

/// `op(f(selector[range]))` reduced to what `evaluateFused` reads, kept by reference so that using it
/// copies no part of the expression tree.
final class FusedAggregation: Sendable {
  let function: RangeFunction
  let selector: VectorSelector
  let rangeMilliseconds: Int64
  /// Where the range selector is written (for the sample limit's error).
  let range: PositionRange
  /// The call's arguments and which of them is the range selector (the others are scalars).
  let arguments: [Expr]
  let matrixIndex: Int
  /// The `by`/`without` labels, sorted.
  let grouping: [String]
  let without: Bool

  /// `sum(f(x[r]))` rather than `sum by (…) (…)` or `quantile_over_time(q, …)`: one output, and
  /// nothing to evaluate besides the windows.
  var isUngroupedWithoutParameters: Bool { grouping.isEmpty && !without && arguments.count == 1 }

  init(
    function: RangeFunction, selector: VectorSelector, rangeMilliseconds: Int64, range: PositionRange,
    arguments: [Expr], matrixIndex: Int, grouping: [String], without: Bool
  ) {
    self.function = function
    self.selector = selector
    self.rangeMilliseconds = rangeMilliseconds
    self.range = range
    self.arguments = arguments
    self.matrixIndex = matrixIndex
    self.grouping = grouping
    self.without = without
  }
}

/// How a binary operation is evaluated, worked out at its first evaluation (see `evaluateFusedPair`).
enum PairFusion {
  case unknown
  case notFusable
  case fused(FusedPair)
}

/// `agg(f(a[r])) op agg(f(b[r]))` with both sides fused and ungrouped, the operation and the
/// matching it uses: all that evaluating it reads, so a query that is such a pair is evaluated from
/// this object alone, without copying its expression out of the tree.
final class FusedPair: Sendable {
  let left: FusedAggregation
  let leftOperator: AggregateOperator
  let right: FusedAggregation
  let rightOperator: AggregateOperator
  let op: BinaryOperator
  let returnBool: Bool
  let matching: VectorMatching
  /// Where the operation is written (for the duplicate-labels error).
  let range: PositionRange

  init(
    left: FusedAggregation, leftOperator: AggregateOperator, right: FusedAggregation,
    rightOperator: AggregateOperator, op: BinaryOperator, returnBool: Bool, matching: VectorMatching,
    range: PositionRange
  ) {
    self.left = left
    self.leftOperator = leftOperator
    self.right = right
    self.rightOperator = rightOperator
    self.op = op
    self.returnBool = returnBool
    self.matching = matching
    self.range = range
  }
}

/// Evaluates expressions at instants. One evaluator serves one `evaluate` call; caches live in
/// the `PreparedQuery` between calls.
struct Evaluator {
  let store: SeriesStore
  var caches: [SelectionCache]
  /// By aggregation ordinal (see `Fusion`); lives in the prepared query between calls, like `caches`.
  var fusions: [Fusion] = []
  /// By binary-operation ordinal (see `PairFusion`); lives in the prepared query like `fusions`.
  var pairs: [PairFusion] = []
  let options: EvaluationOptions
  /// Start and end of the enclosing query (`@ start()`, `@ end()`), and its step.
  let queryStart: Int64
  let queryEnd: Int64
  let queryStep: Int64
  var annotations = AnnotationSet()
  /// Scratch window reused for every range-function call, so the hot path does not allocate.
  var windowTimestamps: [Int64] = []
  var windowValues: [Double] = []
  private(set) var samplesTouched = 0
  private(set) var subqueryStepsTaken = 0

  init(store: SeriesStore, caches: [SelectionCache], options: EvaluationOptions, start: Int64, end: Int64, step: Int64) {
    self.store = store
    self.caches = caches
    self.options = options
    self.queryStart = start
    self.queryEnd = end
    self.queryStep = step
  }

  // MARK: - Dispatch

  mutating func evaluate(_ expr: Expr, at t: Int64) throws(EvaluationError) -> Value {
    switch expr {
    case .number(let n):
      return .scalar(n.value)
    case .string(let s):
      return .string(s.value)
    case .paren(let p):
      return try evaluate(p.expr, at: t)
    case .vectorSelector(let vs):
      return .vector(try selectVector(vs, at: t))
    case .matrixSelector(let ms):
      return .matrix(try selectMatrix(ms, at: t))
    case .subquery(let sq):
      return .matrix(try evaluateSubquery(sq, at: t))
    case .unary(let u):
      return try evaluateUnary(u, at: t)
    case .binary(let b):
      return try evaluateBinary(b, at: t)
    case .aggregate(let a):
      return .vector(try evaluateAggregation(a, at: t))
    case .call(let c):
      return try evaluateCall(c, at: t)
    }
  }

  mutating func evaluateVector(_ expr: Expr, at t: Int64) throws(EvaluationError) -> [InstantSample] {
    switch try evaluate(expr, at: t) {
    case .vector(let v): return v
    default: throw EvaluationError("expected an instant vector", at: expr.range)
    }
  }

  mutating func evaluateScalar(_ expr: Expr, at t: Int64) throws(EvaluationError) -> Double {
    switch try evaluate(expr, at: t) {
    case .scalar(let s): return s
    default: throw EvaluationError("expected a scalar", at: expr.range)
    }
  }

  // MARK: - Selectors

  /// Whether the selection cached for selector `ordinal` is that of the store's current series.
  func selectionIsCurrent(_ ordinal: Int) -> Bool {
    guard ordinal < caches.count, let token = caches[ordinal].token else { return false }
    return token === store.selectionToken
  }

  /// Refreshes the selector's cached series IDs if the store's set of series changed.
  mutating func refreshSelection(_ selector: VectorSelector) {
    let ordinal = selector.ordinal
    while caches.count <= ordinal { caches.append(SelectionCache()) }
    if selectionIsCurrent(ordinal) { return }
    let ids = store.select(selector.matchers)
    var cache = SelectionCache(token: store.selectionToken, ids: ids)
    cache.labels = ids.map { store.series[$0].labels.pairs }
    cache.labelsWithoutName = cache.labels.map(\.withoutMetricName)
    cache.uniqueWithoutNames = Set(cache.labelsWithoutName).count == ids.count
    cache.namesLookLikeCounters = cache.labels.allSatisfy { Self.looksLikeCounter($0.metricNameValue) }
    caches[ordinal] = cache
  }

  /// The time a selector reads at: `@` if given, minus `offset`.
  func referenceTime(at modifier: AtModifier?, offset: Int64, evaluationTime t: Int64) -> Int64 {
    let base: Int64
    switch modifier {
    case .timestamp(let ms): base = ms
    case .start: base = queryStart
    case .end: base = queryEnd
    case nil: base = t
    }
    return base &- offset
  }

  mutating func countSamples(_ n: Int, range: PositionRange) throws(EvaluationError) {
    samplesTouched &+= n
    if samplesTouched > options.maximumSamples {
      throw EvaluationError("query processing would load too many samples into memory in query execution", at: range)
    }
  }

  /// The latest non-stale sample at or before `reference`, within the lookback window.
  @inline(__always)
  func latestSample(_ id: Int, at reference: Int64) -> (timestamp: Int64, value: Double)? {
    let index = store.series[id].firstIndex(atOrAfter: reference &+ 1) - 1
    guard index >= 0 else { return nil }
    let timestamp = store.series[id].timestamps[index]
    guard timestamp > reference &- options.lookbackDelta else { return nil }
    let value = store.series[id].values[index]
    if Sample.isStale(value) { return nil }
    return (timestamp, value)
  }

  mutating func selectVector(_ vs: VectorSelector, at t: Int64) throws(EvaluationError) -> [InstantSample] {
    refreshSelection(vs)
    let reference = referenceTime(at: vs.at, offset: vs.offsetMilliseconds, evaluationTime: t)
    let cache = caches[vs.ordinal]
    var out: [InstantSample] = []
    out.reserveCapacity(cache.ids.count)
    for (i, id) in cache.ids.enumerated() {
      guard let (timestamp, value) = latestSample(id, at: reference) else { continue }
      out.append(InstantSample(labels: cache.labels[i], value: value, timestamp: timestamp, dropName: false))
    }
    try countSamples(out.count, range: vs.range)
    return out
  }

  /// Fills the scratch window with the non-stale samples of a series in (`start`, `end`].
  @inline(__always)
  mutating func fillWindow(_ id: Int, after start: Int64, through end: Int64) {
    windowTimestamps.removeAll(keepingCapacity: true)
    windowValues.removeAll(keepingCapacity: true)
    let indices = store.series[id].indices(after: start, through: end)
    if indices.isEmpty { return }
    let values = store.series[id].values
    let timestamps = store.series[id].timestamps
    for index in indices {
      let value = values[index]
      if Sample.isStale(value) { continue }
      windowTimestamps.append(timestamps[index])
      windowValues.append(value)
    }
  }

  /// Calls `body` with the non-stale samples of a series in (`start`, `end`], read in place from
  /// the store (copied only when the window holds staleness markers). Returns nil for an empty window.
  @inline(__always)
  func withWindow<R>(_ id: Int, after start: Int64, through end: Int64,
                     _ body: (UnsafeBufferPointer<Int64>, UnsafeBufferPointer<Double>) -> R) -> (count: Int, result: R)? {
    store.series.withUnsafeBufferPointer { all in
      Self.withWindow(in: all, id, after: start, through: end, body)
    }
  }

  /// The same, for callers that hold the store's series buffer across many series.
  ///
  /// The common window, free of staleness markers, is read in place by inlined code; the rare one
  /// with markers is copied by `withCopiedWindow`, out of line. Keeping the copy (array
  /// allocations the compiler cannot see through) out of this body lets an inlined `body` of plain
  /// arithmetic read the store's arrays without retaining them for every series.
  @inline(__always)
  static func withWindow<R>(in all: UnsafeBufferPointer<Series>, _ id: Int, after start: Int64, through end: Int64,
                            _ body: (UnsafeBufferPointer<Int64>, UnsafeBufferPointer<Double>) -> R) -> (count: Int, result: R)? {
    guard let base = all.baseAddress, id >= 0, id < all.count else { return nil }
    let series = base + id
    let read = series.pointee.timestamps.withUnsafeBufferPointer { ts -> WindowRead<R> in
      // First index after `end`, then first index after `start` (left-open, right-closed window).
      let upper = firstIndex(in: ts, after: end, below: ts.count)
      let lower = firstIndex(in: ts, after: start, below: upper)
      if upper <= lower { return .empty }
      return series.pointee.values.withUnsafeBufferPointer { vs -> WindowRead<R> in
        for i in lower..<upper where Sample.isStale(vs[i]) { return .stale(lower..<upper) }
        let t = UnsafeBufferPointer(rebasing: ts[lower..<upper])
        let v = UnsafeBufferPointer(rebasing: vs[lower..<upper])
        return .read(count: upper - lower, result: body(t, v))
      }
    }
    switch read {
    case .empty: return nil
    case .read(let count, let result): return (count, result)
    case .stale(let indices): return withCopiedWindow(series, indices, body)
    }
  }

  /// What the in-place part of `withWindow` found.
  enum WindowRead<R> {
    case empty
    case read(count: Int, result: R)
    /// The window's indices, some of which hold staleness markers.
    case stale(Range<Int>)
  }

  /// `body` applied to the non-stale samples at `indices` of a series, copied into fresh arrays.
  /// Staleness markers only sit in the few windows after a series disappears: copying those costs
  /// less than keeping scratch storage around for every evaluation.
  @inline(never)
  static func withCopiedWindow<R>(_ series: UnsafePointer<Series>, _ indices: Range<Int>,
                                  _ body: (UnsafeBufferPointer<Int64>, UnsafeBufferPointer<Double>) -> R) -> (count: Int, result: R)? {
    var timestamps: [Int64] = []
    var values: [Double] = []
    let ts = series.pointee.timestamps, vs = series.pointee.values
    for i in indices where !Sample.isStale(vs[i]) {
      timestamps.append(ts[i])
      values.append(vs[i])
    }
    if values.isEmpty { return nil }
    let count = values.count
    return timestamps.withUnsafeBufferPointer { t in
      values.withUnsafeBufferPointer { v in (count, body(t, v)) }
    }
  }

  /// The first index in `ts[..<high]` whose timestamp is after `t`, given that none from `high` on is
  /// at or before `t`. Windows usually end at the newest samples, so the search gallops back from
  /// `high` before bisecting: a few probes instead of a bisection of the whole history.
  @inline(__always)
  static func firstIndex(in ts: UnsafeBufferPointer<Int64>, after t: Int64, below high: Int) -> Int {
    var high = high
    var low = 0
    var step = 1
    while high > 0 {
      let probe = high - step
      if probe < 0 { break }
      if ts[probe] <= t {
        low = probe + 1
        break
      }
      high = probe
      step &<<= 1
    }
    while low < high {
      let mid = (low + high) >> 1
      if ts[mid] <= t { low = mid + 1 } else { high = mid }
    }
    return low
  }

  mutating func selectMatrix(_ ms: MatrixSelector, at t: Int64) throws(EvaluationError) -> [RangeSeries] {
    let vs = ms.selector
    refreshSelection(vs)
    let end = referenceTime(at: vs.at, offset: vs.offsetMilliseconds, evaluationTime: t)
    let start = end &- ms.rangeMilliseconds
    let cache = caches[vs.ordinal]
    var out: [RangeSeries] = []
    for (i, id) in cache.ids.enumerated() {
      fillWindow(id, after: start, through: end)
      if windowTimestamps.isEmpty { continue }
      try countSamples(windowTimestamps.count, range: ms.range)
      out.append(RangeSeries(labels: cache.labels[i], timestamps: windowTimestamps, values: windowValues, dropName: false))
    }
    return out
  }

  // MARK: - Subqueries

  /// The steps a subquery evaluates at: aligned to multiples of the step, in (ref - range, ref].
  func subquerySteps(_ sq: SubqueryExpr, at t: Int64) -> (start: Int64, end: Int64, step: Int64) {
    let reference = referenceTime(at: sq.at, offset: sq.offsetMilliseconds, evaluationTime: t)
    let step = max(1, sq.stepMilliseconds ?? options.defaultSubqueryStep)
    let lowest = reference &- sq.rangeMilliseconds
    // Go's integer division truncates toward zero; keep that for negative times.
    var start = step &* (lowest / step)
    if start <= lowest { start &+= step }
    return (start, reference, step)
  }

  mutating func evaluateSubquery(_ sq: SubqueryExpr, at t: Int64) throws(EvaluationError) -> [RangeSeries] {
    let (start, end, step) = subquerySteps(sq, at: t)
    if end >= start {
      let count = Int(clamping: (end - start) / step + 1)
      subqueryStepsTaken &+= count
      if subqueryStepsTaken > options.maximumSubquerySteps {
        throw EvaluationError("subqueries would evaluate more than \(options.maximumSubquerySteps) steps; use a coarser step", at: sq.range)
      }
      try countSamples(count, range: sq.range)
    }
    var order: [LabelSet] = []
    var byLabels: [LabelSet: RangeSeries] = [:]
    var time = start
    while time <= end {
      let vector = try evaluateVector(sq.expr, at: time)
      try countSamples(vector.count, range: sq.range)
      for sample in vector {
        if byLabels[sample.labels] == nil {
          order.append(sample.labels)
          byLabels[sample.labels] = RangeSeries(labels: sample.labels, timestamps: [], values: [], dropName: sample.dropName)
        }
        if byLabels[sample.labels]?.timestamps.last == time {
          throw EvaluationError("vector cannot contain metrics with the same labelset", at: sq.range)
        }
        byLabels[sample.labels]?.timestamps.append(time)
        byLabels[sample.labels]?.values.append(sample.value)
        if sample.dropName { byLabels[sample.labels]?.dropName = true }
      }
      let (next, overflow) = time.addingReportingOverflow(step)
      if overflow { break }
      time = next
    }
    // Prometheus returns subquery series in hash order; sort by labels to stay deterministic.
    return order.sorted(by: LabelSet.precedes).compactMap { byLabels[$0] }
  }

  // MARK: - Unary

  mutating func evaluateUnary(_ u: UnaryExpr, at t: Int64) throws(EvaluationError) -> Value {
    let operand = try evaluate(u.expr, at: t)
    guard u.negate else { return operand }
    switch operand {
    case .scalar(let s):
      return .scalar(-s)
    case .vector(var v):
      for i in v.indices {
        v[i].value = -v[i].value
        dropName(&v[i])
      }
      try checkDuplicateLabels(v, range: u.range)
      return .vector(v)
    default:
      throw EvaluationError("unary expression only allowed on expressions of type scalar or instant vector", at: u.range)
    }
  }

  // MARK: - Names and duplicates

  /// Drops `__name__` now, or marks it for dropping at the end under delayed name removal.
  @inline(__always)
  func dropName(_ sample: inout InstantSample) {
    if !options.delayedNameRemoval { sample.labels = sample.labels.withoutMetricName }
    sample.dropName = true
  }

  /// Prometheus' "vector cannot contain metrics with the same labelset" check, which it runs after
  /// each function and operator unless names are removed late.
  func checkDuplicateLabels(_ vector: [InstantSample], range: PositionRange) throws(EvaluationError) {
    guard !options.delayedNameRemoval, vector.count > 1 else { return }
    try Self.requireUniqueLabels(vector, range: range)
  }

  static func requireUniqueLabels(_ vector: [InstantSample], range: PositionRange) throws(EvaluationError) {
    if vector.count <= 1 { return }
    if vector.count <= 8 {
      for i in vector.indices {
        for j in (i + 1)..<vector.count where vector[i].labels == vector[j].labels {
          throw EvaluationError("vector cannot contain metrics with the same labelset", at: range)
        }
      }
      return
    }
    var seen = Set<LabelSet>()
    for sample in vector where !seen.insert(sample.labels).inserted {
      throw EvaluationError("vector cannot contain metrics with the same labelset", at: range)
    }
  }
}
