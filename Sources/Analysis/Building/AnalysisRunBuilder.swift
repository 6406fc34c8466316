import Diagnostics
import Manifests
import SimKernel

/// Which analysis of a Rollout a run is built from.
public enum RolloutAnalysisBlock: Sendable, Hashable {
  case step(Int)
  case background
  case prePromotion
  case postPromotion
}

/// Why the rollout controller cannot create a run (the reconcile fails with this message and is
/// retried), in Argo's words where Argo has them.
public struct AnalysisBuildFailure: Error, Sendable, Hashable, CustomStringConvertible {
  public var message: String
  public var location: SourceLocation?

  public init(_ message: String, location: SourceLocation? = nil) {
    self.message = message
    self.location = location
  }

  public var description: String { message }
}

/// Builds AnalysisRuns from a Rollout's analysis blocks and the manifest set, as the rollout
/// controller's `createAnalysisRun` does: `BuildArgumentsForRolloutAnalysisRun`, then
/// `getAnalysisTemplatesFromRefs` (nested templates, ClusterAnalysisTemplates), then
/// `NewAnalysisRunFromTemplates` (flatten, merge args, combine dry-run and retention rules).
public struct AnalysisRunBuilder: Sendable {
  public let manifests: ManifestSet
  public let rollout: Rollout
  public let namespace: String

  /// - Parameter namespace: where the Rollout runs; it is the Rollout's `metadata.namespace` (for
  ///   `fieldRef` arguments) when the manifest does not state one, as the API server fills it in.
  public init(manifests: ManifestSet, rollout: Rollout, namespace: String) {
    var rollout = rollout
    if (rollout.metadata.namespace?.value ?? "").isEmpty {
      rollout.metadata.namespace = Located(namespace, at: rollout.metadata.location)
    }
    self.manifests = manifests
    self.rollout = rollout
    self.namespace = namespace
  }

  /// The analysis block of the Rollout, if it has one.
  public func analysis(_ block: RolloutAnalysisBlock) -> RolloutAnalysis? {
    switch block {
    case .step(let index):
      guard let steps = rollout.canary?.steps, steps.indices.contains(index) else { return nil }
      return steps[index].analysis
    case .background: return rollout.canary?.analysis
    case .prePromotion: return rollout.blueGreen?.prePromotionAnalysis
    case .postPromotion: return rollout.blueGreen?.postPromotionAnalysis
    }
  }

  /// The spec of the run for a block, or why it cannot be built.
  public func spec(
    for block: RolloutAnalysisBlock, stableHash: String, latestHash: String
  ) -> Result<AnalysisRunSpec, AnalysisBuildFailure> {
    guard let analysis = analysis(block) else {
      return .failure(AnalysisBuildFailure("rollout-sim: the Rollout has no analysis for \(block)"))
    }
    return spec(for: analysis, stableHash: stableHash, latestHash: latestHash)
  }

  public func spec(
    for analysis: RolloutAnalysis, stableHash: String, latestHash: String
  ) -> Result<AnalysisRunSpec, AnalysisBuildFailure> {
    let arguments = AnalysisRunFactory.rolloutArguments(
      analysis.args, rollout: rollout, stableHash: stableHash, latestHash: latestHash)
    if let failure = arguments.failure { return .failure(AnalysisBuildFailure(failure, location: analysis.location)) }
    return AnalysisRunSpec.build(
      refs: analysis.templates, args: arguments.args, dryRun: analysis.dryRun,
      measurementRetention: analysis.measurementRetention, manifests: manifests, namespace: namespace)
  }

  /// A run for a block, ready to reconcile; `random` should be the simulation's generator forked
  /// by the run's name.
  public func makeRun(
    name: String, block: RolloutAnalysisBlock, stableHash: String, latestHash: String, random: SeededRandom
  ) -> Result<SimulatedAnalysisRun, AnalysisBuildFailure> {
    spec(for: block, stableHash: stableHash, latestHash: latestHash).map {
      SimulatedAnalysisRun(name: name, namespace: namespace, spec: $0, random: random)
    }
  }
}

