/// Text forms of durations used in output. Parsing lives in `GoDuration`.
public enum DurationFormat {
  /// `1h30m`, `45s`, `1m0.5s`, `250ms`, `0s`, `-5s`; zero components between non-zero ones are
  /// dropped except seconds when a fraction is present.
  public static func compact(milliseconds: Int64) -> String {
    if milliseconds == 0 { return "0s" }
    if milliseconds < 0 { return "-" + compact(milliseconds: -milliseconds) }
    if milliseconds < 1_000 { return "\(milliseconds)ms" }
    let hours = milliseconds / 3_600_000
    let minutes = (milliseconds / 60_000) % 60
    let millis = milliseconds % 60_000
    var out = ""
    if hours > 0 { out += "\(hours)h" }
    if minutes > 0 { out += "\(minutes)m" }
    if millis > 0 {
      let whole = millis / 1_000, fraction = millis % 1_000
      if fraction == 0 {
        out += "\(whole)s"
      } else {
        var digits = String(fraction)
        digits = String(repeating: "0", count: 3 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        out += "\(whole).\(digits)s"
      }
    }
    return out
  }

  /// A fixed-width clock `HH:MM:SS` (or `Dd HH:MM:SS` past a day), with `.mmm` when not whole seconds.
  public static func clock(milliseconds: Int64) -> String {
    let negative = milliseconds < 0
    let ms = abs(milliseconds)
    let totalSeconds = ms / 1_000
    let days = totalSeconds / 86_400
    let h = (totalSeconds / 3_600) % 24, m = (totalSeconds / 60) % 60, s = totalSeconds % 60
    func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
    var out = negative ? "-" : ""
    if days > 0 { out += "\(days)d " }
    out += "\(two(h)):\(two(m)):\(two(s))"
    let fraction = ms % 1_000
    if fraction != 0 {
      let digits = String(fraction)
      out += "." + String(repeating: "0", count: 3 - digits.count) + digits
    }
    return out
  }
}
