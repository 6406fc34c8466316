import Diagnostics
import Foundation
import Manifests
import Simulation
import TestSupport

/// Manifests and scenarios the tests read from the package.
enum Fixtures {
  static func path(_ subpath: String) -> String { PackagePaths.inPackage(subpath).path }

  static func manifests(_ files: [String]) -> ManifestSet {
    ManifestLoader.load(paths: files.map(path))
  }

  static func manifests(yaml: String, name: String = "fixture.yaml") throws -> ManifestSet {
    ManifestLoader.load(paths: [try temporaryFile(yaml, name: name)])
  }

  /// A file in a fresh temporary folder.
  static func temporaryFile(_ text: String, name: String) throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rollout-sim-insights-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let url = folder.appendingPathComponent(name)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }

  /// A bundled scenario, loaded.
  static func scenario(_ subpath: String) throws -> Scenario {
    let loaded = ScenarioLoader.load(path: path(subpath))
    guard let scenario = loaded.scenario else {
      throw FixtureError(message: DiagnosticRenderer(sources: loaded.sources).render(loaded.diagnostics))
    }
    return scenario
  }

  /// A scenario from text, with `../seed/…` manifest paths resolved against the package's scenarios.
  static func scenario(text: String) throws -> Scenario {
    let resolved = text.replacingOccurrences(of: "../seed/", with: path("scenarios/seed") + "/")
    let loaded = ScenarioLoader.load(path: try temporaryFile(resolved, name: "scenario.yaml"))
    guard let scenario = loaded.scenario else {
      throw FixtureError(message: DiagnosticRenderer(sources: loaded.sources).render(loaded.diagnostics))
    }
    return scenario
  }

  static let istioCorrected = [
    "scenarios/seed/corrected/rollout-canary-istio.yaml", "scenarios/seed/corrected/virtualservice.yaml",
    "scenarios/seed/corrected/destinationrule.yaml", "scenarios/seed/corrected/service-istio-rollout.yaml",
    "scenarios/seed/corrected/analysis-istio-prom-kpi-check.yaml", "scenarios/seed/corrected/secret-thanos-token.yaml",
    "scenarios/seed/corrected/application.yaml",
  ]
}

struct FixtureError: Error, CustomStringConvertible {
  var message: String
  var description: String { message }
}

extension Array where Element == Diagnostic {
  func with(rule: String) -> [Diagnostic] { filter { $0.rule == rule } }
}
