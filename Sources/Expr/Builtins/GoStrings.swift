/// Go's `strings` functions as expr's builtins use them. Go strings are bytes, so positions and
/// comparisons work on UTF-8.
enum GoStrings {
  static func hasPrefix(_ text: String, _ prefix: String) -> Bool { text.utf8.starts(with: prefix.utf8) }

  static func hasSuffix(_ text: String, _ suffix: String) -> Bool {
    text.utf8.count >= suffix.utf8.count && text.utf8.reversed().starts(with: suffix.utf8.reversed())
  }

  static func dropPrefix(_ text: String, _ prefix: String) -> String {
    String(decoding: Array(text.utf8).dropFirst(prefix.utf8.count), as: UTF8.self)
  }

  static func dropSuffix(_ text: String, _ suffix: String) -> String {
    String(decoding: Array(text.utf8).dropLast(suffix.utf8.count), as: UTF8.self)
  }

  static func trimSpace(_ text: String) -> String {
    let scalars = Array(text.unicodeScalars)
    var start = 0
    var end = scalars.count
    while start < end, CharacterClass.isSpace(scalars[start]) { start += 1 }
    while end > start, CharacterClass.isSpace(scalars[end - 1]) { end -= 1 }
    return String(String.UnicodeScalarView(scalars[start..<end]))
  }

  static func trim(_ text: String, cutset: String) -> String {
    let cut = Set(cutset.unicodeScalars)
    let scalars = Array(text.unicodeScalars)
    var start = 0
    var end = scalars.count
    while start < end, cut.contains(scalars[start]) { start += 1 }
    while end > start, cut.contains(scalars[end - 1]) { end -= 1 }
    return String(String.UnicodeScalarView(scalars[start..<end]))
  }

  /// unicode.ToUpper per rune (simple case mapping: a rune whose uppercase is several runes stays).
  static func upper(_ text: String) -> String { mapScalars(text) { $0.properties.uppercaseMapping } }
  static func lower(_ text: String) -> String { mapScalars(text) { $0.properties.lowercaseMapping } }

  private static func mapScalars(_ text: String, _ mapping: (Unicode.Scalar) -> String) -> String {
    var out = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      let mapped = mapping(scalar).unicodeScalars
      if mapped.count == 1, let single = mapped.first { out.append(single) } else { out.append(scalar) }
    }
    return String(out)
  }

  /// Byte offset of the first (or last) occurrence, or -1.
  static func index(_ text: String, _ search: String, last: Bool) -> Int {
    let haystack = Array(text.utf8)
    let needle = Array(search.utf8)
    if needle.isEmpty { return last ? haystack.count : 0 }
    if !last { return firstMatch(needle, in: haystack, from: 0) ?? -1 }
    // The last occurrence is the first one in the reversed text.
    guard let reversed = firstMatch(needle.reversed(), in: haystack.reversed(), from: 0) else { return -1 }
    return haystack.count - reversed - needle.count
  }

  /// Knuth–Morris–Pratt: linear in the text, so hostile inputs cannot make a search quadratic.
  static func firstMatch(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
    guard !needle.isEmpty, needle.count <= haystack.count - start else { return needle.isEmpty ? start : nil }
    var failure = [Int](repeating: 0, count: needle.count)
    var k = 0
    for i in 1..<needle.count {
      while k > 0 && needle[i] != needle[k] { k = failure[k - 1] }
      if needle[i] == needle[k] { k += 1 }
      failure[i] = k
    }
    var matched = 0
    for i in start..<haystack.count {
      while matched > 0 && haystack[i] != needle[matched] { matched = failure[matched - 1] }
      if haystack[i] == needle[matched] { matched += 1 }
      if matched == needle.count { return i - needle.count + 1 }
    }
    return nil
  }

  /// Start offsets of the non-overlapping occurrences, left to right (as Go's Count and Split see them).
  static func occurrences(_ needle: [UInt8], in haystack: [UInt8], limit: Int = .max) -> [Int] {
    var found: [Int] = []
    var position = 0
    while found.count < limit, let match = firstMatch(needle, in: haystack, from: position) {
      found.append(match)
      position = match + needle.count
    }
    return found
  }

  /// Go's genSplit (strings.Split/SplitN/SplitAfter/SplitAfterN).
  static func split(_ text: String, _ separator: String, limit: Int, after: Bool) -> [String] {
    if limit == 0 { return [] }
    let bytes = Array(text.utf8)
    let sep = Array(separator.utf8)
    if sep.isEmpty {
      // Explode into runes; the last piece keeps the rest when limited.
      var pieces = text.unicodeScalars.map { String($0) }
      if limit > 0 && pieces.count > limit {
        let rest = pieces[(limit - 1)...].joined()
        pieces = Array(pieces[..<(limit - 1)]) + [rest]
      }
      return pieces
    }
    var n = limit
    if n < 0 { n = occurrences(sep, in: bytes).count + 1 }
    var pieces: [String] = []
    var start = 0
    for match in occurrences(sep, in: bytes, limit: n - 1) {
      let end = after ? match + sep.count : match
      pieces.append(String(decoding: bytes[start..<end], as: UTF8.self))
      start = match + sep.count
    }
    pieces.append(String(decoding: bytes[start...], as: UTF8.self))
    return pieces
  }

  /// strings.Replace.
  static func replace(_ text: String, _ old: String, _ new: String, limit: Int) -> String {
    if old == new || limit == 0 { return text }
    let bytes = Array(text.utf8)
    let oldBytes = Array(old.utf8)
    let newBytes = Array(new.utf8)
    // An empty `old` matches before every rune and at the end.
    let matches = oldBytes.isEmpty ? runeStarts(bytes) + [bytes.count] : occurrences(oldBytes, in: bytes)
    if matches.isEmpty { return text }
    let n = limit < 0 || matches.count < limit ? matches.count : limit
    var out: [UInt8] = []
    var start = 0
    for match in matches.prefix(n) {
      out += bytes[start..<match]
      out += newBytes
      start = match + oldBytes.count
    }
    out += bytes[start...]
    return String(decoding: out, as: UTF8.self)
  }

  private static func runeStarts(_ bytes: [UInt8]) -> [Int] {
    var starts: [Int] = []
    for (index, byte) in bytes.enumerated() where byte & 0xC0 != 0x80 { starts.append(index) }
    return starts
  }

  /// Where Go's base64 decoder would report the first bad byte (an approximation: the first byte
  /// outside the alphabet, else the end).
  static func firstInvalidBase64Byte(_ text: String) -> Int {
    let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=".utf8)
    for (index, byte) in text.utf8.enumerated() where !alphabet.contains(byte) { return index }
    return text.utf8.count
  }
}
