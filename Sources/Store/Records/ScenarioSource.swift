/// The input texts a run came from: the scenario file and every manifest file it read. Stored once per
/// content hash in `scenario`, however many runs share it.
public struct ScenarioSource: Sendable, Hashable {
  public struct File: Sendable, Hashable {
    public var path: String
    public var text: String
    public init(path: String, text: String) {
      self.path = path
      self.text = text
    }
  }

  public var name: String
  public var path: String
  public var text: String
  public var manifests: [File]

  public init(name: String, path: String, text: String, manifests: [File]) {
    self.name = name
    self.path = path
    self.text = text
    self.manifests = manifests
  }

  /// SHA-256 of the texts (not the paths: the same files in another folder are the same scenario).
  public var hash: String {
    var canonical = "scenario\u{0}\(text)"
    for file in manifests { canonical += "\u{0}manifest\u{0}\(file.text)" }
    return SHA256.hex(canonical)
  }

  /// The manifest files as a JSON array of {path, text}.
  var manifestsJSON: String {
    JSONText.array(manifests.map { JSONText.object([("path", JSONText.string($0.path)), ("text", JSONText.string($0.text))]) })
  }
}
