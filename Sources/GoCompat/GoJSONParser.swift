/// Go's `encoding/json` decoder as far as its answers show: what it accepts, and its error messages
/// (`invalid character 'x' looking for beginning of value`, `unexpected end of JSON input`, …) with
/// the byte offset where it stopped.
public enum GoJSONParser {
  public struct Failure: Error, Sendable, Hashable {
    public var message: String
    /// Byte offset of the problem in the input.
    public var offset: Int
    public init(message: String, offset: Int) {
      self.message = message
      self.offset = offset
    }
  }

  public struct Options: Sendable, Hashable {
    /// Nesting beyond this fails with Go's `exceeded max depth` (Go allows 10,000 levels).
    public var maxDepth: Int
    /// Accept the bare words `NaN`, `Inf`, `+Inf`, `-Inf`, `Infinity` wherever a number may stand:
    /// an extension for Prometheus values, which Go does not have.
    public var nonFiniteWords: Bool
    /// Refuse numbers a float64 cannot hold (`1e400`), as decoding into `interface{}` does, with
    /// Go's `json: cannot unmarshal number … into Go value of type float64`.
    public var numbersMustFitFloat64: Bool

    public init(maxDepth: Int = 10_000, nonFiniteWords: Bool = false, numbersMustFitFloat64: Bool = true) {
      self.maxDepth = maxDepth
      self.nonFiniteWords = nonFiniteWords
      self.numbersMustFitFloat64 = numbersMustFitFloat64
    }
  }

  /// Reads exactly one JSON value (surrounded by optional white space).
  public static func parse(_ text: String, options: Options = Options()) -> Result<JSONTree, Failure> {
    var reader = Reader(bytes: Array(text.utf8), options: options)
    do throws(Failure) {
      reader.skipSpace()
      let value = try reader.value(depth: 0)
      reader.skipSpace()
      if let byte = reader.peek() {
        throw reader.failure("invalid character \(describe(byte)) after top-level value")
      }
      return .success(value)
    } catch {
      return .failure(error)
    }
  }

  /// A byte as Go's scanner quotes it in messages: `'x'`, `'\''`, `'"'`, `'\x1'`.
  static func describe(_ byte: UInt8) -> String {
    switch byte {
    case UInt8(ascii: "'"): return "'\\''"
    case UInt8(ascii: "\""): return "'\"'"
    case 0x20..<0x7F: return "'\(Character(Unicode.Scalar(byte)))'"
    default: return "'\\x\(String(byte, radix: 16, uppercase: false))'"
    }
  }

  private struct Reader {
    let bytes: [UInt8]
    let options: Options
    var position = 0

    init(bytes: [UInt8], options: Options) {
      self.bytes = bytes
      self.options = options
    }

    func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

    func failure(_ message: String) -> Failure { Failure(message: message, offset: position) }

    mutating func skipSpace() {
      while let byte = peek(), byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { position += 1 }
    }

    mutating func value(depth: Int) throws(Failure) -> JSONTree {
      guard depth < options.maxDepth else { throw failure("exceeded max depth") }
      guard let byte = peek() else { throw failure("unexpected end of JSON input") }
      switch byte {
      case UInt8(ascii: "{"): return try object(depth: depth)
      case UInt8(ascii: "["): return try array(depth: depth)
      case UInt8(ascii: "\""): return .string(try string())
      case UInt8(ascii: "t"): return try literal("true", .bool(true))
      case UInt8(ascii: "f"): return try literal("false", .bool(false))
      case UInt8(ascii: "n"): return try literal("null", .null)
      case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
        if options.nonFiniteWords, let word = nonFiniteWord() { return .number(word) }
        return .number(try number())
      default:
        if options.nonFiniteWords, let word = nonFiniteWord() { return .number(word) }
        throw failure("invalid character \(describe(byte)) looking for beginning of value")
      }
    }

    static let nonFiniteWords = ["-Infinity", "+Infinity", "Infinity", "-Inf", "+Inf", "Inf", "NaN"].map { Array($0.utf8) }

    mutating func nonFiniteWord() -> String? {
      for word in Self.nonFiniteWords {
        let end = position + word.count
        guard end <= bytes.count, bytes[position..<end].elementsEqual(word) else { continue }
        // `Infinityx` is not a number followed by garbage but no number at all.
        if end < bytes.count, Self.isWordByte(bytes[end]) { continue }
        position = end
        return String(decoding: word, as: UTF8.self)
      }
      return nil
    }

