import Diagnostics
import TimeSeries
import VirtualTime

extension Curve {
  /// Parses a curve in `unit`. `scrapeInterval` is the step of the expanding notation (`{series: …}`).
  /// Throws every problem found, each placed at its column.
  public static func parse(
    _ source: CurveSource, unit: CurveUnit, scrapeInterval: SimDuration = .seconds(15)
  ) throws(DiagnosticError) -> Curve {
    var bag = DiagnosticBag()
    guard let curve = parse(source, unit: unit, scrapeInterval: scrapeInterval, diagnostics: &bag), !bag.hasErrors
    else {
      throw DiagnosticError(bag.all)
    }
    return curve
  }

  /// Parses a curve in `unit`, adding problems to `diagnostics`; nil when it has errors.
  public static func parse(
    _ source: CurveSource, unit: CurveUnit, scrapeInterval: SimDuration = .seconds(15),
    diagnostics: inout DiagnosticBag
  ) -> Curve? {
    switch source {
    case .number(let value, let location):
      switch CurveValues.value(value.isFinite ? numberText(value) : "\(value)", unit: unit) {
      case .success(let parsed):
        return .constant(parsed, unit: unit)
      case .failure(let problem):
        diagnostics.append(CurveDiagnostics.make(problem, location: location, offset: 0, length: 1))
        return nil
      }

    case .text(let text, let location):
      var parser = CurveTextParser(text: text, unit: unit, location: location)
      let curve = parser.parse()
      diagnostics.append(contentsOf: parser.diagnostics)
      return curve

    case .daily(let baseSource, let diurnalSource, let peakSource):
      let base = parse(baseSource, unit: unit, scrapeInterval: scrapeInterval, diagnostics: &diagnostics)
      let diurnal = parse(diurnalSource, unit: .fraction, scrapeInterval: scrapeInterval, diagnostics: &diagnostics)
      var peak: Int64? = 6 * 3_600_000
      if let peakSource { peak = parsePeak(peakSource, diagnostics: &diagnostics) }
      guard let base, let diurnal, let peak else { return nil }
      return Curve(unit: unit, shape: .daily(base: base, diurnal: diurnal, peakAtMilliseconds: peak))

    case .series(let text, let location):
      return parseSeries(text, location: location, unit: unit, step: scrapeInterval, diagnostics: &diagnostics)

    case .csv(let text, let path):
      switch CurveCSV.parse(text: text, path: path, unit: unit) {
      case .success(let curve): return curve
      case .failure(let error):
        diagnostics.append(contentsOf: error.diagnostics)
        return nil
      }
    }
  }

  /// A YAML number as the user wrote it, near enough: `200`, `0.005`, `1e-05`.
  private static func numberText(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return "\(value)"
  }

  private static func parsePeak(_ source: CurveSource, diagnostics: inout DiagnosticBag) -> Int64? {
    let text: String
    let location: SourceLocation?
    switch source {
    case .text(let t, let l): (text, location) = (t, l)
    case .number(let n, let l): (text, location) = (numberText(n), l)
    default:
      diagnostics.append(.error("peakAt is a time of day since the update, such as 14h", rule: "curve"))
      return nil
    }
    switch CurveValues.duration(text.trimmingSpaces) {
    case .success(let ms): return ms
    case .failure(let problem):
      diagnostics.append(CurveDiagnostics.make(problem, location: location, offset: 0, length: max(1, text.count)))
      return nil
    }
  }

  private static func parseSeries(
    _ text: String, location: SourceLocation?, unit: CurveUnit, step: SimDuration, diagnostics: inout DiagnosticBag
  ) -> Curve? {
    guard step.milliseconds > 0 else {
      diagnostics.append(.error("the scrape interval must be positive to expand a series", at: location, rule: "curve"))
      return nil
    }
    let expanded: [Double?]
    do {
      expanded = try ExpandingNotation.expand(text)
    } catch {
      // The notation counts bytes; columns count characters.
      let offset = String(decoding: Array(text.utf8).prefix(error.offset), as: UTF8.self).count
      diagnostics.append(
        CurveDiagnostics.make(CurveProblem(error.message), location: location, offset: offset, length: error.length))
      return nil
    }
    do {
      guard !expanded.isEmpty else {
        diagnostics.append(
          CurveDiagnostics.make(
            CurveProblem("the series has no values", hint: "e.g. {series: \"0+10x100\"}"), location: location,
            offset: 0, length: 1))
        return nil
      }
      // Missing and stale values are gaps (NaN) in the curve.
      let values = expanded.map { $0.map { Sample.isStale($0) ? .nan : $0 } ?? .nan }
      if let bad = values.first(where: { $0.isInfinite || $0 < 0 || (unit == .fraction && $0 > 1) || (unit == .weight && $0 > 100) }) {
        let problem =
          bad.isInfinite
          ? CurveProblem("\(unit.noun) cannot be infinite (\(bad))")
          : bad < 0
            ? CurveProblem("\(unit.noun) cannot be negative, the series reaches \(bad)")
            : CurveProblem("\(unit.noun) must stay within \(unit == .fraction ? "[0, 1]" : "[0, 100]"), the series reaches \(bad)")
        diagnostics.append(CurveDiagnostics.make(problem, location: location, offset: 0, length: max(1, text.count)))
        return nil
      }
      if values.count == 1 { return .constant(values[0], unit: unit) }
      return Curve(unit: unit, shape: .stepped(stepMilliseconds: step.milliseconds, values: values))
    }
  }
}

extension String {
  fileprivate var trimmingSpaces: String {
    var s = Substring(self)
    while s.first == " " { s = s.dropFirst() }
    while s.last == " " { s = s.dropLast() }
    return String(s)
  }
}
