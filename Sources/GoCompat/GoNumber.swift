/// Number literals as Prometheus reads them: Go's `strconv.ParseInt(s, 0, 64)` first (so `0x1F`,
/// `0o17`, `0b11` and the C-style octal `010` == 8 work), then `strconv.ParseFloat`.
public enum GoNumber {
  public static func parse(_ text: String) -> Double? {
    if let integer = parseInteger(text) { return Double(integer) }
    return parseFloat(text)
  }

  /// `strconv.ParseInt(text, 0, 64)`, or nil when it would fail (syntax or range).
  public static func parseInteger(_ text: String) -> Int64? {
    guard !text.isEmpty, underscoresAreValid(text) else { return nil }
    var digits = Substring(String(text.filter { $0 != "_" }))
    var radix = 10
    let lower = digits.lowercased()
    if lower.hasPrefix("0x") {
      radix = 16
      digits = digits.dropFirst(2)
    } else if lower.hasPrefix("0b") {
      radix = 2
      digits = digits.dropFirst(2)
    } else if lower.hasPrefix("0o") {
      radix = 8
      digits = digits.dropFirst(2)
    } else if digits.count > 1, digits.first == "0" {
      radix = 8
      digits = digits.dropFirst(1)
    }
    guard !digits.isEmpty else { return nil }
    return Int64(digits, radix: radix)
  }

  /// `strconv.ParseFloat(text, 64)` for the shapes the lexer produces.
  public static func parseFloat(_ text: String) -> Double? {
    let lower = text.lowercased()
    switch lower {
    case "inf", "+inf", "infinity", "+infinity": return .infinity
    case "-inf", "-infinity": return -.infinity
    case "nan": return .nan
    default: break
    }
    guard underscoresAreValid(text) else { return nil }
    let cleaned = String(text.filter { $0 != "_" })
    if cleaned.lowercased().hasPrefix("0x") && !cleaned.lowercased().contains("p") { return nil }
    guard let value = Double(cleaned), !cleaned.lowercased().contains("n") else { return nil }
    return value
  }

  /// Go's `underscoreOK`: underscores only between digits or after a base prefix.
  public static func underscoresAreValid(_ text: String) -> Bool {
    guard text.contains("_") else { return true }
    let s = Array(text.utf8)
    var saw: UInt8 = UInt8(ascii: "^")
    var i = 0
    var hex = false
    if s.count >= 2, s[0] == UInt8(ascii: "0") {
      let second = s[1] | 0x20
      if second == UInt8(ascii: "b") || second == UInt8(ascii: "o") || second == UInt8(ascii: "x") {
        i = 2
        saw = UInt8(ascii: "0")
        hex = second == UInt8(ascii: "x")
      }
    }
    while i < s.count {
      let c = s[i]
      let lower = c | 0x20
      if (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || (hex && lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "f")) {
        saw = UInt8(ascii: "0")
      } else if c == UInt8(ascii: "_") {
        if saw != UInt8(ascii: "0") { return false }
        saw = UInt8(ascii: "_")
      } else {
        if saw == UInt8(ascii: "_") { return false }
        saw = UInt8(ascii: "!")
      }
      i += 1
    }
    return saw != UInt8(ascii: "_")
  }
}
