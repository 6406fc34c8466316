/// Prometheus' Kahan–Neumaier summation step (`util/kahansum.Inc`).
@inline(__always)
func kahanAdd(_ increment: Double, _ sum: Double, _ compensation: Double) -> (sum: Double, compensation: Double) {
  let t = sum + increment
  var c = compensation
  if t.isInfinite {
    c = 0
  } else if abs(sum) >= abs(increment) {
    c += (sum - t) + increment
  } else {
    c += (increment - t) + sum
  }
  return (t, c)
}
