import TimeSeries

/// The running state of one output group (Prometheus' `groupedAggregation`, floats only).
private struct Group {
  var labels: LabelSet
  var value = 0.0
  var mean = 0.0
  var compensation = 0.0
  var count = 0.0
  var incrementalMean = false
  var dropName = false
  var seen = false
  /// Inputs kept for quantile / topk / bottomk / limitk, in arrival order.
  var members: [InstantSample] = []
}

extension Evaluator {
  mutating func evaluateAggregation(_ e: AggregateExpr, at t: Int64) throws(EvaluationError) -> [InstantSample] {
    var parameter = 0.0
    var valueLabel = ""
    if let param = e.param {
      switch try evaluate(param, at: t) {
      case .scalar(let s): parameter = s
      case .string(let s): valueLabel = s
      default: break
      }
    }
    switch e.op {
    case .quantile:
      if parameter.isNaN || parameter < 0 || parameter > 1 {
        annotations.add(.warning, "quantile value should be between 0 and 1, got \(GoFloat.formatG(parameter))", at: e.param?.range ?? e.range)
      }
    case .topk, .bottomk, .limitk:
      break
    case .limitRatio:
      throw EvaluationError("limit_ratio() is not supported by this engine", at: e.range)
    default:
      break
    }
    if let fused = try evaluateFused(e, at: t) { return fused }
    let input = try evaluateVector(e.expr, at: t)
    if e.op == .countValues { return try countValues(e, input, label: valueLabel, at: t) }
    if e.op == .topk || e.op == .bottomk || e.op == .limitk {
      return try selectK(e, input, k: parameter)
    }
    let grouping = e.grouping.sorted()

    // The common case `sum(x)`: one group, no keys to compute.
    if grouping.isEmpty && !e.without {
      var group = Group(labels: [])
      for sample in input { accumulate(&group, sample, e.op) }
      guard group.seen else { return [] }
      return [InstantSample(labels: [], value: Self.finish(group, e.op, parameter), timestamp: t, dropName: group.dropName)]
    }

    var groups: [Group] = []
    var indexByKey: [LabelSet: Int] = [:]
    for sample in input {
      let key = groupingKey(sample.labels, grouping, without: e.without)
      let index: Int
      if let existing = indexByKey[key] {
        index = existing
      } else {
        index = groups.count
        indexByKey[key] = index
        groups.append(Group(labels: key))
      }
      accumulate(&groups[index], sample, e.op)
    }
    var out: [InstantSample] = []
    out.reserveCapacity(groups.count)
    for group in groups where group.seen {
      out.append(InstantSample(labels: group.labels, value: Self.finish(group, e.op, parameter), timestamp: t, dropName: group.dropName))
    }
    return out
  }

  /// `sum by (…) (rate(x[5m]))` and the like, computed without building the intermediate vector:
  /// each series' group is worked out once per selection, and values go straight into their group.
  /// Returns nil when the shape does not allow it (the general path then runs).
  private mutating func evaluateFused(_ e: AggregateExpr, at t: Int64) throws(EvaluationError) -> [InstantSample]? {
    guard let plan = fusion(of: e), selectFused(plan) else { return nil }
    var parameters: [Double] = []
    for (i, argument) in plan.arguments.enumerated() where i != plan.matrixIndex {
      parameters.append(try evaluateScalar(argument, at: t))
    }
    let ordinal = plan.selector.ordinal
    groupFused(plan)
    if caches[ordinal].groupLabels.count <= 1 {
      return try fusedSingleGroup(plan, e.op, parameters, at: t).map { [$0] } ?? []
    }
    let end = referenceTime(at: plan.selector.at, offset: plan.selector.offsetMilliseconds, evaluationTime: t)
    let context = RangeContext(evaluationTime: t, rangeStart: end &- plan.rangeMilliseconds, rangeEnd: end,
                               rangeSeconds: Double(plan.rangeMilliseconds) / 1000, parameters: parameters)
    let function = plan.function
    let ids = caches[ordinal].ids
    let groupOf = caches[ordinal].groupOfSeries ?? []
    let op = e.op
    var touched = 0
    var groups = caches[ordinal].groupLabels.map { Group(labels: $0) }
    var order: [Int] = []
    Self.forEachWindowValue(of: ids, in: store, function, context) { i, count, result in
      touched &+= count
      guard let value = result else { return }
      let g = groupOf[i]
      if !groups[g].seen { order.append(g) }
      Self.accumulate(&groups[g], value: value, dropName: true, op)
    }
    try countSamples(touched, range: plan.range)
    return order.map { InstantSample(labels: groups[$0].labels, value: Self.finish(groups[$0], op, 0), timestamp: t, dropName: true) }
  }

