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
    guard needle.count <= haystack.count else { return -1 }
    let positions = Array(0...(haystack.count - needle.count))
    for start in last ? positions.reversed() : positions where haystack[start..<(start + needle.count)].elementsEqual(needle) {
      return start
    }
    return -1
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
    if n < 0 { n = count(bytes, sep) + 1 }
    var pieces: [String] = []
    var start = 0
    var position = 0
    while pieces.count < n - 1, position + sep.count <= bytes.count {
      if bytes[position..<(position + sep.count)].elementsEqual(sep) {
        let end = after ? position + sep.count : position
        pieces.append(String(decoding: bytes[start..<end], as: UTF8.self))
        start = position + sep.count
        position = start
      } else {
        position += 1
      }
    }
    pieces.append(String(decoding: bytes[start...], as: UTF8.self))
    return pieces
  }

  private static func count(_ bytes: [UInt8], _ sep: [UInt8]) -> Int {
    var found = 0
    var position = 0
    while position + sep.count <= bytes.count {
      if bytes[position..<(position + sep.count)].elementsEqual(sep) {
        found += 1
        position += sep.count
      } else {
        position += 1
      }
    }
    return found
  }

  /// strings.Replace.
  static func replace(_ text: String, _ old: String, _ new: String, limit: Int) -> String {
    if old == new || limit == 0 { return text }
    let bytes = Array(text.utf8)
    let oldBytes = Array(old.utf8)
    let newBytes = Array(new.utf8)
    let occurrences = oldBytes.isEmpty ? text.unicodeScalars.count + 1 : count(bytes, oldBytes)
    if occurrences == 0 { return text }
    let n = limit < 0 || occurrences < limit ? occurrences : limit
    var out: [UInt8] = []
    var start = 0
    let scalarStarts = oldBytes.isEmpty ? runeStarts(bytes) : []
    for i in 0..<n {
      var j = start
      if oldBytes.isEmpty {
        if i > 0 { j = i < scalarStarts.count ? scalarStarts[i] : bytes.count }
      } else {
        var position = start
        while !bytes[position..<(position + oldBytes.count)].elementsEqual(oldBytes) { position += 1 }
        j = position
      }
      out += bytes[start..<j]
      out += newBytes
      start = j + oldBytes.count
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
