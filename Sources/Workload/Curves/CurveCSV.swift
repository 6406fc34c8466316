import Foundation
import Diagnostics

/// A recorded curve: CSV rows `time,value`. Times are Go durations (`90s`, `1h30m`, also `2d`) or
/// plain seconds (`90`, `12.5`), strictly increasing, negative allowed for history before the update;
/// values use the curve's unit spellings (`200`, `0.5%`, `40ms`). Blank lines and `#` comments are
/// skipped, and a first row that is not data (`time,value`) is taken as a header. Between rows the
/// curve is linear; before the first and after the last row it holds the end values.
enum CurveCSV {
  /// At most this many problems are reported per file; a broken file would otherwise flood the output.
  static let problemLimit = 20

  static func parse(text: String, path: String, unit: CurveUnit) -> Result<Curve, DiagnosticError> {
    var times: [Int64] = []
    var values: [Double] = []
    var diagnostics: [Diagnostic] = []
    var sawData = false
    var lineNumber = 0
    for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
      lineNumber += 1
      if diagnostics.count >= problemLimit { break }
      var line = Substring(rawLine)
      if line.hasSuffix("\r") { line = line.dropLast() }
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
      let fields = splitFields(String(line))
      func place(_ field: Field) -> SourceLocation {
        SourceLocation(file: path, line: lineNumber, column: field.column)
      }
      guard fields.count == 2 else {
        diagnostics.append(
          .error(
            "expected two columns (time,value), found \(fields.count)",
            at: SourceLocation(file: path, line: lineNumber, column: 1), length: max(1, line.count),
            hint: "write rows like 10m,200", rule: "curve"))
        continue
      }
      let timeField = fields[0], valueField = fields[1]
      let time = parseTime(timeField.text)
      if !sawData, case .failure = time, timeField.text.first?.isLetter == true {
        sawData = true  // a header row
        continue
      }
      sawData = true
      switch time {
      case .failure(let problem):
        diagnostics.append(
          .error(problem.message, at: place(timeField), length: timeField.text.count, hint: problem.hint, rule: "curve"))
      case .success(let t):
        if let last = times.last, t <= last {
          diagnostics.append(
            .error(
              "times must increase: \(DurationFormatting.text(t)) is not after \(DurationFormatting.text(last))",
              at: place(timeField), length: max(1, timeField.text.count), rule: "curve"))
          continue
        }
        switch CurveValues.value(valueField.text, unit: unit) {
        case .failure(let problem):
          diagnostics.append(
            .error(
              problem.message, at: place(valueField), length: max(1, valueField.text.count), hint: problem.hint,
              rule: "curve"))
        case .success(let value):
          times.append(t)
          values.append(value)
        }
      }
    }
    if diagnostics.isEmpty, times.isEmpty {
      diagnostics.append(
        .error(
          "the CSV file has no rows", at: SourceLocation(file: path, line: 1, column: 1),
          hint: "write rows like 10m,200", rule: "curve"))
    }
    if !diagnostics.isEmpty { return .failure(DiagnosticError(diagnostics)) }
    if times.count == 1 { return .success(.constant(values[0], unit: unit)) }
    return .success(Curve(unit: unit, shape: .interpolated(times: times, values: values)))
  }

  struct Field {
    var text: String
    var column: Int
  }

  /// Splits on commas, trimming spaces and remembering where each field's text starts (1-based).
  static func splitFields(_ line: String) -> [Field] {
    var fields: [Field] = []
    var current = ""
    var column = 1
    var start = 1
    for c in line {
      if c == "," {
        fields.append(trim(current, start: start))
        current = ""
        start = column + 1
      } else {
        current.append(c)
      }
      column += 1
    }
    fields.append(trim(current, start: start))
    return fields
  }

  private static func trim(_ text: String, start: Int) -> Field {
    let leading = text.prefix { $0 == " " || $0 == "\t" }.count
    let body = text.dropFirst(leading)
    let trailing = body.reversed().prefix { $0 == " " || $0 == "\t" }.count
    return Field(text: String(body.dropLast(trailing)), column: start + leading)
  }

  /// Seconds (`90`, `-30`, `12.5`) or a duration (`90s`, `-5m`), as milliseconds.
  static func parseTime(_ text: String) -> Result<Int64, CurveProblem> {
    let negative = text.hasPrefix("-")
    let body = negative ? String(text.dropFirst()) : text
    if let seconds = Double(body), seconds.isFinite, body.first?.isNumber == true || body.first == "." {
      guard seconds < 9e12 else { return .failure(CurveProblem("time \(CurveValues.quoted(text)) is too large")) }
      let ms = Int64((seconds * 1000).rounded())
      return .success(negative ? -ms : ms)
    }
    if body.isEmpty {
      return .failure(CurveProblem("expected a time (seconds or a duration such as 10m), found nothing"))
    }
    switch CurveValues.duration(body) {
    case .success(let ms): return .success(negative ? -ms : ms)
    case .failure(let problem):
      if body.first?.isNumber != true {
        return .failure(
          CurveProblem(
            "expected a time (seconds or a duration such as 10m), found \(CurveValues.quoted(text))"))
      }
      return .failure(problem)
    }
  }
}