  /// Calls `body` with the position in `ids`, the number of samples read and the function's value
  /// for each series whose window holds samples. The arithmetic functions (rate, irate, …) get a
  /// loop of their own so their whole per-series step is inlined (see `applyArithmetic`).
  @inline(__always)
  private static func forEachWindowValue(
    of ids: [SeriesStore.SeriesID], in store: SeriesStore, _ function: RangeFunction, _ context: RangeContext,
    _ body: (Int, Int, Double?) -> Void
  ) {
    store.series.withUnsafeBufferPointer { all in
      if function.isArithmetic {
        for (i, id) in ids.enumerated() {
          guard let (count, result) = withWindow(in: all, id, after: context.rangeStart, through: context.rangeEnd,
                                                 { ts, vs in function.applyArithmetic(ts, vs, context) })
          else { continue }
          body(i, count, result)
        }
      } else {
        for (i, id) in ids.enumerated() {
          guard let (count, result) = withWindow(in: all, id, after: context.rangeStart, through: context.rangeEnd,
                                                 { ts, vs in function.apply(ts, vs, context) })
          else { continue }
          body(i, count, result)
        }
      }
    }
  }

  /// Brings the plan's selection up to date; false when the fused form does not apply to the series
  /// selected (rate-like functions over names that do not look like counters warn, on the general path).
  mutating func selectFused(_ plan: FusedAggregation) -> Bool {
    let ordinal = plan.selector.ordinal
    if !selectionIsCurrent(ordinal) { refreshSelection(plan.selector) }
    return !(plan.function.expectsCounter && !caches[ordinal].namesLookLikeCounters)
  }

  /// Works out each selected series' group, once per selection.
  private mutating func groupFused(_ plan: FusedAggregation) {
    let ordinal = plan.selector.ordinal
    guard caches[ordinal].groupOfSeries == nil else { return }
    var index: [LabelSet: Int] = [:]
    var labels: [LabelSet] = []
    var groupOf: [Int] = []
    for seriesLabels in caches[ordinal].labelsWithoutName {
      let key = groupingKey(seriesLabels, plan.grouping, without: plan.without)
      if let existing = index[key] {
        groupOf.append(existing)
      } else {
        index[key] = labels.count
        groupOf.append(labels.count)
        labels.append(key)
      }
    }
    caches[ordinal].groupOfSeries = groupOf
    caches[ordinal].groupLabels = labels
  }

  /// A fused aggregation whose series all fall in one group (or none): its only sample, or nil
  /// when no series has a value. Call `selectFused` and `groupFused` first.
  private mutating func fusedSingleGroup(
    _ plan: FusedAggregation, _ op: AggregateOperator, _ parameters: [Double], at t: Int64
  ) throws(EvaluationError) -> InstantSample? {
    let ordinal = plan.selector.ordinal
    let end = referenceTime(at: plan.selector.at, offset: plan.selector.offsetMilliseconds, evaluationTime: t)
    let context = RangeContext(evaluationTime: t, rangeStart: end &- plan.rangeMilliseconds, rangeEnd: end,
                               rangeSeconds: Double(plan.rangeMilliseconds) / 1000, parameters: parameters)
    var touched = 0
    // The group's labels are read only when it has a value: the loop keeps to numbers.
    var group = Group(labels: [])
    Self.forEachWindowValue(of: caches[ordinal].ids, in: store, plan.function, context) { _, count, result in
      touched &+= count
      if let value = result { Self.accumulate(&group, value: value, dropName: true, op) }
    }
    try countSamples(touched, range: plan.range)
    guard group.seen else { return nil }
    return InstantSample(
      labels: caches[ordinal].groupLabels.first ?? [], value: Self.finish(group, op, 0), timestamp: t,
      dropName: group.dropName)
  }

  /// `agg(f(a[r])) op agg(f(b[r]))` where both aggregations fuse, group everything into one output
  /// and take no parameters — the shape of a success-rate query. Each side is one sample or none, so
  /// the operation is applied to the two samples directly instead of to two one-element vectors.
  /// The result and every check are those of the general path (`vectorVector`); nil when the shape
  /// does not apply (nothing has been evaluated then).
  mutating func evaluateFusedPair(_ e: BinaryExpr, at t: Int64) throws(EvaluationError) -> Value? {
    switch try fusedPairSample(e, at: t) {
    case .notFused: return nil
    case .empty: return .vector([])
    // One sample: `checkDuplicateLabels` has nothing to compare.
    case .sample(let sample): return .vector([sample])
    }
  }

