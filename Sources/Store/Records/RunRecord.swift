import WhatIf

/// Everything the store keeps about one run. Each nested record owns one table; built from a
/// `SimulationResult` by `RunRecord(result:…)` and read back by `RunStore.run(id:)`.
public struct RunRecord: Sendable, Hashable {
  public var seed: UInt64
  /// What distinguishes this run from others of its scenario (flags, sweep variant and release), in order.
  public var parameters: [RunParameter]
  public var rollout: String
  public var strategy: String
  /// The number of canary steps (nil for blue-green).
  public var stepCount: Int?
  public var summary: RunSummary
  public var message: String
  public var outcomeAtMs: Int64
  public var events: Int64
  public var timeline: [TimelineRow]
  public var analysisRuns: [AnalysisRunRow]
  public var charts: [ChartSeries]

  public init(
    seed: UInt64, parameters: [RunParameter] = [], rollout: String, strategy: String, stepCount: Int? = nil,
    summary: RunSummary, message: String = "", outcomeAtMs: Int64 = 0, events: Int64 = 0, timeline: [TimelineRow] = [],
    analysisRuns: [AnalysisRunRow] = [], charts: [ChartSeries] = []
  ) {
    self.seed = seed
    self.parameters = parameters
    self.rollout = rollout
    self.strategy = strategy
    self.stepCount = stepCount
    self.summary = summary
    self.message = message
    self.outcomeAtMs = outcomeAtMs
    self.events = events
    self.timeline = timeline
    self.analysisRuns = analysisRuns
    self.charts = charts
  }

  /// The parameter's value, if the run has it.
  public func parameter(_ name: String) -> String? { parameters.first { $0.name == name }?.value }
}

public struct RunParameter: Sendable, Hashable, Codable {
  public var name: String
  public var value: String
  public init(_ name: String, _ value: String) {
    self.name = name
    self.value = value
  }
}

/// How much of a run to keep: sweeps of long plans can choose less than `run` keeps.
public enum RunDetail: String, Sendable, Hashable, CaseIterable, Codable {
  /// The outcome and summary figures only.
  case summary
  /// Plus the timeline and the AnalysisRuns' verdicts.
  case timeline
  /// Plus every measurement and the down-sampled series for charts.
  case full
}

/// One line of the timeline (`timelineEntry`).
public struct TimelineRow: Sendable, Hashable {
  public var tMs: Int64
  public var event: String
  public var step: Int?
  public var canaryWeight: Int
  public var stableWeight: Int
  public var phase: String
  public var message: String
  public var warning: Bool
  public var replicas: [ReplicaRow]

  public init(
    tMs: Int64, event: String, step: Int?, canaryWeight: Int, stableWeight: Int, phase: String, message: String,
    warning: Bool = false, replicas: [ReplicaRow] = []
  ) {
    self.tMs = tMs
    self.event = event
    self.step = step
    self.canaryWeight = canaryWeight
    self.stableWeight = stableWeight
    self.phase = phase
    self.message = message
    self.warning = warning
    self.replicas = replicas
  }
}

/// Replica counts of one ReplicaSet at a timeline entry (the `replicas` JSON column).
public struct ReplicaRow: Sendable, Hashable, Codable {
  public var role: String
  public var revision: Int
  public var revisionName: String
  public var desired: Int
  public var ready: Int
  public var available: Int

  public init(role: String, revision: Int, revisionName: String, desired: Int, ready: Int, available: Int) {
    self.role = role
    self.revision = revision
    self.revisionName = revisionName
    self.desired = desired
    self.ready = ready
    self.available = available
  }

  /// A compact array, `[role, revision, revisionName, desired, ready, available]`: a sweep writes
  /// hundreds of thousands of these.
  var json: String {
    "[\(JSONText.string(role)),\(revision),\(JSONText.string(revisionName)),\(desired),\(ready),\(available)]"
  }

  public init(from decoder: any Decoder) throws {
    var array = try decoder.unkeyedContainer()
    role = try array.decode(String.self)
    revision = try array.decode(Int.self)
    revisionName = try array.decode(String.self)
    desired = try array.decode(Int.self)
    ready = try array.decode(Int.self)
    available = try array.decode(Int.self)
  }

  public func encode(to encoder: any Encoder) throws {
    var array = encoder.unkeyedContainer()
    try array.encode(role)
    try array.encode(revision)
    try array.encode(revisionName)
    try array.encode(desired)
    try array.encode(ready)
    try array.encode(available)
  }
}

/// One AnalysisRun (`analysisRun`), its metrics (`analysisMetric`) and their measurements (`measurement`).
public struct AnalysisRunRow: Sendable, Hashable {
  public var name: String
  public var kind: String
  public var step: Int?
  public var phase: String
  public var startedAtMs: Int64?
  public var completedAtMs: Int64?
  public var message: String
  public var metrics: [MetricRow]

  public init(
    name: String, kind: String, step: Int?, phase: String, startedAtMs: Int64?, completedAtMs: Int64?, message: String,
    metrics: [MetricRow]
  ) {
    self.name = name
    self.kind = kind
    self.step = step
    self.phase = phase
    self.startedAtMs = startedAtMs
    self.completedAtMs = completedAtMs
    self.message = message
    self.metrics = metrics
  }
}

public struct MetricRow: Sendable, Hashable {
  public var name: String
  public var phase: String
  public var dryRun: Bool
  public var measurements: [MeasurementRow]

  public init(name: String, phase: String, dryRun: Bool, measurements: [MeasurementRow]) {
    self.name = name
    self.phase = phase
    self.dryRun = dryRun
    self.measurements = measurements
  }
}

public struct MeasurementRow: Sendable, Hashable {
  public var tMs: Int64
  public var phase: String
  public var value: String
  public var message: String

  public init(tMs: Int64, phase: String, value: String, message: String) {
    self.tMs = tMs
    self.phase = phase
    self.value = value
    self.message = message
  }
}
