import Manifests

/// Recursive-descent parser for the jq subset of ``JQPath``.
struct JQParser {
  private let chars: [Character]
  private var i = 0
  /// Nesting of parentheses and select(): deep input is refused rather than recursing without end.
  private var depth = 0
  static let maximumDepth = 64
  static let maximumLength = 4_096

  init(_ text: String) { chars = Array(text) }

  mutating func parseAll() throws(JQPath.ParseError) -> [Term] {
    // Long chains of `and`/`or` build deep trees too; real expressions are a line long.
    if chars.count > Self.maximumLength { throw JQPath.ParseError(message: "longer than \(Self.maximumLength) characters", offset: Self.maximumLength) }
    let terms = try parsePipe()
    skipSpace()
    if i < chars.count { throw error("unexpected '\(chars[i])'") }
    return terms
  }

  // MARK: Paths and pipes

  private mutating func parsePipe() throws(JQPath.ParseError) -> [Term] {
    var terms = try parsePath()
    while peekSymbol("|") {
      i += 1
      terms += try parsePath()
    }
    return terms
  }

  /// `.a.b[0][]`, `select(…)`, `(…)`, each with suffixes.
  private mutating func parsePath() throws(JQPath.ParseError) -> [Term] {
    skipSpace()
    var terms: [Term] = []
    if peekWord("select") {
      i += "select".count
      try expect("(")
      try enter()
      let condition = try parseCondition()
      depth -= 1
      try expect(")")
      terms.append(.select(condition))
    } else if peekSymbol("(") {
      i += 1
      try enter()
      terms.append(.pipe(try parsePipe()))
      depth -= 1
      try expect(")")
    } else if peekSymbol(".") {
      i += 1
      if i < chars.count, isIdentifierStart(chars[i]) {
        terms.append(.key(identifier(), optional: optionalMark()))
      } else if i < chars.count, chars[i] == "\"" {
        terms.append(.key(try stringLiteral(), optional: optionalMark()))
      } else if i < chars.count, chars[i] == "[" {
        // `.[…]`: handled as a suffix below.
      } else {
        terms.append(.identity)
      }
    } else {
      throw error(i < chars.count ? "expected a path starting with '.', found '\(chars[i])'" : "expected a path")
    }
    try parseSuffixes(into: &terms)
    return terms
  }

  private mutating func parseSuffixes(into terms: inout [Term]) throws(JQPath.ParseError) {
    while i < chars.count {
      if chars[i] == ".", i + 1 < chars.count, isIdentifierStart(chars[i + 1]) {
        i += 1
        terms.append(.key(identifier(), optional: optionalMark()))
      } else if chars[i] == ".", i + 1 < chars.count, chars[i + 1] == "\"" {
        i += 1
        terms.append(.key(try stringLiteral(), optional: optionalMark()))
      } else if chars[i] == "." , i + 1 < chars.count, chars[i + 1] == "[" {
        i += 1
      } else if chars[i] == "[" {
        i += 1
        skipSpace()
        if peekSymbol("]") {
          i += 1
          terms.append(.iterate(optional: optionalMark()))
        } else if i < chars.count, chars[i] == "\"" {
          let key = try stringLiteral()
          try expect("]")
          terms.append(.key(key, optional: optionalMark()))
        } else {
          guard let number = integer() else { throw error("expected an index, a string or ']' after '['") }
          try expect("]")
          terms.append(.index(number, optional: optionalMark()))
        }
      } else {
        return
      }
    }
  }

  // MARK: Conditions

  private mutating func parseCondition() throws(JQPath.ParseError) -> Condition {
    var left = try parseConjunction()
    while peekWord("or") {
      i += 2
      left = .or(left, try parseConjunction())
    }
    return left
  }

  private mutating func parseConjunction() throws(JQPath.ParseError) -> Condition {
    var left = try parsePrimary()
    while peekWord("and") {
      i += 3
      left = .and(left, try parsePrimary())
    }
    return left
  }

  private mutating func parsePrimary() throws(JQPath.ParseError) -> Condition {
    skipSpace()
    var condition: Condition
    if peekSymbol("(") {
      i += 1
      try enter()
      condition = try parseCondition()
      depth -= 1
      try expect(")")
    } else {
      let left = try parseOperand()
      skipSpace()
      if let op = comparison() {
        condition = .compare(left, op, try parseOperand())
      } else {
        condition = .truthy(left)
      }
    }
    // Postfix filters on the condition's value: `| not`, `| test("re")` (the latter only after a path).
    while peekSymbol("|") {
      let mark = i
      i += 1
      skipSpace()
      if peekWord("not") {
        i += 3
        condition = .not(condition)
      } else if let name = ["test", "startswith", "endswith"].first(where: { peekWord($0) }),
        case .truthy(let operand) = condition
      {
        i += name.count
        try expect("(")
        skipSpace()
        guard i < chars.count, chars[i] == "\"" else { throw error("\(name)() takes a string") }
        let argument = try stringLiteral()
        try expect(")")
        condition = .function(operand, name, argument)
      } else {
        i = mark
        break
      }
    }
    return condition
  }

