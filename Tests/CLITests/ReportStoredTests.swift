import ArgumentParser
import Foundation
import RolloutSimCLI
@testable import Store
import Testing
import TestSupport

/// `report RUN_ID|SWEEP_ID` on a temporary store: stored runs are replayed from the stored texts and
/// give the report the scenario file gives; sweeps give `compare`'s report.
@Suite struct ReportStoredTests {
  static func perform(_ arguments: [String]) throws -> CommandOutput {
    try performCommand(arguments)
  }

  /// A temporary folder with a copy of the WhatIf fixture scenario (a canary whose fate is its pods'
  /// start-up against the progress deadline), so the test can break the files after storing runs.
  final class Folder {
    let url: URL
    var db: String { path("runs.sqlite") }
    var scenario: String { path("scenario.yaml") }

    init() throws {
      url = FileManager.default.temporaryDirectory.appendingPathComponent("rollout-sim-report-store-\(UUID().uuidString)")
      try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
      for name in ["scenario.yaml", "rollout.yaml"] {
        try FileManager.default.copyItem(
          at: PackagePaths.inPackage("Tests/WhatIfTests/Fixtures/\(name)"), to: url.appendingPathComponent(name))
      }
    }
    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    func read(_ name: String) throws -> String { try String(contentsOfFile: path(name), encoding: .utf8) }
    func write(_ name: String, _ text: String) throws { try text.write(toFile: path(name), atomically: true, encoding: .utf8) }

    /// The manifests on disk no longer load: a replay that read them would fail.
    func breakManifests() throws { try write("rollout.yaml", "kind: NotARollout\n") }
  }

  @Test func aStoredRunReportsExactlyAsItsScenarioWithTheSameSeed() throws {
    let folder = try Folder()
    let ran = try Self.perform(["run", folder.scenario, "--db", folder.db, "--seed", "3", "--horizon", "20m"])
    #expect(ran.exitCode == 0)
    let direct = try Self.perform(["report", folder.scenario, "--seed", "3", "--horizon", "20m", "-o", folder.path("direct.html")])
    #expect(direct.exitCode == 0)
    let directMarkdown = try Self.perform(["report", folder.scenario, "--seed", "3", "--horizon", "20m", "--format", "md", "-o", "-"])
    // The report has no wall-clock content: the same run reported twice is byte-identical.
    let again = try Self.perform(["report", folder.scenario, "--seed", "3", "--horizon", "20m", "--format", "md", "-o", "-"])
    #expect(again.stdout == directMarkdown.stdout)
    try folder.breakManifests()

    let stored = try Self.perform(["report", "1", "--db", folder.db, "-o", folder.path("r.html")])
    #expect(stored.exitCode == 0)
    #expect(stored.stderr == "wrote \(folder.path("r.html")) (\(try folder.read("r.html").utf8.count / 1024 + 1) KB)\n")
    let html = try folder.read("r.html")
    #expect(html.contains("shop-canary"))
    #expect(html == (try folder.read("direct.html")))

    let markdown = try Self.perform(["report", "run:1", "--db", folder.db, "--format", "md", "-o", "-"])
    #expect(markdown.exitCode == 0 && markdown.stderr.isEmpty)
    #expect(markdown.stdout == directMarkdown.stdout)
  }

