import Foundation

/// Functions of a range vector, computed per series over the samples in its window. The formulas
/// follow Prometheus' `promql/functions.go` (float samples).
enum RangeFunction: String, Sendable, CaseIterable {
  case rate, increase, delta, irate, idelta
  case avgOverTime = "avg_over_time"
  case minOverTime = "min_over_time"
  case maxOverTime = "max_over_time"
  case sumOverTime = "sum_over_time"
  case countOverTime = "count_over_time"
  case quantileOverTime = "quantile_over_time"
  case stddevOverTime = "stddev_over_time"
  case stdvarOverTime = "stdvar_over_time"
  case lastOverTime = "last_over_time"
  case firstOverTime = "first_over_time"
  case presentOverTime = "present_over_time"
  case madOverTime = "mad_over_time"
  case tsOfFirstOverTime = "ts_of_first_over_time"
  case tsOfLastOverTime = "ts_of_last_over_time"
  case tsOfMinOverTime = "ts_of_min_over_time"
  case tsOfMaxOverTime = "ts_of_max_over_time"
  case changes, resets, deriv
  case predictLinear = "predict_linear"
  case doubleExponentialSmoothing = "double_exponential_smoothing"

  /// `last_over_time` and `first_over_time` act like an offset: they keep the metric name.
  var keepsMetricName: Bool { self == .lastOverTime || self == .firstOverTime }

  /// rate and increase warn when the metric does not look like a counter.
  var expectsCounter: Bool { self == .rate || self == .increase }
}

/// What a range function needs besides the samples.
struct RangeContext {
  var evaluationTime: Int64
  /// The window (start exclusive, end inclusive) and its nominal length in seconds.
  var rangeStart: Int64
  var rangeEnd: Int64
  var rangeSeconds: Double
  /// The scalar parameters in argument order (q of quantile_over_time, t of predict_linear, the two
  /// factors of double_exponential_smoothing); NaN when absent. Plain values, not an array, so the
  /// per-series call copies nothing that needs reference counting.
  var firstParameter: Double
  var secondParameter: Double

  init(evaluationTime: Int64, rangeStart: Int64, rangeEnd: Int64, rangeSeconds: Double, parameters: [Double]) {
    self.evaluationTime = evaluationTime
    self.rangeStart = rangeStart
    self.rangeEnd = rangeEnd
    self.rangeSeconds = rangeSeconds
    firstParameter = parameters.first ?? .nan
    secondParameter = parameters.dropFirst().first ?? .nan
  }
}

extension RangeFunction {
  /// rate, increase, delta, irate and idelta: plain arithmetic over the window, with no call that
  /// the compiler cannot see through (see `applyArithmetic`).
  var isArithmetic: Bool {
    switch self {
    case .rate, .increase, .delta, .irate, .idelta: true
    default: false
    }
  }

  /// `apply` for the functions that are `isArithmetic` (nil for the others), inlined into the
  /// caller's loop. The fused aggregations read each window in place from the store; around an
  /// opaque call the compiler must retain the series' label and sample arrays (it cannot prove the
  /// callee leaves them alone), and that retain/release traffic cost more than the function itself.
  @inline(__always)
  func applyArithmetic(_ t: UnsafeBufferPointer<Int64>, _ v: UnsafeBufferPointer<Double>, _ context: RangeContext) -> Double? {
    guard v.count > 0 else { return nil }
    switch self {
    case .rate: return extrapolatedRate(t, v, context, isCounter: true, isRate: true)
    case .increase: return extrapolatedRate(t, v, context, isCounter: true, isRate: false)
    case .delta: return extrapolatedRate(t, v, context, isCounter: false, isRate: false)
    case .irate: return instantValue(t, v, isRate: true)
    case .idelta: return instantValue(t, v, isRate: false)
    default: return nil
    }
  }

