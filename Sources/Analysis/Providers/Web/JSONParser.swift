/// `json.Unmarshal` into `interface{}`: numbers become float64, objects maps (last duplicate key
/// wins), arrays `[]interface{}`. Fails on anything that is not exactly one JSON value.
enum JSONParser {
  struct Failure: Error { var message: String }

  static func parse(_ text: String) -> Result<ResultValue, Failure> {
    var parser = Parser(bytes: Array(text.utf8))
    do {
      parser.skipSpace()
      let value = try parser.value(depth: 0)
      parser.skipSpace()
      if parser.index < parser.bytes.count {
        throw Failure(message: "invalid character \(parser.describe(parser.bytes[parser.index])) after top-level value")
      }
      return .success(value)
    } catch let failure as Failure {
      return .failure(failure)
    } catch {
      return .failure(Failure(message: "\(error)"))
    }
  }

  private struct Parser {
    let bytes: [UInt8]
    var index = 0

    mutating func skipSpace() {
      while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    func describe(_ byte: UInt8) -> String {
      byte < 0x80 ? "'\(Character(Unicode.Scalar(byte)))'" : "'\\u00\(String(byte, radix: 16))'"
    }

    func unexpected() -> Failure {
      index < bytes.count
        ? Failure(message: "invalid character \(describe(bytes[index])) looking for beginning of value")
        : Failure(message: "unexpected end of JSON input")
    }

    mutating func value(depth: Int) throws -> ResultValue {
      // Go allows 10,000 levels; a simulated body never nests this deep, and the stack must not overflow.
      if depth >= 256 { throw Failure(message: "exceeded max depth") }
      guard index < bytes.count else { throw unexpected() }
      switch bytes[index] {
      case UInt8(ascii: "{"): return try object(depth: depth)
      case UInt8(ascii: "["): return try array(depth: depth)
      case UInt8(ascii: "\""): return .string(try string())
      case UInt8(ascii: "t"): try literal("true"); return .bool(true)
      case UInt8(ascii: "f"): try literal("false"); return .bool(false)
      case UInt8(ascii: "n"): try literal("null"); return .null
      case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
      default: throw unexpected()
      }
    }

    mutating func literal(_ word: String) throws {
      let w = Array(word.utf8)
      guard index + w.count <= bytes.count, Array(bytes[index..<index + w.count]) == w else { throw unexpected() }
      index += w.count
    }

    mutating func number() throws -> Double {
      let start = index
      if bytes[index] == UInt8(ascii: "-") { index += 1 }
      func digits() -> Int {
        let s = index
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
        return index - s
      }
      guard index < bytes.count else { throw unexpected() }
      if bytes[index] == UInt8(ascii: "0") { index += 1 } else if digits() == 0 { throw unexpected() }
      if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
        index += 1
        if digits() == 0 { throw unexpected() }
      }
      if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
        index += 1
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
        if digits() == 0 { throw unexpected() }
      }
      let text = String(decoding: bytes[start..<index], as: UTF8.self)
      guard let value = Double(text), value.isFinite else {
        throw Failure(message: "json: cannot unmarshal number \(text) into Go value of type float64")
      }
      return value
    }

    mutating func string() throws -> String {
      index += 1  // opening quote
      var out: [UInt8] = []
      while index < bytes.count {
        let b = bytes[index]
        if b == UInt8(ascii: "\"") {
          index += 1
          return String(decoding: out, as: UTF8.self)
        }
        if b < 0x20 { throw Failure(message: "invalid character \(describe(b)) in string literal") }
        if b == UInt8(ascii: "\\") {
          index += 1
          guard index < bytes.count else { break }
          let e = bytes[index]
          index += 1
          switch e {
          case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
          case UInt8(ascii: "b"): out.append(0x08)
          case UInt8(ascii: "f"): out.append(0x0C)
          case UInt8(ascii: "n"): out.append(0x0A)
          case UInt8(ascii: "r"): out.append(0x0D)
          case UInt8(ascii: "t"): out.append(0x09)
          case UInt8(ascii: "u"):
            var code = try hex4()
            if (0xD800..<0xDC00).contains(code), index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
              bytes[index + 1] == UInt8(ascii: "u")
            {
              index += 2
              let low = try hex4()
              code = (0xDC00..<0xE000).contains(low) ? 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00) : 0xFFFD
            }
            let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
            out.append(contentsOf: Array(String(Character(scalar)).utf8))
          default:
            throw Failure(message: "invalid character \(describe(e)) in string escape code")
          }
          continue
        }
        out.append(b)
        index += 1
      }
      throw Failure(message: "unexpected end of JSON input")
    }

    mutating func hex4() throws -> UInt32 {
      guard index + 4 <= bytes.count, let v = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
      else { throw Failure(message: "invalid character in \\u hexadecimal character escape") }
      index += 4
      return v
    }

    mutating func array(depth: Int) throws -> ResultValue {
      index += 1
      var items: [ResultValue] = []
      skipSpace()
      if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
        index += 1
        return .array(items)
      }
      while true {
        skipSpace()
        items.append(try value(depth: depth + 1))
        skipSpace()
        guard index < bytes.count else { throw unexpected() }
        if bytes[index] == UInt8(ascii: ",") {
          index += 1
          continue
        }
        if bytes[index] == UInt8(ascii: "]") {
          index += 1
          return .array(items)
        }
        throw Failure(message: "invalid character \(describe(bytes[index])) after array element")
      }
    }

    mutating func object(depth: Int) throws -> ResultValue {
      index += 1
      var fields: [String: ResultValue] = [:]
      skipSpace()
      if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
        index += 1
        return .object(fields)
      }
      while true {
        skipSpace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
          if index < bytes.count {
            throw Failure(message: "invalid character \(describe(bytes[index])) looking for beginning of object key string")
          }
          throw unexpected()
        }
        let key = try string()
        skipSpace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
          if index < bytes.count {
            throw Failure(message: "invalid character \(describe(bytes[index])) after object key")
          }
          throw unexpected()
        }
        index += 1
        skipSpace()
        fields[key] = try value(depth: depth + 1)
        skipSpace()
        guard index < bytes.count else { throw unexpected() }
        if bytes[index] == UInt8(ascii: ",") {
          index += 1
          continue
        }
        if bytes[index] == UInt8(ascii: "}") {
          index += 1
          return .object(fields)
        }
        throw Failure(message: "invalid character \(describe(bytes[index])) after object key:value pair")
      }
    }
  }
}
