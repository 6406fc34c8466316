/// A half-open range of UTF-8 byte offsets into the query text, as Prometheus' `posrange` keeps them.
public struct PositionRange: Sendable, Hashable, CustomStringConvertible {
  public var start: Int
  public var end: Int

  public init(start: Int, end: Int) {
    self.start = start
    self.end = end
  }

  public static let none = PositionRange(start: 0, end: 0)

  /// The smallest range covering both.
  public func merged(with other: PositionRange) -> PositionRange {
    PositionRange(start: Swift.min(start, other.start), end: Swift.max(end, other.end))
  }

  public var length: Int { end - start }

  public var description: String { "\(start)..<\(end)" }
}

/// Maps byte offsets of a query to 1-based line and column numbers counted in characters, which is
/// what diagnostics and Prometheus' `line:col` messages show.
public struct QueryText: Sendable {
  public let text: String
  private let bytes: [UInt8]

  public init(_ text: String) {
    self.text = text
    self.bytes = Array(text.utf8)
  }

  /// The 1-based line and column of `offset`. Columns count characters (not bytes), so a caret
  /// under a non-ASCII label value still lands on the right character.
  public func lineAndColumn(of offset: Int) -> (line: Int, column: Int) {
    let clamped = Swift.max(0, Swift.min(offset, bytes.count))
    var line = 1
    var lineStart = 0
    for index in 0..<clamped where bytes[index] == UInt8(ascii: "\n") {
      line += 1
      lineStart = index + 1
    }
    let prefix = bytes[lineStart..<clamped]
    let column = String(decoding: prefix, as: UTF8.self).count + 1
    return (line, column)
  }

  /// How many characters the range covers (at least 1), for the width of a caret.
  public func characterLength(of range: PositionRange) -> Int {
    let start = Swift.max(0, Swift.min(range.start, bytes.count))
    let end = Swift.max(start, Swift.min(range.end, bytes.count))
    return Swift.max(1, String(decoding: bytes[start..<end], as: UTF8.self).count)
  }

  /// The text covered by a range.
  public func slice(_ range: PositionRange) -> String {
    let start = Swift.max(0, Swift.min(range.start, bytes.count))
    let end = Swift.max(start, Swift.min(range.end, bytes.count))
    return String(decoding: bytes[start..<end], as: UTF8.self)
  }
}
