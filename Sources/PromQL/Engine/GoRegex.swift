/// A regular expression with Prometheus' conventions: fully anchored, `.` matching newlines, and
/// Go's `$1` / `${name}` replacement templates (label_replace).
struct GoRegex: @unchecked Sendable {
  // `Regex` is not Sendable; this value is immutable after construction.
  private let regex: Regex<AnyRegexOutput>

  struct InvalidPattern: Error {}

  init(_ pattern: String) throws(InvalidPattern) {
    do {
      regex = try Regex("^(?s:" + pattern + ")$")
    } catch {
      throw InvalidPattern()
    }
  }

  /// The template expanded with the match's groups, or nil when `text` does not match.
  func replace(_ text: String, template: String) -> String? {
    guard let match = try? regex.wholeMatch(in: text) else { return nil }
    let output = match.output
    func group(_ index: Int) -> String {
      guard index >= 0, index < output.count, let substring = output[index].substring else { return "" }
      return String(substring)
    }
    func named(_ name: String) -> String {
      guard let element = output[name], let substring = element.substring else { return "" }
      return String(substring)
    }
    var out = ""
    let chars = Array(template.unicodeScalars)
    var i = 0
    while i < chars.count {
      let c = chars[i]
      guard c == "$" else {
        out.unicodeScalars.append(c)
        i += 1
        continue
      }
      if i + 1 < chars.count, chars[i + 1] == "$" {
        out += "$"
        i += 2
        continue
      }
      var name = ""
      var next = i + 1
      if next < chars.count, chars[next] == "{" {
        var end = next + 1
        while end < chars.count, chars[end] != "}", Self.isNameScalar(chars[end]) { end += 1 }
        if end < chars.count, chars[end] == "}", end > next + 1 {
          name = String(String.UnicodeScalarView(chars[(next + 1)..<end]))
          next = end + 1
        } else {
          out += "$"
          i += 1
          continue
        }
      } else {
        var end = next
        while end < chars.count, Self.isNameScalar(chars[end]) { end += 1 }
        if end == next {
          out += "$"
          i += 1
          continue
        }
        name = String(String.UnicodeScalarView(chars[next..<end]))
        next = end
      }
      if let number = Self.groupNumber(name) {
        out += group(number)
      } else {
        out += named(name)
      }
      i = next
    }
    return out
  }

  private static func isNameScalar(_ c: Unicode.Scalar) -> Bool {
    c == "_" || (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9")
  }

  /// Go's rule: all digits, below 1e8, no leading zero (except "0" itself).
  private static func groupNumber(_ name: String) -> Int? {
    guard !name.isEmpty, name.allSatisfy({ $0 >= "0" && $0 <= "9" }), name.count <= 8 else { return nil }
    if name.count > 1 && name.hasPrefix("0") { return nil }
    return Int(name)
  }
}
