import Diagnostics
import Foundation
import Simulation
import TestSupport
import WhatIf

/// The test sweep in Fixtures/: a canary without analysis whose fate is decided by pod start-up times
/// against the progress deadline, so outcomes do not depend on the analysis driver.
enum SweepFixtures {
  static let folder = PackagePaths.inPackage("Tests/WhatIfTests/Fixtures")
  static let sweepPath = folder.appendingPathComponent("sweep.yaml").path

  static func loadPlan(_ path: String = sweepPath) throws -> SweepPlan {
    let loaded = SweepLoader.load(path: path)
    guard let spec = loaded.spec else { throw Failure("sweep: \(loaded.diagnostics.map(\.message))") }
    let scenario = ScenarioLoader.load(path: spec.scenarioPath)
    guard let base = scenario.scenario else { throw Failure("scenario: \(scenario.diagnostics.map(\.message))") }
    let built = SweepPlan.build(spec: spec, scenario: base)
    guard let plan = built.plan else { throw Failure("plan: \(built.diagnostics.map(\.message))") }
    return plan
  }

  /// Loads an inline sweep as if it were a file in Fixtures/ (its scenario path resolves there).
  static func build(_ text: String) -> (plan: SweepPlan?, diagnostics: [String]) {
    let loaded = SweepLoader.load(text: text, path: folder.appendingPathComponent("inline.yaml").path)
    guard let spec = loaded.spec else { return (nil, loaded.diagnostics.map(describe)) }
    guard let base = ScenarioLoader.load(path: spec.scenarioPath).scenario else { return (nil, ["no scenario"]) }
    let built = SweepPlan.build(spec: spec, scenario: base)
    return (built.plan, (loaded.diagnostics + built.diagnostics).map(describe))
  }

  static func describe(_ d: Diagnostic) -> String {
    let file = d.location.map { URL(fileURLWithPath: $0.file).lastPathComponent } ?? "-"
    return "\(file):\(d.location?.line ?? 0): \(d.severity.rawValue): \(d.message)\(d.hint.map { " [\($0)]" } ?? "")"
  }

  struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
  }
}
