/// Go's float formatting where Argo prints measurement values.
enum GoFloat {
  /// `strconv.FormatFloat(v, 'f', -1, 64)`: the shortest digits that round-trip, never an exponent
  /// (Prometheus sample values: `0.97`, `NaN`, `+Inf`, `1000000000000000000000`).
  static func fixed(_ value: Double) -> String {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
    if value == value.rounded(), abs(value) < 1e15, !(value == 0 && value.sign == .minus) { return String(Int64(value)) }
    // Swift's shortest representation is already Go's when it has no exponent.
    let description = value.description
    if !description.utf8.contains(UInt8(ascii: "e")) { return description }
    let (negative, digits, pointPosition) = shortestDigits(value)
    var out = negative ? "-" : ""
    if digits == "0" { return out + "0" }
    if pointPosition <= 0 {
      out += "0." + String(repeating: "0", count: -pointPosition) + digits
    } else if pointPosition >= digits.count {
      out += digits + String(repeating: "0", count: pointPosition - digits.count)
    } else {
      let index = digits.index(digits.startIndex, offsetBy: pointPosition)
      out += digits[..<index] + "." + digits[index...]
    }
    return out
  }

  /// `encoding/json`'s float64 encoding: fixed notation, or `1e-07`-style exponents cleaned to `1e-7`
  /// below 1e-6 and from 1e21.
  static func json(_ value: Double) -> String {
    guard value.isFinite else { return fixed(value) }
    let magnitude = abs(value)
    if magnitude != 0 && (magnitude < 1e-6 || magnitude >= 1e21) {
      let (negative, digits, pointPosition) = shortestDigits(value)
      var mantissa = String(digits.prefix(1))
      if digits.count > 1 { mantissa += "." + digits.dropFirst() }
      let exponent = pointPosition - 1
      let sign = exponent < 0 ? "-" : "+"
      return (negative ? "-" : "") + mantissa + "e" + sign + String(abs(exponent))
    }
    return fixed(value)
  }

  /// The shortest round-trip decimal digits of `value` (no leading zeros) and where the decimal point
  /// goes: value = 0.DIGITS × 10^pointPosition.
  static func shortestDigits(_ value: Double) -> (negative: Bool, digits: String, pointPosition: Int) {
    if value == 0 { return (value.sign == .minus, "0", 1) }
    // Swift's description is the shortest round-trip representation, as Go's -1 precision is.
    var text = abs(value).description
    var exponent = 0
    if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
      exponent = Int(text[text.index(after: e)...]) ?? 0
      text = String(text[..<e])
    }
    var integer = text
    var fraction = ""
    if let dot = text.firstIndex(of: ".") {
      integer = String(text[..<dot])
      fraction = String(text[text.index(after: dot)...])
    }
    var digits = integer + fraction
    var point = integer.count + exponent
    while digits.hasPrefix("0") && digits.count > 1 {
      digits.removeFirst()
      point -= 1
    }
    while digits.hasSuffix("0") && digits.count > 1 { digits.removeLast() }
    return (value < 0, digits, point)
  }
}
