import Foundation

/// Paths tests need: the package root and the shared data folder beside it.
public enum PackagePaths {
  /// The package root, found from this file's path (Tests/TestSupport/PackagePaths.swift).
  public static let root: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // TestSupport
    .deletingLastPathComponent()  // Tests
    .deletingLastPathComponent()  // root

  /// `../shared` beside the package.
  public static let shared: URL = root.deletingLastPathComponent().appendingPathComponent("shared")

  /// `../shared/data`.
  public static let sharedData: URL = shared.appendingPathComponent("data")

  /// Whether `../shared/data/<subpath>` exists. When it does not, prints why the dependent test skips.
  public static func sharedDataAvailable(_ subpath: String = "") -> Bool {
    let url = subpath.isEmpty ? sharedData : sharedData.appendingPathComponent(subpath)
    let exists = FileManager.default.fileExists(atPath: url.path)
    if !exists {
      print("skipping: \(url.path) is absent (tests read ../shared/data beside the package)")
    }
    return exists
  }

  public static func sharedData(_ subpath: String) -> URL { sharedData.appendingPathComponent(subpath) }

  public static func inPackage(_ subpath: String) -> URL { root.appendingPathComponent(subpath) }

  /// Every regular file under `directory` whose name ends with one of `extensions`, sorted by path.
  public static func files(under directory: URL, extensions: Set<String>) -> [URL] {
    guard let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)
    else { return [] }
    var found: [URL] = []
    for case let url as URL in enumerator where extensions.contains(url.pathExtension) {
      found.append(url)
    }
    return found.sorted { $0.path < $1.path }
  }
}
