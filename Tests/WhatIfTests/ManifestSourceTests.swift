import Diagnostics
import Foundation
import Manifests
import Simulation
import TestSupport
import Testing
import Workload

/// A scenario loaded from kept manifest texts (a stored run's replay) is the scenario its files give,
/// without reading the files; a variation that reloads the scenario reloads from the same texts (so a
/// stored sweep's run replays without the files).
@Suite struct ManifestSourceTests {
  static let path = PackagePaths.inPackage("scenarios/tour/02-bad-canary-inline-analysis.yaml").path

  static func load() throws -> (files: Scenario, texts: Scenario) {
    let files = try #require(ScenarioLoader.load(path: path).scenario)
    let kept = files.manifests.files.map { (path: $0, text: files.manifests.sources[$0]?.text ?? "") }
    // Another folder: were the manifests resolved against it, none would be found.
    let texts = ScenarioLoader.load(text: files.text, path: "/nonexistent/scenario.yaml", manifests: .texts(kept))
    return (files, try #require(texts.scenario, "\(texts.diagnostics.map(\.message))"))
  }

  @Test func keptTextsGiveTheScenarioTheFilesGive() throws {
    let (files, texts) = try Self.load()
    #expect(texts.manifests.files == files.manifests.files)
    #expect(texts.rollout.name == files.rollout.name)
    let a = SimulationRunner.run(setup: ScenarioLoader.setup(for: files, seed: 4), scenario: files)
    let b = SimulationRunner.run(setup: ScenarioLoader.setup(for: texts, seed: 4), scenario: texts)
    #expect(a.outcome == b.outcome && a.eventsProcessed == b.eventsProcessed && a.traffic == b.traffic)
  }

  @Test func aScenarioEditReloadsFromTheKeptTexts() throws {
    let (_, texts) = try Self.load()
    let edited = texts.applying([ScenarioEdit(target: .scenario, path: "spec.traffic.rps", value: .int(99))])
    let scenario = try #require(edited.scenario, "\(edited.diagnostics.map(\.message))")
    #expect(scenario.manifests.files == texts.manifests.files)
    #expect(scenario.workload.rps.value(atMilliseconds: 0) == 99)
  }
}
