import Diagnostics
import Foundation

/// Turns the paths a user typed into a sorted list of YAML files: files as given, directories walked
/// recursively for `*.yaml` / `*.yml`, and globs (`*`, `?`, `[…]` within a segment, `**` across
/// directories) matched against the file system.
public enum PathExpansion {
  public static let yamlExtensions: Set<String> = ["yaml", "yml"]

  public struct Result: Sendable {
    public var files: [String]
    public var diagnostics: [Diagnostic]
  }

  public static func expand(_ paths: [String], fileManager: FileManager = .default) -> Result {
    var files: [String] = []
    var seen = Set<String>()
    var diagnostics: [Diagnostic] = []
    func add(_ file: String) { if seen.insert(file).inserted { files.append(file) } }

    for path in paths {
      if isGlob(path) {
        let matches = glob(path, fileManager: fileManager)
        if matches.isEmpty {
          diagnostics.append(.error("no files match '\(path)'", hint: "quote globs so rollout-sim expands them: 'dir/*.yaml'", rule: "input"))
        }
        for match in matches {
          var isDirectory: ObjCBool = false
          if fileManager.fileExists(atPath: match, isDirectory: &isDirectory), isDirectory.boolValue {
            walk(match, fileManager: fileManager).forEach(add)
          } else {
            add(match)
          }
        }
        continue
      }
      var isDirectory: ObjCBool = false
      guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory) else {
        diagnostics.append(.error("no such file or directory: \(path)", rule: "input"))
        continue
      }
      if isDirectory.boolValue {
        let found = walk(path, fileManager: fileManager)
        if found.isEmpty {
          diagnostics.append(.warning("no .yaml or .yml files under \(path)", rule: "input"))
        }
        found.forEach(add)
      } else {
        add(path)
      }
    }
    return Result(files: files, diagnostics: diagnostics)
  }

  static func isGlob(_ path: String) -> Bool { path.contains { $0 == "*" || $0 == "?" || $0 == "[" } }

  /// Every YAML file under `directory`, sorted by path, hidden entries skipped.
  static func walk(_ directory: String, fileManager: FileManager) -> [String] {
    let base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
    guard let enumerator = fileManager.enumerator(atPath: base) else { return [] }
    var found: [String] = []
    while let relative = enumerator.nextObject() as? String {
      if relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
      let full = base.isEmpty ? relative : base + "/" + relative
      var isDirectory: ObjCBool = false
      guard fileManager.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
      if yamlExtensions.contains((relative as NSString).pathExtension.lowercased()) { found.append(full) }
    }
    return found.sorted()
  }

  /// Matches a glob against the file system, segment by segment.
  static func glob(_ pattern: String, fileManager: FileManager) -> [String] {
    let absolute = pattern.hasPrefix("/")
    let segments = pattern.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    var current: [String] = [absolute ? "/" : ""]
    for (i, segment) in segments.enumerated() {
      let isLast = i == segments.count - 1
      var next: [String] = []
      for base in current {
        let dir = base.isEmpty ? "." : base
        func join(_ name: String) -> String { base.isEmpty ? name : (base == "/" ? "/" + name : base + "/" + name) }
        if segment == "**" {
          // Zero or more directories.
          next.append(base)
          if let enumerator = fileManager.enumerator(atPath: dir) {
            while let relative = enumerator.nextObject() as? String {
              if relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
              var isDirectory: ObjCBool = false
              let full = join(relative)
              if fileManager.fileExists(atPath: full, isDirectory: &isDirectory), isDirectory.boolValue || isLast {
                next.append(full)
              }
            }
          }
        } else if isGlob(segment) {
          let names = (try? fileManager.contentsOfDirectory(atPath: dir)) ?? []
          for name in names.sorted() where !name.hasPrefix(".") || segment.hasPrefix(".") {
            if WildcardPattern.matches(segment, name) { next.append(join(name)) }
          }
        } else {
          let full = join(segment)
          if fileManager.fileExists(atPath: full) { next.append(full) }
        }
      }
      current = next
    }
    var seen = Set<String>()
    return current.filter { !$0.isEmpty && $0 != "/" && seen.insert($0).inserted }.sorted()
  }
}

/// Shell-style wildcard matching within one path segment: `*`, `?`, `[abc]`, `[a-z]`, `[!x]`.
enum WildcardPattern {
  static func matches(_ pattern: String, _ name: String) -> Bool {
    let p = Array(pattern), n = Array(name)
    var memo = [Int: Bool]()
    func match(_ i: Int, _ j: Int) -> Bool {
      let key = i * (n.count + 1) + j
      if let known = memo[key] { return known }
      var result: Bool
      if i == p.count {
        result = j == n.count
      } else if p[i] == "*" {
        result = match(i + 1, j) || (j < n.count && match(i, j + 1))
      } else if j == n.count {
        result = false
      } else if p[i] == "?" {
        result = match(i + 1, j + 1)
      } else if p[i] == "[", let close = p[(i + 1)...].firstIndex(of: "]") {
        var set = Array(p[(i + 1)..<close])
        let negate = set.first == "!" || set.first == "^"
        if negate { set.removeFirst() }
        var inSet = false
        var k = 0
        while k < set.count {
          if k + 2 < set.count, set[k + 1] == "-" {
            if set[k] <= n[j] && n[j] <= set[k + 2] { inSet = true }
            k += 3
          } else {
            if set[k] == n[j] { inSet = true }
            k += 1
          }
        }
        result = inSet != negate && match(close + 1, j + 1)
      } else {
        result = p[i] == n[j] && match(i + 1, j + 1)
      }
      memo[key] = result
      return result
    }
    return match(0, 0)
  }
}
