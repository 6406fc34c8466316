import Foundation
import VirtualTime

/// What every reconcile of a run derives from its spec before measuring (reconcileAnalysisRun's
/// opening): metrics resolved without secrets (for scheduling and assessment), the same metrics
/// resolved with secret values (what providers measure), dry-run and retention rules, and the secret
/// values to redact. The inputs never change during a run, so it is computed once (and shared by
/// reference: reconciles only read it).
final class PreparedRun: Sendable {
  let metrics: [MetricSpec]
  let measured: [MetricSpec]
  let dryRun: Set<String>
  let retention: [String: MeasurementRetentionRule]
  let secretValues: [String]
  /// Each metric's interval and initial delay, parsed once (validation has rejected bad ones).
  let intervals: [SimDuration?]
  let initialDelays: [SimDuration?]

  init(
    metrics: [MetricSpec], measured: [MetricSpec], dryRun: Set<String>, retention: [String: MeasurementRetentionRule],
    secretValues: [String], intervals: [SimDuration?], initialDelays: [SimDuration?]
  ) {
    self.metrics = metrics
    self.measured = measured
    self.dryRun = dryRun
    self.retention = retention
    self.secretValues = secretValues
    self.intervals = intervals
    self.initialDelays = initialDelays
  }

  /// The prepared run, or the message the run fails with.
  static func prepare(_ spec: AnalysisRunSpec, secrets: Secrets) -> Result<PreparedRun, RunFailure> {
    // getResolvedMetricsWithoutSecrets: a Secret argument stands in as "temp-for-secret".
    let placeholders = spec.args.map { argument -> (name: String, value: String?) in
      switch argument.source {
      case .value(let v): (argument.name, v)
      case .secretKeyRef: (argument.name, "temp-for-secret")
      case .fieldRef, .none: (argument.name, nil)
      }
    }
    let metrics: [MetricSpec]
    switch resolve(spec.metrics, placeholders) {
    case .success(let m): metrics = m
    case .failure(let f): return .failure(.unresolvedArguments(f.message))
    }
    if let invalid = MetricSpecValidation.validate(metrics) { return .failure(.invalidSpec(invalid)) }
    let dryRun: Set<String>
    switch MetricNameRules.dryRunMetrics(spec.dryRun, metrics) {
    case .success(let names): dryRun = names
    case .failure(let f): return .failure(.invalidSpec(f.message))
    }
    let retention: [String: MeasurementRetentionRule]
    switch MetricNameRules.retentionMetrics(spec.measurementRetention, metrics) {
    case .success(let rules): retention = rules
    case .failure(let f): return .failure(.invalidSpec(f.message))
    }
    // resolveArgs (runMeasurements): Secrets are read, then the metrics resolved with their values.
    var values: [(name: String, value: String?)] = []
    var secretValues: [String] = []
    for argument in spec.args {
      switch argument.source {
      case .secretKeyRef(let name, let key):
        switch secrets.value(name: name, key: key) {
        case .success(let value):
          values.append((argument.name, value))
          if !secretValues.contains(value) { secretValues.append(value) }
        case .failure(let f):
          return .failure(.unresolvedArguments(f.message))
        }
      case .value(let v): values.append((argument.name, v))
      case .fieldRef, .none: values.append((argument.name, nil))
      }
    }
    let measured: [MetricSpec]
    switch resolve(spec.metrics, values) {
    case .success(let m): measured = m
    case .failure(let f): return .failure(.unresolvedArguments(f.message))
    }
    return .success(
      PreparedRun(
        metrics: metrics, measured: measured, dryRun: dryRun, retention: retention, secretValues: secretValues,
        intervals: metrics.map { $0.interval.isEmpty ? nil : parseGoDuration($0.interval) },
        initialDelays: metrics.map { $0.initialDelay.isEmpty ? nil : parseGoDuration($0.initialDelay) }))
  }

  private static func resolve(
    _ sources: [MetricSource], _ arguments: [(name: String, value: String?)]
  ) -> Result<[MetricSpec], ArgumentFailure> {
    var resolved: [MetricSpec] = []
    for source in sources {
      switch source.resolve(arguments) {
      case .success(let metric): resolved.append(metric)
      case .failure(let f): return .failure(f)
      }
    }
    return .success(resolved)
  }

  /// Replaces every secret value in a message by `*****`, as Argo's redactor does.
  func redact(_ message: String) -> String {
    // Most measurements carry no message, and most runs no secret: skip Foundation's replacing then.
    guard !message.isEmpty, !secretValues.isEmpty else { return message }
    var out = message
    for secret in secretValues where !secret.isEmpty && out.contains(secret) {
      out = out.replacingOccurrences(of: secret, with: "*****")
    }
    return out
  }
}

/// A spec-level reason a run goes Error before measuring.
enum RunFailure: Error, Sendable, Hashable {
  case unresolvedArguments(String)
  case invalidSpec(String)

  var message: String {
    switch self {
    case .unresolvedArguments(let m): "Unable to resolve metric arguments: \(m)"
    case .invalidSpec(let m): "Analysis spec invalid: \(m)"
    }
  }
}
