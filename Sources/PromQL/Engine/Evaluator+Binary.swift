import TimeSeries

extension Evaluator {
  mutating func evaluateBinary(_ e: BinaryExpr, at t: Int64) throws(EvaluationError) -> Value {
    if let fused = try evaluateFusedPair(e, at: t) { return fused }
    let lhs = try evaluate(e.lhs, at: t)
    let rhs = try evaluate(e.rhs, at: t)
    let range = e.lhs.range.merged(with: e.rhs.range)
    switch (lhs, rhs) {
    case (.scalar(let l), .scalar(let r)):
      let (value, keep) = Self.apply(e.op, l, r)
      if e.op.isComparison { return .scalar(keep ? 1 : 0) }
      return .scalar(value)
    case (.vector(let l), .scalar(let r)):
      return .vector(try vectorScalar(e, l, r, swapped: false, range: range))
    case (.scalar(let l), .vector(let r)):
      return .vector(try vectorScalar(e, r, l, swapped: true, range: range))
    case (.vector(let l), .vector(let r)):
      let matching = e.matching ?? VectorMatching(cardinality: e.op.isSetOperator ? .manyToMany : .oneToOne,
                                                  matchingLabels: [], on: false, include: [])
      let result: [InstantSample]
      switch e.op {
      case .and: result = vectorAnd(l, r, matching)
      case .or: result = vectorOr(l, r, matching)
      case .unless: result = vectorUnless(l, r, matching)
      default: result = try vectorVector(e, l, r, matching, at: t)
      }
      try checkDuplicateLabels(result, range: range)
      return .vector(result)
    default:
      throw EvaluationError("binary expression must contain only scalar and instant vector types", at: range)
    }
  }

  /// The value of `l op r` and, for comparisons, whether it holds (Prometheus' `vectorElemBinop`).
  @inline(__always)
  static func apply(_ op: BinaryOperator, _ l: Double, _ r: Double) -> (value: Double, keep: Bool) {
    switch op {
    case .add: return (l + r, true)
    case .sub: return (l - r, true)
    case .mul: return (l * r, true)
    case .div: return (l / r, true)
    case .pow: return (GoMath.pow(l, r), true)
    case .mod: return (GoMath.mod(l, r), true)
    case .atan2: return (GoMath.atan2(l, r), true)
    case .equal: return (l, l == r)
    case .notEqual: return (l, l != r)
    case .greater: return (l, l > r)
    case .less: return (l, l < r)
    case .greaterEqual: return (l, l >= r)
    case .lessEqual: return (l, l <= r)
    case .and, .or, .unless: return (l, true)
    }
  }

  private func vectorScalar(_ e: BinaryExpr, _ vector: [InstantSample], _ scalar: Double, swapped: Bool, range: PositionRange) throws(EvaluationError) -> [InstantSample] {
    var out: [InstantSample] = []
    out.reserveCapacity(vector.count)
    for var sample in vector {
      let (l, r) = swapped ? (scalar, sample.value) : (sample.value, scalar)
      var (value, keep) = Self.apply(e.op, l, r)
      // A comparison keeps the vector's value even when the vector is on the right.
      if e.op.isComparison && swapped { value = r }
      if e.returnBool {
        value = keep ? 1 : 0
        keep = true
      }
      guard keep else { continue }
      sample.value = value
      if e.op.changesMetricSchema || e.returnBool { dropName(&sample) }
      out.append(sample)
    }
    try checkDuplicateLabels(out, range: range)
    return out
  }

  /// The join signature: the `on` labels, or everything but the `ignoring` labels and the name.
  private func signature(_ labels: LabelSet, _ matching: VectorMatching) -> LabelSet {
    if matching.on { return labels.keeping(matching.matchingLabels) }
    return labels.filter { $0.name != Labels.metricNameLabel && !matching.matchingLabels.contains($0.name) }
  }

  private func vectorAnd(_ lhs: [InstantSample], _ rhs: [InstantSample], _ matching: VectorMatching) -> [InstantSample] {
    if lhs.isEmpty || rhs.isEmpty { return [] }
    let right = Set(rhs.map { signature($0.labels, matching) })
    return lhs.filter { right.contains(signature($0.labels, matching)) }
  }

  private func vectorOr(_ lhs: [InstantSample], _ rhs: [InstantSample], _ matching: VectorMatching) -> [InstantSample] {
    if lhs.isEmpty { return rhs }
    if rhs.isEmpty { return lhs }
    let left = Set(lhs.map { signature($0.labels, matching) })
    return lhs + rhs.filter { !left.contains(signature($0.labels, matching)) }
  }

  private func vectorUnless(_ lhs: [InstantSample], _ rhs: [InstantSample], _ matching: VectorMatching) -> [InstantSample] {
    if lhs.isEmpty || rhs.isEmpty { return lhs }
    let right = Set(rhs.map { signature($0.labels, matching) })
    return lhs.filter { !right.contains(signature($0.labels, matching)) }
  }

