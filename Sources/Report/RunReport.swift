import Controller
import Diagnostics
import Simulation
import VirtualTime

/// A finished run with what identifies it: the input of every renderer.
public struct RunReport: Sendable {
  public var scenario: String
  public var seed: UInt64
  public var rollout: String
  public var strategy: String
  public var result: SimulationResult
  public var diagnostics: [Diagnostic]
  /// The steps and metrics the explain texts and charts cite (see `RolloutPlan(scenario:setup:)`).
  public var plan: RolloutPlan
  /// The scenario's `metadata.description`.
  public var description: String
  /// Set when the run is one of a sweep's: the reports are titled with its variant, release and seed.
  public var sweepRun: SweepRunIdentity?

  public init(
    scenario: String, seed: UInt64, rollout: String, strategy: String, result: SimulationResult,
    diagnostics: [Diagnostic] = [], plan: RolloutPlan? = nil, description: String = "",
    sweepRun: SweepRunIdentity? = nil
  ) {
    self.scenario = scenario
    self.seed = seed
    self.rollout = rollout
    self.strategy = strategy
    self.result = result
    self.diagnostics = diagnostics
    self.plan = plan ?? RolloutPlan(strategy: strategy)
    self.description = description
    self.sweepRun = sweepRun
  }

  /// The renderers' input for this run.
  public var model: ReportModel { ReportModel(report: self, plan: plan, description: description) }
}

/// The machine contract of design §5: one JSON object per run. Times are seconds since the update.
public enum ResultJSON {
  public static func render(_ report: RunReport) -> String {
    document(report).rendered() + "\n"
  }

  public static func document(_ report: RunReport) -> JSONValue {
    let result = report.result
    let outcome = result.outcome
    return .object([
      ("scenario", .string(report.scenario)),
      ("seed", .int(Int64(bitPattern: report.seed))),
      ("rollout", .string(report.rollout)),
      ("strategy", .string(report.strategy)),
      (
        "outcome",
        .object([
          ("phase", .string(outcome.phase.rawValue)),
          ("reason", .string(outcome.reason)),
          ("message", .string(outcome.message)),
          ("at", seconds(outcome.at)),
          ("promoted", .bool(outcome.promoted)),
          ("aborted", .bool(outcome.aborted)),
          ("promotedAt", outcome.promotedAt.map(seconds) ?? .null),
          ("abortedAt", outcome.abortedAt.map(seconds) ?? .null),
          ("endedAt", seconds(result.endedAt)),
        ])
      ),
      ("timeline", .array(result.timeline.map(timelineEntry))),
      ("analysisRuns", .array(result.analysisRuns.map(analysisRun))),
      ("traffic", traffic(result.traffic)),
      ("diagnostics", .array(report.diagnostics.map(diagnostic))),
    ])
  }

  static func seconds(_ instant: SimInstant) -> JSONValue { .number(instant.seconds) }

  /// `traffic {requests, errors, canaryRequests, canaryErrors}`, plus `experiments` only when
  /// experiment templates served requests (so runs without them keep their exact shape).
  static func traffic(_ t: TrafficTotals) -> JSONValue {
    var fields: [(String, JSONValue)] = [
      ("requests", .int(t.requests)),
      ("errors", .int(t.errors)),
      ("canaryRequests", .int(t.canaryRequests)),
      ("canaryErrors", .int(t.canaryErrors)),
    ]
    if !t.experiments.isEmpty {
      fields.append(
        (
          "experiments",
          .array(
            t.experiments.map {
              .object([
                ("experiment", .string($0.experiment)), ("template", .string($0.template)),
                ("service", .string($0.service)), ("revision", .string($0.revision)),
                ("requests", .int($0.requests)), ("errors", .int($0.errors)),
              ])
            })
        ))
    }
    return .object(fields)
  }

  static func timelineEntry(_ entry: TimelineEntry) -> JSONValue {
    var replicas: [(String, JSONValue)] = []
    var used = Set<String>()
    for count in entry.replicas {
      var key = count.role
      if used.contains(key) { key = "\(count.role)-\(count.revision)" }
      used.insert(key)
      replicas.append(
        (
          key,
          .object([
            ("revision", .int(Int64(count.revision))),
            ("revisionName", .string(count.revisionName)),
            ("desired", .int(Int64(count.desired))),
            ("ready", .int(Int64(count.ready))),
            ("available", .int(Int64(count.available))),
          ])
        ))
    }
    return .object([
      ("t", seconds(entry.t)),
      ("event", .string(entry.event)),
      ("step", entry.step.map { .int(Int64($0)) } ?? .null),
      ("phase", .string(entry.phase.rawValue)),
      ("weights", .object([("canary", .int(Int64(entry.weights.canary))), ("stable", .int(Int64(entry.weights.stable)))])),
      ("replicas", .object(replicas)),
      ("message", .string(entry.message)),
    ])
  }

  static func analysisRun(_ run: AnalysisRunRecord) -> JSONValue {
    .object([
      ("name", .string(run.name)),
      ("kind", .string(run.kind.rawValue)),
      ("step", run.step.map { .int(Int64($0)) } ?? .null),
      ("phase", .string(run.phase)),
      ("startedAt", run.startedAt.map(seconds) ?? .null),
      ("completedAt", run.completedAt.map(seconds) ?? .null),
      ("message", .string(run.message)),
      (
        "metrics",
        .array(
          run.metrics.map { metric in
            .object([
              ("name", .string(metric.name)),
              ("phase", .string(metric.phase)),
              ("dryRun", .bool(metric.dryRun)),
              (
                "measurements",
                .array(
                  metric.measurements.map { m in
                    .object([
                      ("t", seconds(m.t)), ("phase", .string(m.phase)), ("value", .string(m.value)),
                      ("message", .string(m.message)),
                    ])
                  })
              ),
            ])
          })
      ),
    ])
  }

  static func diagnostic(_ d: Diagnostic) -> JSONValue {
    .object([
      ("severity", .string(d.severity.rawValue)),
      ("file", d.location.map { .string($0.file) } ?? .null),
      ("line", d.location.map { .int(Int64($0.line)) } ?? .null),
      ("column", d.location.map { .int(Int64($0.column)) } ?? .null),
      ("message", .string(d.message)),
      ("hint", d.hint.map { .string($0) }),
      ("rule", d.rule.map { .string($0) }),
    ])
  }
}
