/// Maps virtual time onto the width of a chart, compressing long quiet stretches.
///
/// A rollout often waits for days (`pause: {duration: 120h}`) between moments that matter, which
/// last seconds. A linear axis would squeeze those moments into a pixel. The scale keeps the
/// interesting instants (controller events, analysis runs starting or ending, measurements that did
/// not succeed) and compresses the largest gaps between them into narrow "breaks" drawn as such.
/// It is monotonic, so lines and bars drawn through it stay correct; only the spacing changes.
public struct TimeScale: Sendable, Hashable, Codable {
  public struct Segment: Sendable, Hashable, Codable {
    /// Virtual time, milliseconds.
    public var start: Int64
    public var end: Int64
    /// Position in [0, 1] of the chart width.
    public var x0: Double
    public var x1: Double
    public var compressed: Bool
  }

  public var segments: [Segment]

  public var start: Int64 { segments.first?.start ?? 0 }
  public var end: Int64 { segments.last?.end ?? 1 }

  /// At most this many gaps are compressed; each takes `breakWidth` of the width.
  static let maxBreaks = 4
  static let breakWidth = 0.05
  static let holdWidth = 0.04
  /// A gap is compressed when it is longer than this and than a quarter of the time still shown
  /// linearly.
  static let minimumBreak: Int64 = 10 * 60_000

  public init(segments: [Segment]) { self.segments = segments }

  /// A scale over [start, end] that keeps `instants` apart.
  public static func make(start: Int64, end: Int64, instants: [Int64]) -> TimeScale {
    let end = max(end, start + 1_000)
    var points = Set(instants.filter { $0 > start && $0 < end })
    points.insert(start)
    points.insert(end)
    let sorted = points.sorted()
    // Gaps between consecutive points, largest first; compress while a gap dominates what is left.
    var gaps = zip(sorted, sorted.dropFirst()).map { (start: $0, end: $1) }
    gaps.sort { ($0.end - $0.start, $1.start) > ($1.end - $1.start, $0.start) }
    var linear = end - start
    var compressed: [(start: Int64, end: Int64)] = []
    for gap in gaps.prefix(maxBreaks) {
      let length = gap.end - gap.start
      guard length > minimumBreak, length * 4 > linear else { break }
      compressed.append(gap)
      linear -= length
    }
    compressed.sort { $0.start < $1.start }
    // Lay out: linear stretches share what the breaks leave, in proportion to their length.
    // An instant squeezed between two breaks (or a break and an end) gets a little room of its own
    // ("hold"), so what happened there stays visible.
    var pieces: [(start: Int64, end: Int64, compressed: Bool)] = []
    var cursor = start
    for gap in compressed {
      if gap.start > cursor {
        pieces.append((cursor, gap.start, false))
      } else if pieces.last?.compressed ?? true {
        pieces.append((cursor, cursor, false))
      }
      pieces.append((gap.start, gap.end, true))
      cursor = gap.end
    }
    if cursor < end || pieces.last?.compressed == true { pieces.append((cursor, end, false)) }
    let holds = pieces.count { !$0.compressed && $0.start == $0.end }
    let linearWidth = 1 - breakWidth * Double(compressed.count) - holdWidth * Double(holds)
    let linearTotal = Double(max(1, linear))
    var segments: [Segment] = []
    var x = 0.0
    for piece in pieces {
      let width =
        piece.compressed
        ? breakWidth : (piece.start == piece.end ? holdWidth : linearWidth * Double(piece.end - piece.start) / linearTotal)
      segments.append(Segment(start: piece.start, end: piece.end, x0: x, x1: x + width, compressed: piece.compressed))
      x += width
    }
    if !segments.isEmpty { segments[segments.count - 1].x1 = 1 }
    return TimeScale(segments: segments)
  }

  /// The position of `t` in [0, 1].
  public func x(_ t: Int64) -> Double {
    guard let first = segments.first, let last = segments.last else { return 0 }
    if t <= first.start { return 0 }
    if t >= last.end { return 1 }
    let segment = segments[index(of: t)]
    let span = Double(max(1, segment.end - segment.start))
    return segment.x0 + (segment.x1 - segment.x0) * Double(t - segment.start) / span
  }

  /// The time at position `x` in [0, 1].
  public func time(at x: Double) -> Int64 {
    guard let first = segments.first, let last = segments.last else { return 0 }
    if x <= 0 { return first.start }
    if x >= 1 { return last.end }
    let segment = segments.first { x <= $0.x1 } ?? last
    let width = segment.x1 - segment.x0
    guard width > 0 else { return segment.start }
    return segment.start + Int64((Double(segment.end - segment.start) * (x - segment.x0) / width).rounded())
  }

  func index(of t: Int64) -> Int {
    var low = 0
    var high = segments.count - 1
    while low < high {
      let mid = (low + high) / 2
      if segments[mid].end < t { low = mid + 1 } else { high = mid }
    }
    return low
  }

  /// Bucket edges evenly spaced on the chart (so a compressed stretch gets few buckets and a short
  /// burst of activity many), strictly increasing, whole milliseconds.
  public func bucketEdges(count: Int) -> [Int64] {
    var edges: [Int64] = []
    for i in 0...max(1, count) {
      let t = time(at: Double(i) / Double(max(1, count)))
      if let last = edges.last, t <= last { continue }
      edges.append(t)
    }
    return edges
  }
}
