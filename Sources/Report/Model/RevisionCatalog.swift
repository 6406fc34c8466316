import Foundation
import Simulation

/// The revisions a run saw — number, scenario profile name, ReplicaSet and pod-template hash — read
/// from the timeline (`Created ReplicaSet X (revision N)`, `Scaled up ReplicaSet X (revision N) …`)
/// and the final status, so stored runs need nothing else.
public struct RevisionCatalog: Sendable, Hashable, Codable {
  public struct Entry: Sendable, Hashable, Codable {
    public var revision: Int
    /// The scenario's behaviour profile (`stable`, `canary`, `v3`).
    public var profile: String
    public var replicaSet: String
    public var hash: String

    public init(revision: Int, profile: String, replicaSet: String, hash: String) {
      self.revision = revision
      self.profile = profile
      self.replicaSet = replicaSet
      self.hash = hash
    }
  }

  public var entries: [Entry]

  public init(entries: [Entry]) { self.entries = entries }

  public init(rollout: String, timeline: [TimelineEntry], final: FinalState) {
    var names: [Int: String] = [:]
    for entry in timeline {
      guard entry.event == "NewReplicaSetCreated" || entry.event == "ScalingReplicaSet" else { continue }
      if let (name, revision) = Self.replicaSetMention(entry.message), names[revision] == nil { names[revision] = name }
    }
    var profiles: [Int: String] = [:]
    var roles: [Int: String] = [:]
    for entry in timeline {
      for count in entry.replicas where profiles[count.revision] == nil {
        profiles[count.revision] = count.revisionName
        roles[count.revision] = count.role
      }
    }
    let revisions = Set(names.keys).union(profiles.keys).sorted()
    entries = revisions.map { revision in
      var name = names[revision] ?? ""
      if name.isEmpty {
        // The stable revision before the update is only named when it is scaled; otherwise it is
        // still the stable one at the end.
        let hash = roles[revision] == "stable" ? final.stableHash : ""
        name = hash.isEmpty ? "" : "\(rollout)-\(hash)"
      }
      let prefix = rollout + "-"
      let hash = name.hasPrefix(prefix) ? String(name.dropFirst(prefix.count)) : name
      return Entry(revision: revision, profile: profiles[revision] ?? "", replicaSet: name, hash: hash)
    }
  }

  /// `(name, revision)` from `… ReplicaSet NAME (revision N) …`.
  static func replicaSetMention(_ message: String) -> (String, Int)? {
    guard let range = message.range(of: "ReplicaSet ") else { return nil }
    let rest = message[range.upperBound...]
    let name = rest.prefix { $0 != " " }
    let tail = rest.dropFirst(name.count)
    guard !name.isEmpty, tail.hasPrefix(" (revision ") else { return nil }
    let digits = tail.dropFirst(" (revision ".count).prefix { $0.isNumber }
    guard let revision = Int(digits) else { return nil }
    return (String(name), revision)
  }

  public func entry(revision: Int) -> Entry? { entries.first { $0.revision == revision } }
  public func entry(hash: String) -> Entry? { entries.first { !hash.isEmpty && $0.hash == hash } }

  /// The entry a telemetry label value names: a ReplicaSet name or a pod-template hash.
  public func entry(matching value: String) -> Entry? {
    entries.first { !$0.hash.isEmpty && ($0.replicaSet == value || $0.hash == value || value.hasSuffix("-" + $0.hash)) }
  }
}

/// The rollout's status at the end of the run, as far as the reports show it.
public struct FinalState: Sendable, Hashable, Codable {
  public var currentStepIndex: Int?
  public var stableHash: String
  public var currentHash: String
  public var replicas: Int
  public var updatedReplicas: Int
  public var readyReplicas: Int
  public var availableReplicas: Int
  /// The canary weight the router was last told (nil without traffic routing).
  public var canaryWeight: Int?
  public var message: String

  public init(
    currentStepIndex: Int? = nil, stableHash: String = "", currentHash: String = "", replicas: Int = 0,
    updatedReplicas: Int = 0, readyReplicas: Int = 0, availableReplicas: Int = 0, canaryWeight: Int? = nil,
    message: String = ""
  ) {
    self.currentStepIndex = currentStepIndex
    self.stableHash = stableHash
    self.currentHash = currentHash
    self.replicas = replicas
    self.updatedReplicas = updatedReplicas
    self.readyReplicas = readyReplicas
    self.availableReplicas = availableReplicas
    self.canaryWeight = canaryWeight
    self.message = message
  }
}
