/// A small, strict JSON parser producing ``YAMLNode``s (numbers without a fraction or exponent become
/// integers, others floats; strings are double-quoted scalars). Used after Argo-style arg substitution,
/// which works on the JSON text of a metric.
public enum JSONReader {
  public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Go encoding/json style message, e.g. `invalid character 'x' in string escape code`.
    public var message: String
    public var offset: Int
    public var description: String { message }
  }

  public static func parse(_ text: String) throws(ParseError) -> YAMLNode {
    var parser = Parser(bytes: Array(text.utf8))
    parser.skipSpace()
    let node = try parser.value(depth: 0)
    parser.skipSpace()
    if parser.index < parser.bytes.count {
      throw parser.error("invalid character \(parser.describe(parser.bytes[parser.index])) after top-level value")
    }
    return node
  }

  private struct Parser {
    let bytes: [UInt8]
    var index = 0

    func error(_ message: String) -> ParseError { ParseError(message: message, offset: index) }

    func describe(_ byte: UInt8) -> String {
      if byte == UInt8(ascii: "'") { return "'\\''" }
      if byte == UInt8(ascii: "\"") { return "'\"'" }
      if byte < 0x20 || byte >= 0x7f { return "'\\x\(String(byte, radix: 16))'" }
      return "'\(Character(Unicode.Scalar(byte)))'"
    }

    mutating func skipSpace() {
      while index < bytes.count, [0x20, 0x09, 0x0a, 0x0d].contains(bytes[index]) { index += 1 }
    }

    mutating func value(depth: Int) throws(ParseError) -> YAMLNode {
      guard depth < 10_000 else { throw error("exceeded max depth") }
      guard index < bytes.count else { throw error("unexpected end of JSON input") }
      switch bytes[index] {
      case UInt8(ascii: "{"): return try object(depth: depth)
      case UInt8(ascii: "["): return try array(depth: depth)
      case UInt8(ascii: "\""): return .string(try string())
      case UInt8(ascii: "t"): try literal("true"); return .bool(true)
      case UInt8(ascii: "f"): try literal("false"); return .bool(false)
      case UInt8(ascii: "n"): try literal("null"); return .null()
      case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
      default: throw error("invalid character \(describe(bytes[index])) looking for beginning of value")
      }
    }

    mutating func literal(_ word: String) throws(ParseError) {
      for expected in word.utf8 {
        guard index < bytes.count else { throw error("unexpected end of JSON input") }
        guard bytes[index] == expected else {
          throw error("invalid character \(describe(bytes[index])) in literal \(word) (expecting '\(Character(Unicode.Scalar(expected)))')")
        }
        index += 1
      }
    }

    mutating func object(depth: Int) throws(ParseError) -> YAMLNode {
      index += 1
      var entries: [YAMLEntry] = []
      skipSpace()
      if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
        index += 1
        return .mapping(entries)
      }
      while true {
        skipSpace()
        guard index < bytes.count else { throw error("unexpected end of JSON input") }
        guard bytes[index] == UInt8(ascii: "\"") else {
          throw error("invalid character \(describe(bytes[index])) looking for beginning of object key string")
        }
        let key = try string()
        skipSpace()
        guard index < bytes.count else { throw error("unexpected end of JSON input") }
        guard bytes[index] == UInt8(ascii: ":") else {
          throw error("invalid character \(describe(bytes[index])) after object key")
        }
        index += 1
        skipSpace()
        entries.append(YAMLEntry(key: key, value: try value(depth: depth + 1)))
        skipSpace()
        guard index < bytes.count else { throw error("unexpected end of JSON input") }
        if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
        if bytes[index] == UInt8(ascii: "}") { index += 1; return .mapping(entries) }
        throw error("invalid character \(describe(bytes[index])) after object key:value pair")
      }
    }

    mutating func array(depth: Int) throws(ParseError) -> YAMLNode {
      index += 1
      var items: [YAMLNode] = []
      skipSpace()
      if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
        index += 1
        return .sequence(items)
      }
      while true {
        skipSpace()
        items.append(try value(depth: depth + 1))
        skipSpace()
        guard index < bytes.count else { throw error("unexpected end of JSON input") }
        if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
        if bytes[index] == UInt8(ascii: "]") { index += 1; return .sequence(items) }
        throw error("invalid character \(describe(bytes[index])) after array element")
      }
    }

    mutating func string() throws(ParseError) -> String {
      index += 1
      var out: [UInt8] = []
      while true {
        guard index < bytes.count else { throw error("unexpected end of JSON input") }
        let byte = bytes[index]
        switch byte {
        case UInt8(ascii: "\""):
          index += 1
          return String(decoding: out, as: UTF8.self)
        case UInt8(ascii: "\\"):
          index += 1
          guard index < bytes.count else { throw error("unexpected end of JSON input") }
          let escape = bytes[index]
          index += 1
          switch escape {
          case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
          case UInt8(ascii: "b"): out.append(0x08)
          case UInt8(ascii: "f"): out.append(0x0c)
          case UInt8(ascii: "n"): out.append(0x0a)
          case UInt8(ascii: "r"): out.append(0x0d)
          case UInt8(ascii: "t"): out.append(0x09)
          case UInt8(ascii: "u"):
            var code = try hex4()
            if (0xD800..<0xDC00).contains(code), index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
              bytes[index + 1] == UInt8(ascii: "u")
            {
              index += 2
              let low = try hex4()
              code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            }
            let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
            out.append(contentsOf: Array(String(Character(scalar)).utf8))
          default:
            index -= 1
            throw error("invalid character \(describe(escape)) in string escape code")
          }
        default:
          if byte < 0x20 { throw error("invalid character \(describe(byte)) in string literal") }
          out.append(byte)
          index += 1
        }
      }
    }

    mutating func hex4() throws(ParseError) -> UInt32 {
      var value: UInt32 = 0
      for _ in 0..<4 {
        guard index < bytes.count else { throw error("unexpected end of JSON input") }
        let c = bytes[index]
        let digit: UInt32
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(c - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(c - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(c - UInt8(ascii: "A") + 10)
        default: throw error("invalid character \(describe(c)) in \\u hexadecimal character escape")
        }
        value = value * 16 + digit
        index += 1
      }
      return value
    }

    mutating func number() throws(ParseError) -> YAMLNode {
      let start = index
      var isFloat = false
      if bytes[index] == UInt8(ascii: "-") { index += 1 }
      func isDigit(_ i: Int) -> Bool { i < bytes.count && bytes[i] >= UInt8(ascii: "0") && bytes[i] <= UInt8(ascii: "9") }
      guard isDigit(index) else {
        if index < bytes.count { throw error("invalid character \(describe(bytes[index])) in numeric literal") }
        throw error("unexpected end of JSON input")
      }
      if bytes[index] == UInt8(ascii: "0") { index += 1 } else { while isDigit(index) { index += 1 } }
      if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
        isFloat = true
        index += 1
        guard isDigit(index) else { throw error("invalid character after decimal point in numeric literal") }
        while isDigit(index) { index += 1 }
      }
      if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
        isFloat = true
        index += 1
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard isDigit(index) else { throw error("invalid character in exponent of numeric literal") }
        while isDigit(index) { index += 1 }
      }
      let text = String(decoding: bytes[start..<index], as: UTF8.self)
      if !isFloat, let i = Int64(text) { return YAMLNode(.scalar(YAMLScalar(text: text, style: .plain, value: .int(i)))) }
      return YAMLNode(.scalar(YAMLScalar(text: text, style: .plain, value: .float(Double(text) ?? .nan))))
    }
  }
}