  @Test func aSweepsRunIsReplayedWithItsVariantReleaseAndSeed() throws {
    let folder = try Folder()
    // One variant × one release × two seeds: the variant edits the Rollout, the release the scenario
    // (which reloads the scenario, and with it the manifests: from the stored texts on replay).
    try folder.write(
      "sweep.yaml",
      """
      apiVersion: rollout-sim/v1alpha1
      kind: Sweep
      metadata: {name: tiny}
      spec:
        scenario: scenario.yaml
        seeds: 2
        horizon: 15m
        vary:
        - name: plan
          variants:
          - name: one-step
            set:
              rollout.spec.strategy.canary.steps: [{setWeight: 60}, {pause: {duration: 1m}}]
        releases:
          good: {canary: {readyAfter: {min: 5s, max: 20s}}}

      """)
    let swept = try Self.perform(["sweep", folder.path("sweep.yaml"), "--db", folder.db, "--workers", "1"])
    #expect(swept.exitCode == 0, "\(swept.stderr)")
    try folder.breakManifests()

    let report = try Self.perform(["report", "2", "--db", folder.db, "--format", "md", "-o", "-"])
    #expect(report.exitCode == 0, "\(report.stderr)")
    // The replay matches the stored outcome, times, events and traffic: no warning.
    #expect(report.stderr.isEmpty)
    #expect(report.stdout.contains("shop-canary"))
    // The variant's plan, not the scenario's (setWeight 25, four steps).
    #expect(report.stdout.contains("setWeight: 60"))
    #expect(!report.stdout.contains("setWeight: 25"))
    // Titled with the sweep, variant, release and seed, not the scenario alone (run 2 is seed 2).
    let firstLine = report.stdout.prefix { $0 != "\n" }
    #expect(firstLine.hasPrefix("## ") && firstLine.contains(" tiny · one-step · good release · seed 2: "), "\(firstLine)")
    #expect(report.stdout.contains("Run 2 of sweep tiny (#1): variant one-step, good release, seed 2, of scenario "))
    let html = try Self.perform(["report", "2", "--db", folder.db, "-o", folder.path("run-2.html")])
    #expect(html.exitCode == 0, "\(html.stderr)")
    #expect(try folder.read("run-2.html").contains("<title>rollout-sim · tiny · one-step · good release · seed 2</title>"))
  }

  @Test func aSweepsReportIsComparesReport() throws {
    let folder = try Folder()
    try folder.write(
      "sweep.yaml",
      """
      apiVersion: rollout-sim/v1alpha1
      kind: Sweep
      metadata: {name: deadlines}
      spec:
        scenario: scenario.yaml
        seeds: 1
        horizon: 15m
        vary:
        - {path: rollout.spec.progressDeadlineSeconds, values: [30, 90], labels: [quick-deadline, slow-deadline]}

      """)
    _ = try Self.perform(["sweep", folder.path("sweep.yaml"), "--db", folder.db, "--workers", "1", "--detail", "summary"])
    let report = try Self.perform(["report", "sweep:1", "--db", folder.db, "-o", folder.path("sweep.html")])
    #expect(report.exitCode == 0, "\(report.stderr)")
    let html = try folder.read("sweep.html")
    #expect(html.contains("quick-deadline") && html.contains("slow-deadline"))
    let compared = try Self.perform(["compare", "1", "--db", folder.db, "--format", "html"])
    #expect(html == compared.stdout)
    // By name, alone or with the prefix; Markdown as `compare --format md`.
    for reference in ["deadlines", "sweep:deadlines"] {
      let markdown = try Self.perform(["report", reference, "--db", folder.db, "--format", "md", "-o", "-"])
      #expect(markdown.exitCode == 0)
      #expect(markdown.stdout == (try Self.perform(["compare", "deadlines", "--db", folder.db, "--format", "md"])).stdout)
    }
    let unknownSweep = try Self.perform(["report", "sweep:9", "--db", folder.db, "-o", "-"])
    #expect(unknownSweep.exitCode == 2 && unknownSweep.stderr == "error: no sweep '9' in the store (sweeps: deadlines)\n")
    let unknownName = try Self.perform(["report", "nonesuch", "--db", folder.db, "-o", "-"])
    #expect(unknownName.exitCode == 2)
    #expect(unknownName.stderr == "error: no scenario file 'nonesuch' and no sweep of that name in \(folder.db) (sweeps: deadlines)\n")
  }

  /// A bare number is a run id, never a sweep's: when only a sweep has that id, the error says how to
  /// ask for it.
  @Test func aNumberThatIsOnlyASweepsSaysToWriteSweepColon() throws {
    let folder = try Folder()
    try folder.write(
      "sweep.yaml",
      "apiVersion: rollout-sim/v1alpha1\nkind: Sweep\nmetadata: {name: one}\nspec: {scenario: scenario.yaml, seeds: 1, horizon: 5m}\n")
    _ = try Self.perform(["sweep", folder.path("sweep.yaml"), "--db", folder.db, "--workers", "1", "--detail", "summary"])
    // Every sweep stores at least one run, so renumber the sweep to get a sweep id that no run has.
    do {
      let store = try RunStore(path: folder.db, create: false)
      try store.db.execute(
        """
        PRAGMA foreign_keys = OFF; UPDATE sweep SET id = 7; UPDATE variant SET sweepId = 7;
        UPDATE sweepTask SET sweepId = 7; UPDATE run SET sweepId = 7; PRAGMA foreign_keys = ON
        """)
    }
    let output = try Self.perform(["report", "7", "--db", folder.db, "-o", "-"])
    #expect(output.exitCode == 2)
    #expect(output.stderr == "error: no run 7 in \(folder.db); sweep 7 (one) exists: `rollout-sim report sweep:7`\n")
    let asked = try Self.perform(["report", "sweep:7", "--db", folder.db, "--format", "md", "-o", "-"])
    #expect(asked.exitCode == 0 && asked.stdout.hasPrefix("## Sweep one"))
  }

