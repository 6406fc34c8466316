import VirtualTime

/// Durations in scenario files and flags: Go's syntax plus days (`5d`, `1d12h`).
public enum ScenarioDurations {
  public static func parse(_ text: String) -> SimDuration? { NodeReader.parseDuration(text) }
}
