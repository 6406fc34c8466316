/// What `report` is asked to report, read from its TARGET argument.
///
/// An existing file always wins (a file named `12` is a scenario). Otherwise bare integers are run
/// ids, as everywhere else (`runs show 12`); sweeps are named explicitly (`sweep:3`, `sweep:NAME`) or
/// by their name alone, which can never be mistaken for a run id. So `report 3` never silently
/// reports sweep 3: when run 3 does not exist but sweep 3 does, the error says to write `sweep:3`.
enum ReportTarget: Equatable {
  /// A scenario file: run it and report the run.
  case scenario(path: String)
  /// A stored run, by id (`12`, `run:12`).
  case run(id: Int64)
  /// A stored sweep, by id or name as `compare` takes it (`sweep:3`, `sweep:NAME`).
  case sweep(reference: String)
  /// A bare word that is no file: a sweep's name, or a mistyped scenario path.
  case name(String)

  /// nil when TARGET is none of them (see `missingMessage`).
  init?(_ text: String, fileExists: Bool) {
    if fileExists {
      self = .scenario(path: text)
    } else if let rest = Self.suffix(of: text, after: "run:") {
      guard let id = Int64(rest), id > 0 else { return nil }
      self = .run(id: id)
    } else if let rest = Self.suffix(of: text, after: "sweep:") {
      guard !rest.isEmpty else { return nil }
      self = .sweep(reference: rest)
    } else if let id = Int64(text) {
      self = .run(id: id)
    } else if Self.looksLikePath(text) {
      return nil
    } else {
      self = .name(text)
    }
  }

  static func suffix(of text: String, after prefix: String) -> String? {
    text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : nil
  }

  /// Folders and YAML extensions mean a file was meant (a sweep's name has neither).
  static func looksLikePath(_ text: String) -> Bool {
    text.isEmpty || text.contains("/") || [".yaml", ".yml", ".json"].contains { text.lowercased().hasSuffix($0) }
  }

  /// Why TARGET names nothing `report` can read.
  static func missingMessage(_ target: String) -> String {
    if target.hasPrefix("run:") {
      return "error: '\(target)' is not a run id: write run:ID with the number `rollout-sim runs list` shows"
    }
    if target.hasPrefix("sweep:") {
      return "error: '\(target)' names no sweep: write sweep:ID or sweep:NAME (see `rollout-sim compare`)"
    }
    return "error: cannot read scenario file \(target)"
  }
}
