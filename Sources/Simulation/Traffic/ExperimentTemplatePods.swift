import Controller

/// The pods of one experiment template, as traffic sees them: the template's ReplicaSet and Service,
/// the hash its pods carry and the revision profile they follow. Traffic reaches them only through a
/// router destination for their Service (an experiment step `weight`).
struct ExperimentTemplatePods: Sendable, Hashable {
  var experiment: String
  var template: String
  var replicaSetName: String
  var serviceName: String
  var podTemplateHash: String
  /// The scenario revision profile: the template's name when `revisions:` lists it, else the revision
  /// of the ReplicaSet whose pod template it copies.
  var profile: String
  /// Template `metadata.labels` on top of the rollout's pod labels.
  var labels: [String: String]
  /// The pods are all available (the template reached Running) and not yet scaled away.
  var available: Bool

  /// The profile rule, in one place so docs and code agree.
  static func profile(template: String, copiedRevision: String, listed: (String) -> Bool) -> String {
    listed(template) ? template : copiedRevision
  }
}
