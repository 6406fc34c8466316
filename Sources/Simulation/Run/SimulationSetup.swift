import Controller
import VirtualTime
import Workload

/// Everything a run needs, resolved: the rollout as it is after the update, what ran before it,
/// the operator's actions and the limits. Scenario files are loaded into this.
public struct SimulationSetup: Sendable {
  /// The Rollout after the update applied at t = 0 (its template is the new revision).
  public var rollout: RolloutSpec
  /// The revision running (fully promoted) before t = 0.
  public var stableTemplate: PodTemplate
  /// Every revision an `update` or `undo` can switch to, by scenario revision name.
  public var templates: [String: PodTemplate]
  /// Services that exist in the namespace (the controller only points Services that exist).
  public var services: [String]
  public var podStartup: [String: PodStartup]
  public var defaultPodStartup: PodStartup
  public var actions: [ScheduledOperatorAction]
  /// Stop here at the latest; a run that settles earlier stops `settleGrace` after it settled.
  public var horizon: SimDuration?
  /// The latest a run may go without an explicit horizon.
  public var maxHorizon: SimDuration
  public var settleGrace: SimDuration
  public var seed: UInt64
  /// Refuse to go on past this many events (a scenario with `interval: 1ms` over 30 days).
  public var maxEvents: Int
  /// Traffic and telemetry; nil runs the controller alone (no requests, no series).
  public var workload: WorkloadModel?
  public var topology: TrafficTopology

  public init(
    rollout: RolloutSpec, stableTemplate: PodTemplate, templates: [String: PodTemplate] = [:],
    services: [String] = [], podStartup: [String: PodStartup] = [:], defaultPodStartup: PodStartup = .default,
    actions: [ScheduledOperatorAction] = [], horizon: SimDuration? = nil, maxHorizon: SimDuration = .hours(24 * 30),
    settleGrace: SimDuration = .minutes(5), seed: UInt64 = 1, maxEvents: Int = 20_000_000,
    workload: WorkloadModel? = nil, topology: TrafficTopology? = nil
  ) {
    self.workload = workload
    self.topology = topology ?? TrafficTopology(namespace: rollout.namespace, rolloutName: rollout.name)
    self.rollout = rollout
    self.stableTemplate = stableTemplate
    self.templates = templates
    self.services = services
    self.podStartup = podStartup
    self.defaultPodStartup = defaultPodStartup
    self.actions = actions
    self.horizon = horizon
    self.maxHorizon = maxHorizon
    self.settleGrace = settleGrace
    self.seed = seed
    self.maxEvents = maxEvents
  }
}

/// An operator action at a virtual time after the update.
public struct ScheduledOperatorAction: Sendable, Hashable {
  public var at: SimDuration
  public var command: OperatorCommand
  /// For `update`: the scenario revision to switch to.
  public var revision: String?
  public init(at: SimDuration, command: OperatorCommand, revision: String? = nil) {
    self.at = at
    self.command = command
    self.revision = revision
  }
}