  /// What `evaluateFusedPair` computes: not a fused pair (nothing evaluated), or its result — at most
  /// one sample.
  enum FusedPairResult {
    case notFused
    case empty
    case sample(InstantSample)
  }

  mutating func fusedPairSample(_ e: BinaryExpr, at t: Int64) throws(EvaluationError) -> FusedPairResult {
    guard let pair = fusedPair(e) else { return .notFused }
    return try fusedPairSample(pair, at: t)
  }

  /// The same, for a caller that kept the operation's fused form (see `PreparedQuery.topLevelPair`).
  mutating func fusedPairSample(_ pair: FusedPair, at t: Int64) throws(EvaluationError) -> FusedPairResult {
    guard selectFused(pair.left), selectFused(pair.right) else { return .notFused }
    groupFused(pair.left)
    groupFused(pair.right)
    let l = try fusedSingleGroup(pair.left, pair.leftOperator, [], at: t)
    let r = try fusedSingleGroup(pair.right, pair.rightOperator, [], at: t)
    guard let l, let r, let sample = combineSingle(pair.op, returnBool: pair.returnBool, l, r, pair.matching)
    else { return .empty }
    return .sample(sample)
  }

  /// The operation's fused form, worked out at its first evaluation (nil: the general path).
  mutating func fusedPair(_ e: BinaryExpr) -> FusedPair? {
    while pairs.count <= e.ordinal { pairs.append(.unknown) }
    switch pairs[e.ordinal] {
    case .fused(let pair): return pair
    case .notFusable: return nil
    case .unknown: break
    }
    var pair: FusedPair?
    if !e.op.isSetOperator, case .aggregate(let left) = e.lhs, case .aggregate(let right) = e.rhs,
      let leftPlan = fusion(of: left), leftPlan.isUngroupedWithoutParameters,
      let rightPlan = fusion(of: right), rightPlan.isUngroupedWithoutParameters
    {
      pair = FusedPair(
        left: leftPlan, leftOperator: left.op, right: rightPlan, rightOperator: right.op, op: e.op,
        returnBool: e.returnBool, matching: e.matching ?? VectorMatching(cardinality: .oneToOne, matchingLabels: [], on: false, include: []),
        range: e.lhs.range.merged(with: e.rhs.range))
    }
    pairs[e.ordinal] = pair.map { .fused($0) } ?? .notFusable
    return pair
  }


  /// The aggregation's fused form, worked out at its first evaluation (nil: the general path).
  private mutating func fusion(of e: AggregateExpr) -> FusedAggregation? {
    while fusions.count <= e.ordinal { fusions.append(.unknown) }
    switch fusions[e.ordinal] {
    case .fused(let plan): return plan
    case .notFusable: return nil
    case .unknown: break
    }
    let plan = Self.fusedForm(e)
    fusions[e.ordinal] = plan.map { .fused($0) } ?? .notFusable
    return plan
  }

  /// `op(f(selector[range], …))` with an aggregation and a range function that fuse, or nil.
  private static func fusedForm(_ e: AggregateExpr) -> FusedAggregation? {
    switch e.op {
    case .sum, .avg, .count, .min, .max, .group, .stddev, .stdvar: break
    default: return nil
    }
    guard case .call(let call) = e.expr.unwrapped, case .overRange(let function)? = call.implementation,
      !function.keepsMetricName, function != .doubleExponentialSmoothing, function != .quantileOverTime,
      !e.grouping.contains(Labels.metricNameLabel),
      let matrixIndex = call.function.argumentTypes.firstIndex(of: .matrix), matrixIndex < call.args.count,
      case .matrixSelector(let ms) = call.args[matrixIndex].unwrapped
    else { return nil }
    return FusedAggregation(
      function: function, selector: ms.selector, rangeMilliseconds: ms.rangeMilliseconds, range: ms.range,
      arguments: call.args, matrixIndex: matrixIndex, grouping: e.grouping.sorted(), without: e.without)
  }

  /// The output labels of a sample's group: the `by` labels, or all but the `without` labels and the name.
  private func groupingKey(_ labels: LabelSet, _ grouping: [String], without: Bool) -> LabelSet {
    if without {
      return labels.filter { $0.name != Labels.metricNameLabel && !grouping.contains($0.name) }
    }
    return labels.keeping(grouping)
  }

  private func accumulate(_ group: inout Group, _ sample: InstantSample, _ op: AggregateOperator) {
    if op == .quantile {
      if group.seen { group.members.append(sample) } else { group.members = [sample] }
    }
    Self.accumulate(&group, value: sample.value, dropName: sample.dropName, op)
  }

