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
      return [InstantSample(labels: [], value: finish(group, e.op, parameter), timestamp: t, dropName: group.dropName)]
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
      out.append(InstantSample(labels: group.labels, value: finish(group, e.op, parameter), timestamp: t, dropName: group.dropName))
    }
    return out
  }

  /// `sum by (…) (rate(x[5m]))` and the like, computed without building the intermediate vector:
  /// each series' group is worked out once per selection, and values go straight into their group.
  /// Returns nil when the shape does not allow it (the general path then runs).
  private mutating func evaluateFused(_ e: AggregateExpr, at t: Int64) throws(EvaluationError) -> [InstantSample]? {
    switch e.op {
    case .sum, .avg, .count, .min, .max, .group, .stddev, .stdvar: break
    default: return nil
    }
    guard case .call(let call) = e.expr.unwrapped, case .overRange(let function)? = call.implementation,
      !function.keepsMetricName, function != .doubleExponentialSmoothing,
      !e.grouping.contains(Labels.metricNameLabel),
      let matrixIndex = call.function.argumentTypes.firstIndex(of: .matrix), matrixIndex < call.args.count,
      case .matrixSelector(let ms) = call.args[matrixIndex].unwrapped
    else { return nil }
    let vs = ms.selector
    refreshSelection(vs)
    if function.expectsCounter && !caches[vs.ordinal].namesLookLikeCounters { return nil }
    if function == .quantileOverTime { return nil }
    var parameters: [Double] = []
    for (i, argument) in call.args.enumerated() where i != matrixIndex {
      parameters.append(try evaluateScalar(argument, at: t))
    }
    if caches[vs.ordinal].groupOfSeries == nil {
      let grouping = e.grouping.sorted()
      var index: [LabelSet: Int] = [:]
      var labels: [LabelSet] = []
      var groupOf: [Int] = []
      for seriesLabels in caches[vs.ordinal].labelsWithoutName {
        let key = groupingKey(seriesLabels, grouping, without: e.without)
        if let existing = index[key] {
          groupOf.append(existing)
        } else {
          index[key] = labels.count
          groupOf.append(labels.count)
          labels.append(key)
        }
      }
      caches[vs.ordinal].groupOfSeries = groupOf
      caches[vs.ordinal].groupLabels = labels
    }
    let end = referenceTime(at: vs.at, offset: vs.offsetMilliseconds, evaluationTime: t)
    let context = RangeContext(evaluationTime: t, rangeStart: end &- ms.rangeMilliseconds, rangeEnd: end,
                               rangeSeconds: Double(ms.rangeMilliseconds) / 1000, parameters: parameters)
    let ids = caches[vs.ordinal].ids
    let groupOf = caches[vs.ordinal].groupOfSeries ?? []
    let groupLabels = caches[vs.ordinal].groupLabels
    let op = e.op
    let scratch = filtered
    var touched = 0

    if groupLabels.count <= 1 {
      var group = Group(labels: groupLabels.first ?? [])
      store.series.withUnsafeBufferPointer { all in
        for id in ids {
          guard let (count, result) = Self.withWindow(in: all, id, after: context.rangeStart, through: context.rangeEnd,
                                                      scratch: scratch, { ts, vs in function.apply(ts, vs, context) })
          else { continue }
          touched &+= count
          if let value = result { accumulate(&group, value: value, dropName: true, op) }
        }
      }
      try countSamples(touched, range: ms.range)
      guard group.seen else { return [] }
      return [InstantSample(labels: group.labels, value: finish(group, op, 0), timestamp: t, dropName: group.dropName)]
    }

    var groups = groupLabels.map { Group(labels: $0) }
    var order: [Int] = []
    store.series.withUnsafeBufferPointer { all in
      for (i, id) in ids.enumerated() {
        guard let (count, result) = Self.withWindow(in: all, id, after: context.rangeStart, through: context.rangeEnd,
                                                    scratch: scratch, { ts, vs in function.apply(ts, vs, context) })
        else { continue }
        touched &+= count
        guard let value = result else { continue }
        let g = groupOf[i]
        if !groups[g].seen { order.append(g) }
        accumulate(&groups[g], value: value, dropName: true, op)
      }
    }
    try countSamples(touched, range: ms.range)
    return order.map { InstantSample(labels: groups[$0].labels, value: finish(groups[$0], op, 0), timestamp: t, dropName: true) }
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
    accumulate(&group, value: sample.value, dropName: sample.dropName, op)
  }

  @inline(__always)
  private func accumulate(_ group: inout Group, value f: Double, dropName: Bool, _ op: AggregateOperator) {
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

  private func finish(_ group: Group, _ op: AggregateOperator, _ parameter: Double) -> Double {
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
