import Foundation
import Testing
import TestSupport

/// Design §9: a sweep killed at any point loses no finished run, and `--resume` ends with exactly the
/// statistics of an uninterrupted sweep. The built `rollout-sim` runs as a subprocess; the test hook
/// `ROLLOUT_SIM_TEST_HALT` stops it at a known point (after a commit, or inside a transaction before
/// its commit) and the test kills it there with SIGKILL.
@Suite(.serialized) struct SweepResumeTests {
  static let binary: URL? = {
    let candidates = [".build/debug/rollout-sim", ".build/release/rollout-sim"].map(PackagePaths.inPackage)
    let found = candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    if found == nil { print("skipping: no built rollout-sim under .build (run `swift build`)") }
    return found
  }()

  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  static func run(_ arguments: [String], in folder: URL, halt: String? = nil) throws -> Result {
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.currentDirectoryURL = folder
    var environment = ProcessInfo.processInfo.environment
    environment["ROLLOUT_SIM_TEST_HALT"] = halt
    process.environment = environment
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    if halt != nil {
      // Read stderr until the process says it stopped at the halt point (or ends), then kill it.
      var seen = Data()
      while !String(decoding: seen, as: UTF8.self).contains("halted") {
        let chunk = err.fileHandleForReading.availableData
        if chunk.isEmpty { break }
        seen.append(chunk)
      }
      if process.isRunning { kill(process.processIdentifier, SIGKILL) }
      process.waitUntilExit()
      return Result(
        status: process.terminationStatus, stdout: "", stderr: String(decoding: seen, as: UTF8.self))
    }
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
      stderr: String(decoding: stderr, as: UTF8.self))
  }

  static func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("rollout-sim-resume-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// The number of runs in the store, as `runs list` sees it.
  static func storedRuns(_ db: URL) throws -> Int {
    let result = try run(["runs", "list", "--db", db.path, "--limit", "100000", "--format", "json"], in: db.deletingLastPathComponent())
    let runs = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [Any]
    return runs?.count ?? -1
  }

  static func compareJSON(db: URL) throws -> String {
    let result = try run(["compare", "--db", db.path, "--format", "json"], in: db.deletingLastPathComponent())
    #expect(result.status == 0, "\(result.stderr)")
    return result.stdout
  }

  @Test(
    .enabled(if: binary != nil),
    arguments: ["commit:10", "transaction:10"])
  func killedSweepResumesToTheSameStatistics(halt: String) throws {
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let sweep = PackagePaths.inPackage("Tests/WhatIfTests/Fixtures/sweep.yaml").path
    let whole = folder.appendingPathComponent("whole.sqlite")
    let killed = folder.appendingPathComponent("killed.sqlite")

    let uninterrupted = try Self.run(["sweep", sweep, "--db", whole.path, "--workers", "2"], in: folder)
    #expect(uninterrupted.status == 0, "\(uninterrupted.stderr)")
    #expect(try Self.storedRuns(whole) == 96)

    // One worker and the executor's bounded buffer: when the writer stops, at most 64 + 1 runs more
    // than the halt point are finished, so the sweep is killed well before its 96 runs.
    let stopped = try Self.run(["sweep", sweep, "--db", killed.path, "--workers", "1"], in: folder, halt: halt)
    #expect(stopped.stderr.contains("halted"), "\(stopped.stderr)")
    #expect(stopped.status == SIGKILL)
    let storedAtKill = try Self.storedRuns(killed)
    if halt.hasPrefix("transaction") {
      // The batch being written when the process died is rolled back as a whole.
      #expect(storedAtKill < 10)
    } else {
      #expect(storedAtKill >= 10)
    }
    #expect(storedAtKill < 96)
    let partial = try Self.compareJSON(db: killed)
    #expect(partial.contains("\"complete\": false"))

    let resumed = try Self.run(["sweep", sweep, "--db", killed.path, "--resume", "--workers", "2"], in: folder)
    #expect(resumed.status == 0, "\(resumed.stderr)")
    #expect(resumed.stderr.contains("resuming sweep shop-deadlines #1: \(storedAtKill) of 96 runs already stored"))
    #expect(try Self.storedRuns(killed) == 96)
    #expect(try Self.compareJSON(db: killed) == Self.compareJSON(db: whole))
    // The ranking printed at the end of the resumed sweep is the uninterrupted one.
    #expect(resumed.stdout == uninterrupted.stdout)
  }
}
