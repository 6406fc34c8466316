import Foundation
import GoCompat

/// Go's `fmt` and `strconv` spellings that reach users through expr's messages (`%v`, `%T`, `%q`,
/// `%#U`) and through the `string()` builtin.
public enum GoFormat {
  // MARK: - Numbers

  /// Go's `%v` for a float64 (strconv 'g' with the shortest precision: exponent form below 1e-4 and
  /// from 1e6 on, so 1000000.0 prints as 1e+06).
  public static func float(_ value: Double) -> String { GoFloatFormat.general(value) }

  /// Go's `encoding/json` spelling of a float64 (fixed unless the exponent is below -6 or at least 21).
  public static func jsonFloat(_ value: Double) -> String { GoFloatFormat.json(value) }

  // MARK: - Strings

  /// Go's `strconv.Quote` (also what `%q` and `%#v` print for strings).
  public static func quote(_ text: String) -> String { GoQuoting.quote(text) }

  /// Go's `%#U`: `U+0040 '@'`, or just `U+0007` when the character is not printable.
  public static func unicodeVerb(_ scalar: Unicode.Scalar) -> String { GoQuoting.unicodeVerb(scalar) }

  // MARK: - Values

  /// Go's `%v` of a value.
  public static func value(_ value: Value) -> String {
    var out = ""
    write(value, to: &out, depth: 0)
    return out
  }

  private static func write(_ value: Value, to out: inout String, depth: Int) {
    guard depth < 100 else {
      out += "…"
      return
    }
    switch value {
    case .null: out += "<nil>"
    case .bool(let b): out += b ? "true" : "false"
    case .int(let i): out += String(i)
    case .int64(let i): out += String(i)
    case .float(let f): out += float(f)
    case .string(let s): out += s
    case .bytes(let bytes): out += "[" + bytes.map { String($0) }.joined(separator: " ") + "]"
    case .floats(let floats): out += "[" + floats.map(float).joined(separator: " ") + "]"
    case .list(let elements, _):
      out += "["
      for (index, element) in elements.enumerated() {
        if index > 0 { out += " " }
        write(element, to: &out, depth: depth + 1)
      }
      out += "]"
    case .map(let entries):
      out += "map["
      for (index, key) in entries.keys.sorted(by: goLess).enumerated() {
        if index > 0 { out += " " }
        out += key + ":"
        write(entries[key]!, to: &out, depth: depth + 1)
      }
      out += "]"
    case .object(let object):
      // fmt prints a Stringer through its String method.
      if let method = object.type.method("String"), method.type.parameters.isEmpty,
        method.type.results == [.string], case .string(let text)? = try? method.body(value, [])
      {
        out += text
        return
      }
      out += "{"
      for (index, field) in object.fields.enumerated() {
        if index > 0 { out += " " }
        write(field, to: &out, depth: depth + 1)
      }
      out += "}"
    case .function(let function):
      out += function.type.description
    }
  }

  /// Go orders strings by their bytes.
  static func goLess(_ a: String, _ b: String) -> Bool {
    a.utf8.lexicographicallyPrecedes(b.utf8)
  }
}
