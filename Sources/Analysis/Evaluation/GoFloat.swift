import GoCompat

/// Go's float formatting where Argo prints measurement values.
enum GoFloat {
  /// `strconv.FormatFloat(v, 'f', -1, 64)`: the shortest digits that round-trip, never an exponent
  /// (Prometheus sample values: `0.97`, `NaN`, `+Inf`, `1000000000000000000000`).
  static func fixed(_ value: Double) -> String { GoFloatFormat.fixed(value) }

  /// Appends `fixed(value)` to `text`. A measurement's value is formatted at every measurement; most
  /// values are fractions whose shortest digits (Swift's, as `write(to:)` prints them) are Go's text
  /// when they have no exponent, and writing those straight into the text spares a string per number.
  /// Every other value is left to `GoFloatFormat.fixed`, so the text is always the same as `fixed`'s.
  static func appendFixed(_ value: Double, to text: inout String) {
    if value.isFinite, value != value.rounded(.towardZero) {
      let start = text.utf8.count
      value.write(to: &text)
      if !text.withUTF8({ $0[start...].contains(UInt8(ascii: "e")) }) { return }
      text.removeSubrange(text.utf8.index(text.utf8.startIndex, offsetBy: start)...)
    }
    text += GoFloatFormat.fixed(value)
  }

  /// `encoding/json`'s float64 encoding: fixed notation, or `1e-07`-style exponents cleaned to `1e-7`
  /// below 1e-6 and from 1e21.
  static func json(_ value: Double) -> String { GoFloatFormat.json(value) }
}
