/// expr-lang's lexer (parser/lexer at v1.17.8), ported state for state so tokens, spans and error
/// messages agree with the reference. It is lazy like the original: the parser pulls one token at a
/// time, and a lexing error surfaces only when the parser reaches it.
struct Lexer {
  private enum State {
    case root, number, dot, identifier, not, questionMark, slash, singleLineComment, multiLineComment,
      pointer
  }

  enum Output {
    case token(Token)
    case error(ExprError)
    /// The EOF token was already delivered.
    case end
  }

  let source: ExprSource
  private let text: [Unicode.Scalar]
  private var state: State? = .root
  private var queue: [Token] = []
  private var queueHead = 0
  private var error: (message: String, span: SourceSpan)?
  private var start = 0
  private var end = 0
  private var atEOF = false

  init(_ source: ExprSource) {
    self.source = source
    self.text = source.scalars
  }

  mutating func next() -> Output {
    while let current = state, error == nil, queueHead == queue.count {
      state = step(current)
    }
    if let error {
      return .error(ExprError(stage: .syntax, message: error.message, span: error.span, source: source))
    }
    if queueHead < queue.count {
      let token = queue[queueHead]
      queueHead += 1
      if queueHead == queue.count {
        queue.removeAll(keepingCapacity: true)
        queueHead = 0
      }
      return .token(token)
    }
    return .end
  }

  // MARK: - Primitives (lexer.go)

  private mutating func nextScalar() -> Unicode.Scalar? {
    if end >= text.count {
      atEOF = true
      return nil
    }
    let scalar = text[end]
    end += 1
    return scalar
  }

  private func peek() -> Unicode.Scalar? { end < text.count ? text[end] : nil }

  private mutating func backup() {
    if atEOF {
      atEOF = false
    } else if end > 0 {
      end -= 1
    }
  }

  private var word: String { String(String.UnicodeScalarView(text[start..<end])) }

  private mutating func emit(_ kind: Token.Kind) { emit(kind, value: word) }

  private mutating func emit(_ kind: Token.Kind, value: String) {
    queue.append(Token(kind, value, SourceSpan(from: start, to: end)))
    start = end
  }

  private mutating func emitEOF() {
    queue.append(Token(.eof, "", SourceSpan(from: max(0, end - 1), to: max(0, end))))
    start = end
  }

  private mutating func skip() { start = end }

  @discardableResult
  private mutating func accept(_ valid: String) -> Bool {
    guard let scalar = peek(), valid.unicodeScalars.contains(scalar) else { return false }
    _ = nextScalar()
    return true
  }

  private mutating func acceptRun(_ valid: String) {
    while accept(valid) {}
  }

  private mutating func skipSpaces() {
    acceptRun(" ")
    skip()
  }

  /// Records the first error; the state machine stops.
  private mutating func fail(_ message: String) -> State? {
    if error == nil {
      var last = end
      if atEOF { last += 1 }
      error = (message, SourceSpan(from: last - 1, to: last))
    }
    return nil
  }

  // MARK: - States (state.go)

  private mutating func step(_ state: State) -> State? {
    switch state {
    case .root: return root()
    case .number: return number()
    case .dot: return dot()
    case .identifier: return identifier()
    case .not: return not()
    case .questionMark:
      accept(".?")
      emit(.operator)
      return .root
    case .slash:
      if accept("/") { return .singleLineComment }
      if accept("*") { return .multiLineComment }
      emit(.operator)
      return .root
    case .singleLineComment:
      while let scalar = nextScalar(), scalar != "\n" {}
      skip()
      return .root
    case .multiLineComment:
      while true {
        guard let scalar = nextScalar() else { return fail("unclosed comment") }
        if scalar == "*" && accept("/") { break }
      }
      skip()
      return .root
    case .pointer:
      accept("#")
      emit(.operator)
      while let scalar = nextScalar(), CharacterClass.isAlphaNumeric(scalar) {}
      backup()
      if !word.isEmpty { emit(.identifier) }
      return .root
    }
  }

