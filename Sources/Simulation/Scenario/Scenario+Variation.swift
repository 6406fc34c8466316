import Diagnostics
import Manifests
import Workload

/// The document a variation edits: the scenario file itself, the Rollout it drives, or an analysis
/// template of its manifest set.
public enum ScenarioEditTarget: Sendable, Hashable, CustomStringConvertible {
  case scenario
  case rollout
  case analysisTemplate(String)
  case clusterAnalysisTemplate(String)

  public var description: String {
    switch self {
    case .scenario: "the scenario"
    case .rollout: "the Rollout"
    case .analysisTemplate(let name): "AnalysisTemplate '\(name)'"
    case .clusterAnalysisTemplate(let name): "ClusterAnalysisTemplate '\(name)'"
    }
  }
}

/// One field set to one value, as a sweep's `vary` or `releases` asks.
public struct ScenarioEdit: Sendable, Hashable {
  public var target: ScenarioEditTarget
  /// The field, from the root of the target document (`spec.strategy.canary.steps`).
  public var path: YAMLPath
  /// The new value; its location (in the sweep file) is where problems with it are reported.
  public var value: YAMLNode
  /// Where the edit is written, for problems that are not the value's (an unknown template).
  public var location: SourceLocation?

  public init(target: ScenarioEditTarget, path: YAMLPath, value: YAMLNode, location: SourceLocation? = nil) {
    self.target = target
    self.path = path
    self.value = value
    self.location = location
  }
}

extension Scenario {
  /// This scenario with `edits` applied, reloaded so everything that depends on an edited field follows:
  /// scenario edits reload the scenario (its manifests are read again, from its `manifestSource`), then
  /// manifest edits rebuild the manifest set, re-pick the Rollout and re-check it. Problems with an
  /// edited value are errors at the value's location, so a sweep reports them before anything runs.
  public func applying(_ edits: [ScenarioEdit]) -> ScenarioLoader.Loaded {
    var diagnostics = DiagnosticBag()
    var scenario = self
    var sources = manifests.sources
    sources[path] = SourceText(path: path, text: text)

    // When the scenario edits fail, the manifest edits are still checked (on the scenario as written)
    // so every problem is reported at once.
    let scenarioEdits = edits.filter { $0.target == .scenario }
    if !scenarioEdits.isEmpty {
      var edited = root
      for edit in scenarioEdits { Self.set(edit, in: &edited, diagnostics: &diagnostics) }
      if !diagnostics.hasErrors {
        let loaded = ScenarioLoader.load(root: edited, text: text, path: path, manifests: manifestSource)
        sources.merge(loaded.sources) { a, _ in a }
        if let reloaded = loaded.scenario {
          scenario = reloaded
        } else {
          diagnostics.append(contentsOf: loaded.diagnostics.filter { $0.severity == .error })
        }
      }
    }

    let manifestEdits = edits.filter { $0.target != .scenario }
    guard !manifestEdits.isEmpty else {
      return .init(scenario: diagnostics.hasErrors ? nil : scenario, diagnostics: diagnostics.sorted, sources: sources)
    }
    var documents = scenario.manifests.documents
    for edit in manifestEdits {
      guard let index = Self.documentIndex(for: edit.target, rollout: scenario.rollout.name, in: documents) else {
        let names = Self.candidateNames(for: edit.target, in: documents)
        let hint = Suggestions.closest(to: Self.targetName(edit.target), in: names).map { "did you mean '\($0)'?" }
        diagnostics.error(
          "the manifests have no \(edit.target)", at: edit.location ?? edit.value.location,
          hint: hint ?? (names.isEmpty ? nil : "known: \(names.joined(separator: ", "))"), rule: "sweep-path")
        continue
      }
      Self.set(edit, in: &documents[index].root, diagnostics: &diagnostics)
    }

    let set = ManifestLoader.load(
      documents: documents.map { YAMLDocument(file: $0.file, index: $0.index, root: $0.root) }, sources: scenario.manifests.sources)
    diagnostics.append(contentsOf: set.diagnostics.filter { $0.severity == .error })
    for diagnostic in Validator.validate(set) where diagnostic.severity == .error {
      if ScenarioLoader.isRolloutSpecError(diagnostic, set) { continue }
      if let rule = diagnostic.rule, ScenarioLoader.runtimeRules.contains(rule) {
        // As when loading: Argo accepts the object and its AnalysisRuns end in Error. Only problems
        // in edited values (located outside the manifest files) are new; the others were reported.
        guard let file = diagnostic.location?.file, !set.files.contains(file) else { continue }
        var warning = diagnostic
        warning.severity = .warning
        warning.notes.append("Argo accepts this template; every AnalysisRun built from it ends in phase Error")
        diagnostics.append(warning)
      } else {
        diagnostics.append(diagnostic)
      }
    }
    guard let rollout = set.rollouts.first(where: { $0.name == scenario.rollout.name }) else {
      diagnostics.error("the edited manifests lost Rollout '\(scenario.rollout.name)'", rule: "sweep-path")
      return .init(scenario: nil, diagnostics: diagnostics.sorted, sources: sources)
    }
    if diagnostics.hasErrors { return .init(scenario: nil, diagnostics: diagnostics.sorted, sources: sources) }
    scenario.manifests = set
    scenario.rollout = rollout
    // Families follow the traffic router unless the scenario names them; the metrics emitted follow
    // the (possibly edited) queries.
    if (scenario.root["spec"]?["telemetry"]?.sequence ?? []).isEmpty {
      scenario.workload.telemetry.families = ScenarioLoader.defaultFamilies(for: rollout)
    }
    scenario.workload.telemetry.metricNames = QueriedMetrics.names(in: set)
    return .init(scenario: scenario, diagnostics: diagnostics.sorted, sources: sources)
  }

  static func set(_ edit: ScenarioEdit, in node: inout YAMLNode, diagnostics: inout DiagnosticBag) {
    do {
      try node.setValue(edit.value, at: edit.path)
    } catch {
      diagnostics.error(
        "cannot set \(edit.path) of \(edit.target): \(error.message)", at: edit.location ?? edit.value.location,
        rule: "sweep-path")
    }
  }

  static func documentIndex(for target: ScenarioEditTarget, rollout: String, in documents: [ManifestDocument]) -> Int? {
    switch target {
    case .scenario: nil
    case .rollout: documents.firstIndex { $0.manifestKind == .rollout && $0.name == rollout }
    case .analysisTemplate(let name): documents.firstIndex { $0.manifestKind == .analysisTemplate && $0.name == name }
    case .clusterAnalysisTemplate(let name):
      documents.firstIndex { $0.manifestKind == .clusterAnalysisTemplate && $0.name == name }
    }
  }

  static func targetName(_ target: ScenarioEditTarget) -> String {
    switch target {
    case .scenario, .rollout: ""
    case .analysisTemplate(let name), .clusterAnalysisTemplate(let name): name
    }
  }

  static func candidateNames(for target: ScenarioEditTarget, in documents: [ManifestDocument]) -> [String] {
    let kind: ManifestKind
    switch target {
    case .scenario: return []
    case .rollout: kind = .rollout
    case .analysisTemplate: kind = .analysisTemplate
    case .clusterAnalysisTemplate: kind = .clusterAnalysisTemplate
    }
    return documents.filter { $0.manifestKind == kind }.compactMap(\.name).sorted()
  }
}
