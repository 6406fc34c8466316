import Foundation
import GoCompat

/// Go's `encoding/json` as expr's `toJSON` / `fromJSON` use it: objects decode to
/// `map[string]interface {}`, arrays to `[]interface {}`, numbers to `float64`; encoding sorts map
/// keys and escapes HTML characters.
public enum GoJSON {
  public struct Failure: Error, Sendable, Hashable {
    public var message: String
    /// Byte offset of the problem in the input, for decoding errors.
    public var offset: Int
  }

  // MARK: - Decoding

  /// Decodes JSON text. With `allowNonFinite`, the bare words `NaN`, `Inf`, `+Inf`, `-Inf` (and
  /// `Infinity`) are accepted wherever a number may stand — an extension for Prometheus values.
  public static func decode(_ text: String, allowNonFinite: Bool = false) -> Result<Value, Failure> {
    var reader = Reader(bytes: Array(text.utf8), allowNonFinite: allowNonFinite)
    do throws(Failure) {
      reader.skipSpace()
      let value = try reader.value(depth: 0)
      reader.skipSpace()
      if let byte = reader.peek() {
        throw reader.failure("invalid character \(Reader.describe(byte)) after top-level value")
      }
      return .success(value)
    } catch {
      return .failure(error)
    }
  }

  private struct Reader {
    let bytes: [UInt8]
    let allowNonFinite: Bool
    var position = 0

    func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

    func failure(_ message: String) -> Failure { Failure(message: message, offset: position) }

    static func describe(_ byte: UInt8) -> String {
      switch byte {
      case UInt8(ascii: "'"): return "'\\''"
      case UInt8(ascii: "\""): return "'\"'"
      case 0x20..<0x7F: return "'\(Character(Unicode.Scalar(byte)))'"
      default: return "'\\x\(String(byte, radix: 16, uppercase: false))'"
      }
    }

    mutating func skipSpace() {
      while let byte = peek(), byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { position += 1 }
    }

    mutating func value(depth: Int) throws(Failure) -> Value {
      guard depth < 10_000 else { throw failure("exceeded max depth") }
      guard let byte = peek() else { throw failure("unexpected end of JSON input") }
      switch byte {
      case UInt8(ascii: "{"): return try object(depth: depth)
      case UInt8(ascii: "["): return try array(depth: depth)
      case UInt8(ascii: "\""): return .string(try string())
      case UInt8(ascii: "t"): return try literal("true", .bool(true))
      case UInt8(ascii: "f"): return try literal("false", .bool(false))
      case UInt8(ascii: "n"): return try literal("null", .null)
      case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
        if allowNonFinite, let special = nonFinite() { return .float(special) }
        return .float(try number())
      default:
        if allowNonFinite, let special = nonFinite() { return .float(special) }
        throw failure("invalid character \(Self.describe(byte)) looking for beginning of value")
      }
    }

    mutating func nonFinite() -> Double? {
      for (word, value) in [
        ("-Infinity", -Double.infinity), ("+Infinity", Double.infinity), ("Infinity", Double.infinity),
        ("-Inf", -Double.infinity), ("+Inf", Double.infinity), ("Inf", Double.infinity), ("NaN", Double.nan),
      ] {
        let wordBytes = Array(word.utf8)
        if position + wordBytes.count <= bytes.count,
          bytes[position..<(position + wordBytes.count)].elementsEqual(wordBytes)
        {
          let after = position + wordBytes.count
          if after < bytes.count, Self.isWordByte(bytes[after]) { continue }
          position = after
          return value
        }
      }
      return nil
    }

