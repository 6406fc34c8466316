import Simulation
import VirtualTime

/// Which timeline entries the renderers show. A controller that does not settle can record thousands
/// of events at one instant (a Service selector switched back and forth); each such run of one event
/// at one instant is shown by its first and last entries and a count of the rest, so a report stays
/// readable and small. The model itself keeps every entry.
public enum TimelineCompaction {
  public enum Item: Sendable, Hashable {
    case entry(Int)
    /// `count` entries of `event` at `t` left out.
    case elided(count: Int, event: String, t: SimInstant)
  }

  /// Runs longer than this are cut.
  static let longestRun = 8
  static let keepFirst = 4
  static let keepLast = 2

  public static func items(_ timeline: [TimelineEntry]) -> [Item] {
    var items: [Item] = []
    var start = 0
    while start < timeline.count {
      var end = start + 1
      while end < timeline.count, timeline[end].t == timeline[start].t, timeline[end].event == timeline[start].event { end += 1 }
      let length = end - start
      if length > longestRun {
        items += (start..<(start + keepFirst)).map(Item.entry)
        items.append(.elided(count: length - keepFirst - keepLast, event: timeline[start].event, t: timeline[start].t))
        items += ((end - keepLast)..<end).map(Item.entry)
      } else {
        items += (start..<end).map(Item.entry)
      }
      start = end
    }
    return items
  }

  /// `… 19,993 more SwitchService events at 00:06:26.751`.
  public static func text(count: Int, event: String, t: SimInstant) -> String {
    "… \(Number.grouped(Int64(count))) more \(event) events at \(t) (left out)"
  }
}