  /// The function's value for one series, or nil when it has none (too few samples).
  func apply(_ t: UnsafeBufferPointer<Int64>, _ v: UnsafeBufferPointer<Double>, _ context: RangeContext) -> Double? {
    let n = v.count
    guard n > 0 else { return nil }
    switch self {
    case .rate, .increase, .delta, .irate, .idelta: return applyArithmetic(t, v, context)
    case .avgOverTime: return average(v)
    case .minOverTime: return compareOverTime(t, v, returnTimestamp: false) { $0 < $1 || $1.isNaN }
    case .maxOverTime: return compareOverTime(t, v, returnTimestamp: false) { $0 > $1 || $1.isNaN }
    case .tsOfMinOverTime: return compareOverTime(t, v, returnTimestamp: true) { $0 <= $1 || $1.isNaN }
    case .tsOfMaxOverTime: return compareOverTime(t, v, returnTimestamp: true) { $0 >= $1 || $1.isNaN }
    case .sumOverTime:
      var sum = 0.0, c = 0.0
      for value in v { (sum, c) = kahanAdd(value, sum, c) }
      return sum.isInfinite ? sum : sum + c
    case .countOverTime: return Double(n)
    case .quantileOverTime:
      var values = Array(v)
      return quantile(context.firstParameter, &values)
    case .stddevOverTime: return variance(v).squareRoot()
    case .stdvarOverTime: return variance(v)
    case .lastOverTime: return v[n - 1]
    case .firstOverTime: return v[0]
    case .presentOverTime: return 1
    case .tsOfFirstOverTime: return Double(t[0]) / 1000
    case .tsOfLastOverTime: return Double(t[n - 1]) / 1000
    case .madOverTime:
      if v.contains(where: \.isNaN) { return .nan }
      var values = Array(v)
      let median = quantile(0.5, &values)
      var deviations = v.map { abs($0 - median) }
      return quantile(0.5, &deviations)
    case .changes:
      var changes = 0
      for i in 1..<max(1, n) where v[i] != v[i - 1] && !(v[i].isNaN && v[i - 1].isNaN) { changes += 1 }
      return Double(changes)
    case .resets:
      var resets = 0
      for i in 1..<max(1, n) where v[i] < v[i - 1] { resets += 1 }
      return Double(resets)
    case .deriv:
      guard n >= 2 else { return nil }
      return linearRegression(t, v, interceptTime: t[0]).slope
    case .predictLinear:
      guard n >= 2 else { return nil }
      let (slope, intercept) = linearRegression(t, v, interceptTime: context.evaluationTime)
      return slope * context.firstParameter + intercept
    case .doubleExponentialSmoothing:
      return doubleExponentialSmoothing(v, smoothing: context.firstParameter, trend: context.secondParameter)
    }
  }

  /// `extrapolatedRate`: the increase between the first and last sample (counter resets added
  /// back), extrapolated towards the window's edges unless the series starts or ends inside it.
  @inline(__always)
  private func extrapolatedRate(_ t: UnsafeBufferPointer<Int64>, _ v: UnsafeBufferPointer<Double>, _ context: RangeContext, isCounter: Bool, isRate: Bool) -> Double? {
    let n = v.count
    guard n >= 2 else { return nil }
    let firstT = t[0], lastT = t[n - 1]
    var result = v[n - 1] - v[0]
    if isCounter {
      var previous = v[0]
      for i in 1..<n {
        let current = v[i]
        if current < previous { result += previous }
        previous = current
      }
    }
    var durationToStart = Double(firstT - context.rangeStart) / 1000
    var durationToEnd = Double(context.rangeEnd - lastT) / 1000
    let sampledInterval = Double(lastT - firstT) / 1000
    let averageDurationBetweenSamples = sampledInterval / Double(n - 1)
    let extrapolationThreshold = averageDurationBetweenSamples * 1.1
    if durationToStart >= extrapolationThreshold { durationToStart = averageDurationBetweenSamples / 2 }
    if isCounter {
      // A counter cannot go below zero: extrapolate at most to where it would have been zero.
      var durationToZero = durationToStart
      if result > 0 && v[0] >= 0 { durationToZero = sampledInterval * (v[0] / result) }
      if durationToZero < durationToStart { durationToStart = durationToZero }
    }
    if durationToEnd >= extrapolationThreshold { durationToEnd = averageDurationBetweenSamples / 2 }
    var factor = 1.0
    if sampledInterval != 0 { factor = (sampledInterval + durationToStart + durationToEnd) / sampledInterval }
    if isRate { factor /= context.rangeSeconds }
    return result * factor
  }

