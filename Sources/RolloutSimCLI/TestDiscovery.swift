import Diagnostics
import Foundation
import Manifests

/// Finds the scenario and sweep files `test` runs: the files named, and every `*.yaml` / `*.yml`
/// below the folders named whose first document is `kind: Scenario` or `kind: Sweep` (manifests
/// beside them are not tests).
enum TestDiscovery {
  struct Found: Equatable {
    /// The path as reports show it: as the user wrote it, joined with the path inside a folder.
    var path: String
    /// `Scenario` or `Sweep`.
    var kind: String
  }

  static let testKinds = ["Scenario", "Sweep"]

  static func find(_ paths: [String]) -> (found: [Found], diagnostics: [Diagnostic]) {
    var found: [Found] = []
    var diagnostics: [Diagnostic] = []
    for path in paths {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        diagnostics.append(.error("\(path): no such file or directory", rule: "input"))
        continue
      }
      if isDirectory.boolValue {
        let inside = files(under: path).compactMap { file in kind(of: file).flatMap { testKinds.contains($0) ? Found(path: file, kind: $0) : nil } }
        if inside.isEmpty {
          diagnostics.append(
            .error("\(path): no scenario or sweep files (kind: Scenario / kind: Sweep) under this folder", rule: "input"))
        }
        found += inside
      } else if let kind = kind(of: path), testKinds.contains(kind) {
        found.append(Found(path: path, kind: kind))
      } else {
        diagnostics.append(
          .error(
            "\(path) is not a scenario or a sweep (its first document has \(kind(of: path).map { "kind: \($0)" } ?? "no kind"))",
            hint: "rollout-sim test runs files with kind: Scenario or kind: Sweep; lint manifests with rollout-sim lint",
            rule: "input"))
      }
    }
    var seen = Set<String>()
    return (found.filter { seen.insert($0.path).inserted }, diagnostics)
  }

  /// Every YAML file below `folder`, sorted, as `folder/relative/path.yaml`.
  static func files(under folder: String) -> [String] {
    guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
    var out: [String] = []
    while let relative = enumerator.nextObject() as? String {
      guard relative.hasSuffix(".yaml") || relative.hasSuffix(".yml") else { continue }
      out.append(folder.hasSuffix("/") ? folder + relative : folder + "/" + relative)
    }
    return out.sorted()
  }

  /// The `kind` of the file's first document, if it has one.
  static func kind(of path: String) -> String? {
    guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
      return nil
    }
    return YAMLReader.read(text, file: path).documents.first?.root["kind"]?.stringValue
  }
}
