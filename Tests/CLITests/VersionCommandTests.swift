import ArgumentParser
import RolloutSimCLI
import XCTest

/// The CLI's smallest contract, as an XCTest case (the rest of the suite uses Swift Testing).
final class VersionCommandTests: XCTestCase {
  func testVersionPrintsTheVersion() throws {
    let command = try RolloutSim.parseAsRoot(["version"])
    guard let performing = command as? any PerformingCommand else {
      return XCTFail("version is not a PerformingCommand")
    }
    var output = CommandOutput()
    try performing.perform(&output)
    XCTAssertEqual(output.stdout, "rollout-sim \(RolloutSim.version)\n")
    XCTAssertEqual(output.exitCode, 0)
  }
}
