/// Where a scenario's manifests are read from.
///
/// A stored run is replayed from the texts the store kept rather than from the files, which may have
/// changed or moved since, and whose relative paths would resolve against today's working directory.
public enum ManifestSource: Sendable {
  /// The files `spec.manifests` names, resolved against the scenario's folder (globs and folders
  /// expanded): what every command that takes a scenario file does.
  case files
  /// These texts, in this order, as an earlier load of `spec.manifests` read them (the run store keeps
  /// them after path expansion, so they are used as they are, not matched against `spec.manifests`).
  /// Curves from `csv:` files are not manifests: those are read from the scenario's folder either way.
  case texts([(path: String, text: String)])
}
