import Foundation
import VirtualTime

/// Step pause durations, exactly as Argo reads them (`RolloutPause.DurationSeconds`, types.go):
/// - an integer is seconds;
/// - a string of digits is parsed with `strconv.ParseInt(s, 10, 32)` and is seconds (`"30"` → 30);
/// - any other string goes through Go's `time.ParseDuration` and is **truncated** to whole seconds
///   (`"1.9s"` → 1, `"500ms"` → 0);
/// - a string that does not parse (`"5d"`: Go has no day unit) gives -1, which validation rejects with
///   "Duration needs to be greater than 0" and the Rollout becomes InvalidSpec (phase Degraded).
public enum PauseDuration {
  public static func seconds(_ duration: IntOrString) -> Int32 {
    switch duration {
    case .int(let i):
      // Go decodes the JSON number into an int32; a value outside it never reaches the controller.
      return Int32(clamping: i)
    case .string(let s):
      if let n = GoStrconv.parseInt32(s) { return n }
      guard let nanoseconds = try? GoDuration.parseNanoseconds(s) else { return -1 }
      let seconds = nanoseconds / 1_000_000_000
      // Go converts the float seconds with int32(...); out of range that yields MinInt32 on amd64,
      // i.e. an invalid (negative) duration.
      return Int32(exactly: seconds) ?? Int32.min
    }
  }

  /// The pause length in virtual time, or nil when the pause is indefinite or invalid.
  public static func duration(_ duration: IntOrString) -> SimDuration? {
    let s = seconds(duration)
    return s < 0 ? nil : .seconds(Int64(s))
  }

  /// Why a pause duration string is invalid and how to fix it, or nil when it is valid.
  public static func problem(_ duration: IntOrString) -> DurationProblem? {
    guard case .string(let s) = duration, GoStrconv.parseInt32(s) == nil else {
      if case .int(let i) = duration, i < 0 {
        return DurationProblem(goError: nil, hint: "a pause lasts a positive number of seconds; remove the duration to pause until promoted")
      }
      return nil
    }
    do {
      let ns = try GoDuration.parseNanoseconds(s)
      if ns < 0 {
        return DurationProblem(goError: nil, hint: "a pause lasts a positive duration; remove the duration to pause until promoted")
      }
      return nil
    } catch {
      return DurationProblem(goError: error.message, hint: DurationHints.hint(for: s, error: error))
    }
  }
}

/// What is wrong with a duration, in Go's words, and how to fix it.
public struct DurationProblem: Sendable, Hashable {
  /// Go's `time.ParseDuration` error message, when parsing failed.
  public var goError: String?
  public var hint: String?
}

/// Metric `interval` / `initialDelay`, experiment `duration`, `rangeQuery.step`: Argo's
/// `DurationString`, parsed with Go's `time.ParseDuration` only — a unit is required and there are no days.
public enum MetricDuration {
  public static func parse(_ text: String) throws(GoDuration.ParseError) -> SimDuration {
    try GoDuration.parse(text)
  }

  public static func problem(_ text: String) -> DurationProblem? {
    do {
      _ = try GoDuration.parseNanoseconds(text)
      return nil
    } catch {
      return DurationProblem(goError: error.message, hint: DurationHints.hint(for: text, error: error))
    }
  }
}

/// Fixes for the duration mistakes people make.
public enum DurationHints {
  public static func hint(for text: String, error: GoDuration.ParseError) -> String? {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    if let unit = error.unknownUnit {
      let number = trimmed.prefix { $0.isNumber || $0 == "." }
      let value = Double(number)
      switch unit.lowercased() {
      case "d", "day", "days":
        if let value { return "Go durations have no day unit: write \(formatHours(value * 24))" }
        return "Go durations have no day unit: write the number of hours, e.g. 24h"
      case "w", "wk", "week", "weeks":
        if let value { return "Go durations have no week unit: write \(formatHours(value * 168))" }
        return "Go durations have no week unit: write hours, e.g. 168h"
      case "sec", "secs", "second", "seconds":
        return "Go writes seconds as 's': \(number)s"
      case "min", "mins", "minute", "minutes":
        return "Go writes minutes as 'm': \(number)m"
      case "hr", "hrs", "hour", "hours":
        return "Go writes hours as 'h': \(number)h"
      case "M":
        return "'M' is not a unit (months do not exist in Go durations); minutes are 'm'"
      default:
        return "valid units are ns, us (µs), ms, s, m, h"
      }
    }
    if error.message.contains("missing unit") {
      return "add a unit: \(trimmed)s for seconds (only step pauses accept a bare number)"
    }
    if trimmed != text {
      return "remove the spaces around the duration"
    }
    return "write a Go duration such as 30s, 5m, 1h30m"
  }

  private static func formatHours(_ hours: Double) -> String {
    if hours == hours.rounded() { return "\(Int(hours))h" }
    return "\(Int((hours * 60).rounded()))m"
  }
}
