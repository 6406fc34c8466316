import Analysis
import Foundation
import Manifests
import SimKernel
import Testing
import TestSupport
import VirtualTime

/// Every AnalysisTemplate of the Argo examples and the plain-YAML corpus becomes a run (or a build
/// failure with a message) and is reconciled over an hour of virtual time against scripted
/// providers: no crash, no hang, a phase at the end.
@Suite struct CorpusSmokeTests {
  struct Outcome {
    var file: String
    var template: String
    var phase: AnalysisPhase?
    var failure: String?
    var messages: [String]
  }

  /// Plausible models for every metric of a spec; `bindOthers` binds the providers rollout-sim does
  /// not simulate to a constant signal.
  static func models(for spec: AnalysisRunSpec, manifests: ManifestSet, bindOthers: Bool) -> ProviderModels {
    var models = ProviderModels(secrets: Secrets(manifests: manifests, namespace: "default"))
    var secrets = models.secrets.secrets
    for argument in spec.args {
      if case .secretKeyRef(let name, let key) = argument.source, secrets[name]?[key] == nil {
        secrets[name, default: [:]][key] = "https://secret.example/\(key)"
      }
    }
    models.secrets = Secrets(secrets)
    for source in spec.metrics {
      models.jobs[source.name] = JobModel(successRate: 0.9, duration: DurationRange(min: .seconds(5), max: .seconds(40)))
      models.web[source.name] = WebModel(.init(body: #"{"status": "ok", "data": {"value": 0.99}, "items": [1, 2]}"#))
      if bindOthers, case .manifest(let metric) = source, !metric.provider.others.isEmpty {
        models.values[source.name] = ValuesBinding(signal: "signal")
      }
    }
    return models
  }

  static func outcomes(bindOthers: Bool) -> [Outcome] {
    var files = PackagePaths.files(under: PackagePaths.sharedData("argo-examples"), extensions: ["yaml", "yml"])
    files += plainCorpusFiles()
    var outcomes: [Outcome] = []
    for file in files {
      let set = ManifestLoader.load(paths: [file.path])
      var specs: [(String, Result<AnalysisRunSpec, AnalysisBuildFailure>)] = []
      for template in set.analysisTemplates + set.clusterAnalysisTemplates {
        let arguments = template.spec.args.filter { $0.value == nil && $0.valueFrom == nil }.map {
          (name: $0.nameValue, value: "\($0.nameValue)-value")
        }
        specs.append((template.name, AnalysisRunSpec.standalone(template: template, arguments: arguments, manifests: set, namespace: nil)))
      }
      for run in set.analysisRuns { specs.append((run.name, .success(AnalysisRunSpec(manifest: run)))) }
      for (name, built) in specs {
        switch built {
        case .failure(let failure):
          outcomes.append(Outcome(file: file.lastPathComponent, template: name, failure: failure.message, messages: []))
        case .success(let spec):
          let run = SimulatedAnalysisRun(name: "\(name)-run", spec: spec, random: SeededRandom(seed: 1).fork(label: name))
          var driver = RunDriver(
            run,
            environment: AnalysisEnvironment(
              models: models(for: spec, manifests: set, bindOthers: bindOthers), conditions: ExprConditions(),
              prometheus: FixedPrometheus(answer: .success(.vector([0.99]))),
              signals: FunctionSignals(["signal": { _ in 0.01 }])))
          driver.drive(until: seconds(3600), maxReconciles: 50_000)
          let messages = driver.run.log.entries.flatMap { $0.measurements.map(\.message) }
          outcomes.append(Outcome(file: file.lastPathComponent, template: name, phase: driver.run.phase, messages: messages))
        }
      }
    }
    return outcomes
  }

  /// The corpus files INDEX.tsv marks as plain YAML.
  static func plainCorpusFiles() -> [URL] {
    let index = PackagePaths.sharedData("corpus/INDEX.tsv")
    guard let text = try? String(contentsOf: index, encoding: .utf8) else { return [] }
    return text.split(separator: "\n").dropFirst().compactMap { line in
      let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
      guard columns.count > 6, columns[6] == "yes" else { return nil }
      return PackagePaths.sharedData("corpus/\(columns[0])")
    }
  }

  @Test(.enabled(if: PackagePaths.sharedDataAvailable("argo-examples") && PackagePaths.sharedDataAvailable("corpus")))
  func everyTemplateEndsWithAPhaseOrAFailure() {
    let outcomes = Self.outcomes(bindOthers: true)
    #expect(outcomes.count > 60)
    for outcome in outcomes {
      #expect(outcome.phase != nil || !(outcome.failure ?? "").isEmpty, "\(outcome.file) \(outcome.template)")
    }
    let built = outcomes.filter { $0.phase != nil }.count
    print("corpus: \(outcomes.count) templates, \(built) runs, \(outcomes.count - built) build failures")
    if ProcessInfo.processInfo.environment["DUMP_CORPUS"] != nil {
      for o in outcomes { print("DUMP \(o.file) | \(o.template) | \(o.phase?.rawValue ?? "-") | \(o.failure ?? "") | \(Set(o.messages).sorted().prefix(2).joined(separator: " // "))") }
    }
  }

  @Test(.enabled(if: PackagePaths.sharedDataAvailable("corpus")))
  func unboundProvidersAreNamed() {
    let outcomes = Self.outcomes(bindOthers: false)
    let unbound = outcomes.flatMap(\.messages).filter { $0.contains("provider is not simulated") }
    #expect(!unbound.isEmpty)
    let named = ["kayenta", "wavefront", "plugin argoproj-labs/metric-ai", "plugin jmichalek132/k6"]
    for name in named {
      #expect(unbound.contains { $0.contains("the \(name) provider") }, "no message names \(name)")
    }
  }
}