  /// `instantValue` (irate, idelta): the last two samples only.
  @inline(__always)
  private func instantValue(_ t: UnsafeBufferPointer<Int64>, _ v: UnsafeBufferPointer<Double>, isRate: Bool) -> Double? {
    let n = v.count
    guard n >= 2 else { return nil }
    let last = v[n - 1], previous = v[n - 2]
    let interval = t[n - 1] - t[n - 2]
    guard interval != 0 else { return nil }
    var result = last
    if !isRate || !(last < previous) { result = last - previous }
    if isRate { result /= Double(interval) / 1000 }
    return result
  }

  /// `avg_over_time`: Kahan-compensated sum, switching to an incremental mean on overflow.
  private func average(_ v: UnsafeBufferPointer<Double>) -> Double {
    var sum = v[0], count = 1.0, mean = 0.0, c = 0.0
    var incremental = false
    for value in v.dropFirst() {
      count += 1
      if !incremental {
        let (newSum, newC) = kahanAdd(value, sum, c)
        if !newSum.isInfinite {
          (sum, c) = (newSum, newC)
          continue
        }
        incremental = true
        mean = sum / (count - 1)
        c /= count - 1
      }
      let q = (count - 1) / count
      (mean, c) = kahanAdd(value / count, q * mean, q * c)
    }
    if incremental { return mean + c }
    return sum / count + c / count
  }

  private func compareOverTime(_ t: UnsafeBufferPointer<Int64>, _ v: UnsafeBufferPointer<Double>, returnTimestamp: Bool, _ better: (Double, Double) -> Bool) -> Double {
    var best = v[0], bestT = t[0]
    for i in v.indices where better(v[i], best) {
      best = v[i]
      bestT = t[i]
    }
    return returnTimestamp ? Double(bestT) / 1000 : best
  }

  private func variance(_ v: UnsafeBufferPointer<Double>) -> Double {
    var count = 0.0, mean = 0.0, cMean = 0.0, aux = 0.0, cAux = 0.0
    for value in v {
      count += 1
      let delta = value - (mean + cMean)
      (mean, cMean) = kahanAdd(delta / count, mean, cMean)
      (aux, cAux) = kahanAdd(delta * (value - (mean + cMean)), aux, cAux)
    }
    return (aux + cAux) / count
  }

  private func linearRegression(_ t: UnsafeBufferPointer<Int64>, _ v: UnsafeBufferPointer<Double>, interceptTime: Int64) -> (slope: Double, intercept: Double) {
    var n = 0.0, sumX = 0.0, cX = 0.0, sumY = 0.0, cY = 0.0, sumXY = 0.0, cXY = 0.0, sumX2 = 0.0, cX2 = 0.0
    let initY = v[0]
    var constY = true
    for i in v.indices {
      if constY && i > 0 && v[i] != initY { constY = false }
      n += 1
      let x = Double(t[i] - interceptTime) / 1e3
      (sumX, cX) = kahanAdd(x, sumX, cX)
      (sumY, cY) = kahanAdd(v[i], sumY, cY)
      (sumXY, cXY) = kahanAdd(x * v[i], sumXY, cXY)
      (sumX2, cX2) = kahanAdd(x * x, sumX2, cX2)
    }
    if constY {
      if initY.isInfinite { return (.nan, .nan) }
      return (0, initY)
    }
    sumX += cX
    sumY += cY
    sumXY += cXY
    sumX2 += cX2
    let covXY = sumXY - sumX * sumY / n
    let varX = sumX2 - sumX * sumX / n
    let slope = covXY / varX
    return (slope, sumY / n - slope * sumX / n)
  }