  private mutating func root() -> State? {
    guard let r = nextScalar() else {
      emitEOF()
      return nil
    }
    switch r {
    case _ where CharacterClass.isSpace(r):
      skip()
      return .root
    case "'", "\"":
      scanString(quote: r)
      switch StringUnescaper.unescape(word) {
      case .success(let value): emit(.string, value: value)
      case .failure(let message):
        _ = fail(message)
        emit(.string, value: word)
      }
    case "`":
      scanRawString()
    case _ where (r == "b" || r == "B") && (peek() == "'" || peek() == "\""):
      let quote = nextScalar()!
      scanString(quote: quote)
      let raw = String(String.UnicodeScalarView(text[(start + 1)..<end]))
      switch StringUnescaper.unescapeBytes(raw) {
      case .success(let value): emit(.bytes, value: value)
      case .failure(let message):
        _ = fail(message)
        emit(.bytes, value: raw)
      }
    case "0"..."9":
      backup()
      return .number
    case "?": return .questionMark
    case "/": return .slash
    case "#": return .pointer
    case "|":
      accept("|")
      emit(.operator)
    case ":":
      accept(":")
      emit(.operator)
    case "(", "[", "{", ")", "]", "}":
      emit(.bracket)
    case ",", ";", "%", "+", "-", "^":
      emit(.operator)
    case "&", "!", "=", "*", "<", ">":
      accept("&=*")
      emit(.operator)
    case ".":
      backup()
      return .dot
    case _ where CharacterClass.isAlphaNumeric(r):
      backup()
      return .identifier
    default:
      return fail("unrecognized character: \(GoFormat.unicodeVerb(r))")
    }
    return .root
  }

  private mutating func number() -> State? {
    if !scanNumber() {
      return fail("bad number syntax: \(GoFormat.quote(word))")
    }
    emit(.number)
    return .root
  }

  private mutating func scanNumber() -> Bool {
    var digits = "0123456789_"
    if accept("0") {
      if accept("xX") {
        digits = "0123456789abcdefABCDEF_"
      } else if accept("oO") {
        digits = "01234567_"
      } else if accept("bB") {
        digits = "01_"
      }
    }
    acceptRun(digits)
    let savedEnd = end
    if accept(".") {
      // `1..2` is a range: give the dot back.
      if peek() == "." {
        end = savedEnd
        return true
      }
      acceptRun(digits)
    }
    if accept("eE") {
      accept("+-")
      acceptRun(digits)
    }
    if let next = peek(), CharacterClass.isAlphaNumeric(next) {
      _ = nextScalar()
      return false
    }
    return true
  }

  private mutating func dot() -> State? {
    _ = nextScalar()
    if accept("0123456789") {
      backup()
      return .number
    }
    accept(".")
    emit(.operator)
    return .root
  }

  private mutating func identifier() -> State? {
    while let scalar = nextScalar(), CharacterClass.isAlphaNumeric(scalar) {}
    backup()
    switch word {
    case "not": return .not
    case "in", "or", "and", "matches", "contains", "startsWith", "endsWith", "let", "if", "else":
      emit(.operator)
    default:
      emit(.identifier)
    }
    return .root
  }

  private mutating func not() -> State? {
    emit(.operator)
    skipSpaces()
    let savedEnd = end
    while let scalar = nextScalar(), CharacterClass.isAlphaNumeric(scalar) {}
    backup()
    switch word {
    case "in", "matches", "contains", "startsWith", "endsWith":
      emit(.operator)
    default:
      end = savedEnd
    }
    return .root
  }

  // MARK: - Strings (lexer.go)

  private mutating func scanString(quote: Unicode.Scalar) {
    var ch = nextScalar()
    while ch != quote {
      guard let current = ch, current != "\n" else {
        _ = fail("literal not terminated")
        return
      }
      if current == "\\" {
        ch = scanEscape(quote: quote)
      } else {
        ch = nextScalar()
      }
    }
  }

