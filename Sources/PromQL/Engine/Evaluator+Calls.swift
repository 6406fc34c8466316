import GoCompat
import TimeSeries

extension Evaluator {
  mutating func evaluateCall(_ call: CallExpr, at t: Int64) throws(EvaluationError) -> Value {
    guard let implementation = call.implementation else {
      throw EvaluationError("function \(GoQuote.string(call.function.name)) is not supported: \(FunctionImplementations.unsupportedReason(call.function.name))", at: call.range)
    }
    if queryStart != queryEnd, [.sort, .sortDescending, .sortByLabel, .sortByLabelDescending].contains(implementation) {
      annotations.add(.warning, "sort is ineffective for range queries since results are always ordered by labels", at: call.range)
    }
    switch implementation {
    case .overRange(let function):
      return .vector(try evaluateRangeFunction(function, call, at: t))
    case .absentOverTime:
      return .vector(try evaluateAbsentOverTime(call, at: t))
    case .elementwise(let function):
      var vector = try evaluateVector(call.args[0], at: t)
      for i in vector.indices {
        vector[i].value = function.apply(vector[i].value)
        dropName(&vector[i])
      }
      try checkDuplicateLabels(vector, range: call.range)
      return .vector(vector)
    case .dateField(let field):
      guard let argument = call.args.first else {
        return .vector([InstantSample(labels: [], value: field.apply(seconds: Double(t / 1000)), timestamp: t, dropName: false)])
      }
      var vector = try evaluateVector(argument, at: t)
      for i in vector.indices {
        vector[i].value = field.apply(seconds: vector[i].value)
        dropName(&vector[i])
      }
      try checkDuplicateLabels(vector, range: call.range)
      return .vector(vector)
    case .clamp, .clampMin, .clampMax:
      var vector = try evaluateVector(call.args[0], at: t)
      var low = -Double.infinity, high = Double.infinity
      switch implementation {
      case .clamp:
        low = try evaluateScalar(call.args[1], at: t)
        high = try evaluateScalar(call.args[2], at: t)
      case .clampMin: low = try evaluateScalar(call.args[1], at: t)
      default: high = try evaluateScalar(call.args[1], at: t)
      }
      if high < low { return .vector([]) }
      for i in vector.indices {
        // Go's math.Max/Min propagate NaN.
        let value = vector[i].value
        vector[i].value = value.isNaN || low.isNaN || high.isNaN ? .nan : Swift.max(low, Swift.min(high, value))
        dropName(&vector[i])
      }
      try checkDuplicateLabels(vector, range: call.range)
      return .vector(vector)
    case .round:
      var vector = try evaluateVector(call.args[0], at: t)
      let toNearest = call.args.count > 1 ? try evaluateScalar(call.args[1], at: t) : 1
      let inverse = 1.0 / toNearest
      for i in vector.indices {
        vector[i].value = (vector[i].value * inverse + 0.5).rounded(.down) / inverse
        dropName(&vector[i])
      }
      try checkDuplicateLabels(vector, range: call.range)
      return .vector(vector)
    case .time:
      return .scalar(Double(t) / 1000)
    case .pi:
      return .scalar(Double.pi)
    case .start:
      return .scalar(Double(queryStart) / 1000)
    case .end:
      return .scalar(Double(queryEnd) / 1000)
    case .step:
      return .scalar(Double(queryStep) / 1000)
    case .range:
      return .scalar(Double(queryEnd - queryStart) / 1000)
    case .minOf, .maxOf:
      let a = try evaluateScalar(call.args[0], at: t)
      let b = try evaluateScalar(call.args[1], at: t)
      if a.isNaN || b.isNaN { return .scalar(.nan) }
      return .scalar(implementation == .minOf ? Swift.min(a, b) : Swift.max(a, b))
    case .vector:
      let value = try evaluateScalar(call.args[0], at: t)
      return .vector([InstantSample(labels: [], value: value, timestamp: t, dropName: false)])
    case .scalar:
      let vector = try evaluateVector(call.args[0], at: t)
      return .scalar(vector.count == 1 ? vector[0].value : .nan)
    case .timestamp:
      var vector = try evaluateVector(call.args[0], at: t)
      // Only a plain selector reports its samples' own times; anything computed is "now".
      let fromSelector: Bool
      if case .vectorSelector = call.args[0].unwrapped { fromSelector = true } else { fromSelector = false }
      for i in vector.indices {
        vector[i].value = Double(fromSelector ? vector[i].timestamp : t) / 1000
        dropName(&vector[i])
      }
      try checkDuplicateLabels(vector, range: call.range)
      return .vector(vector)
    case .absent:
      let vector = try evaluateVector(call.args[0], at: t)
      if !vector.isEmpty { return .vector([]) }
      return .vector([InstantSample(labels: Self.absentLabels(call.args[0]), value: 1, timestamp: t, dropName: false)])
    case .sort, .sortDescending:
      let vector = try evaluateVector(call.args[0], at: t)
      return .vector(vector.sortedByValue(descending: implementation == .sortDescending))
    case .sortByLabel, .sortByLabelDescending:
      var vector = try evaluateVector(call.args[0], at: t)
      var names: [String] = []
      for argument in call.args.dropFirst() {
        if case .string(let s) = try evaluate(argument, at: t) { names.append(s) }
      }
      let descending = implementation == .sortByLabelDescending
      vector.sort { a, b in
        for name in names {
          let x = a.labels.value(of: name), y = b.labels.value(of: name)
          if x != y { return descending ? NaturalOrder.less(y, x) : NaturalOrder.less(x, y) }
        }
        // Prometheus falls back to the whole label set so the order is total.
        return descending ? LabelSet.precedes(b.labels, a.labels) : LabelSet.precedes(a.labels, b.labels)
      }
      return .vector(vector)
    case .labelReplace:
      return .vector(try evaluateLabelReplace(call, at: t))
    case .labelJoin:
      return .vector(try evaluateLabelJoin(call, at: t))
    case .histogramQuantile:
      return .vector(try evaluateHistogramQuantile(call, at: t))
    }
  }