  private func doubleExponentialSmoothing(_ v: UnsafeBufferPointer<Double>, smoothing sf: Double, trend tf: Double) -> Double? {
    guard v.count >= 2 else { return nil }
    func trendValue(_ i: Int, _ s0: Double, _ s1: Double, _ b: Double) -> Double {
      i == 0 ? b : tf * (s1 - s0) + (1 - tf) * b
    }
    var s0 = 0.0, s1 = v[0], b = v[1] - v[0]
    for i in 1..<v.count {
      let x = sf * v[i]
      b = trendValue(i - 1, s0, s1, b)
      let y = (1 - sf) * (s1 + b)
      (s0, s1) = (s1, x + y)
    }
    return s1
  }
}

/// Functions applied to each element's value.
enum ElementwiseFunction: String, Sendable, CaseIterable {
  case abs, ceil, floor, exp, sqrt, ln, log2, log10, sgn, deg, rad
  case sin, cos, tan, asin, acos, atan, sinh, cosh, tanh, asinh, acosh, atanh

  func apply(_ x: Double) -> Double {
    switch self {
    case .abs: Swift.abs(x)
    case .ceil: x.rounded(.up)
    case .floor: x.rounded(.down)
    case .exp: Foundation.exp(x)
    case .sqrt: x.squareRoot()
    case .ln: Foundation.log(x)
    case .log2: Foundation.log2(x)
    case .log10: Foundation.log10(x)
    case .sgn: x < 0 ? -1 : (x > 0 ? 1 : x)
    case .deg: x * 180 / Double.pi
    case .rad: x * Double.pi / 180
    case .sin: Foundation.sin(x)
    case .cos: Foundation.cos(x)
    case .tan: Foundation.tan(x)
    case .asin: Foundation.asin(x)
    case .acos: Foundation.acos(x)
    case .atan: Foundation.atan(x)
    case .sinh: Foundation.sinh(x)
    case .cosh: Foundation.cosh(x)
    case .tanh: Foundation.tanh(x)
    case .asinh: Foundation.asinh(x)
    case .acosh: Foundation.acosh(x)
    case .atanh: Foundation.atanh(x)
    }
  }
}

/// The date functions (`hour(v)`, `month()` …), read in UTC from seconds since the epoch.
enum DateField: String, Sendable, CaseIterable {
  case daysInMonth = "days_in_month"
  case dayOfMonth = "day_of_month"
  case dayOfWeek = "day_of_week"
  case dayOfYear = "day_of_year"
  case hour, minute, month, year

  func apply(seconds: Double) -> Double {
    // Go converts with time.Unix(int64(f), 0): truncation toward zero.
    guard seconds.isFinite, Swift.abs(seconds) < 9.2e18 else { return .nan }
    let s = Int64(seconds)
    let days = s >= 0 ? s / 86_400 : (s - 86_399) / 86_400
    let secondsOfDay = s - days * 86_400
    let (y, m, d) = Self.civil(fromDays: days)
    switch self {
    case .hour: return Double(secondsOfDay / 3600)
    case .minute: return Double((secondsOfDay % 3600) / 60)
    case .year: return Double(y)
    case .month: return Double(m)
    case .dayOfMonth: return Double(d)
    case .dayOfWeek:
      // 1970-01-01 was a Thursday (4).
      let w = (days % 7 + 7 + 4) % 7
      return Double(w)
    case .dayOfYear:
      return Double(days - Self.days(fromCivil: y, 1, 1) + 1)
    case .daysInMonth:
      let next = m == 12 ? Self.days(fromCivil: y + 1, 1, 1) : Self.days(fromCivil: y, m + 1, 1)
      return Double(next - Self.days(fromCivil: y, m, 1))
    }
  }

  /// Howard Hinnant's days-from-civil algorithms (proleptic Gregorian calendar).
  static func civil(fromDays z0: Int64) -> (Int64, Int64, Int64) {
    let z = z0 + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let y = yoe + era * 400
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (m <= 2 ? y + 1 : y, m, d)
  }

  static func days(fromCivil y0: Int64, _ m: Int64, _ d: Int64) -> Int64 {
    let y = m <= 2 ? y0 - 1 : y0
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }
}
