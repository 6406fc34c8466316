import Controller
import Diagnostics
import Manifests
import VirtualTime
import Workload

/// A loaded `kind: Scenario` (design §4.2): the manifests it names, the rollout it drives, and the
/// synthetic world around it. Produced by `ScenarioLoader`; turned into a `SimulationSetup` by
/// `ScenarioLoader.setup(for:)`.
public struct Scenario: Sendable {
  public var name: String
  public var description: String
  /// The scenario file's path and text (the store keeps the text and its hash).
  public var path: String
  public var text: String
  /// The scenario's own YAML (sweeps edit it and reload).
  public var root: YAMLNode
  public var manifests: ManifestSet
  /// The Rollout the scenario drives.
  public var rollout: Rollout
  public var namespace: String
  public var seed: UInt64
  public var horizon: SimDuration?
  public var defaultPodStartup: PodStartup
  public var podStartup: [String: PodStartup]
  public var workload: WorkloadModel
  public var tests: [TrafficTopology.TestStream]
  /// Every revision the scenario knows, in order: `stable`, `canary`, then the others.
  public var revisionNames: [String]
  public var actions: [ScheduledOperatorAction]
  /// `spec.providers` and `spec.secrets` as written; the analysis driver reads them.
  public var providers: YAMLNode?
  public var secrets: [String: [String: String]]
  /// `spec.expect` as written (used by `rollout-sim test`).
  public var expect: YAMLNode?
  /// Where the manifests were read from: a variation that edits the scenario reloads them from there.
  public var manifestSource: ManifestSource
}