  private mutating func scanEscape(quote: Unicode.Scalar) -> Unicode.Scalar? {
    let ch = nextScalar()
    switch ch {
    case "a", "b", "f", "n", "r", "t", "v", "\\", quote:
      return nextScalar()
    case "0", "1", "2", "3", "4", "5", "6", "7":
      return scanDigits(ch, base: 8, count: 3)
    case "x":
      return scanDigits(nextScalar(), base: 16, count: 2)
    case "u":
      if peek() == "{" {
        _ = nextScalar()
        var digits = 0
        while true {
          let p = peek()
          if p == "}" { break }
          if Self.digitValue(p) >= 16 || digits >= 6 {
            _ = fail("invalid char escape")
            return nil
          }
          _ = nextScalar()
          digits += 1
        }
        if peek() != "}" || digits == 0 {
          _ = fail("invalid char escape")
          return nil
        }
        _ = nextScalar()
        return nextScalar()
      }
      return scanDigits(nextScalar(), base: 16, count: 4)
    case "U":
      return scanDigits(nextScalar(), base: 16, count: 8)
    default:
      _ = fail("invalid char escape")
      return ch
    }
  }

  private mutating func scanDigits(_ first: Unicode.Scalar?, base: Int, count: Int) -> Unicode.Scalar? {
    var ch = first
    var remaining = count
    while remaining > 0 && Self.digitValue(ch) < base {
      ch = nextScalar()
      remaining -= 1
    }
    if remaining > 0 { _ = fail("invalid char escape") }
    return ch
  }

  private static func digitValue(_ scalar: Unicode.Scalar?) -> Int {
    guard let scalar else { return 16 }
    switch scalar {
    case "0"..."9": return Int(scalar.value - 48)
    case "a"..."f": return Int(scalar.value - 97 + 10)
    case "A"..."F": return Int(scalar.value - 65 + 10)
    default: return 16
    }
  }

  private mutating func scanRawString() {
    var escapedQuotes = 0
    loop: while true {
      var ch = nextScalar()
      while ch == "`" && peek() == "`" {
        _ = nextScalar()
        ch = nextScalar()
        escapedQuotes += 1
      }
      switch ch {
      case "`": break loop
      case nil:
        _ = fail("literal not terminated")
        return
      default: continue
      }
    }
    let inner = text[(start + 1)..<(end - 1)]
    if escapedQuotes == 0 {
      emit(.string, value: String(String.UnicodeScalarView(inner)))
      return
    }
    var result = String.UnicodeScalarView()
    var skipped = false
    for scalar in inner {
      if scalar == "`" {
        if !skipped {
          skipped = true
          continue
        }
        skipped = false
      }
      result.append(scalar)
    }
    emit(.string, value: String(result))
  }
}

/// Go's `unicode` predicates the lexer relies on.
enum CharacterClass {
  static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x09...0x0D, 0x20, 0x85, 0xA0: return true
    case 0...0xFF: return false
    default: return scalar.properties.isWhitespace
    }
  }

  static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
    if scalar.isASCII {
      return ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }
    switch scalar.properties.generalCategory {
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
    default: return false
    }
  }

  static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
    if scalar.isASCII { return ("0"..."9").contains(scalar) }
    return scalar.properties.generalCategory == .decimalNumber
  }

  static func isAlphabetic(_ scalar: Unicode.Scalar) -> Bool {
    scalar == "_" || scalar == "$" || isLetter(scalar)
  }

  static func isAlphaNumeric(_ scalar: Unicode.Scalar) -> Bool {
    isAlphabetic(scalar) || isDigit(scalar)
  }

  static func isValidIdentifier(_ text: String) -> Bool {
    var scalars = text.unicodeScalars.makeIterator()
    guard let first = scalars.next(), isAlphabetic(first) else { return false }
    while let scalar = scalars.next() {
      if !isAlphaNumeric(scalar) { return false }
    }
    return true
  }
}
