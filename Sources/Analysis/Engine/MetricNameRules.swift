import Foundation

/// `GetDryRunMetrics` / `GetMeasurementRetentionMetrics`: rules whose `metricName` is a Go regular
/// expression matched unanchored against each metric name. Every rule must match a metric.
enum MetricNameRules {
  static func dryRunMetrics(_ rules: [String], _ metrics: [MetricSpec]) -> Result<Set<String>, ArgumentFailure> {
    var names: Set<String> = []
    for (index, rule) in rules.enumerated() {
      let matched = metrics.filter { matches(rule, $0.name) }
      if matched.isEmpty { return .failure(ArgumentFailure("dryRun[\(index)]: Rule didn't match any metric name(s)")) }
      names.formUnion(matched.map(\.name))
    }
    return .success(names)
  }

  static func retentionMetrics(
    _ rules: [MeasurementRetentionRule], _ metrics: [MetricSpec]
  ) -> Result<[String: MeasurementRetentionRule], ArgumentFailure> {
    var byName: [String: MeasurementRetentionRule] = [:]
    for (index, rule) in rules.enumerated() {
      let matched = metrics.filter { matches(rule.metricName, $0.name) }
      if matched.isEmpty {
        return .failure(ArgumentFailure("measurementRetention[\(index)]: Rule didn't match any metric name(s)"))
      }
      for metric in matched { byName[metric.name] = rule }
    }
    return .success(byName)
  }

  /// `regexp.MatchString`: an invalid expression (a bare `*`) matches nothing.
  static func matches(_ pattern: String, _ name: String) -> Bool {
    guard let regex = try? NSRegularExpression(pattern: pattern) else { return false }
    return regex.firstMatch(in: name, range: NSRange(name.startIndex..., in: name)) != nil
  }
}