  @Test func errorsExitTwoWithTheReason() throws {
    let folder = try Folder()
    let missing = try Self.perform(["report", "1", "--db", folder.db, "-o", "-"])
    #expect(missing.exitCode == 2)
    #expect(missing.stderr == "error: no run store at \(folder.db) (every `rollout-sim run` and `sweep` creates one; or pass --db PATH)\n")
    #expect(!FileManager.default.fileExists(atPath: folder.db))
    let missingForName = try Self.perform(["report", "my-sweep", "--db", folder.db, "-o", "-"])
    #expect(missingForName.exitCode == 2 && missingForName.stderr.contains("no scenario file 'my-sweep', and no run store at"))

    _ = try Self.perform(["run", folder.scenario, "--db", folder.db])
    let unknown = try Self.perform(["report", "9", "--db", folder.db, "-o", "-"])
    #expect(unknown.exitCode == 2 && unknown.stderr == "error: no run 9 in \(folder.db) (see `rollout-sim runs list`)\n")
    let seeded = try Self.perform(["report", "1", "--db", folder.db, "--seed", "4", "-o", "-"])
    #expect(seeded.exitCode == 64 && seeded.stderr.contains("--seed and --horizon apply to a scenario file"))
    for target in ["run:one", "sweep:", "missing/scenario.yaml"] {
      let bad = try Self.perform(["report", target, "--db", folder.db, "-o", "-"])
      #expect(bad.exitCode == 2 && !bad.stderr.contains("no run store"), "\(target)")
    }
    let notAStore = folder.path("scenario.yaml")
    let foreign = try Self.perform(["report", "1", "--db", notAStore, "-o", "-"])
    #expect(foreign.exitCode == 2 && foreign.stderr.contains("is not a SQLite database"))
  }

  @Test func aReplayThatDiffersFromTheStoredRunIsReportedWithAWarning() throws {
    let folder = try Folder()
    _ = try Self.perform(["run", folder.scenario, "--db", folder.db, "--seed", "5"])
    let identical = try Self.perform(["report", "1", "--db", folder.db, "-o", folder.path("same.html")])
    #expect(identical.exitCode == 0 && !identical.stderr.contains("warning"))
    #expect(!(try folder.read("same.html")).contains("replay"))

    // What an older simulator might have stored: another outcome, later, after other events.
    do {
      let store = try RunStore(path: folder.db, create: false)
      try store.db.execute("UPDATE run SET phase = 'Degraded', reason = 'RolloutAborted', outcomeAtMs = 61000, events = events + 1 WHERE id = 1")
    }
    let differs = try Self.perform(["report", "1", "--db", folder.db, "-o", folder.path("differs.html")])
    #expect(differs.exitCode == 0)
    #expect(differs.stderr.hasPrefix("warning: run 1 was stored by a different version; this report shows today's replay (outcome: stored Degraded (RolloutAborted) at 00:01:01"))
    #expect(differs.stderr.contains("; events: stored "))
    let html = try folder.read("differs.html")
    #expect(html.contains("warning: run 1 was stored by a different version; this report shows today&#39;s replay (outcome: stored Degraded"))
    let markdown = try Self.perform(["report", "1", "--db", folder.db, "--format", "md", "-o", "-"])
    #expect(markdown.stdout.contains("### Warnings\n\n- warning: run 1 was stored by a different version; this report shows today's replay (outcome: stored Degraded (RolloutAborted) at 00:01:01, replay Healthy at"))
    // The replay, not the altered record, is drawn: apart from the warning, the report is the same.
    let same = try folder.read("same.html")
    #expect(html.replacingOccurrences(of: #"<h2>Warnings</h2>\n<ul>\n<li>.*</li>\n</ul>\n"#, with: "", options: .regularExpression) == same)
  }
}
