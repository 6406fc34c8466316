/// What a curve measures, which decides the spellings its values accept and the number it returns.
public enum CurveUnit: String, Sendable, Hashable, CaseIterable {
  /// Requests per second: `200`, `200rps`, `12.5/s`. Never negative.
  case rate
  /// A fraction in [0, 1]: `0.005` or `0.5%`. A bare number above 1 is refused (write `8%`).
  case fraction
  /// Milliseconds: `40ms`, `1.5s`, `250us`; a bare number is milliseconds. Never negative.
  case latency
  /// A traffic weight in percent, [0, 100], as Argo writes weights: `10` or `10%`.
  case weight

  /// How the unit is named in messages.
  var noun: String {
    switch self {
    case .rate: "a request rate"
    case .fraction: "a fraction"
    case .latency: "a latency"
    case .weight: "a weight"
    }
  }
}