  // MARK: - Range functions

  /// The range-vector argument and the scalar parameters of a range function call.
  private func splitArguments(_ call: CallExpr) -> (matrix: Expr, matrixIndex: Int) {
    for (i, argument) in call.args.enumerated() where argument.type == .matrix {
      return (argument.unwrapped, i)
    }
    return (call.args[0], 0)
  }

  mutating func evaluateRangeFunction(_ function: RangeFunction, _ call: CallExpr, at t: Int64) throws(EvaluationError) -> [InstantSample] {
    let (matrixExpr, matrixIndex) = splitArguments(call)
    var parameters: [Double] = []
    for (i, argument) in call.args.enumerated() where i != matrixIndex {
      parameters.append(try evaluateScalar(argument, at: t))
    }
    if function == .doubleExponentialSmoothing {
      let sf = parameters.first ?? .nan, tf = parameters.dropFirst().first ?? .nan
      if !(sf > 0 && sf < 1) {
        throw EvaluationError("invalid smoothing factor. Expected: 0 < sf < 1, got: \(GoFloat.formatFixed6(sf))", at: call.range)
      }
      if !(tf > 0 && tf < 1) {
        throw EvaluationError("invalid trend factor. Expected: 0 < tf < 1, got: \(GoFloat.formatFixed6(tf))", at: call.range)
      }
    }
    if function == .quantileOverTime, let q = parameters.first, q.isNaN || q < 0 || q > 1 {
      annotations.add(.warning, "quantile value should be between 0 and 1, got \(GoFloat.formatG(q))", at: call.args[0].range)
    }
    var out: [InstantSample] = []
    var context = RangeContext(evaluationTime: t, rangeStart: 0, rangeEnd: 0, rangeSeconds: 0, parameters: parameters)
    var nonCounterNames: [String] = []
    var uniqueWithoutNames = false

    switch matrixExpr {
    case .matrixSelector(let ms):
      let vs = ms.selector
      refreshSelection(vs)
      context.rangeEnd = referenceTime(at: vs.at, offset: vs.offsetMilliseconds, evaluationTime: t)
      context.rangeStart = context.rangeEnd &- ms.rangeMilliseconds
      context.rangeSeconds = Double(ms.rangeMilliseconds) / 1000
      let cache = caches[vs.ordinal]
      uniqueWithoutNames = cache.uniqueWithoutNames
      out.reserveCapacity(cache.ids.count)
      for (i, id) in cache.ids.enumerated() {
        guard let (count, result) = withWindow(id, after: context.rangeStart, through: context.rangeEnd, { t, v in
          function.apply(t, v, context)
        }) else { continue }
        try countSamples(count, range: ms.range)
        guard let value = result else { continue }
        let keep = function.keepsMetricName || options.delayedNameRemoval
        out.append(InstantSample(labels: keep ? cache.labels[i] : cache.labelsWithoutName[i], value: value,
                                 timestamp: t, dropName: !function.keepsMetricName))
        if function.expectsCounter && !cache.namesLookLikeCounters { nonCounterNames.append(cache.labels[i].metricNameValue) }
      }
    case .subquery(let sq):
      let series = try evaluateSubquery(sq, at: t)
      context.rangeEnd = referenceTime(at: sq.at, offset: sq.offsetMilliseconds, evaluationTime: t)
      context.rangeStart = context.rangeEnd &- sq.rangeMilliseconds
      context.rangeSeconds = Double(sq.rangeMilliseconds) / 1000
      for s in series {
        let result = s.timestamps.withUnsafeBufferPointer { t in
          s.values.withUnsafeBufferPointer { v in function.apply(t, v, context) }
        }
        guard let value = result else { continue }
        let dropName = !function.keepsMetricName || s.dropName
        let labels = dropName && !options.delayedNameRemoval ? s.labels.withoutMetricName : s.labels
        out.append(InstantSample(labels: labels, value: value, timestamp: t, dropName: dropName))
        if function.expectsCounter { nonCounterNames.append(s.labels.metricNameValue) }
      }
    default:
      throw EvaluationError("expected a range vector in call to \(call.function.name)", at: call.range)
    }
    for name in nonCounterNames where !name.isEmpty && !Self.looksLikeCounter(name) {
      annotations.add(.info, "metric might not be a counter, name does not end in _total/_sum/_count/_bucket: \(GoQuote.string(name))",
                      at: matrixExpr.range)
    }
    // Series of one selection stay distinct without their names unless the selection spans names.
    if !uniqueWithoutNames { try checkDuplicateLabels(out, range: call.range) }
    return out
  }

