import HeapModule
import VirtualTime

/// Where an event stands among events due at the same instant. Lower runs first.
public struct EventPriority: Sendable, Hashable, Comparable, RawRepresentable {
  public var rawValue: Int
  public init(rawValue: Int) { self.rawValue = rawValue }

  /// Runs before anything else at its instant (e.g. "stop the run here").
  public static let urgent = EventPriority(rawValue: 0)
  public static let normal = EventPriority(rawValue: 100)
  /// Runs after everything else at its instant (e.g. scrapes that must observe the settled state).
  public static let late = EventPriority(rawValue: 200)

  public static func < (lhs: EventPriority, rhs: EventPriority) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The order in which events fire: time, then priority, then insertion sequence.
///
/// `Heap` gives no order among equal elements, so the sequence number is what makes two runs of the
/// same inputs fire equal-time events in the same order.
public struct EventKey: Sendable, Hashable, Comparable {
  public var time: SimInstant
  public var priority: EventPriority
  public var sequence: UInt64

  @inlinable public init(time: SimInstant, priority: EventPriority, sequence: UInt64) {
    self.time = time
    self.priority = priority
    self.sequence = sequence
  }

  @inlinable public static func < (lhs: EventKey, rhs: EventKey) -> Bool {
    if lhs.time != rhs.time { return lhs.time < rhs.time }
    if lhs.priority != rhs.priority { return lhs.priority < rhs.priority }
    return lhs.sequence < rhs.sequence
  }
}

/// A discrete-event queue with an integer-millisecond clock. It never reads the wall clock.
///
/// Events are plain values; the owner pops one at a time and handles it, scheduling follow-ups as it
/// goes. The clock only moves forward: scheduling in the past is clamped to `now`.
public struct EventQueue<Event>: Sendable where Event: Sendable {
  @usableFromInline struct Entry: Comparable, Sendable {
    @usableFromInline var key: EventKey
    @usableFromInline var event: Event
    @inlinable init(key: EventKey, event: Event) {
      self.key = key
      self.event = event
    }
    @inlinable static func < (lhs: Entry, rhs: Entry) -> Bool { lhs.key < rhs.key }
    @inlinable static func == (lhs: Entry, rhs: Entry) -> Bool { lhs.key == rhs.key }
  }

  @usableFromInline var heap: Heap<Entry> = []
  @usableFromInline var nextSequence: UInt64 = 0
  /// The current virtual time: the time of the last event popped.
  public var now: SimInstant { _now }
  @usableFromInline var _now: SimInstant
  /// Events fired so far.
  public var firedCount: UInt64 { _firedCount }
  @usableFromInline var _firedCount: UInt64 = 0

  public init(start: SimInstant = .zero) { _now = start }

  public var isEmpty: Bool { heap.isEmpty }
  public var count: Int { heap.count }

  /// Schedules `event` at `time` (clamped to `now`), returning its key.
  @inlinable @discardableResult
  public mutating func schedule(_ event: Event, at time: SimInstant, priority: EventPriority = .normal) -> EventKey {
    let key = EventKey(time: max(time, now), priority: priority, sequence: nextSequence)
    nextSequence &+= 1
    heap.insert(Entry(key: key, event: event))
    return key
  }

  @inlinable @discardableResult
  public mutating func schedule(_ event: Event, after delay: SimDuration, priority: EventPriority = .normal) -> EventKey {
    schedule(event, at: now + delay, priority: priority)
  }

  /// The time of the next event, if any.
  @inlinable public var nextTime: SimInstant? { heap.min?.key.time }

  /// Removes the next event and advances the clock to its time.
  @inlinable public mutating func popNext() -> (time: SimInstant, event: Event)? {
    guard let entry = heap.popMin() else { return nil }
    _now = entry.key.time
    _firedCount &+= 1
    return (entry.key.time, entry.event)
  }

  /// Removes the next event only if it is due at or before `limit`.
  @inlinable public mutating func popNext(notAfter limit: SimInstant) -> (time: SimInstant, event: Event)? {
    guard let next = heap.min, next.key.time <= limit else { return nil }
    return popNext()
  }

  /// Moves the clock forward without firing anything (e.g. to a horizon with no events left).
  public mutating func advance(to time: SimInstant) {
    if time > _now { _now = time }
  }

  /// Drops every pending event that matches `predicate`. O(n).
  public mutating func removeAll(where predicate: (Event) -> Bool) {
    let kept = heap.unordered.filter { !predicate($0.event) }
    heap = Heap(kept)
  }
}
