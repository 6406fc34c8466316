import Controller
import Diagnostics
import Foundation
import Simulation
import TestSupport
import Testing

/// Every bundled scenario loads, runs and settles without the run loop's safety nets firing.
@Suite struct BundledScenarioTests {
  static var scenarioFiles: [String] {
    let root = PackagePaths.inPackage("scenarios")
    return PackagePaths.files(under: root, extensions: ["yaml"])
      .filter { (try? String(contentsOf: $0, encoding: .utf8))?.contains("kind: Scenario") ?? false }
      .map { String($0.path.dropFirst(PackagePaths.root.path.count + 1)) }
  }

  @Test(arguments: scenarioFiles)
  func runsCleanly(_ file: String) throws {
    let loaded = ScenarioLoader.load(path: PackagePaths.inPackage(file).path)
    let scenario = try #require(loaded.scenario, "\(file): \(loaded.diagnostics.map(\.message))")
    let result = SimulationRunner.run(setup: ScenarioLoader.setup(for: scenario), scenario: scenario)
    #expect(!result.timeline.contains { $0.event == "SimulationError" }, "\(file): the controller did not settle")
    #expect(result.stopReason == .settled, "\(file) stopped by \(result.stopReason)")
  }
}
