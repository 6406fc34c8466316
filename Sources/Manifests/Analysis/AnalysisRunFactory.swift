import Diagnostics

/// What an AnalysisRun is built from: the templates' metrics, the merged args, dry-run and retention
/// rules — Argo's `NewAnalysisRunFromTemplates` (utils/analysis/helpers.go).
public struct FlattenedAnalysis: Sendable, Hashable {
  public var metrics: [Metric]
  public var args: [AnalysisArgument]
  public var dryRun: [Located<String>]
  public var measurementRetention: [MeasurementRetention]

  public init(
    metrics: [Metric] = [], args: [AnalysisArgument] = [], dryRun: [Located<String>] = [],
    measurementRetention: [MeasurementRetention] = []
  ) {
    self.metrics = metrics
    self.args = args
    self.dryRun = dryRun
    self.measurementRetention = measurementRetention
  }
}

/// Builds the spec of an AnalysisRun the way the rollout controller does, with its error messages.
public enum AnalysisRunFactory {
  public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
    /// Argo's message, e.g. `args.service-url was not resolved`.
    public var message: String
    /// Where the offending field is written, when known.
    public var location: SourceLocation?
    public var description: String { message }
  }

  /// The templates referenced by `refs`, with nested `spec.templates` resolved recursively and
  /// duplicates (by name) dropped, namespaced ones first — as `getAnalysisTemplatesFromRefs`. Refs that
  /// name no template in `set` are returned in `missing`; a cycle of nested templates in `cycles`.
  public static func resolveTemplates(
    _ refs: [AnalysisTemplateRef], in set: ManifestSet, namespace: String? = nil
  ) -> (templates: [AnalysisTemplate], clusterTemplates: [AnalysisTemplate], missing: [AnalysisTemplateRef], cycles: [AnalysisTemplateRef]) {
    var templates: [AnalysisTemplate] = []
    var clusterTemplates: [AnalysisTemplate] = []
    var missing: [AnalysisTemplateRef] = []
    var cycles: [AnalysisTemplateRef] = []
    func visit(_ refs: [AnalysisTemplateRef], path: [String]) {
      for ref in refs {
        let key = (ref.clusterScope ? "cluster/" : "") + (ref.templateName?.value ?? "")
        if path.contains(key) {
          cycles.append(ref)
          continue
        }
        guard let template = set.template(for: ref, namespace: namespace) else {
          missing.append(ref)
          continue
        }
        if ref.clusterScope { clusterTemplates.append(template) } else { templates.append(template) }
        if !template.spec.templates.isEmpty { visit(template.spec.templates, path: path + [key]) }
      }
    }
    visit(refs, path: [])
    return (unique(templates), unique(clusterTemplates), missing, cycles)
  }

  private static func unique(_ templates: [AnalysisTemplate]) -> [AnalysisTemplate] {
    var seen = Set<String>()
    return templates.filter { seen.insert($0.name).inserted }
  }

  /// `NewAnalysisRunFromTemplates`: flatten the templates, merge the incoming args over the templates'
  /// args, and combine dry-run / retention rules.
  public static func build(
    templates: [AnalysisTemplate], clusterTemplates: [AnalysisTemplate] = [], args: [AnalysisArgument],
    dryRun: [Located<String>] = [], measurementRetention: [MeasurementRetention] = []
  ) throws(Failure) -> FlattenedAnalysis {
    let flattened = try flatten(templates: templates, clusterTemplates: clusterTemplates)
    let merged = try mergeArgs(incoming: args, templateArgs: flattened.args)
    let combinedDryRun = dryRun + flattened.dryRun
    try checkUnique(combinedDryRun.map { ($0.value, $0.location) }, message: "two Dry-Run metric rules have the same name")
    let combinedRetention = measurementRetention + flattened.measurementRetention
    try checkUnique(
      combinedRetention.map { ($0.metricName.value, $0.metricName.location) },
      message: "two Measurement Retention metric rules have the same name")
    return FlattenedAnalysis(metrics: flattened.metrics, args: merged, dryRun: combinedDryRun, measurementRetention: combinedRetention)
  }

  /// `FlattenTemplates`: metrics, dry-run, retention and args of all templates (namespaced first).
  public static func flatten(templates: [AnalysisTemplate], clusterTemplates: [AnalysisTemplate] = []) throws(Failure) -> FlattenedAnalysis {
    let all = templates + clusterTemplates
    let metrics = all.flatMap(\.spec.metrics)
    var names = Set<String>()
    for metric in metrics where !names.insert(metric.nameValue).inserted {
      throw Failure(message: "two metrics have the same name '\(metric.nameValue)'", location: metric.name?.location ?? metric.location)
    }
    let dryRun = all.flatMap(\.spec.dryRun)
    try checkUnique(dryRun.map { ($0.value, $0.location) }, message: "two Dry-Run metric rules have the same name")
    let retention = all.flatMap(\.spec.measurementRetention)
    try checkUnique(
      retention.map { ($0.metricName.value, $0.metricName.location) }, message: "two Measurement Retention metric rules have the same name")
    var args: [AnalysisArgument] = []
    for arg in all.flatMap(\.spec.args) {
      if let i = args.firstIndex(where: { $0.nameValue == arg.nameValue }) {
        if let previous = args[i].value, let new = arg.value, previous.value != new.value {
          throw Failure(
            message: "Argument `\(arg.nameValue)` specified multiple times with different values: '\(previous.value)', '\(new.value)'",
            location: new.location)
        }
        if args[i].value == nil { args[i] = arg }
      } else {
        args.append(arg)
      }
    }
    return FlattenedAnalysis(metrics: metrics, args: args, dryRun: dryRun, measurementRetention: retention)
  }

  private static func checkUnique(_ names: [(String, SourceLocation)], message: String) throws(Failure) {
    var seen = Set<String>()
    for (name, location) in names where !seen.insert(name).inserted {
      throw Failure(message: "\(message) '\(name)'", location: location)
    }
  }

  /// `MergeArgs`: incoming values override template args of the same name; any template arg left with
  /// neither value nor valueFrom fails with `args.NAME was not resolved`.
  public static func mergeArgs(incoming: [AnalysisArgument], templateArgs: [AnalysisArgument]) throws(Failure) -> [AnalysisArgument] {
    var merged = templateArgs
    for arg in incoming {
      guard let i = merged.firstIndex(where: { $0.nameValue == arg.nameValue }) else { continue }
      if let value = arg.value {
        merged[i].value = value
      } else if let from = arg.valueFrom {
        merged[i].valueFrom = from
      }
    }
    for arg in merged where arg.value == nil && arg.valueFrom == nil {
      throw Failure(message: "args.\(arg.nameValue) was not resolved", location: arg.name?.location ?? arg.location)
    }
    return merged
  }

  /// `BuildArgumentsForRolloutAnalysisRun`: the Rollout's args with their values resolved —
  /// `podTemplateHashValue` from the given hashes, `fieldRef` from the Rollout. The failure message is
  /// the controller's when a metadata fieldRef cannot be read (the controller then uses no args).
  public static func rolloutArguments(
    _ args: [AnalysisRunArgument], rollout: Rollout, stableHash: String, latestHash: String
  ) -> (args: [AnalysisArgument], failure: String?) {
    var out: [AnalysisArgument] = []
    var failure: String?
    for arg in args {
      var value = arg.value?.value ?? ""
      var location = arg.value?.location ?? arg.location
      switch arg.valueFrom {
      case .podTemplateHash(let which)?:
        location = which.location
        switch which.value {
        case "Latest": value = latestHash
        case "Stable": value = stableHash
        default: break
        }
      case .fieldRef(let path)?:
        location = path.location
        do {
          value = try FieldRefPath.resolve(path.value, in: rollout)
        } catch {
          if path.value.hasPrefix("metadata") { return ([], error.message) }
          value = ""
          failure = error.message
        }
      case nil:
        break
      }
      out.append(AnalysisArgument(name: arg.name, value: Located(value, at: location), location: arg.location))
    }
    return (out, failure)
  }
}
