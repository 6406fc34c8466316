/// Go's `strconv.ParseInt` / `ParseFloat` / `Atoi`: the accepted syntax and the error texts
/// (`strconv.ParseInt: parsing "x": invalid syntax`), which reach users through expr and Argo.
public enum GoNumberParsing {
  public enum Outcome<T> {
    case success(T)
    /// The error message, e.g. `strconv.ParseFloat: parsing "healthy": invalid syntax`.
    case failure(String)
  }

  /// `strconv.ParseInt(text, radix, 64)`; a `prefixLength` of 2 skips `0x`/`0o`/`0b` (expr passes base
  /// 0, which accepts them). The error names the function as Go does.
  public static func parseInt(
    _ text: String, radix: Int, prefixLength: Int = 0, function: String = "strconv.ParseInt"
  ) -> Outcome<Int> {
    let syntax = "\(function): parsing \(GoFormat.quote(text)): invalid syntax"
    let range = "\(function): parsing \(GoFormat.quote(text)): value out of range"
    var scalars = Substring(text)
    var negative = false
    if let first = scalars.first, first == "+" || first == "-" {
      negative = first == "-"
      scalars = scalars.dropFirst()
    }
    scalars = scalars.dropFirst(prefixLength)
    guard !scalars.isEmpty else { return .failure(syntax) }
    var magnitude: UInt64 = 0
    var overflow = false
    for character in scalars {
      guard character.isASCII, let digit = character.hexDigitValue, digit < radix else { return .failure(syntax) }
      let (times, o1) = magnitude.multipliedReportingOverflow(by: UInt64(radix))
      let (plus, o2) = times.addingReportingOverflow(UInt64(digit))
      if o1 || o2 { overflow = true }
      magnitude = plus
    }
    let limit: UInt64 = negative ? UInt64(Int64.max) + 1 : UInt64(Int64.max)
    if overflow || magnitude > limit { return .failure(range) }
    if negative {
      return .success(magnitude == limit ? Int.min : -Int(magnitude))
    }
    return .success(Int(magnitude))
  }

  /// `strconv.Atoi`.
  public static func atoi(_ text: String) -> Outcome<Int> {
    parseInt(text, radix: 10, function: "strconv.Atoi")
  }

  /// `strconv.ParseFloat(text, 64)`.
  public static func parseFloat(_ text: String) -> Outcome<Double> {
    let syntax = "strconv.ParseFloat: parsing \(GoFormat.quote(text)): invalid syntax"
    let range = "strconv.ParseFloat: parsing \(GoFormat.quote(text)): value out of range"
    var body = Substring(text)
    var negative = false
    if let first = body.first, first == "+" || first == "-" {
      negative = first == "-"
      body = body.dropFirst()
    }
    switch body.lowercased() {
    case "inf", "infinity": return .success(negative ? -.infinity : .infinity)
    case "nan": return .success(.nan)
    default: break
    }
    guard isDecimalFloat(body) || isHexFloat(body), let value = Double(String(body)) else {
      return .failure(syntax)
    }
    if value.isInfinite { return .failure(range) }
    return .success(negative ? -value : value)
  }

  private static func isDecimalFloat(_ text: Substring) -> Bool {
    var index = text.startIndex
    var digits = 0
    while index < text.endIndex, text[index].isASCII, text[index].isNumber {
      digits += 1
      index = text.index(after: index)
    }
    if index < text.endIndex, text[index] == "." {
      index = text.index(after: index)
      while index < text.endIndex, text[index].isASCII, text[index].isNumber {
        digits += 1
        index = text.index(after: index)
      }
    }
    guard digits > 0 else { return false }
    if index < text.endIndex, text[index] == "e" || text[index] == "E" {
      index = text.index(after: index)
      if index < text.endIndex, text[index] == "+" || text[index] == "-" { index = text.index(after: index) }
      var exponentDigits = 0
      while index < text.endIndex, text[index].isASCII, text[index].isNumber {
        exponentDigits += 1
        index = text.index(after: index)
      }
      guard exponentDigits > 0 else { return false }
    }
    return index == text.endIndex
  }

  private static func isHexFloat(_ text: Substring) -> Bool {
    let lower = text.lowercased()
    guard lower.hasPrefix("0x"), let p = lower.firstIndex(of: "p") else { return false }
    let mantissa = lower[lower.index(lower.startIndex, offsetBy: 2)..<p]
    var exponent = lower[lower.index(after: p)...]
    if exponent.first == "+" || exponent.first == "-" { exponent = exponent.dropFirst() }
    return !mantissa.isEmpty && mantissa.allSatisfy { $0.isHexDigit || $0 == "." }
      && mantissa.filter { $0 == "." }.count <= 1 && !exponent.isEmpty && exponent.allSatisfy(\.isNumber)
  }
}
