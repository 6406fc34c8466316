import Foundation
import VirtualTime

/// The progress bar of a sweep on a terminal: done/total, rate and ETA, redrawn at most ten times a
/// second on stderr. Silent when stderr is not a terminal (CI logs, pipes, tests). The wall clock is
/// used only here, for the ETA, never in anything stored or printed on stdout.
struct SweepProgress {
  let total: Int
  let startDone: Int
  let enabled: Bool
  let clock = ContinuousClock()
  let start: ContinuousClock.Instant
  var lastDraw: ContinuousClock.Instant?
  var drawn = false

  init(total: Int, done: Int, enabled: Bool) {
    self.total = total
    self.startDone = done
    self.enabled = enabled
    start = clock.now
  }

  mutating func advance(to done: Int) {
    guard enabled else { return }
    let now = clock.now
    if let lastDraw, now - lastDraw < .milliseconds(100), done < total { return }
    lastDraw = now
    let elapsed = Self.seconds(now - start)
    let rate = elapsed > 0 ? Double(done - startDone) / elapsed : 0
    let eta = rate > 0 ? Double(total - done) / rate : 0
    let fraction = total > 0 ? Double(done) / Double(total) : 1
    let width = 30
    let filled = Int(fraction * Double(width))
    let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
    let line = "\r\(bar) \(String(format: "%3.0f", fraction * 100))%  \(done)/\(total) runs  "
      + "\(String(format: "%.0f", rate)) runs/s  ETA \(DurationFormat.clock(milliseconds: Int64(eta) * 1000))\u{1B}[K"
    FileHandle.standardError.write(Data(line.utf8))
    drawn = true
  }

  func finish() {
    guard enabled, drawn else { return }
    FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
  }

  static func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
  }
}

/// Crash tests: `ROLLOUT_SIM_TEST_HALT=commit:N` stops the sweep right after the batch that brings the
/// stored runs to N or more is committed, `transaction:N` inside that batch's transaction before the
/// commit. The process prints `halted` on stderr and waits to be killed (the test sends SIGKILL).
struct SweepTestHalt {
  enum Point: String { case commit, transaction }
  var point: Point
  var after: Int

  static func fromEnvironment() -> SweepTestHalt? {
    guard let value = ProcessInfo.processInfo.environment["ROLLOUT_SIM_TEST_HALT"] else { return nil }
    let parts = value.split(separator: ":")
    guard parts.count == 2, let point = Point(rawValue: String(parts[0])), let after = Int(parts[1]) else { return nil }
    return SweepTestHalt(point: point, after: after)
  }

  func inTransaction(stored: Int) {
    if point == .transaction && stored >= after { halt() }
  }

  func afterCommit(stored: Int) {
    if point == .commit && stored >= after { halt() }
  }

  func halt() -> Never {
    FileHandle.standardError.write(Data("halted\n".utf8))
    while true { pause() }
  }
}
