/// One entry of an Experiment's `status.templateStatuses`, as far as the rollout's traffic routing
/// reads it: the template's ReplicaSet, its Service and its pods' `rollouts-pod-template-hash`.
public struct ExperimentTemplateStatus: Sendable, Hashable {
  public var name: String
  /// `<experiment>-<template>` (experiments/replicaset.go `newReplicaSetFromTemplate`).
  public var replicaSetName: String
  /// "" when the template has neither `weight` nor `service:`.
  public var serviceName: String
  public var podTemplateHash: String

  public init(name: String, replicaSetName: String, serviceName: String, podTemplateHash: String) {
    self.name = name
    self.replicaSetName = replicaSetName
    self.serviceName = serviceName
    self.podTemplateHash = podTemplateHash
  }
}

extension ExperimentRequest {
  /// The template statuses the experiment controller fills in once it created each template's
  /// ReplicaSet and Service (experiments/experiment.go `reconcileTemplate`, `createTemplateService`).
  ///
  /// The hash: Go hashes the copied ReplicaSet's pod template without its hash label
  /// (`newReplicaSetFromTemplate`), which is the rollout's own template, so a template without
  /// `metadata.labels` gets the canary's (or stable's) hash; added labels give a new hash.
  public var templateStatuses: [ExperimentTemplateStatus] {
    step.templates.map { template in
      let rsName = "\(name)-\(template.name)"
      let base = template.usesCanarySpec ? podTemplateHash : stableHash
      return ExperimentTemplateStatus(
        name: template.name, replicaSetName: rsName,
        serviceName: template.hasService ? (template.serviceName ?? rsName) : "",
        podTemplateHash: template.labels.isEmpty && template.annotations.isEmpty
          ? base : Self.hash(base, metadata: template.labels.merging(template.annotations.map { ("annotation:" + $0.key, $0.value) }) { a, _ in a }))
    }
  }

  /// A stand-in for `ComputePodTemplateHash` over the template with extra labels: FNV-1a over the base
  /// hash and the sorted metadata, encoded like Kubernetes hashes.
  static func hash(_ base: String, metadata: [String: String]) -> String {
    var hash: UInt32 = 0x811C_9DC5
    let text = base + metadata.sorted { $0.key < $1.key }.map { "|\($0.key)=\($0.value)" }.joined()
    for byte in text.utf8 {
      hash ^= UInt32(byte)
      hash = hash &* 0x0100_0193
    }
    return SafeEncoding.encode(String(hash))
  }
}
