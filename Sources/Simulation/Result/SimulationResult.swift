import Controller
import TimeSeries
import VirtualTime

/// What a run produced: the outcome, the timeline of controller decisions, every AnalysisRun with its
/// measurements, and the traffic each revision served.
public struct SimulationResult: Sendable {
  public var outcome: Outcome
  public var timeline: [TimelineEntry]
  public var analysisRuns: [AnalysisRunRecord]
  public var traffic: TrafficTotals
  public var finalStatus: RolloutStatus
  /// Virtual time at which the run stopped.
  public var endedAt: SimInstant
  public var eventsProcessed: UInt64
  /// Every series the workload emitted (empty when the run had no workload).
  public var store: SeriesStore
  /// What the controller changed in objects users keep in git (the GitOps drift check reads this).
  public var mutations: [ClusterMutation]
  /// Why the run stopped.
  public var stopReason: StopReason

  public enum StopReason: String, Sendable, Hashable, Codable {
    /// Nothing more could change (Healthy, Degraded, or waiting for an operator), plus the grace period.
    case settled
    /// The horizon (explicit, or the 30-day cap) came first.
    case horizon
    /// The event limit protecting against runaway scenarios.
    case eventLimit
  }
}

/// A change the controller made to an object that comes from the user's manifests.
public enum ClusterMutation: Sendable, Hashable, Codable {
  /// `spec.selector.rollouts-pod-template-hash` of a Service.
  case serviceSelector(service: String)
  /// Route weights: VirtualService destinations, OpenShift Route `to`/`alternateBackends`, or the
  /// router's own objects (nginx canary Ingress, SMI TrafficSplit…).
  case routeWeights
  /// `rollouts-pod-template-hash` labels of the DestinationRule's canary and stable subsets.
  case destinationRuleSubsetLabels
  /// Managed header or mirror routes added to the VirtualService.
  case managedRoutes
}

public struct Outcome: Sendable, Hashable, Codable {
  public var phase: RolloutPhase
  /// The condition reason or pause reason behind the phase (e.g. `RolloutAborted`).
  public var reason: String
  public var message: String
  /// When the final phase was reached.
  public var at: SimInstant
  /// The updated revision became stable.
  public var promoted: Bool
  /// The update was aborted (and not retried to completion).
  public var aborted: Bool
  public var promotedAt: SimInstant?
  public var abortedAt: SimInstant?
}

/// One line of the timeline: a controller event and the state right after it.
public struct TimelineEntry: Sendable, Hashable, Codable {
  public var t: SimInstant
  /// The event reason (`RolloutStepCompleted`, `TrafficWeightUpdated`, `AnalysisRunFailed`, …) or an
  /// operator action (`Operator`).
  public var event: String
  public var step: Int?
  public var weights: Weights
  public var replicas: [ReplicaCount]
  public var phase: RolloutPhase
  public var message: String
  public var warning: Bool

  public struct Weights: Sendable, Hashable, Codable {
    public var canary: Int
    public var stable: Int
  }

  public struct ReplicaCount: Sendable, Hashable, Codable {
    /// `stable`, `canary`, or `old` for other revisions.
    public var role: String
    public var revision: Int
    public var revisionName: String
    public var desired: Int
    public var ready: Int
    public var available: Int
  }
}

public struct TrafficTotals: Sendable, Hashable, Codable {
  /// All user requests, experiment pods' included.
  public var requests: Int64 = 0
  public var errors: Int64 = 0
  /// What the canary ReplicaSet's pods served (not the experiment templates that copy its spec).
  public var canaryRequests: Int64 = 0
  public var canaryErrors: Int64 = 0
  /// What each experiment template served through a router `weight`, in order of first traffic.
  public var experiments: [ExperimentTraffic] = []
  public init() {}
}

/// User traffic one experiment template's pods served.
public struct ExperimentTraffic: Sendable, Hashable, Codable {
  public var experiment: String
  public var template: String
  public var service: String
  /// The revision profile the pods followed.
  public var revision: String
  public var requests: Int64
  public var errors: Int64

  public init(
    experiment: String, template: String, service: String, revision: String, requests: Int64, errors: Int64
  ) {
    self.experiment = experiment
    self.template = template
    self.service = service
    self.revision = revision
    self.requests = requests
    self.errors = errors
  }
}
