/// Prometheus' `quantile`: linear interpolation between the two nearest ranks.
func quantile(_ q: Double, _ values: inout [Double]) -> Double {
  if values.isEmpty || q.isNaN { return .nan }
  if q < 0 { return -.infinity }
  if q > 1 { return .infinity }
  values.sort(by: lessWithNaNFirst)
  let n = Double(values.count)
  let rank = q * (n - 1)
  let lowerIndex = max(0, rank.rounded(.down))
  let upperIndex = min(n - 1, lowerIndex + 1)
  let weight = rank - rank.rounded(.down)
  return values[Int(lowerIndex)] * (1 - weight) + values[Int(upperIndex)] * weight
}

/// Prometheus' `vectorByValueHeap` order: NaN sorts before everything.
@inline(__always)
func lessWithNaNFirst(_ a: Double, _ b: Double) -> Bool {
  if a.isNaN { return !b.isNaN }
  return a < b
}

/// One classic histogram bucket: upper bound and cumulative count.
struct Bucket {
  var upperBound: Double
  var count: Double
}

/// Prometheus' `BucketQuantile` for classic histograms. Returns the quantile and whether the
/// buckets had to be forced monotonic (with the range of affected bounds and the largest fix).
func bucketQuantile(_ q: Double, _ input: [Bucket]) -> (value: Double, forcedMonotonic: Bool, minBucket: Double, maxBucket: Double, maxDiff: Double) {
  var minBucket = Double.infinity, maxBucket = -Double.infinity, maxDiff = 0.0
  if q.isNaN { return (.nan, false, minBucket, maxBucket, maxDiff) }
  if q < 0 { return (-.infinity, false, minBucket, maxBucket, maxDiff) }
  if q > 1 { return (.infinity, false, minBucket, maxBucket, maxDiff) }
  var buckets = input.sorted { $0.upperBound < $1.upperBound }
  guard let last = buckets.last, last.upperBound == .infinity else { return (.nan, false, minBucket, maxBucket, maxDiff) }
  // Coalesce buckets with the same upper bound.
  var merged: [Bucket] = []
  for bucket in buckets {
    if let previous = merged.last, previous.upperBound == bucket.upperBound {
      merged[merged.count - 1].count += bucket.count
    } else {
      merged.append(bucket)
    }
  }
  buckets = merged
  // Force monotonicity; silently fix differences below 1e-12 relative.
  var forced = false
  var previous = buckets[0].count
  for i in 1..<buckets.count {
    let current = buckets[i].count
    if current == previous { continue }
    if almostEqual(previous, current, tolerance: 1e-12) {
      buckets[i].count = previous
      continue
    }
    if current < previous {
      buckets[i].count = previous
      forced = true
      minBucket = min(minBucket, buckets[i].upperBound)
      maxBucket = max(maxBucket, buckets[i].upperBound)
      maxDiff = max(maxDiff, previous - current)
      continue
    }
    previous = current
  }
  if buckets.count < 2 { return (.nan, forced, minBucket, maxBucket, maxDiff) }
  let observations = buckets[buckets.count - 1].count
  if observations == 0 { return (.nan, forced, minBucket, maxBucket, maxDiff) }
  var rank = q * observations
  // First bucket (among all but the last) whose count reaches the rank.
  var b = buckets.count - 1
  var low = 0, high = buckets.count - 1
  while low < high {
    let mid = (low + high) / 2
    if buckets[mid].count >= rank { high = mid } else { low = mid + 1 }
  }
  b = low
  let value: Double
  if b == buckets.count - 1 {
    value = buckets[buckets.count - 2].upperBound
  } else if b == 0 && buckets[0].upperBound <= 0 {
    value = buckets[0].upperBound
  } else {
    var bucketStart = 0.0
    let bucketEnd = buckets[b].upperBound
    var count = buckets[b].count
    if b > 0 {
      bucketStart = buckets[b - 1].upperBound
      count -= buckets[b - 1].count
      rank -= buckets[b - 1].count
    }
    value = bucketStart + (bucketEnd - bucketStart) * (rank / count)
  }
  return (value, forced, minBucket, maxBucket, maxDiff)
}

/// Prometheus' `almost.Equal`: equal, or within `tolerance` relative (absolute near zero).
func almostEqual(_ a: Double, _ b: Double, tolerance: Double) -> Bool {
  if a == b { return true }
  if a.isNaN && b.isNaN { return true }
  let minNormal = Double(bitPattern: 0x0010_0000_0000_0000)
  let absSum = abs(a) + abs(b)
  let diff = abs(a - b)
  if a == 0 || b == 0 || absSum < minNormal { return diff < tolerance * minNormal }
  return diff / min(absSum, .greatestFiniteMagnitude) < tolerance
}