    static func isWordByte(_ byte: UInt8) -> Bool {
      (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
        || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    mutating func literal(_ word: String, _ value: JSONTree) throws(Failure) -> JSONTree {
      for expected in word.utf8 {
        guard let byte = peek() else { throw failure("unexpected end of JSON input") }
        guard byte == expected else {
          throw failure(
            "invalid character \(describe(byte)) in literal \(word) (expecting '\(Character(Unicode.Scalar(expected)))')")
        }
        position += 1
      }
      return value
    }

    mutating func number() throws(Failure) -> String {
      let start = position
      func digits() -> Int {
        var count = 0
        while let byte = peek(), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
          position += 1
          count += 1
        }
        return count
      }
      if peek() == UInt8(ascii: "-") { position += 1 }
      guard let first = peek() else { throw failure("unexpected end of JSON input") }
      if first == UInt8(ascii: "0") {
        position += 1
      } else if digits() == 0 {
        throw failure("invalid character \(describe(first)) in numeric literal")
      }
      if peek() == UInt8(ascii: ".") {
        position += 1
        guard let next = peek() else { throw failure("unexpected end of JSON input") }
        if digits() == 0 { throw failure("invalid character \(describe(next)) after decimal point in numeric literal") }
      }
      if let e = peek(), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
        position += 1
        if let sign = peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { position += 1 }
        guard let next = peek() else { throw failure("unexpected end of JSON input") }
        if digits() == 0 { throw failure("invalid character \(describe(next)) in exponent of numeric literal") }
      }
      let text = String(decoding: bytes[start..<position], as: UTF8.self)
      if options.numbersMustFitFloat64 {
        guard let value = Double(text), value.isFinite else {
          throw failure("json: cannot unmarshal number \(text) into Go value of type float64")
        }
      }
      return text
    }

    mutating func string() throws(Failure) -> String {
      position += 1  // opening quote
      var out: [UInt8] = []
      while true {
        guard let byte = peek() else { throw failure("unexpected end of JSON input") }
        position += 1
        switch byte {
        case UInt8(ascii: "\""):
          return String(decoding: out, as: UTF8.self)
        case UInt8(ascii: "\\"):
          guard let escape = peek() else { throw failure("unexpected end of JSON input") }
          position += 1
          switch escape {
          case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
          case UInt8(ascii: "b"): out.append(0x08)
          case UInt8(ascii: "f"): out.append(0x0C)
          case UInt8(ascii: "n"): out.append(0x0A)
          case UInt8(ascii: "r"): out.append(0x0D)
          case UInt8(ascii: "t"): out.append(0x09)
          case UInt8(ascii: "u"):
            var code = try hex4()
            // A high surrogate joins the low one that follows; anything else stays a lone
            // surrogate (U+FFFD) and the next escape is read on its own, as Go does.
            if (0xD800..<0xDC00).contains(code), position + 6 <= bytes.count, bytes[position] == UInt8(ascii: "\\"),
              bytes[position + 1] == UInt8(ascii: "u")
            {
              let saved = position
              position += 2
              let low = try hex4()
              if (0xDC00..<0xE000).contains(low) {
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
              } else {
                position = saved
              }
            }
            let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
            out += Array(String(scalar).utf8)
          default:
            throw failure("invalid character \(describe(escape)) in string escape code")
          }
        case 0..<0x20:
          throw failure("invalid character \(describe(byte)) in string literal")
        default:
          out.append(byte)
        }
      }
    }

    mutating func hex4() throws(Failure) -> UInt32 {
      var code: UInt32 = 0
      for _ in 0..<4 {
        guard let byte = peek() else { throw failure("unexpected end of JSON input") }
        guard byte < 0x80, let digit = Character(Unicode.Scalar(byte)).hexDigitValue else {
          throw failure("invalid character \(describe(byte)) in \\u hexadecimal character escape")
        }
        code = code << 4 | UInt32(digit)
        position += 1
      }
      return code
    }

    mutating func array(depth: Int) throws(Failure) -> JSONTree {
      position += 1
      var elements: [JSONTree] = []
      skipSpace()
      if peek() == UInt8(ascii: "]") {
        position += 1
        return .array(elements)
      }
      while true {
        skipSpace()
        elements.append(try value(depth: depth + 1))
        skipSpace()
        guard let byte = peek() else { throw failure("unexpected end of JSON input") }
        position += 1
        if byte == UInt8(ascii: "]") { return .array(elements) }
        guard byte == UInt8(ascii: ",") else {
          position -= 1
          throw failure("invalid character \(describe(byte)) after array element")
        }
      }
    }

    mutating func object(depth: Int) throws(Failure) -> JSONTree {
      position += 1
      var members: [JSONTree.Member] = []
      skipSpace()
      if peek() == UInt8(ascii: "}") {
        position += 1
        return .object(members)
      }
      while true {
        skipSpace()
        guard let quote = peek() else { throw failure("unexpected end of JSON input") }
        guard quote == UInt8(ascii: "\"") else {
          throw failure("invalid character \(describe(quote)) looking for beginning of object key string")
        }
        let key = try string()
        skipSpace()
        guard let colon = peek() else { throw failure("unexpected end of JSON input") }
        guard colon == UInt8(ascii: ":") else {
          throw failure("invalid character \(describe(colon)) after object key")
        }
        position += 1
        skipSpace()
        members.append(JSONTree.Member(key: key, value: try value(depth: depth + 1)))
        skipSpace()
        guard let byte = peek() else { throw failure("unexpected end of JSON input") }
        position += 1
        if byte == UInt8(ascii: "}") { return .object(members) }
        guard byte == UInt8(ascii: ",") else {
          position -= 1
          throw failure("invalid character \(describe(byte)) after object key:value pair")
        }
      }
    }
  }
}
