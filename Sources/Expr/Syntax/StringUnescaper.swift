/// Decodes quoted string and bytes literals the way expr's `parser/lexer/utils.go` does, with the same
/// error messages.
enum StringUnescaper {
  enum Outcome {
    case success(String)
    case failure(String)
  }

  /// `value` is the literal with its quotes. The result is the decoded text.
  static func unescape(_ value: String) -> Outcome {
    decode(value, bytes: false)
  }

  /// `value` is the literal with its quotes (no `b` prefix). The result holds one Unicode scalar per
  /// byte (U+0000…U+00FF), because Swift strings cannot carry arbitrary bytes.
  static func unescapeBytes(_ value: String) -> Outcome {
    decode(value, bytes: true)
  }

  private static func decode(_ value: String, bytes: Bool) -> Outcome {
    let scalars = normalizeNewlines(Array(value.unicodeScalars))
    guard scalars.count >= 2 else { return .failure("unable to unescape string") }
    guard let first = scalars.first, first == scalars.last, first == "\"" || first == "'" else {
      return .failure("unable to unescape string")
    }
    var input = scalars[1..<(scalars.count - 1)]
    var output = String.UnicodeScalarView()
    while let c = input.first {
      input = input.dropFirst()
      if c != "\\" {
        if bytes {
          for byte in String(c).utf8 { output.append(Unicode.Scalar(byte)) }
        } else {
          output.append(c)
        }
        continue
      }
      guard let escape = input.first else {
        return .failure("unable to unescape string, found '\\' as last character")
      }
      input = input.dropFirst()
      switch escape {
      case "a": output.append("\u{07}")
      case "b": output.append("\u{08}")
      case "f": output.append("\u{0C}")
      case "n": output.append("\n")
      case "r": output.append("\r")
      case "t": output.append("\t")
      case "v": output.append("\u{0B}")
      case "\\", "'", "\"", "`", "?": output.append(escape)
      case "x", "X", "u", "U":
        if bytes && (escape == "u" || escape == "U") { return .failure("unable to unescape string") }
        if escape == "u", input.first == "{" {
          input = input.dropFirst()
          var v: UInt32 = 0
          var digits = 0
          while let h = input.first, h != "}" {
            guard let x = hexValue(h), digits < 6 else { return .failure("unable to unescape string") }
            v = v << 4 | x
            input = input.dropFirst()
            digits += 1
          }
          guard input.first == "}", digits > 0 else { return .failure("unable to unescape string") }
          input = input.dropFirst()
          guard v <= 0x10FFFF else { return .failure("unable to unescape string") }
          output.append(Unicode.Scalar(v) ?? "\u{FFFD}")
          continue
        }
        let count = escape == "u" ? 4 : escape == "U" ? 8 : 2
        guard input.count >= count else { return .failure("unable to unescape string") }
        var v: UInt32 = 0
        for h in input.prefix(count) {
          guard let x = hexValue(h) else { return .failure("unable to unescape string") }
          v = v << 4 | x
        }
        input = input.dropFirst(count)
        guard v <= 0x10FFFF else { return .failure("unable to unescape string") }
        // A bytes literal keeps the byte; a string literal gets the code point (Go's EncodeRune turns
        // surrogates into U+FFFD).
        output.append(Unicode.Scalar(v) ?? "\u{FFFD}")
      case "0", "1", "2", "3":
        guard input.count >= 2 else { return .failure("unable to unescape octal sequence in string") }
        var v = escape.value - 48
        for o in input.prefix(2) {
          guard ("0"..."7").contains(o) else {
            return .failure("unable to unescape octal sequence in string")
          }
          v = v * 8 + (o.value - 48)
        }
        input = input.dropFirst(2)
        output.append(Unicode.Scalar(v) ?? "\u{FFFD}")
      default:
        return .failure("unable to unescape string")
      }
    }
    return .success(String(output))
  }

  private static func normalizeNewlines(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
    guard scalars.contains("\r") else { return scalars }
    var result: [Unicode.Scalar] = []
    var index = 0
    while index < scalars.count {
      if scalars[index] == "\r" {
        result.append("\n")
        if index + 1 < scalars.count, scalars[index + 1] == "\n" { index += 1 }
      } else {
        result.append(scalars[index])
      }
      index += 1
    }
    return result
  }

  private static func hexValue(_ scalar: Unicode.Scalar) -> UInt32? {
    switch scalar {
    case "0"..."9": return scalar.value - 48
    case "a"..."f": return scalar.value - 97 + 10
    case "A"..."F": return scalar.value - 65 + 10
    default: return nil
    }
  }
}