  /// Arithmetic and comparisons between vectors (Prometheus' `VectorBinop`).
  private func vectorVector(_ e: BinaryExpr, _ lhsIn: [InstantSample], _ rhsIn: [InstantSample], _ matching: VectorMatching, at t: Int64) throws(EvaluationError) -> [InstantSample] {
    if lhsIn.isEmpty || rhsIn.isEmpty { return [] }
    let range = e.lhs.range.merged(with: e.rhs.range)
    // One-to-many is many-to-one with the sides swapped.
    let swapped = matching.cardinality == .oneToMany
    let (many, one) = swapped ? (rhsIn, lhsIn) : (lhsIn, rhsIn)

    // The common `a / b` of two single-element vectors needs no hashing.
    if many.count == 1 && one.count == 1 {
      return combineSingles(e.op, returnBool: e.returnBool, lhsIn[0], rhsIn[0], matching)
    }

    var oneBySignature: [LabelSet: Int] = [:]
    oneBySignature.reserveCapacity(one.count)
    for (index, sample) in one.enumerated() {
      let sig = signature(sample.labels, matching)
      if let previous = oneBySignature[sig] {
        let side = swapped ? "left" : "right"
        let matched = matching.on ? sample.labels.keeping(matching.matchingLabels)
          : sample.labels.filter { $0.name != Labels.metricNameLabel && !matching.matchingLabels.contains($0.name) }
        var pair = [sample.labels.braceText, one[previous].labels.braceText]
        pair.sort()
        throw EvaluationError("found duplicate series for the match group \(matched.braceText) on the \(side) hand-side of the operation: [\(pair[0]), \(pair[1])];many-to-many matching not allowed: matching labels must be unique on one side", at: range)
      }
      oneBySignature[sig] = index
    }
    var out: [InstantSample] = []
    var matchedSignatures = Set<LabelSet>()
    var insertedBySignature: [LabelSet: Set<LabelSet>] = [:]
    for ls in many {
      let sig = signature(ls.labels, matching)
      guard let index = oneBySignature[sig] else { continue }
      let rs = one[index]
      let metric = resultLabels(ls, rs, e.op, returnBool: e.returnBool, matching)
      if matching.cardinality == .oneToOne {
        if !matchedSignatures.insert(sig).inserted {
          throw EvaluationError("multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)", at: range)
        }
      } else if !insertedBySignature[sig, default: []].insert(metric).inserted {
        throw EvaluationError("multiple matches for labels: grouping labels must ensure unique matches", at: range)
      }
      if let sample = combine(e.op, returnBool: e.returnBool, ls, rs, matching, swapped: swapped, labels: metric) {
        out.append(sample)
      }
    }
    return out
  }

  /// `lhs op rhs` for two one-element vectors: their samples combined when their signatures match.
  /// The operation is passed as its operator and `bool` modifier rather than as the `BinaryExpr`,
  /// so the fused pair (`FusedPair`) can call it without a copy of the expression.
  func combineSingles(
    _ op: BinaryOperator, returnBool: Bool, _ lhs: InstantSample, _ rhs: InstantSample, _ matching: VectorMatching
  ) -> [InstantSample] {
    combineSingle(op, returnBool: returnBool, lhs, rhs, matching).map { [$0] } ?? []
  }

  /// `combineSingles`' one sample, or nil when the result is empty.
  func combineSingle(
    _ op: BinaryOperator, returnBool: Bool, _ lhs: InstantSample, _ rhs: InstantSample, _ matching: VectorMatching
  ) -> InstantSample? {
    // One-to-many is many-to-one with the sides swapped.
    let swapped = matching.cardinality == .oneToMany
    let (ls, rs) = swapped ? (rhs, lhs) : (lhs, rhs)
    if ls.labels.isEmpty && rs.labels.isEmpty && matching.include.isEmpty {
      // Two aggregations without grouping (`sum(a) / sum(b)`): the signatures and the result's labels
      // are all empty, so only the value needs working out.
      return combine(op, returnBool: returnBool, ls, rs, matching, swapped: swapped, labels: [])
    }
    guard signature(ls.labels, matching) == signature(rs.labels, matching) else { return nil }
    return combine(op, returnBool: returnBool, ls, rs, matching, swapped: swapped)
  }

  /// One matched pair: the value, or nil when a comparison filters it out.
  private func combine(
    _ op: BinaryOperator, returnBool: Bool, _ ls: InstantSample, _ rs: InstantSample, _ matching: VectorMatching,
    swapped: Bool, labels: LabelSet? = nil
  ) -> InstantSample? {
    let (l, r) = swapped ? (rs.value, ls.value) : (ls.value, rs.value)
    var (value, keep) = Self.apply(op, l, r)
    if returnBool {
      value = keep ? 1 : 0
      keep = true
    }
    guard keep else { return nil }
    let metric = labels ?? resultLabels(ls, rs, op, returnBool: returnBool, matching)
    return InstantSample(labels: metric, value: value, timestamp: ls.timestamp, dropName: returnBool)
  }

  /// Prometheus' `resultMetric`: the "many" side's labels, narrowed for one-to-one matching, with
  /// group_left/group_right labels copied from the "one" side.
  private func resultLabels(
    _ ls: InstantSample, _ rs: InstantSample, _ op: BinaryOperator, returnBool: Bool, _ matching: VectorMatching
  ) -> LabelSet {
    var labels = ls.labels
    if (returnBool && !options.delayedNameRemoval) || op.changesMetricSchema {
      labels = labels.withoutMetricName
    }
    if matching.cardinality == .oneToOne {
      labels = matching.on ? labels.keeping(matching.matchingLabels) : labels.removing(matching.matchingLabels)
    }
    for name in matching.include {
      labels = labels.setting(name, rs.labels.value(of: name))
    }
    return labels
  }
}
