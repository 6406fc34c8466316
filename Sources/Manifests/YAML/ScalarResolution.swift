import Foundation

/// How a plain (unquoted) scalar becomes a JSON value when Kubernetes reads YAML.
///
/// `kubectl` and the API server convert YAML to JSON with sigs.k8s.io/yaml, which parses with a fork
/// of go-yaml v2 and therefore follows **YAML 1.1** resolution:
/// - null: empty, `~`, `null`, `Null`, `NULL`;
/// - booleans: `true/True/TRUE`, `false/…`, and also `yes/no`, `y/n`, `on/off` in their three spellings
///   (so `value: yes` is the boolean `true`, not the string "yes");
/// - integers: decimal, `0x` hex, `0o`/leading-`0` octal, `0b` binary, `_` separators ignored,
///   optional sign;
/// - floats: `1.5`, `1e3`, `.5`, `.inf`, `-.inf`, `.nan`;
/// - everything else (including timestamps such as `2024-01-01`) is a string.
/// Quoted and block scalars are always strings.
public enum ScalarResolution {
  private static let trueWords: Set<String> = ["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"]
  private static let falseWords: Set<String> = ["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"]
  private static let nullWords: Set<String> = ["", "~", "null", "Null", "NULL"]

  public static func resolvePlain(_ text: String) -> ScalarValue {
    if nullWords.contains(text) { return .null }
    if trueWords.contains(text) { return .bool(true) }
    if falseWords.contains(text) { return .bool(false) }
    switch text {
    case ".nan", ".NaN", ".NAN": return .float(.nan)
    case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .float(.infinity)
    case "-.inf", "-.Inf", "-.INF": return .float(-.infinity)
    default: break
    }
    guard let first = text.utf8.first,
      first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: ".")
        || (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9"))
    else { return .string(text) }
    let plain = text.replacingOccurrences(of: "_", with: "")
    if let i = parseGoInt(plain) { return .int(i) }
    if let u = parseGoUnsigned(plain) { return .float(Double(u)) }
    if isYAMLFloat(plain), let d = Double(plain) { return .float(d) }
    return .string(text)
  }

  /// Go's `strconv.ParseInt(s, 0, 64)`: optional sign, then `0x`, `0o`, `0b`, leading-`0` octal or decimal.
  static func parseGoInt(_ s: String) -> Int64? {
    var digits = Substring(s)
    var negative = false
    if let f = digits.first, f == "-" || f == "+" {
      negative = f == "-"
      digits = digits.dropFirst()
    }
    guard let magnitude = parseMagnitude(digits) else { return nil }
    if negative {
      if magnitude == UInt64(Int64.max) + 1 { return Int64.min }
      return magnitude <= UInt64(Int64.max) ? -Int64(magnitude) : nil
    }
    return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
  }

  /// Go's `strconv.ParseUint(s, 0, 64)` (go-yaml v2 falls back to it for values above Int64.max).
  static func parseGoUnsigned(_ s: String) -> UInt64? {
    guard !s.hasPrefix("-"), !s.hasPrefix("+") else { return nil }
    return parseMagnitude(Substring(s))
  }

  private static func parseMagnitude(_ s: Substring) -> UInt64? {
    var body = s
    var radix = 10
    if body.count > 1, body.first == "0" {
      let second = body.dropFirst().first
      switch second {
      case "x", "X": radix = 16; body = body.dropFirst(2)
      case "o", "O": radix = 8; body = body.dropFirst(2)
      case "b", "B": radix = 2; body = body.dropFirst(2)
      default: radix = 8; body = body.dropFirst()
      }
    }
    guard !body.isEmpty else { return nil }
    return UInt64(body, radix: radix)
  }

  /// go-yaml v2's float pattern: `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`.
  static func isYAMLFloat(_ s: String) -> Bool {
    var chars = Array(s.utf8)[...]
    func digits() -> Int {
      var n = 0
      while let c = chars.first, c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") {
        chars = chars.dropFirst()
        n += 1
      }
      return n
    }
    if let c = chars.first, c == UInt8(ascii: "-") || c == UInt8(ascii: "+") { chars = chars.dropFirst() }
    if chars.first == UInt8(ascii: ".") {
      chars = chars.dropFirst()
      if digits() == 0 { return false }
    } else {
      if digits() == 0 { return false }
      if chars.first == UInt8(ascii: ".") {
        chars = chars.dropFirst()
        _ = digits()
      }
    }
    if let c = chars.first, c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
      chars = chars.dropFirst()
      if let c = chars.first, c == UInt8(ascii: "-") || c == UInt8(ascii: "+") { chars = chars.dropFirst() }
      if digits() == 0 { return false }
    }
    return chars.isEmpty
  }
}
