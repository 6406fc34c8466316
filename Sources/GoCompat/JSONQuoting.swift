/// JSON string literals spelled as Go's `encoding/json` spells them: `\"`, `\\`, `\n`, `\r`, `\t`,
/// `\b`, `\f`, other control characters as `\u00XX` (lower-case hex), everything else verbatim.
///
/// `json.Marshal` also escapes `<`, `>`, `&` (so JSON can sit inside HTML) and U+2028/U+2029 (so it can
/// sit inside JavaScript); an `Encoder` with `SetEscapeHTML(false)` keeps only the latter. Texts that
/// are not compared with Go's bytes (reports, the store, canonical forms) leave both out: a decoder
/// reads the same string either way.
///
/// `\b` and `\f` are Go 1.22's spelling (earlier versions wrote `\u0008`, `\u000c`); Argo Rollouts is
/// built with Go 1.26.
public enum JSONQuoting {
  public struct Escaping: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// `<`, `>`, `&` as `\u003c`, `\u003e`, `\u0026`.
    public static let html = Escaping(rawValue: 1)
    /// U+2028 and U+2029 as `\u2028` and `\u2029`.
    public static let lineSeparators = Escaping(rawValue: 2)

    /// What `json.Marshal` writes.
    public static let goMarshal: Escaping = [.html, .lineSeparators]
    /// What a `json.Encoder` with `SetEscapeHTML(false)` writes.
    public static let goWithoutHTML: Escaping = [.lineSeparators]
    /// Only what JSON requires (plus the short forms of `\n`, `\r`, `\t`).
    public static let minimal: Escaping = []
  }

  /// `text` as a double-quoted JSON string literal.
  public static func quote(_ text: String, escaping: Escaping) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count + 2)
    append(text, escaping: escaping, to: &out)
    return out
  }

  /// Appends `text` as a double-quoted JSON string literal to `out`.
  public static func append(_ text: String, escaping: Escaping, to out: inout String) {
    // Most strings (keys, label values, names) need no escape: copy them whole.
    guard text.utf8.contains(where: { needsEscape($0, escaping) }) else {
      out += "\""
      out += text
      out += "\""
      return
    }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(text.utf8.count + 16)
    bytes.append(UInt8(ascii: "\""))
    let utf8 = Array(text.utf8)
    var index = 0
    while index < utf8.count {
      let byte = utf8[index]
      index += 1
      switch byte {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"):
        bytes.append(UInt8(ascii: "\\"))
        bytes.append(byte)
      case UInt8(ascii: "\n"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
      case UInt8(ascii: "\r"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
      case UInt8(ascii: "\t"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
      case 0x08: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "b")]
      case 0x0C: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "f")]
      case 0..<0x20:
        appendUnicodeEscape(UInt32(byte), to: &bytes)
      case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"):
        if escaping.contains(.html) {
          appendUnicodeEscape(UInt32(byte), to: &bytes)
        } else {
          bytes.append(byte)
        }
      case 0xE2:
        // E2 80 A8 / E2 80 A9 are U+2028 / U+2029.
        if escaping.contains(.lineSeparators), index + 1 < utf8.count, utf8[index] == 0x80,
          utf8[index + 1] == 0xA8 || utf8[index + 1] == 0xA9
        {
          appendUnicodeEscape(utf8[index + 1] == 0xA8 ? 0x2028 : 0x2029, to: &bytes)
          index += 2
        } else {
          bytes.append(byte)
        }
      default:
        bytes.append(byte)
      }
    }
    bytes.append(UInt8(ascii: "\""))
    out += String(decoding: bytes, as: UTF8.self)
  }

  private static func needsEscape(_ byte: UInt8, _ escaping: Escaping) -> Bool {
    switch byte {
    case 0..<0x20, UInt8(ascii: "\""), UInt8(ascii: "\\"): true
    case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"): escaping.contains(.html)
    case 0xE2: escaping.contains(.lineSeparators)
    default: false
    }
  }

  private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

  /// `\uXXXX` with four lower-case hex digits, as Go writes it.
  private static func appendUnicodeEscape(_ value: UInt32, to bytes: inout [UInt8]) {
    bytes += [UInt8(ascii: "\\"), UInt8(ascii: "u")]
    for shift in stride(from: 12, through: 0, by: -4) {
      bytes.append(hexDigits[Int((value >> UInt32(shift)) & 0xF)])
    }
  }
}
