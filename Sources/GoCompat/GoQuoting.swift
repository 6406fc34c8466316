/// Go's `strconv.Quote`, `strconv.QuoteRune` and fmt's `%#U`: how Go messages (`%q`), Prometheus label
/// sets and Argo's argument escaping spell text.
///
/// Printable characters (``isPrint(_:)``) stay verbatim; `"` (or `'` in a rune) and `\` take a
/// backslash; `\a \b \f \n \r \t \v` have their short forms; other ASCII controls and DEL become
/// `\x1b`, other non-printable characters `\u00ad` or `\U000e0001` (lower-case hex, as Go writes).
/// Swift strings hold no invalid UTF-8, so Go's `\xff` for a stray byte never arises here: such a
/// byte has already become U+FFFD, which is printable.
public enum GoQuoting {
  /// `strconv.Quote(text)`.
  public static func quote(_ text: String) -> String {
    // Most texts are printable ASCII without quotes or backslashes: nothing to escape.
    if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
      return "\"" + text + "\""
    }
    var out = "\""
    out.reserveCapacity(text.utf8.count + 8)
    for scalar in text.unicodeScalars { appendEscaped(scalar, quote: "\"", to: &out) }
    out += "\""
    return out
  }

  /// `strconv.QuoteRune(scalar)`: `'x'`, `'\''`, `'\n'`.
  public static func quoteRune(_ scalar: Unicode.Scalar) -> String {
    var out = "'"
    appendEscaped(scalar, quote: "'", to: &out)
    out += "'"
    return out
  }

  /// fmt's `%#U`: `U+0040 '@'`, or just `U+0007` when the character is not printable.
  public static func unicodeVerb(_ scalar: Unicode.Scalar) -> String {
    let code = "U+" + hex(scalar.value, minimumDigits: 4, uppercase: true)
    return isPrint(scalar) ? "\(code) '\(Character(scalar))'" : code
  }

  /// `strconv.IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII space (so no
  /// other spaces, controls, format characters, private-use or unassigned code points).
  public static func isPrint(_ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    // Go's Latin-1 fast path, which the categories below agree with.
    if value <= 0xFF {
      if 0x20 <= value && value <= 0x7E { return true }
      if 0xA1 <= value { return value != 0xAD }  // soft hyphen
      return false
    }
    switch scalar.properties.generalCategory {
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
      .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber,
      .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
      .initialPunctuation, .finalPunctuation, .otherPunctuation, .mathSymbol, .currencySymbol,
      .modifierSymbol, .otherSymbol:
      return true
    default:
      return false
    }
  }

  /// `appendEscapedRune`: one character as it stands between `quote`s.
  private static func appendEscaped(_ scalar: Unicode.Scalar, quote: Unicode.Scalar, to out: inout String) {
    if scalar == quote || scalar == "\\" {
      out += "\\"
      out.unicodeScalars.append(scalar)
      return
    }
    if isPrint(scalar) {
      out.unicodeScalars.append(scalar)
      return
    }
    switch scalar {
    case "\u{07}": out += "\\a"
    case "\u{08}": out += "\\b"
    case "\u{0C}": out += "\\f"
    case "\n": out += "\\n"
    case "\r": out += "\\r"
    case "\t": out += "\\t"
    case "\u{0B}": out += "\\v"
    default:
      if scalar.value < 0x20 || scalar.value == 0x7F {
        out += "\\x" + hex(scalar.value, minimumDigits: 2)
      } else if scalar.value < 0x10000 {
        out += "\\u" + hex(scalar.value, minimumDigits: 4)
      } else {
        out += "\\U" + hex(scalar.value, minimumDigits: 8)
      }
    }
  }

  private static func hex(_ value: UInt32, minimumDigits: Int, uppercase: Bool = false) -> String {
    let digits = String(value, radix: 16, uppercase: uppercase)
    return String(repeating: "0", count: max(0, minimumDigits - digits.count)) + digits
  }
}