  /// Prometheus' UTF-8 label-name rule: non-empty, valid UTF-8. Invalid bytes in a string literal
  /// decode to U+FFFD, so that character stands for them here.
  static func isValidLabelName(_ name: String) -> Bool {
    !name.isEmpty && !name.unicodeScalars.contains("\u{FFFD}")
  }

  static func looksLikeCounter(_ name: String) -> Bool {
    name.hasSuffix("_total") || name.hasSuffix("_sum") || name.hasSuffix("_count") || name.hasSuffix("_bucket")
  }

  mutating func evaluateAbsentOverTime(_ call: CallExpr, at t: Int64) throws(EvaluationError) -> [InstantSample] {
    let argument = call.args[0].unwrapped
    let present: Bool
    switch argument {
    case .matrixSelector(let ms):
      let vs = ms.selector
      refreshSelection(vs)
      let end = referenceTime(at: vs.at, offset: vs.offsetMilliseconds, evaluationTime: t)
      let start = end &- ms.rangeMilliseconds
      var found = false
      for id in caches[vs.ordinal].ids {
        fillWindow(id, after: start, through: end)
        if !windowTimestamps.isEmpty {
          found = true
          break
        }
      }
      present = found
    case .subquery(let sq):
      present = !(try evaluateSubquery(sq, at: t)).isEmpty
    default:
      present = false
    }
    if present { return [] }
    return [InstantSample(labels: Self.absentLabels(argument), value: 1, timestamp: t, dropName: true)]
  }

  /// The labels `absent()` reports: those matched exactly once with `=` (the name excluded).
  static func absentLabels(_ expr: Expr) -> LabelSet {
    let matchers: [LabelMatcher]
    switch expr.unwrapped {
    case .vectorSelector(let vs): matchers = vs.matchers
    case .matrixSelector(let ms): matchers = ms.selector.matchers
    default: return []
    }
    var labels: LabelSet = []
    var seen = Set<String>()
    for matcher in matchers where matcher.name != Labels.metricNameLabel {
      if matcher.op == .equal && !seen.contains(matcher.name) {
        labels = labels.setting(matcher.name, matcher.value)
        seen.insert(matcher.name)
      } else {
        labels = labels.setting(matcher.name, "")
      }
    }
    return labels
  }

  // MARK: - Labels

  mutating func evaluateLabelReplace(_ call: CallExpr, at t: Int64) throws(EvaluationError) -> [InstantSample] {
    let strings = try stringArguments(call, from: 1, at: t)
    let (destination, replacement, source, pattern) = (strings[0], strings[1], strings[2], strings[3])
    let regex: GoRegex
    do {
      regex = try GoRegex(pattern)
    } catch {
      throw EvaluationError("invalid regular expression in label_replace(): \(pattern)", at: call.args[4].range)
    }
    if !Self.isValidLabelName(destination) {
      throw EvaluationError("invalid destination label name in label_replace(): \(destination)", at: call.args[1].range)
    }
    var vector = try evaluateVector(call.args[0], at: t)
    for i in vector.indices {
      let sourceValue = vector[i].labels.value(of: source)
      guard let expanded = regex.replace(sourceValue, template: replacement) else { continue }
      vector[i].labels = vector[i].labels.setting(destination, expanded)
      if destination == Labels.metricNameLabel { vector[i].dropName = false }
    }
    try checkDuplicateLabels(vector, range: call.range)
    return vector
  }

