/// Turns a query into tokens, following Prometheus' `lex.go` state machine closely enough that the
/// same inputs fail with the same messages. Lexing stops at the first error, as in Prometheus.
struct Lexer {
  private let bytes: [UInt8]
  private var pos = 0
  private var tokenStart = 0
  private var parenDepth = 0
  private var braceOpen = false
  private var bracketOpen = false
  private var gotColon = false
  /// Right after `[`: the start of a duration expression (Prometheus' `lexDurationExpr`).
  private var durationStart = false
  private var gotDuration = false
  private var finished = false

  init(_ text: String) {
    bytes = Array(text.utf8)
  }

  /// Every token up to and including the final `eof` or `error`.
  static func tokens(_ text: String) -> [Token] {
    var lexer = Lexer(text)
    var out: [Token] = []
    while true {
      let token = lexer.next()
      out.append(token)
      switch token.kind {
      case .eof, .error: return out
      default: continue
      }
    }
  }

  mutating func next() -> Token {
    if finished { return make(.eof) }
    if braceOpen { return insideBraces() }
    if durationStart { return durationExpression() }
    skipSpacesAndComments()
    tokenStart = pos
    guard let c = peekByte() else {
      if parenDepth != 0 { return fail("unclosed left parenthesis") }
      if bracketOpen { return fail("unclosed left bracket") }
      finished = true
      return make(.eof)
    }
    switch c {
    case UInt8(ascii: ","): pos += 1; return make(.comma)
    case UInt8(ascii: "*"): pos += 1; return make(.mul)
    case UInt8(ascii: "/"): pos += 1; return make(.div)
    case UInt8(ascii: "%"): pos += 1; return make(.mod)
    case UInt8(ascii: "+"): pos += 1; return make(.add)
    case UInt8(ascii: "-"): pos += 1; return make(.sub)
    case UInt8(ascii: "^"): pos += 1; return make(.pow)
    case UInt8(ascii: "@"): pos += 1; return make(.at)
    case UInt8(ascii: "="):
      pos += 1
      if peekByte() == UInt8(ascii: "=") { pos += 1; return make(.equal) }
      if peekByte() == UInt8(ascii: "~") { return fail("unexpected character after '=': '~'") }
      return make(.assign)
    case UInt8(ascii: "!"):
      pos += 1
      if peekByte() == UInt8(ascii: "=") { pos += 1; return make(.notEqual) }
      return fail("unexpected character after '!': \(quotedNextRune())")
    case UInt8(ascii: "<"):
      pos += 1
      if peekByte() == UInt8(ascii: "=") { pos += 1; return make(.lessEqual) }
      return make(.less)
    case UInt8(ascii: ">"):
      pos += 1
      if peekByte() == UInt8(ascii: "=") { pos += 1; return make(.greaterEqual) }
      return make(.greater)
    case UInt8(ascii: "\""), UInt8(ascii: "'"): return quotedString(quote: c)
    case UInt8(ascii: "`"): return rawString()
    case UInt8(ascii: "("):
      pos += 1
      parenDepth += 1
      return make(.leftParen)
    case UInt8(ascii: ")"):
      pos += 1
      parenDepth -= 1
      if parenDepth < 0 { return fail("unexpected right parenthesis ')'") }
      return make(.rightParen)
    case UInt8(ascii: "{"):
      pos += 1
      braceOpen = true
      return make(.leftBrace)
    case UInt8(ascii: "["):
      pos += 1
      if bracketOpen { return fail("unexpected left bracket '['") }
      gotColon = false
      gotDuration = false
      bracketOpen = true
      durationStart = true
      return make(.leftBracket)
    case UInt8(ascii: "]"):
      pos += 1
      if !bracketOpen { return fail("unexpected right bracket ']'") }
      bracketOpen = false
      return make(.rightBracket)
    default:
      if Self.isDigit(c) || (c == UInt8(ascii: ".") && Self.isDigit(peekByte(1))) {
        return numberOrDuration()
      }
      if Self.isAlpha(c) || c == UInt8(ascii: ":") {
        if !bracketOpen { return keywordOrIdentifier() }
        if c == UInt8(ascii: ":") {
          pos += 1
          if gotColon { return fail("unexpected colon ':'") }
          gotColon = true
          return make(.colon)
        }
        if let keyword = durationKeyword() { return keyword }
        pos += 1
        return fail("unexpected character: \(GoQuote.rune(Unicode.Scalar(c))), expected ':'")
      }
      return fail("unexpected character: \(quotedNextRune())")
    }
  }

