import ArgumentParser
import Foundation
import RolloutSimCLI
import Testing
import TestSupport

/// `sweep`, `compare` and `runs`, in-process, on a temporary store. The sweep is the test sweep of
/// Tests/WhatIfTests/Fixtures: outcomes decided by pod start-up against the progress deadline.
@Suite struct SweepCommandTests {
  static func run(_ arguments: [String]) throws -> CommandOutput {
    try performCommand(arguments)
  }

  static let sweep = PackagePaths.inPackage("Tests/WhatIfTests/Fixtures/sweep.yaml").path

  final class Store {
    let folder: URL
    var db: String { folder.appendingPathComponent("runs.sqlite").path }
    init() throws {
      folder = FileManager.default.temporaryDirectory.appendingPathComponent("rollout-sim-cli-\(UUID().uuidString)")
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: folder) }
  }

  @Test func sweepThenCompareAndQueryTheRuns() throws {
    let store = try Store()
    let swept = try Self.run(["sweep", Self.sweep, "--db", store.db, "--workers", "2"])
    #expect(swept.exitCode == 0, "\(swept.stderr)")
    #expect(swept.stderr.isEmpty)
    let lines = swept.stdout.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.first == "sweep shop-deadlines #1 · 4 variants × 2 releases × 12 seeds = 96 runs")
    #expect(lines[2].hasPrefix("  RANK  VARIANT"))
    #expect(lines[3].hasPrefix("  1 ★   progressDeadlineSeconds=120"))
    #expect(swept.stdout.contains("Ranked by detection rate"))

    // compare prints the same ranking from the store, by name, by id or as the latest.
    for reference in [[], ["shop-deadlines"], ["1"]] {
      let compared = try Self.run(["compare", "--db", store.db] + reference)
      #expect(compared.exitCode == 0 && compared.stdout == swept.stdout)
    }
    let json = try Self.run(["compare", "--db", store.db, "--format", "json"])
    let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    let variants = try #require(document["variants"] as? [[String: Any]])
    #expect(variants.count == 4)
    let detection = try #require(variants[0]["detectionRate"] as? [String: Any])
    #expect(detection["rate"] as? Double == 1 && detection["of"] as? Int == 12)
    #expect((document["ranking"] as? [String])?.count == 4)

    // The sweep report (Report's SweepReport) gets compare's figures and ranking.
    let markdown = try Self.run(["compare", "--db", store.db, "--format", "md"])
    #expect(markdown.stdout.hasPrefix("## Sweep shop-deadlines\n\nScenario shop-canary, 12 seeds"))
    #expect(markdown.stdout.contains("| 1 ★ | progressDeadlineSeconds=120, one-step | 24 | 100% \\[75.8–100\\] |"))
    let html = try Self.run(["compare", "--db", store.db, "--format", "html"])
    #expect(html.stdout.contains("<table class=\"ranking\">"))

    let list = try Self.run(["runs", "list", "--db", store.db, "--sweep", "shop-deadlines", "--limit", "3"])
    #expect(list.stdout.split(separator: "\n").count == 4)
    #expect(list.stdout.contains("  96  shop-canary"))
    // Run ids follow completion order; every task is a different variant, release or seed.
    let diff = try Self.run(["runs", "diff", "1", "2", "--db", store.db])
    #expect(diff.stdout.hasPrefix("run 1 → run 2\n"))
    #expect(!diff.stdout.contains("same scenario, seed, parameters"))
  }

  @Test func resumingAFinishedSweepRunsNothing() throws {
    let store = try Store()
    _ = try Self.run(["sweep", Self.sweep, "--db", store.db, "--detail", "summary"])
    let again = try Self.run(["sweep", Self.sweep, "--db", store.db, "--detail", "summary", "--resume"])
    #expect(again.exitCode == 0)
    // The finished sweep is not resumable, so --resume starts a new one and says so.
    #expect(again.stderr.contains("no interrupted sweep of this file"))
    #expect(again.stdout.hasPrefix("sweep shop-deadlines #2"))
  }

  @Test func invalidSweepsAndStoresExitTwo() throws {
    let store = try Store()
    let sweepFile = store.folder.appendingPathComponent("bad.yaml")
    try "apiVersion: rollout-sim/v1alpha1\nkind: Sweep\nspec:\n  scenario: missing.yaml\n  seeds: lots\n".write(
      to: sweepFile, atomically: true, encoding: .utf8)
    let bad = try Self.run(["sweep", sweepFile.path, "--db", store.db])
    #expect(bad.exitCode == 2)
    #expect(bad.stderr.contains("bad.yaml:5:10: error: spec.seeds must be an integer"))
    #expect(!FileManager.default.fileExists(atPath: store.db))

    let notes = store.folder.appendingPathComponent("notes.txt")
    try "not a database".write(to: notes, atomically: true, encoding: .utf8)
    let foreign = try Self.run(["sweep", Self.sweep, "--db", notes.path])
    #expect(foreign.exitCode == 2 && foreign.stderr.contains("is not a SQLite database"))
    #expect(try String(contentsOf: notes, encoding: .utf8) == "not a database")

    for command in [["compare"], ["runs", "list"], ["runs", "show", "1"], ["runs", "diff", "1", "2"]] {
      let missing = try Self.run(command + ["--db", store.db])
      #expect(missing.exitCode == 2 && missing.stderr.contains("no run store at"), "\(command)")
      #expect(missing.stdout.isEmpty, "\(command)")
    }
    #expect(!FileManager.default.fileExists(atPath: store.db))
    _ = try Self.run(["sweep", Self.sweep, "--db", store.db, "--detail", "summary"])
    let unknown = try Self.run(["compare", "nope", "--db", store.db])
    #expect(unknown.exitCode == 2 && unknown.stderr.contains("no sweep 'nope' in the store (sweeps: shop-deadlines)"))
    let noRun = try Self.run(["runs", "show", "9999", "--db", store.db])
    #expect(noRun.exitCode == 2 && noRun.stderr.contains("no run 9999 in"))
  }

  static func object(_ text: String) throws -> NSDictionary {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? NSDictionary)
  }

  /// `run` stores by default; `runs show` gives back the run's timeline and outcome as `run` had them.
  @Test func runIsStoredAndShownAsItRan() throws {
    let store = try Store()
    let scenario = PackagePaths.inPackage("Tests/WhatIfTests/Fixtures/scenario.yaml").path
    let ran = try Self.run(["run", scenario, "--db", store.db, "--seed", "3"])
    #expect(ran.exitCode == 0)
    let ranJSON = try Self.object(try Self.run(["run", scenario, "--no-store", "--seed", "3", "--format", "json"]).stdout)
    let shownJSON = try Self.object(try Self.run(["runs", "show", "1", "--db", store.db, "--format", "json"]).stdout)
    #expect((ranJSON["timeline"] as? NSArray)?.count ?? 0 > 5)
    #expect(shownJSON["timeline"] as? NSArray == ranJSON["timeline"] as? NSArray)
    #expect(shownJSON["traffic"] as? NSDictionary == ranJSON["traffic"] as? NSDictionary)
    let ranOutcome = try #require(ranJSON["outcome"] as? NSDictionary)
    let shownOutcome = try #require(shownJSON["outcome"] as? NSDictionary)
    for key in ["phase", "reason", "message", "at", "promoted", "aborted", "promotedAt", "abortedAt", "endedAt"] {
      #expect(shownOutcome[key] as? NSObject == ranOutcome[key] as? NSObject, "outcome.\(key)")
    }
    #expect(shownJSON["seed"] as? Int == 3)
    #expect(shownJSON["charts"] as? NSArray != nil)

    let shown = try Self.run(["runs", "show", "1", "--db", store.db])
    #expect(shown.stdout.hasPrefix("shop (canary) · scenario shop-canary · seed 3\n\n  TIME "))
    #expect(shown.stdout.contains("run 1 · scenario \(scenario)"))

    _ = try Self.run(["run", scenario, "--db", store.db, "--no-store"])
    let list = try Self.run(["runs", "list", "--db", store.db])
    #expect(list.stdout.split(separator: "\n").count == 2)

    _ = try Self.run(["run", scenario, "--db", store.db, "--seed", "4", "--horizon", "30m"])
    let diff = try Self.run(["runs", "diff", "1", "2", "--db", store.db])
    #expect(diff.stdout.hasPrefix("run 1 → run 2\n  seed           3  →  4\n  horizon        (none)  →  30m\n"))
    #expect(diff.stdout.contains("timelines part at entry"))
    let same = try Self.run(["runs", "diff", "2", "2", "--db", store.db])
    #expect(same.stdout.contains("same scenario, seed, parameters, outcome and figures"))
    #expect(same.stdout.contains("timelines identical"))
    let absent = try Self.run(["runs", "show", "9", "--db", store.db])
    #expect(absent.exitCode == 2 && absent.stderr.contains("no run 9"))
  }
}
