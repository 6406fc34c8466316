import Foundation

/// Golden-file comparison. Set `RECORD_SNAPSHOTS=1` to rewrite the files; recording reports a
/// mismatch on purpose so a recorded run never passes silently.
public enum Golden {
  /// Compares `actual` with the file at `path` (relative to the package root). Returns nil when they
  /// match, otherwise a readable difference (or the note that the file was recorded).
  public static func compare(_ actual: String, toFile path: String) -> String? {
    let url = PackagePaths.inPackage(path)
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
      try? FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try? actual.write(to: url, atomically: true, encoding: .utf8)
      return "recorded \(path); rerun without RECORD_SNAPSHOTS=1"
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
      return "missing golden file \(path); run with RECORD_SNAPSHOTS=1 to create it"
    }
    if expected == actual { return nil }
    return difference(expected: expected, actual: actual, name: path)
  }

  /// A line diff that names the first differing line and shows a few lines around it.
  public static func difference(expected: String, actual: String, name: String) -> String {
    let e = expected.components(separatedBy: "\n"), a = actual.components(separatedBy: "\n")
    var index = 0
    while index < min(e.count, a.count), e[index] == a[index] { index += 1 }
    var out = "\(name) differs at line \(index + 1):\n"
    for i in max(0, index - 2)..<min(max(e.count, a.count), index + 3) {
      let el = i < e.count ? e[i] : "<end>", al = i < a.count ? a[i] : "<end>"
      if el == al { out += "   \(el)\n" } else { out += " - \(el)\n + \(al)\n" }
    }
    return out
  }
}