  // MARK: - Modes

  private mutating func insideBraces() -> Token {
    skipSpacesAndComments()
    tokenStart = pos
    guard let c = peekByte() else { return fail("unexpected end of input inside braces") }
    switch c {
    case UInt8(ascii: ","): pos += 1; return make(.comma)
    case UInt8(ascii: "\""), UInt8(ascii: "'"): return quotedString(quote: c)
    case UInt8(ascii: "`"): return rawString()
    case UInt8(ascii: "="):
      pos += 1
      if peekByte() == UInt8(ascii: "~") { pos += 1; return make(.regexMatch) }
      return make(.assign)
    case UInt8(ascii: "!"):
      pos += 1
      switch peekByte() {
      case UInt8(ascii: "~"): pos += 1; return make(.regexNoMatch)
      case UInt8(ascii: "="): pos += 1; return make(.notEqual)
      default: return fail("unexpected character after '!' inside braces: \(quotedNextRune())")
      }
    case UInt8(ascii: "{"):
      pos += 1
      return fail("unexpected left brace '{'")
    case UInt8(ascii: "}"):
      pos += 1
      braceOpen = false
      return make(.rightBrace)
    default:
      if Self.isAlpha(c) {
        while let b = peekByte(), Self.isAlphaNumeric(b) { pos += 1 }
        return make(.identifier)
      }
      return fail("unexpected character inside braces: \(quotedNextRune())")
    }
  }

  private mutating func durationExpression() -> Token {
    while let c = peekByte(), Self.isSpace(c) { pos += 1 }
    tokenStart = pos
    guard let c = peekByte() else { return fail("unexpected end of input in duration expression") }
    switch c {
    case UInt8(ascii: "]"):
      pos += 1
      bracketOpen = false
      gotColon = false
      durationStart = false
      return make(.rightBracket)
    case UInt8(ascii: ":"):
      pos += 1
      if !gotDuration { return fail("unexpected colon before duration in duration expression") }
      if gotColon { return fail("unexpected repeated colon in duration expression") }
      gotColon = true
      return make(.colon)
    case UInt8(ascii: "("):
      pos += 1
      parenDepth += 1
      return make(.leftParen)
    case UInt8(ascii: ")"):
      pos += 1
      parenDepth -= 1
      if parenDepth < 0 { return fail("unexpected right parenthesis ')'") }
      return make(.rightParen)
    case UInt8(ascii: "+"): pos += 1; return make(.add)
    case UInt8(ascii: "-"): pos += 1; return make(.sub)
    case UInt8(ascii: "*"): pos += 1; return make(.mul)
    case UInt8(ascii: "/"): pos += 1; return make(.div)
    case UInt8(ascii: "%"): pos += 1; return make(.mod)
    case UInt8(ascii: "^"): pos += 1; return make(.pow)
    case UInt8(ascii: ","): pos += 1; return make(.comma)
    default:
      if Self.isDigit(c) || (c == UInt8(ascii: ".") && Self.isDigit(peekByte(1))) {
        gotDuration = true
        durationStart = false
        return numberOrDuration()
      }
      if let keyword = durationKeyword() { return keyword }
      return fail("unexpected character in duration expression: \(quotedNextRune())")
    }
  }

  // MARK: - Pieces

  private mutating func durationKeyword() -> Token? {
    let start = pos
    var end = pos
    while end < bytes.count, Self.isAlpha(bytes[end]) { end += 1 }
    let word = String(decoding: bytes[start..<end], as: UTF8.self).lowercased()
    guard ["step", "range", "min_of", "max_of"].contains(word) else { return nil }
    pos = end
    return make(.durationKeyword(word))
  }

