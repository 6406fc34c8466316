import Diagnostics
import Manifests
import TimeSeries

/// Points findings about a query at the selector or matcher they are about, in the user's file.
struct QueryLocator {
  let search: SourceSearch
  let query: Located<String>

  init(sources: [String: SourceText], query: Located<String>) {
    self.search = SourceSearch(sources: sources)
    self.query = query
  }

  /// Where the selector's metric name is written (the query's start when it cannot be found).
  func selector(_ use: SelectorUse) -> (location: SourceLocation, length: Int) {
    guard let name = use.metricName, let found = search.find(name, occurrence: use.occurrence, from: query.location)
    else { return (query.location, query.length) }
    return (found, name.count)
  }

  /// Where a matcher of the selector is written: its label name, searched after the metric name.
  func matcher(_ matcher: LabelMatcher, in use: SelectorUse) -> (location: SourceLocation, length: Int) {
    let start = selector(use).location
    let op = matcher.op.rawValue
    let spellings = ["\(matcher.name)\(op)", "\(matcher.name) \(op)", "\(matcher.name)"]
    guard let (found, _) = search.find(anyOf: spellings, from: start) else { return selector(use) }
    return (found, matcher.name.count)
  }
}