  private mutating func parseOperand() throws(JQPath.ParseError) -> Operand {
    skipSpace()
    guard i < chars.count else { throw error("expected a value") }
    if chars[i] == "\"" { return .literal(.string(try stringLiteral())) }
    if chars[i] == "-" || chars[i].isNumber {
      let start = i
      if chars[i] == "-" { i += 1 }
      while i < chars.count, chars[i].isNumber || chars[i] == "." { i += 1 }
      let text = String(chars[start..<i])
      if let int = Int64(text) { return .literal(.int(int)) }
      if let double = Double(text) { return .literal(.float(double)) }
      throw error("invalid number '\(text)'")
    }
    for (word, value) in [("true", ScalarValue.bool(true)), ("false", .bool(false)), ("null", .null)] where peekWord(word) {
      i += word.count
      return .literal(value)
    }
    var terms = try parsePath()
    // `.a | .b` inside a condition continues the path; `| not` and `| test(…)` are the caller's.
    while peekSymbol("|") {
      let mark = i
      i += 1
      skipSpace()
      guard peekSymbol(".") else {
        i = mark
        break
      }
      terms += try parsePath()
    }
    return .path(terms)
  }

  private mutating func comparison() -> String? {
    for op in ["==", "!=", "<=", ">=", "<", ">"] where matches(op) {
      i += op.count
      return op
    }
    return nil
  }

  // MARK: Lexing

  private func isIdentifierStart(_ c: Character) -> Bool { c.isLetter || c == "_" }

  private mutating func identifier() -> String {
    let start = i
    while i < chars.count, chars[i].isLetter || chars[i].isNumber || chars[i] == "_" { i += 1 }
    return String(chars[start..<i])
  }

  private mutating func integer() -> Int? {
    skipSpace()
    let start = i
    if i < chars.count, chars[i] == "-" { i += 1 }
    while i < chars.count, chars[i].isNumber { i += 1 }
    let value = Int(String(chars[start..<i]))
    if value == nil { i = start }
    return value
  }

  private mutating func stringLiteral() throws(JQPath.ParseError) -> String {
    let start = i
    i += 1
    var out = ""
    while i < chars.count, chars[i] != "\"" {
      if chars[i] == "\\", i + 1 < chars.count {
        i += 1
        switch chars[i] {
        case "n": out.append("\n")
        case "t": out.append("\t")
        default: out.append(chars[i])
        }
      } else {
        out.append(chars[i])
      }
      i += 1
    }
    guard i < chars.count else { throw JQPath.ParseError(message: "unterminated string", offset: start) }
    i += 1
    return out
  }

  private mutating func optionalMark() -> Bool {
    if i < chars.count, chars[i] == "?" {
      i += 1
      return true
    }
    return false
  }

  private mutating func skipSpace() {
    while i < chars.count, chars[i].isWhitespace { i += 1 }
  }

  private func matches(_ text: String) -> Bool {
    let needle = Array(text)
    return i + needle.count <= chars.count && chars[i..<(i + needle.count)].elementsEqual(needle)
  }

  private mutating func peekSymbol(_ symbol: Character) -> Bool {
    skipSpace()
    return i < chars.count && chars[i] == symbol
  }

  /// A keyword, not followed by an identifier character.
  private mutating func peekWord(_ word: String) -> Bool {
    skipSpace()
    guard matches(word) else { return false }
    let end = i + word.count
    return end >= chars.count || !(chars[end].isLetter || chars[end].isNumber || chars[end] == "_")
  }

  private mutating func expect(_ symbol: Character) throws(JQPath.ParseError) {
    guard peekSymbol(symbol) else {
      throw error(i < chars.count ? "expected '\(symbol)', found '\(chars[i])'" : "expected '\(symbol)' at the end")
    }
    i += 1
  }

  private mutating func enter() throws(JQPath.ParseError) {
    depth += 1
    if depth > Self.maximumDepth { throw error("nested more than \(Self.maximumDepth) levels deep") }
  }

  private func error(_ message: String) -> JQPath.ParseError { JQPath.ParseError(message: message, offset: i) }
}