extension AnalysisRunSpec {
  /// `getAnalysisTemplatesFromRefs` + `NewAnalysisRunFromTemplates` for already-resolved arguments.
  public static func build(
    refs: [AnalysisTemplateRef], args: [AnalysisArgument], dryRun: [Located<String>] = [],
    measurementRetention: [MeasurementRetention] = [], manifests: ManifestSet, namespace: String?
  ) -> Result<AnalysisRunSpec, AnalysisBuildFailure> {
    let resolved = AnalysisRunFactory.resolveTemplates(refs, in: manifests, namespace: namespace)
    if let missing = resolved.missing.first {
      let kind = missing.clusterScope ? "clusteranalysistemplate" : "analysistemplate"
      return .failure(
        AnalysisBuildFailure(
          "\(kind).argoproj.io \"\(missing.templateName?.value ?? "")\" not found", location: missing.location))
    }
    if let cycle = resolved.cycles.first {
      return .failure(
        AnalysisBuildFailure(
          "rollout-sim: nested templates form a cycle through '\(cycle.templateName?.value ?? "")'", location: cycle.location))
    }
    do {
      let flattened = try AnalysisRunFactory.build(
        templates: resolved.templates, clusterTemplates: resolved.clusterTemplates, args: args, dryRun: dryRun,
        measurementRetention: measurementRetention)
      return .success(
        AnalysisRunSpec(
          metrics: flattened.metrics.map(MetricSource.manifest), args: flattened.args.map(RunArgument.init),
          dryRun: flattened.dryRun.map(\.value),
          measurementRetention: flattened.measurementRetention.map {
            MeasurementRetentionRule(metricName: $0.metricName.value, limit: $0.limit)
          }))
    } catch {
      return .failure(AnalysisBuildFailure(error.message, location: error.location))
    }
  }

  /// A run of one (Cluster)AnalysisTemplate alone, its arguments given as values — what
  /// `rollout-sim analyze` runs.
  public static func standalone(
    template: AnalysisTemplate, arguments: [(name: String, value: String)], manifests: ManifestSet, namespace: String?
  ) -> Result<AnalysisRunSpec, AnalysisBuildFailure> {
    let ref = AnalysisTemplateRef(
      templateName: Located(template.name, at: template.location), clusterScope: template.isClusterScoped,
      location: template.location)
    let args = arguments.map { AnalysisArgument(name: Located($0.name), value: Located($0.value)) }
    return build(refs: [ref], args: args, manifests: manifests, namespace: namespace)
  }

  /// The spec of an AnalysisRun manifest, with extra argument values overriding its own.
  public init(manifest run: Manifests.AnalysisRun, arguments: [(name: String, value: String)] = []) {
    var args = run.args
    for argument in arguments {
      if let i = args.firstIndex(where: { $0.nameValue == argument.name }) {
        args[i].value = Located(argument.value)
      }
    }
    self.init(
      metrics: run.metrics.map(MetricSource.manifest), args: args.map(RunArgument.init), dryRun: run.dryRun.map(\.value),
      measurementRetention: run.measurementRetention.map { MeasurementRetentionRule(metricName: $0.metricName.value, limit: $0.limit) },
      terminate: run.terminate)
  }
}

extension RunArgument {
  /// A merged argument: a Secret reference wins over a value (Argo reads the Secret when both are
  /// set), a template-side fieldRef is left unresolved.
  public init(_ argument: AnalysisArgument) {
    let source: Source
    switch (argument.valueFrom, argument.value) {
    case (.secretKeyRef(let name, let key)?, _): source = .secretKeyRef(name: name.value, key: key.value)
    case (_, let value?): source = .value(value.value)
    case (.fieldRef(let path)?, nil): source = .fieldRef(path.value)
    case (nil, nil): source = .none
    }
    self.init(name: argument.nameValue, source: source)
  }
}

extension Secrets {
  /// The Secrets of `namespace` in the manifest set (and those without a namespace), then the
  /// scenario's own, which win.
  public init(manifests: ManifestSet, namespace: String, scenario: [String: [String: String]] = [:]) {
    var all: [String: [String: String]] = [:]
    for secret in manifests.secrets {
      if let own = secret.metadata.namespace?.value, own != namespace { continue }
      var values = secret.data
      for (key, value) in secret.stringData { values[key] = value }
      all[secret.name] = values
    }
    for (name, values) in scenario { all[name, default: [:]].merge(values) { $1 } }
    self.init(all)
  }
}
