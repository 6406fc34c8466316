import Analysis
import Controller
import Diagnostics
import Foundation
import Simulation
import Testing
import TestSupport
import VirtualTime

/// The proposed driver inside the real simulator, on the bundled seed scenarios.
@Suite struct EngineAnalysisDriverTests {
  static func simulate(_ path: String, horizon: SimDuration? = nil) throws -> SimulationResult {
    let loaded = ScenarioLoader.load(path: PackagePaths.inPackage(path).path)
    let scenario = try #require(loaded.scenario, "\(loaded.diagnostics.map(\.message))")
    let setup = ScenarioLoader.setup(for: scenario, horizon: horizon)
    let driver = EngineAnalysisDriver(scenario: scenario, seed: setup.seed, conditions: ExprConditions())
    var simulator = Simulator(setup: setup, driver: driver)
    return simulator.run()
  }

  /// The scenario's own expectation: the success rate of the whole Service stays above 0.9 while the
  /// canary fails 8 % of its requests, so the release is promoted after the 120 h and 24 h pauses.
  @Test func dilutedSignalLetsTheBadReleaseThrough() throws {
    let result = try Self.simulate("scenarios/seed-istio-canary/bad-release.yaml")
    #expect(result.outcome.promoted)
    let background = try #require(result.analysisRuns.first)
    #expect(background.kind == .background)
    let values = background.metrics.flatMap(\.measurements).compactMap { Double($0.value.dropFirst().dropLast()) }
    #expect(values.count > 17_000)
    #expect(values.allSatisfy { $0 > 0.9 })
    #expect(values.contains { $0 < 0.93 })
  }

  @Test func sameSeedSameRecords() throws {
    let a = try Self.simulate("scenarios/seed-istio-canary/bad-release.yaml", horizon: .hours(1))
    let b = try Self.simulate("scenarios/seed-istio-canary/bad-release.yaml", horizon: .hours(1))
    #expect(!a.analysisRuns.isEmpty)
    #expect(a.analysisRuns == b.analysisRuns)
  }
}
