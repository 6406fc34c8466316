import VirtualTime

/// Spellings shared by every curve form: one value in a curve's unit, and one duration.
enum CurveValues {
  /// Parses one value token (`200`, `0.5%`, `40ms`, `1.5s`, `10rps`) in `unit`, or explains why not.
  static func value(_ token: String, unit: CurveUnit) -> Result<Double, CurveProblem> {
    let (numberText, suffix) = splitNumber(token)
    guard !numberText.isEmpty, let number = Double(numberText), number.isFinite else {
      return .failure(CurveProblem("expected \(unit.noun), found \(quoted(token))", hint: example(unit)))
    }
    if number < 0 {
      return .failure(CurveProblem("\(unit.noun) cannot be negative: \(quoted(token))"))
    }
    switch unit {
    case .rate:
      guard suffix.isEmpty || suffix == "rps" || suffix == "/s" else {
        return .failure(unknownSuffix(suffix, token: token, unit: unit))
      }
      return .success(number)
    case .fraction:
      if suffix == "%" {
        guard number <= 100 else {
          return .failure(CurveProblem("\(quoted(token)) is more than 100%"))
        }
        return .success(number / 100)
      }
      guard suffix.isEmpty else { return .failure(unknownSuffix(suffix, token: token, unit: unit)) }
      guard number <= 1 else {
        return .failure(
          CurveProblem(
            "\(numberText) is not a fraction between 0 and 1",
            hint: "write \(numberText)% for \(numberText) percent"))
      }
      return .success(number)
    case .weight:
      guard suffix.isEmpty || suffix == "%" else { return .failure(unknownSuffix(suffix, token: token, unit: unit)) }
      guard number <= 100 else {
        return .failure(CurveProblem("a weight is a percentage between 0 and 100, found \(quoted(token))"))
      }
      return .success(number)
    case .latency:
      if suffix.isEmpty { return .success(number) }
      do {
        let nanoseconds = try GoDuration.parseNanoseconds(token)
        return .success(Double(nanoseconds) / 1_000_000)
      } catch {
        return .failure(unknownSuffix(suffix, token: token, unit: unit))
      }
    }
  }

  /// Parses a duration: Go's syntax (`90s`, `1h30m`, `1.5h`) plus days (`2d`, `1d12h`), as milliseconds.
  static func duration(_ token: String) -> Result<Int64, CurveProblem> {
    if token.hasPrefix("-") {
      return .failure(CurveProblem("a duration cannot be negative: \(quoted(token))"))
    }
    let body = token.hasPrefix("+") ? String(token.dropFirst()) : token
    if !body.isEmpty, body.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) {
      return .failure(
        CurveProblem("missing unit in duration \(quoted(token))", hint: "write \(body)s, \(body)m or \(body)h"))
    }
    // Split off day components, which Go does not know; the rest goes to Go's parser.
    var days = 0.0
    var rest = ""
    var number = ""
    var chars = Array(body)[...]
    while let c = chars.first {
      if c.isASCII && (c.isNumber || c == ".") {
        number.append(c)
        chars = chars.dropFirst()
        continue
      }
      var unitText = ""
      while let u = chars.first, !(u.isASCII && (u.isNumber || u == ".")) {
        unitText.append(u)
        chars = chars.dropFirst()
      }
      if unitText == "d" {
        guard let value = Double(number) else { return .failure(invalidDuration(token)) }
        days += value
      } else {
        rest += number + unitText
      }
      number = ""
    }
    if !number.isEmpty { rest += number }  // trailing number without unit: let Go report it
    var milliseconds = (days * 86_400_000).rounded()
    if !rest.isEmpty {
      do {
        milliseconds += Double(try GoDuration.parseNanoseconds(rest)) / 1_000_000
      } catch {
        if let unit = error.unknownUnit {
          return .failure(
            CurveProblem(
              "unknown unit \(quoted(unit)) in duration \(quoted(token))", hint: "units are ns, us, ms, s, m, h and d"))
        }
        if error.message.contains("missing unit") {
          return .failure(CurveProblem("missing unit in duration \(quoted(token))"))
        }
        return .failure(invalidDuration(token))
      }
    }
    if body.isEmpty { return .failure(invalidDuration(token)) }
    guard milliseconds < 9.2e15 else { return .failure(CurveProblem("duration \(quoted(token)) is too long")) }
    return .success(Int64(milliseconds))
  }

  /// Splits `12.5e3ms` into (`12.5e3`, `ms`).
  static func splitNumber(_ token: String) -> (String, String) {
    let chars = Array(token)
    var i = 0
    if i < chars.count, chars[i] == "+" || chars[i] == "-" { i += 1 }
    let digitsStart = i
    while i < chars.count, chars[i].isASCII, chars[i].isNumber { i += 1 }
    if i < chars.count, chars[i] == ".", i + 1 < chars.count, chars[i + 1].isASCII, chars[i + 1].isNumber {
      i += 1
      while i < chars.count, chars[i].isASCII, chars[i].isNumber { i += 1 }
    } else if i < chars.count, chars[i] == ".", i > digitsStart {
      i += 1  // "5." is a number
    }
    if i == digitsStart { return ("", token) }
    // An exponent only when digits follow, so `5m` or `5e` stay units.
    if i < chars.count, chars[i] == "e" || chars[i] == "E" {
      var j = i + 1
      if j < chars.count, chars[j] == "+" || chars[j] == "-" { j += 1 }
      if j < chars.count, chars[j].isASCII, chars[j].isNumber {
        while j < chars.count, chars[j].isASCII, chars[j].isNumber { j += 1 }
        i = j
      }
    }
    return (String(chars[0..<i]), String(chars[i...]))
  }

  static func quoted(_ text: String) -> String { "\"\(text)\"" }

  static func example(_ unit: CurveUnit) -> String {
    switch unit {
    case .rate: "a rate is a number of requests per second, e.g. 200"
    case .fraction: "an error rate is a fraction (0.005) or a percentage (0.5%)"
    case .latency: "a latency is a duration such as 40ms or 1.5s"
    case .weight: "a weight is a percentage such as 10 or 10%"
    }
  }

  private static func unknownSuffix(_ suffix: String, token: String, unit: CurveUnit) -> CurveProblem {
    CurveProblem("unknown unit \(quoted(suffix)) in \(quoted(token)) for \(unit.noun)", hint: example(unit))
  }

  private static func invalidDuration(_ token: String) -> CurveProblem {
    CurveProblem("invalid duration \(quoted(token))", hint: "write durations like 30s, 10m, 1h30m or 2d")
  }
}

/// A problem found while parsing a piece of a curve, before it is placed in the user's file.
struct CurveProblem: Error, Sendable, Equatable {
  var message: String
  var hint: String?
  init(_ message: String, hint: String? = nil) {
    self.message = message
    self.hint = hint
  }
}
