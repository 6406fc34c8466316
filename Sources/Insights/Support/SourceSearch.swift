import Diagnostics
import Manifests

/// Finds text inside a scalar as it is written in its file, so a finding about one label matcher of a
/// multi-line query points at that matcher rather than at the start of the query. Works for plain,
/// quoted, folded and literal scalars by reading the source forward from the scalar's start.
struct SourceSearch {
  let sources: [String: SourceText]
  /// How many lines after the start a scalar may reach.
  var maxLines = 200

  init(sources: [String: SourceText]) { self.sources = sources }

  /// Where `needle` first appears at or after `start`, or nil.
  func find(_ needle: String, from start: SourceLocation) -> SourceLocation? {
    guard !needle.isEmpty, start.isKnown, let source = sources[start.file] else { return nil }
    let needleChars = Array(needle)
    var lineIndex = start.line - 1
    var column = max(0, start.column - 1)
    while lineIndex < source.lines.count, lineIndex < start.line - 1 + maxLines {
      let chars = Array(source.lines[lineIndex])
      while column + needleChars.count <= chars.count {
        if chars[column..<(column + needleChars.count)].elementsEqual(needleChars) {
          return SourceLocation(file: start.file, line: lineIndex + 1, column: column + 1)
        }
        column += 1
      }
      lineIndex += 1
      column = 0
    }
    return nil
  }

  /// Where the `occurrence`-th (0-based) appearance of `needle` is, at or after `start`.
  func find(_ needle: String, occurrence: Int, from start: SourceLocation) -> SourceLocation? {
    var at = start
    for index in 0...max(0, occurrence) {
      guard let found = find(needle, from: at) else { return nil }
      if index == occurrence { return found }
      at = SourceLocation(file: found.file, line: found.line, column: found.column + needle.count)
    }
    return nil
  }

  /// The first of several spellings found (e.g. `route=~` before `route`).
  func find(anyOf needles: [String], from start: SourceLocation) -> (SourceLocation, String)? {
    for needle in needles {
      if let found = find(needle, from: start) { return (found, needle) }
    }
    return nil
  }
}
