import Diagnostics
import VirtualTime

extension RevisionProfile {
  /// Builds a profile from a scenario's `revisions.<name>` entry (`errorRate`, `latency.p50`,
  /// `latency.p99`); absent parts keep `RevisionProfile.healthy`'s values. A constant p99 below a
  /// constant p50 is an error at the p99. Returns nil when any part has errors.
  public static func parse(
    errorRate: CurveSource? = nil, p50: CurveSource? = nil, p99: CurveSource? = nil,
    errorCodes: StatusMix = .defaultErrors, scrapeInterval: SimDuration = .seconds(15),
    diagnostics: inout DiagnosticBag
  ) -> RevisionProfile? {
    let errorsBefore = diagnostics.errorCount
    var profile = RevisionProfile(errorCodes: errorCodes)
    if let errorRate, let curve = Curve.parse(errorRate, unit: .fraction, scrapeInterval: scrapeInterval, diagnostics: &diagnostics) {
      profile.errorRate = curve
    }
    if let p50, let curve = Curve.parse(p50, unit: .latency, scrapeInterval: scrapeInterval, diagnostics: &diagnostics) {
      profile.latency.p50 = curve
    }
    if let p99, let curve = Curve.parse(p99, unit: .latency, scrapeInterval: scrapeInterval, diagnostics: &diagnostics) {
      profile.latency.p99 = curve
    }
    if let median = profile.latency.p50.constantValue, let tail = profile.latency.p99.constantValue, tail < median {
      diagnostics.error(
        "latency p99 (\(format(tail))) is below p50 (\(format(median)))", at: p99.flatMap(location),
        hint: "the 99th percentile is at least the median", rule: "curve")
    }
    return diagnostics.errorCount == errorsBefore ? profile : nil
  }

  private static func format(_ milliseconds: Double) -> String {
    milliseconds == milliseconds.rounded() ? "\(Int64(milliseconds))ms" : "\(milliseconds)ms"
  }

  private static func location(_ source: CurveSource) -> SourceLocation? {
    switch source {
    case .number(_, let at), .text(_, let at), .series(_, let at): at
    case .daily(let base, _, _): location(base)
    case .csv(_, let path): SourceLocation(file: path, line: 1, column: 1)
    }
  }
}