  private mutating func keywordOrIdentifier() -> Token {
    while let b = peekByte(), Self.isAlphaNumeric(b) || b == UInt8(ascii: ":") { pos += 1 }
    let word = String(decoding: bytes[tokenStart..<pos], as: UTF8.self)
    if let keyword = Keywords.table[word.lowercased()] { return make(keyword) }
    return make(word.contains(":") ? .metricIdentifier : .identifier)
  }

  private mutating func numberOrDuration() -> Token {
    if scanNumber() { return make(.number) }
    if acceptRemainingDuration() {
      pos -= 1  // the look-ahead character after the duration
      return make(.duration)
    }
    let text = String(decoding: bytes[tokenStart..<Swift.min(pos, bytes.count)], as: UTF8.self)
    return fail("bad number or duration syntax: \(GoQuote.string(text))")
  }

  /// Prometheus' `scanNumber`, including its quirks (a hexadecimal `e` counts as an exponent).
  private mutating func scanNumber() -> Bool {
    let initial = pos
    var hex = false
    if accept("0") && accept("xX") {
      _ = accept("_")
      hex = true
    }
    func isDigitByte(_ b: UInt8?) -> Bool {
      guard let b else { return false }
      return hex ? Self.isHexDigit(b) : Self.isDigit(b)
    }
    _ = accept(".")
    if isDigitByte(peekByte()) { pos += 1 }
    var dotConsumed = false
    var exponentConsumed = false
    while let b = peekByte(), isDigitByte(b) || b == UInt8(ascii: ".") || b == UInt8(ascii: "_") || b == UInt8(ascii: "e") || b == UInt8(ascii: "E") {
      if b == UInt8(ascii: ".") && dotConsumed {
        pos += 1
        return false
      }
      if (b == UInt8(ascii: "e") || b == UInt8(ascii: "E")) && exponentConsumed {
        pos += 1
        return false
      }
      if accept(".") {
        dotConsumed = true
        if accept("_.") { return false }
        if hex { return false }
        continue
      }
      if accept("eE") {
        exponentConsumed = true
        _ = accept("+-")
        if accept("._eE") || peekByte() == nil { return false }
        continue
      }
      if accept("_") {
        if accept("._eE") || peekByte() == nil { return false }
        continue
      }
      while isDigitByte(peekByte()) { pos += 1 }
    }
    if pos == initial { return false }
    if let next = peekByte(), Self.isAlphaNumeric(next) { return false }
    return true
  }

  /// After a number, the rest of a duration such as `5m` or `1h30m` (units checked by the parser).
  private mutating func acceptRemainingDuration() -> Bool {
    guard accept("smhdwy") else { return false }
    _ = accept("s")
    while accept("0123456789") {
      while accept("0123456789") {}
      guard accept("smhdw") else { return false }
      _ = accept("s")
    }
    let next = peekByte()
    pos += 1
    if let next, Self.isAlphaNumeric(next) { return false }
    return true
  }

  private mutating func quotedString(quote: UInt8) -> Token {
    pos += 1
    while true {
      guard let c = peekByte(), c != UInt8(ascii: "\n") else { return fail("unterminated quoted string") }
      pos += 1
      if c == quote { return make(.string) }
      if c == UInt8(ascii: "\\") {
        if let error = escapeSequence(quote: quote) { return fail(error) }
      }
    }
  }