  mutating func evaluateLabelJoin(_ call: CallExpr, at t: Int64) throws(EvaluationError) -> [InstantSample] {
    let strings = try stringArguments(call, from: 1, at: t)
    let destination = strings[0], separator = strings[1]
    let sources = Array(strings.dropFirst(2))
    for source in sources where !Self.isValidLabelName(source) {
      throw EvaluationError("invalid source label name in label_join(): \(source)", at: call.range)
    }
    if !Self.isValidLabelName(destination) {
      throw EvaluationError("invalid destination label name in label_join(): \(destination)", at: call.range)
    }
    var vector = try evaluateVector(call.args[0], at: t)
    for i in vector.indices {
      let joined = sources.map { vector[i].labels.value(of: $0) }.joined(separator: separator)
      vector[i].labels = vector[i].labels.setting(destination, joined)
      if destination == Labels.metricNameLabel { vector[i].dropName = false }
    }
    try checkDuplicateLabels(vector, range: call.range)
    return vector
  }

  private mutating func stringArguments(_ call: CallExpr, from first: Int, at t: Int64) throws(EvaluationError) -> [String] {
    var strings: [String] = []
    for argument in call.args.dropFirst(first) {
      guard case .string(let s) = try evaluate(argument, at: t) else {
        throw EvaluationError("expected a string", at: argument.range)
      }
      strings.append(s)
    }
    return strings
  }

  // MARK: - histogram_quantile

  mutating func evaluateHistogramQuantile(_ call: CallExpr, at t: Int64) throws(EvaluationError) -> [InstantSample] {
    let q = try evaluateScalar(call.args[0], at: t)
    let vector = try evaluateVector(call.args[1], at: t)
    if q.isNaN || q < 0 || q > 1 {
      annotations.add(.warning, "quantile value should be between 0 and 1, got \(GoFloat.formatG(q))", at: call.args[0].range)
    }
    var order: [LabelSet] = []
    var groups: [LabelSet: (labels: LabelSet, buckets: [Bucket])] = [:]
    for sample in vector {
      let le = sample.labels.value(of: "le")
      guard let bound = GoNumber.parseFloat(le) else {
        let name = options.delayedNameRemoval ? sample.labels.metricNameValue : ""
        var message = "bucket label \"le\" is missing or has a malformed value of \(GoQuote.string(le))"
        if !name.isEmpty { message += " for metric name \(GoQuote.string(name))" }
        annotations.add(.warning, message, at: call.args[1].range)
        continue
      }
      let key = sample.labels.removing(["le"])
      if groups[key] == nil {
        order.append(key)
        var labels = key
        if !options.delayedNameRemoval { labels = labels.withoutMetricName }
        groups[key] = (labels, [])
      }
      groups[key]?.buckets.append(Bucket(upperBound: bound, count: sample.value))
    }
    var out: [InstantSample] = []
    for key in order {
      guard let group = groups[key] else { continue }
      let result = bucketQuantile(q, group.buckets)
      if result.forcedMonotonic {
        var message = "input to histogram_quantile needed to be fixed for monotonicity (see https://prometheus.io/docs/prometheus/latest/querying/functions/#histogram_quantile)"
        let name = options.delayedNameRemoval ? key.metricNameValue : ""
        if !name.isEmpty { message += " for metric name \(GoQuote.string(name))" }
        message += ", from buckets \(GoFloat.formatG(result.minBucket)) to \(GoFloat.formatG(result.maxBucket)), with a max diff of \(GoFloat.formatG(result.maxDiff))"
        annotations.add(.info, message, at: call.args[1].range)
      }
      out.append(InstantSample(labels: group.labels, value: result.value, timestamp: t, dropName: true))
    }
    try checkDuplicateLabels(out, range: call.range)
    return out
  }
}

/// Prometheus' natural sort order for `sort_by_label` (digits compare as numbers).
enum NaturalOrder {
  static func less(_ a: String, _ b: String) -> Bool {
    let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
    var i = 0, j = 0
    while i < x.count && j < y.count {
      let cx = x[i], cy = y[j]
      if cx.properties.numericType != nil && cx.isASCII && cy.isASCII && cy.properties.numericType != nil {
        var ei = i, ej = j
        while ei < x.count, x[ei].isASCII, x[ei].properties.numericType != nil { ei += 1 }
        while ej < y.count, y[ej].isASCII, y[ej].properties.numericType != nil { ej += 1 }
        let nx = String(String.UnicodeScalarView(x[i..<ei])), ny = String(String.UnicodeScalarView(y[j..<ej]))
        let tx = nx.drop { $0 == "0" }, ty = ny.drop { $0 == "0" }
        if tx.count != ty.count { return tx.count < ty.count }
        if tx != ty { return tx < ty }
        i = ei
        j = ej
        continue
      }
      if cx != cy { return cx.value < cy.value }
      i += 1
      j += 1
    }
    return x.count - i < y.count - j
  }
}
