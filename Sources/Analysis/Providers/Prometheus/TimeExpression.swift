import GoCompat
import VirtualTime

/// The expr time expressions Argo evaluates for `rangeQuery.start`/`end` (`evaluate.EvalTime`), in
/// the forms people write: `now()`, `now() - duration("5m")`, `now() + duration("1m")`. `now()` is
/// the measurement instant.
enum TimeExpression {
  static func evaluate(_ text: String, now: SimInstant) -> Result<SimInstant, ProviderFailure> {
    var rest = Substring(text.trimmingSpaces)
    guard rest.hasPrefix("now()") else {
      return .failure(ProviderFailure("rollout-sim: unsupported time expression \(GoQuoting.quote(text)) (write now() or now() - duration(\"5m\"))"))
    }
    rest = rest.dropFirst(5)
    var instant = now
    while true {
      rest = Substring(String(rest).trimmingSpaces)
      if rest.isEmpty { return .success(instant) }
      guard let sign = rest.first, sign == "-" || sign == "+" else { break }
      rest = Substring(String(rest.dropFirst()).trimmingSpaces)
      guard rest.hasPrefix("duration("), let close = rest.firstIndex(of: ")") else { break }
      var argument = String(rest[rest.index(rest.startIndex, offsetBy: 9)..<close]).trimmingSpaces
      guard argument.count >= 2, let q = argument.first, q == "\"" || q == "'" || q == "`", argument.last == q else { break }
      argument = String(argument.dropFirst().dropLast())
      let delta: SimDuration
      do { delta = .nanoseconds(try GoDuration.parseNanoseconds(argument)) } catch {
        return .failure(ProviderFailure(error.message))
      }
      instant = sign == "-" ? instant - delta : instant + delta
      rest = rest[rest.index(after: close)...]
    }
    return .failure(ProviderFailure("rollout-sim: unsupported time expression \(GoQuoting.quote(text)) (write now() or now() - duration(\"5m\"))"))
  }
}