  /// Validates one escape sequence (the backslash is consumed), as Prometheus' `lexEscape`.
  private mutating func escapeSequence(quote: UInt8) -> String? {
    guard let c = peekByte() else { return "escape sequence not terminated" }
    let count: Int
    let base: UInt32
    let maxValue: UInt32
    switch c {
    case UInt8(ascii: "a"), UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"),
      UInt8(ascii: "t"), UInt8(ascii: "v"), UInt8(ascii: "\\"), quote:
      pos += 1
      return nil
    case UInt8(ascii: "0")...UInt8(ascii: "7"):
      (count, base, maxValue) = (3, 8, 255)
    case UInt8(ascii: "x"):
      pos += 1
      (count, base, maxValue) = (2, 16, 255)
    case UInt8(ascii: "u"):
      pos += 1
      (count, base, maxValue) = (4, 16, 0x10FFFF)
    case UInt8(ascii: "U"):
      pos += 1
      (count, base, maxValue) = (8, 16, 0x10FFFF)
    default:
      let scalar = currentScalar()
      return "unknown escape sequence \(GoQuote.unicode(scalar))"
    }
    var value: UInt32 = 0
    for _ in 0..<count {
      guard let d = peekByte() else { return "escape sequence not terminated" }
      guard let digit = GoUnquote.hexValue(d), digit < base else {
        return "illegal character \(GoQuote.unicode(currentScalar())) in escape sequence"
      }
      value = value * base + digit
      pos += 1
    }
    if value > maxValue || (0xD800..<0xE000).contains(value) {
      return "escape sequence is an invalid Unicode code point"
    }
    return nil
  }

  private mutating func rawString() -> Token {
    pos += 1
    while true {
      guard let c = peekByte() else { return fail("unterminated raw string") }
      pos += 1
      if c == UInt8(ascii: "`") { return make(.string) }
    }
  }

  private mutating func skipSpacesAndComments() {
    while let c = peekByte() {
      if Self.isSpace(c) {
        pos += 1
      } else if c == UInt8(ascii: "#") {
        while let d = peekByte(), d != UInt8(ascii: "\n"), d != UInt8(ascii: "\r") { pos += 1 }
      } else {
        return
      }
    }
  }

  // MARK: - Helpers

  private func peekByte(_ ahead: Int = 0) -> UInt8? {
    pos + ahead < bytes.count ? bytes[pos + ahead] : nil
  }

  private mutating func accept(_ valid: StaticString) -> Bool {
    guard let c = peekByte() else { return false }
    let set = UnsafeBufferPointer(start: valid.utf8Start, count: valid.utf8CodeUnitCount)
    if set.contains(c) {
      pos += 1
      return true
    }
    return false
  }

  /// The Unicode scalar starting at `pos` (for messages).
  private func currentScalar() -> Unicode.Scalar {
    guard pos < bytes.count else { return Unicode.Scalar(0xFFFD)! }
    var end = pos + 1
    while end < bytes.count, end - pos < 4, bytes[end] & 0xC0 == 0x80 { end += 1 }
    let text = String(decoding: bytes[pos..<end], as: UTF8.self)
    return text.unicodeScalars.first ?? Unicode.Scalar(0xFFFD)!
  }

  private mutating func quotedNextRune() -> String {
    guard pos < bytes.count else { return "'\u{FFFD}'" }
    let scalar = currentScalar()
    pos += String(scalar).utf8.count
    return GoQuote.rune(scalar)
  }

  private func make(_ kind: TokenKind) -> Token {
    let end = Swift.min(pos, bytes.count)
    let start = Swift.min(tokenStart, end)
    return Token(kind: kind, range: PositionRange(start: start, end: end),
                 text: String(decoding: bytes[start..<end], as: UTF8.self))
  }

  private mutating func fail(_ message: String) -> Token {
    finished = true
    let end = Swift.max(Swift.min(pos, bytes.count), tokenStart)
    return Token(kind: .error(message), range: PositionRange(start: tokenStart, end: Swift.max(end, tokenStart + 1)),
                 text: "")
  }

  static func isSpace(_ c: UInt8) -> Bool {
    c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") || c == UInt8(ascii: "\n") || c == UInt8(ascii: "\r")
  }
  static func isDigit(_ c: UInt8?) -> Bool {
    guard let c else { return false }
    return c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")
  }
  static func isHexDigit(_ c: UInt8) -> Bool { GoUnquote.hexValue(c) != nil }
  static func isAlpha(_ c: UInt8) -> Bool {
    c == UInt8(ascii: "_") || (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z"))
      || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
  }
  static func isAlphaNumeric(_ c: UInt8) -> Bool { isAlpha(c) || isDigit(c) }
}
