import GoCompat

/// Go's `%q` / `%#U` formatting, so messages read exactly like Prometheus' own.
enum GoQuote {
  /// `strconv.Quote`: a double-quoted string with Go escapes.
  static func string(_ text: String) -> String { GoQuoting.quote(text) }

  /// `%q` of a rune: `'x'`.
  static func rune(_ scalar: Unicode.Scalar) -> String { GoQuoting.quoteRune(scalar) }

  /// `%#U` of a rune: `U+0071 'q'`.
  static func unicode(_ scalar: Unicode.Scalar) -> String { GoQuoting.unicodeVerb(scalar) }
}

/// Go's `strconv.Unquote` as Prometheus' `strutil.Unquote` applies it to PromQL string literals
/// (single quotes may hold whole strings).
enum GoUnquote {
  struct Failure: Error {}

  static func unquote(_ literal: String) throws(Failure) -> String {
    let bytes = Array(literal.utf8)
    guard bytes.count >= 2, let quote = bytes.first, bytes.last == quote else { throw Failure() }
    let body = bytes[1..<(bytes.count - 1)]
    if quote == UInt8(ascii: "`") {
      if body.contains(UInt8(ascii: "`")) { throw Failure() }
      return String(decoding: body.filter { $0 != UInt8(ascii: "\r") }, as: UTF8.self)
    }
    guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { throw Failure() }
    if !body.contains(UInt8(ascii: "\\")) && !body.contains(quote) && !body.contains(UInt8(ascii: "\n")) {
      return String(decoding: body, as: UTF8.self)
    }
    var out: [UInt8] = []
    out.reserveCapacity(body.count)
    var index = body.startIndex
    func next() throws(Failure) -> UInt8 {
      guard index < body.endIndex else { throw Failure() }
      defer { index += 1 }
      return body[index]
    }
    while index < body.endIndex {
      let byte = try next()
      if byte == quote || byte == UInt8(ascii: "\n") { throw Failure() }
      if byte != UInt8(ascii: "\\") {
        out.append(byte)
        continue
      }
      let escape = try next()
      switch escape {
      case UInt8(ascii: "a"): out.append(0x07)
      case UInt8(ascii: "b"): out.append(0x08)
      case UInt8(ascii: "f"): out.append(0x0C)
      case UInt8(ascii: "n"): out.append(0x0A)
      case UInt8(ascii: "r"): out.append(0x0D)
      case UInt8(ascii: "t"): out.append(0x09)
      case UInt8(ascii: "v"): out.append(0x0B)
      case UInt8(ascii: "\\"): out.append(escape)
      case UInt8(ascii: "'"), UInt8(ascii: "\""):
        if escape != quote { throw Failure() }
        out.append(escape)
      case UInt8(ascii: "0")...UInt8(ascii: "7"):
        var value = UInt32(escape - UInt8(ascii: "0"))
        for _ in 0..<2 {
          let digit = try next()
          guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "7") else { throw Failure() }
          value = value * 8 + UInt32(digit - UInt8(ascii: "0"))
        }
        guard value <= 255 else { throw Failure() }
        out.append(UInt8(value))
      case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"):
        let count = escape == UInt8(ascii: "x") ? 2 : (escape == UInt8(ascii: "u") ? 4 : 8)
        var value: UInt32 = 0
        for _ in 0..<count {
          guard let digit = hexValue(try next()) else { throw Failure() }
          value = value * 16 + digit
        }
        if escape == UInt8(ascii: "x") {
          out.append(UInt8(value))
        } else {
          guard let scalar = Unicode.Scalar(value) else { throw Failure() }
          out.append(contentsOf: Array(String(Character(scalar)).utf8))
        }
      default:
        throw Failure()
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  static func hexValue(_ byte: UInt8) -> UInt32? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
    default: nil
    }
  }
}
