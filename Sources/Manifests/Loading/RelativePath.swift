import Foundation

/// Paths named inside a file (a scenario's `manifests`, a sweep's `scenario`, a `csv` curve) resolved
/// against that file's folder *lexically*: a relative file gives a relative path, so diagnostics read
/// `scenarios/seed/corrected/analysis.yaml:12:3` as the user typed it, not an absolute path with `..`
/// steps in it.
public enum RelativePath {
  /// `entry` as seen from the folder of `file`; an absolute `entry` is only normalised.
  public static func resolve(_ entry: String, besideFile file: String) -> String {
    if entry.hasPrefix("/") { return normalize(entry) }
    let folder = (file as NSString).deletingLastPathComponent
    return normalize(folder.isEmpty ? entry : folder + "/" + entry)
  }

  /// Removes `.` and `name/..` steps; leading `..` of a relative path stay (they leave the folder).
  public static func normalize(_ path: String) -> String {
    let absolute = path.hasPrefix("/")
    var parts: [Substring] = []
    for part in path.split(separator: "/", omittingEmptySubsequences: true) {
      switch part {
      case ".":
        continue
      case "..":
        if let last = parts.last, last != ".." {
          parts.removeLast()
        } else if !absolute {
          parts.append(part)
        }
      default:
        parts.append(part)
      }
    }
    let joined = parts.joined(separator: "/")
    if absolute { return "/" + joined }
    return joined.isEmpty ? "." : joined
  }
}
