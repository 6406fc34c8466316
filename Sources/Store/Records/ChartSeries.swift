/// A down-sampled series for charts (`chartSeries`): `values[i]` is the value at
/// `startMs + stepMs × (i + 1)` — for rates, the rate over the interval ending there.
///
/// Names: `canaryWeight` (the canary's traffic weight, %, revision ""), and per revision `requests`
/// and `errors` (user requests per second served and failed by that revision).
public struct ChartSeries: Sendable, Hashable {
  public var name: String
  public var revision: String
  public var startMs: Int64
  public var stepMs: Int64
  public var values: [Double]

  public init(name: String, revision: String, startMs: Int64, stepMs: Int64, values: [Double]) {
    self.name = name
    self.revision = revision
    self.startMs = startMs
    self.stepMs = stepMs
    self.values = values
  }

  public func time(at index: Int) -> Int64 { startMs + stepMs * Int64(index + 1) }

  /// Little-endian Float64s: compact, and a chart reads a whole series at once.
  var blob: [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(values.count * 8)
    for value in values {
      let bits = value.bitPattern
      for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
    }
    return bytes
  }

  static func values(fromBlob bytes: [UInt8]) -> [Double] {
    stride(from: 0, to: bytes.count - bytes.count % 8, by: 8).map { start in
      var bits: UInt64 = 0
      for offset in 0..<8 { bits |= UInt64(bytes[start + offset]) << UInt64(offset * 8) }
      return Double(bitPattern: bits)
    }
  }
}
