import Foundation
import Report
import Simulation
import TestSupport
import Testing

/// Renders a report of a bundled scenario in headless Chromium (Debian's `chromium`): the page must
/// draw (its screenshot is far from a blank page's) and its DOM must hold the chart groups.
@Suite(.serialized) struct ChromiumTests {
  static let chromium = "/usr/bin/chromium"

  static var available: Bool {
    let exists = FileManager.default.isExecutableFile(atPath: chromium)
    if !exists { print("skipping: \(chromium) is absent (apt-get install chromium)") }
    return exists
  }

  /// Runs chromium headless; gives up after 120 s so a wedged browser cannot hang the suite.
  static func run(_ arguments: [String], in directory: URL) throws -> (status: Int32, stdout: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: chromium)
    process.arguments = [
      "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--disable-extensions",
      "--user-data-dir=\(directory.appendingPathComponent("profile").path)",
    ] + arguments
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
    DispatchQueue.global().asyncAfter(deadline: .now() + 120, execute: watchdog)
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    watchdog.cancel()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  static func report(_ scenarioPath: String) -> String? {
    let loaded = ScenarioLoader.load(path: PackagePaths.inPackage(scenarioPath).path)
    guard let scenario = loaded.scenario else { return nil }
    let setup = ScenarioLoader.setup(for: scenario)
    let result = SimulationRunner.run(setup: setup, scenario: scenario)
    return HTMLReport.render(RunReport(scenario: scenario, setup: setup, result: result))
  }

  @Test(.enabled(if: available)) func reportOfABundledScenarioRendersItsCharts() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rollout-sim-chromium-\(getpid())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let html = try #require(Self.report("scenarios/tour/03-bad-canary-background-analysis.yaml"))
    let page = directory.appendingPathComponent("report.html")
    try Data(html.utf8).write(to: page)
    let blank = directory.appendingPathComponent("blank.html")
    try Data("<!DOCTYPE html><html><body></body></html>".utf8).write(to: blank)

    let size = "--window-size=1100,2200"
    let shot = directory.appendingPathComponent("report.png")
    let blankShot = directory.appendingPathComponent("blank.png")
    _ = try Self.run([size, "--screenshot=\(shot.path)", page.absoluteString], in: directory)
    _ = try Self.run([size, "--screenshot=\(blankShot.path)", blank.absoluteString], in: directory)
    let shotBytes = try Data(contentsOf: shot)
    let blankBytes = try Data(contentsOf: blankShot)
    #expect(shotBytes.starts(with: [0x89, 0x50, 0x4E, 0x47]))
    // A PNG of charts and text compresses far worse than an empty page of the same size.
    #expect(shotBytes.count > blankBytes.count * 5, "report \(shotBytes.count) bytes, blank \(blankBytes.count) bytes")

    let dom = try Self.run(["--dump-dom", page.absoluteString], in: directory).stdout
    for fragment in [
      "<svg class=\"chart chart-weights\"", "<g class=\"step-bands\">", "<g class=\"series weight-canary\">",
      "<svg class=\"chart chart-requests\"", "<svg class=\"chart chart-errors\"", "<svg class=\"chart chart-runs\"",
      "<svg class=\"chart chart-metric\"", "<g class=\"threshold\">", "<circle class=\"m-failed\"", "<g class=\"marker-aborted\">",
      "<ol class=\"explain\">",
    ] {
      #expect(dom.contains(fragment), "DOM lacks \(fragment)")
    }
  }
}
