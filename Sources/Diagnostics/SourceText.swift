/// The text of one input file, split into lines, so a renderer can show the line a diagnostic points at.
public struct SourceText: Sendable, Hashable {
  public let path: String
  public let text: String
  public let lines: [String]

  public init(path: String, text: String) {
    self.path = path
    self.text = text
    var lines: [String] = []
    text.enumerateLinesPreservingEmpty { lines.append($0) }
    self.lines = lines
  }

  /// The 1-based line `number`, without its line terminator, or nil when out of range.
  public func line(_ number: Int) -> String? {
    guard number >= 1, number <= lines.count else { return nil }
    return lines[number - 1]
  }
}

extension String {
  /// Splits on "\n", "\r\n" and "\r", keeping empty lines, as YAML and most editors count lines.
  fileprivate func enumerateLinesPreservingEmpty(_ body: (String) -> Void) {
    var current = ""
    var iterator = unicodeScalars.makeIterator()
    var pendingCR = false
    while let scalar = iterator.next() {
      if pendingCR {
        pendingCR = false
        if scalar == "\n" { continue }
      }
      switch scalar {
      case "\n":
        body(current)
        current = ""
      case "\r":
        body(current)
        current = ""
        pendingCR = true
      default:
        current.unicodeScalars.append(scalar)
      }
    }
    body(current)
  }
}