    static func isWordByte(_ byte: UInt8) -> Bool {
      (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
        || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    mutating func literal(_ word: String, _ value: Value) throws(Failure) -> Value {
      for expected in word.utf8 {
        guard let byte = peek() else { throw failure("unexpected end of JSON input") }
        guard byte == expected else {
          throw failure("invalid character \(Self.describe(byte)) in literal \(word) (expecting '\(Character(Unicode.Scalar(expected)))')")
        }
        position += 1
      }
      return value
    }

    mutating func number() throws(Failure) -> Double {
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
        throw failure("invalid character \(Self.describe(first)) in numeric literal")
      }
      if peek() == UInt8(ascii: ".") {
        position += 1
        guard let next = peek() else { throw failure("unexpected end of JSON input") }
        if digits() == 0 { throw failure("invalid character \(Self.describe(next)) after decimal point in numeric literal") }
      }
      if let e = peek(), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
        position += 1
        if let sign = peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { position += 1 }
        guard let next = peek() else { throw failure("unexpected end of JSON input") }
        if digits() == 0 { throw failure("invalid character \(Self.describe(next)) in exponent of numeric literal") }
      }
      let text = String(decoding: bytes[start..<position], as: UTF8.self)
      guard let value = Double(text), value.isFinite else {
        throw failure("json: cannot unmarshal number \(text) into Go value of type float64")
      }
      return value
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
            throw failure("invalid character \(Self.describe(escape)) in string escape code")
          }
        case 0..<0x20:
          throw failure("invalid character \(Self.describe(byte)) in string literal")
        default:
          out.append(byte)
        }
      }
    }

    mutating func hex4() throws(Failure) -> UInt32 {
      var code: UInt32 = 0
      for _ in 0..<4 {
        guard let byte = peek() else { throw failure("unexpected end of JSON input") }
        guard let digit = Character(Unicode.Scalar(byte)).hexDigitValue, byte < 0x80 else {
          throw failure("invalid character \(Self.describe(byte)) in \\u hexadecimal character escape")
        }
        code = code << 4 | UInt32(digit)
        position += 1
      }
      return code
    }

    mutating func array(depth: Int) throws(Failure) -> Value {
      position += 1
      var elements: [Value] = []
      skipSpace()
      if peek() == UInt8(ascii: "]") {
        position += 1
        return .list(elements)
      }
      while true {
        skipSpace()
        elements.append(try value(depth: depth + 1))
        skipSpace()
        guard let byte = peek() else { throw failure("unexpected end of JSON input") }
        position += 1
        if byte == UInt8(ascii: "]") { return .list(elements) }
        guard byte == UInt8(ascii: ",") else {
          position -= 1
          throw failure("invalid character \(Self.describe(byte)) after array element")
        }
      }
    }

    mutating func object(depth: Int) throws(Failure) -> Value {
      position += 1
      var entries: [String: Value] = [:]
      skipSpace()
      if peek() == UInt8(ascii: "}") {
        position += 1
        return .map(entries)
      }
      while true {
        skipSpace()
        guard let quote = peek() else { throw failure("unexpected end of JSON input") }
        guard quote == UInt8(ascii: "\"") else {
          throw failure("invalid character \(Self.describe(quote)) looking for beginning of object key string")
        }
        let key = try string()
        skipSpace()
        guard let colon = peek() else { throw failure("unexpected end of JSON input") }
        guard colon == UInt8(ascii: ":") else {
          throw failure("invalid character \(Self.describe(colon)) after object key")
        }
        position += 1
        skipSpace()
        entries[key] = try value(depth: depth + 1)
        skipSpace()
        guard let byte = peek() else { throw failure("unexpected end of JSON input") }
        position += 1
        if byte == UInt8(ascii: "}") { return .map(entries) }
        guard byte == UInt8(ascii: ",") else {
          position -= 1
          throw failure("invalid character \(Self.describe(byte)) after object key:value pair")
        }
      }
    }
  }

  // MARK: - Encoding

  /// Encodes like `json.Marshal` (compact) or `json.MarshalIndent(v, "", indent)`.
  public static func encode(_ value: Value, indent: String? = nil) throws(Failure) -> String {
    var out = ""
    try write(value, to: &out, indent: indent, level: 0)
    return out
  }

  private static func write(_ value: Value, to out: inout String, indent: String?, level: Int) throws(Failure) {
    guard level < 1_000 else { throw Failure(message: "json: unsupported value: nesting too deep", offset: 0) }
    func newline(_ depth: Int) {
      guard let indent else { return }
      out += "\n" + String(repeating: indent, count: depth)
    }
    switch value {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .int(let i): out += String(i)
    case .int64(let i): out += String(i)
    case .float(let f):
      guard f.isFinite else {
        throw Failure(message: "json: unsupported value: \(GoFormat.float(f))", offset: 0)
      }
      out += GoFormat.jsonFloat(f)
    case .string(let s): JSONQuoting.append(s, escaping: .goMarshal, to: &out)
    case .bytes(let bytes): out += "\"" + Data(bytes).base64EncodedString() + "\""
    case .floats, .list:
      let elements = Operations.listElements(value) ?? []
      if elements.isEmpty {
        out += "[]"
        return
      }
      out += "["
      for (index, element) in elements.enumerated() {
        if index > 0 { out += "," }
        newline(level + 1)
        try write(element, to: &out, indent: indent, level: level + 1)
      }
      newline(level)
      out += "]"
    case .map(let entries):
      try writeObject(entries.keys.sorted(by: GoFormat.goLess).map { ($0, entries[$0]!) }, to: &out, indent: indent, level: level)
    case .object(let object):
      try writeObject(Array(zip(object.type.fieldNames, object.fields)), to: &out, indent: indent, level: level)
    case .function(let function):
      throw Failure(message: "json: unsupported type: \(function.type.description)", offset: 0)
    }
  }

  private static func writeObject(_ entries: [(String, Value)], to out: inout String, indent: String?, level: Int)
    throws(Failure)
  {
    if entries.isEmpty {
      out += "{}"
      return
    }
    out += "{"
    for (index, (key, element)) in entries.enumerated() {
      if index > 0 { out += "," }
      if let indent { out += "\n" + String(repeating: indent, count: level + 1) }
      JSONQuoting.append(key, escaping: .goMarshal, to: &out)
      out += indent == nil ? ":" : ": "
      try write(element, to: &out, indent: indent, level: level + 1)
    }
    if let indent { out += "\n" + String(repeating: indent, count: level) }
    out += "}"
  }
}
