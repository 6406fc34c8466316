/// The identity of one set of series in a `SeriesStore`. A store gets a new token whenever a series
/// is added, and tokens are never reused while referenced, so a reader may cache "selector → series
/// IDs" keyed by the token (compared with `===`) across stores and copies without ABA problems.
public final class SelectionToken: Sendable {
  public init() {}
}