  /// Static, like `finish`: the fused loops call it from closures, and a closure that captured the
  /// evaluator would make the compiler retain the selection it iterates (it could not tell the
  /// closure leaves the evaluator's caches alone).
  @inline(__always)
  private static func accumulate(_ group: inout Group, value f: Double, dropName: Bool, _ op: AggregateOperator) {
    if !group.seen {
      group.seen = true
      group.value = f
      group.mean = f
      group.count = 1
      group.dropName = dropName
      switch op {
      case .stddev, .stdvar: group.value = f.isNaN || f.isInfinite ? .nan : 0
      case .group: group.value = 1
      default: break
      }
      return
    }
    if dropName { group.dropName = true }
    switch op {
    case .sum:
      (group.value, group.compensation) = kahanAdd(f, group.value, group.compensation)
    case .avg:
      group.count += 1
      if !group.incrementalMean {
        let (newSum, newC) = kahanAdd(f, group.value, group.compensation)
        if !newSum.isInfinite {
          (group.value, group.compensation) = (newSum, newC)
          return
        }
        group.incrementalMean = true
        group.mean = group.value / (group.count - 1)
        group.compensation /= group.count - 1
      }
      let q = (group.count - 1) / group.count
      (group.mean, group.compensation) = kahanAdd(f / group.count, q * group.mean, q * group.compensation)
    case .max:
      if group.value < f || group.value.isNaN { group.value = f }
    case .min:
      if group.value > f || group.value.isNaN { group.value = f }
    case .count:
      group.count += 1
    case .stddev, .stdvar:
      group.count += 1
      let delta = f - group.mean
      group.mean += delta / group.count
      group.value += delta * (f - group.mean)
    case .group, .quantile, .topk, .bottomk, .limitk, .limitRatio, .countValues:
      break
    }
  }

  private static func finish(_ group: Group, _ op: AggregateOperator, _ parameter: Double) -> Double {
    switch op {
    case .sum:
      return group.value + group.compensation
    case .avg:
      if group.incrementalMean { return group.mean + group.compensation }
      return group.value / group.count + group.compensation / group.count
    case .count:
      return group.count
    case .stdvar:
      return group.value / group.count
    case .stddev:
      return (group.value / group.count).squareRoot()
    case .quantile:
      var values = group.members.map(\.value)
      return quantile(parameter, &values)
    default:
      return group.value
    }
  }

  /// topk, bottomk and limitk: whole samples (labels kept) selected per group.
  private mutating func selectK(_ e: AggregateExpr, _ input: [InstantSample], k parameter: Double) throws(EvaluationError) -> [InstantSample] {
    if parameter.isNaN { throw EvaluationError("Parameter value is NaN", at: e.param?.range ?? e.range) }
    if parameter >= 9.223372036854775807e18 {
      throw EvaluationError("Scalar value \(GoFloat.formatG(parameter)) overflows int64", at: e.param?.range ?? e.range)
    }
    if parameter <= -9.223372036854775807e18 {
      throw EvaluationError("Scalar value \(GoFloat.formatG(parameter)) underflows int64", at: e.param?.range ?? e.range)
    }
    let k = min(Int(parameter), input.count)
    if k < 1 { return [] }
    let grouping = e.grouping.sorted()
    var groups: [[InstantSample]] = []
    var indexByKey: [LabelSet: Int] = [:]
    for sample in input {
      let key = groupingKey(sample.labels, grouping, without: e.without)
      if let index = indexByKey[key] {
        groups[index].append(sample)
      } else {
        indexByKey[key] = groups.count
        groups.append([sample])
      }
    }
    var out: [InstantSample] = []
    for members in groups {
      switch e.op {
      case .limitk:
        out.append(contentsOf: members.prefix(k))
      default:
        out.append(contentsOf: members.sortedByValue(descending: e.op == .topk).prefix(k))
      }
    }
    return out
  }

  private func countValues(_ e: AggregateExpr, _ input: [InstantSample], label: String, at t: Int64) throws(EvaluationError) -> [InstantSample] {
    if !Self.isValidLabelName(label) {
      throw EvaluationError("invalid label name \(GoQuote.string(label))", at: e.param?.range ?? e.range)
    }
    var grouping = e.grouping
    if !e.without { grouping.append(label) }
    grouping.sort()
    var order: [LabelSet] = []
    var counts: [LabelSet: Int] = [:]
    for sample in input {
      let labels = sample.labels.setting(label, GoFloat.format(sample.value))
      let key = groupingKey(labels, grouping, without: e.without)
      if counts[key] == nil { order.append(key) }
      counts[key, default: 0] += 1
    }
    return order.map { InstantSample(labels: $0, value: Double(counts[$0] ?? 0), timestamp: t, dropName: false) }
  }
}
