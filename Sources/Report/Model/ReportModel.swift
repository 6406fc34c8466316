import Controller
import Diagnostics
import Simulation
import VirtualTime

/// Everything the HTML, Markdown, explain and timeline renderers read about one run. Built from a
/// fresh run (`init(report:plan:)`) or decoded from the store; every part is Codable, so the store
/// can keep a run's report input and `report RUN_ID` renders it without running again.
public struct ReportModel: Sendable, Codable {
  public var scenario: String
  public var description: String
  public var seed: UInt64
  public var rollout: String
  public var strategy: String
  public var plan: RolloutPlan
  public var outcome: Outcome
  public var endedAt: SimInstant
  public var timeline: [TimelineEntry]
  public var analysisRuns: [AnalysisRunRecord]
  public var traffic: TrafficTotals
  public var final: FinalState
  public var revisions: RevisionCatalog
  public var scale: TimeScale
  public var revisionTraffic: RevisionTraffic
  public var diagnostics: [Diagnostic]
  /// Set for a run of a sweep (nil for a scenario's run, and in models stored before it existed).
  public var sweepRun: SweepRunIdentity?

  /// How many buckets the traffic charts get across their width.
  public static let trafficBuckets = 360

  /// `includeTraffic: false` skips the per-revision traffic (the terminal view does not draw it).
  public init(report: RunReport, plan: RolloutPlan, description: String = "", includeTraffic: Bool = true) {
    let result = report.result
    scenario = report.scenario
    self.description = description
    seed = report.seed
    rollout = report.rollout
    strategy = report.strategy
    self.plan = plan
    outcome = result.outcome
    endedAt = result.endedAt
    timeline = result.timeline
    analysisRuns = result.analysisRuns
    traffic = result.traffic
    diagnostics = report.diagnostics
    sweepRun = report.sweepRun
    let status = result.finalStatus
    final = FinalState(
      currentStepIndex: status.currentStepIndex, stableHash: status.stableRS, currentHash: status.currentPodHash,
      replicas: status.replicas, updatedReplicas: status.updatedReplicas, readyReplicas: status.readyReplicas,
      availableReplicas: status.availableReplicas, canaryWeight: status.canary.weights?.canary.weight,
      message: status.message)
    revisions = RevisionCatalog(rollout: report.rollout, timeline: result.timeline, final: final)
    scale = Self.scale(timeline: timeline, runs: analysisRuns, endedAt: endedAt)
    revisionTraffic =
      includeTraffic
      ? RevisionTraffic.extract(
        from: result.store, edges: scale.bucketEdges(count: Self.trafficBuckets), catalog: revisions,
        experiments: result.traffic.experiments)
      : RevisionTraffic()
  }

  /// The time scale of every chart: from the update to the end of the run, keeping apart the
  /// moments something happened.
  public static func scale(timeline: [TimelineEntry], runs: [AnalysisRunRecord], endedAt: SimInstant) -> TimeScale {
    var instants = timeline.map(\.t.milliseconds)
    for run in runs {
      if let t = run.startedAt { instants.append(t.milliseconds) }
      if let t = run.completedAt { instants.append(t.milliseconds) }
      for metric in run.metrics {
        for m in metric.measurements where m.phase != AnalysisPhase.successful.rawValue {
          instants.append(m.t.milliseconds)
        }
      }
    }
    return TimeScale.make(start: 0, end: endedAt.milliseconds, instants: instants)
  }

  /// The report's title: the scenario's name, or for a sweep's run its sweep, variant, release and seed.
  public var title: String { sweepRun?.title(seed: seed) ?? scenario }

  /// The number of canary steps (nil for blue-green and for canaries without steps).
  public var stepCount: Int? { plan.steps.isEmpty ? nil : plan.steps.count }
}
