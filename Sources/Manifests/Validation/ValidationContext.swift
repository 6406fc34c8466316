import Diagnostics

/// The state of one validation pass: the set being checked and the findings so far.
struct ValidationContext {
  let set: ManifestSet
  var diagnostics: [Diagnostic] = []

  init(set: ManifestSet) { self.set = set }

  mutating func run() {
    for rollout in set.rollouts { validateRollout(rollout) }
    for template in set.analysisTemplates + set.clusterAnalysisTemplates { validateTemplate(template) }
    for run in set.analysisRuns { validateAnalysisRun(run) }
    for experiment in set.experiments { validateExperiment(experiment) }
    for service in set.virtualServices { validateVirtualServiceWeights(service) }
    for secret in set.secrets { validateSecret(secret) }
    for deployment in set.deployments { validateDeployment(deployment) }
  }

  // MARK: Emitting

  mutating func error(_ message: String, at location: SourceLocation?, length: Int = 1, hint: String? = nil, rule: String) {
    diagnostics.append(.error(message, at: location, length: length, hint: hint, rule: rule))
  }

  mutating func warning(_ message: String, at location: SourceLocation?, length: Int = 1, hint: String? = nil, rule: String) {
    diagnostics.append(.warning(message, at: location, length: length, hint: hint, rule: rule))
  }

  mutating func error<T>(_ message: String, at value: Located<T>, hint: String? = nil, rule: String) {
    error(message, at: value.location, length: value.length, hint: hint, rule: rule)
  }

  mutating func warning<T>(_ message: String, at value: Located<T>, hint: String? = nil, rule: String) {
    warning(message, at: value.location, length: value.length, hint: hint, rule: rule)
  }

  // MARK: Locating text inside a scalar

  /// Where the `occurrence`-th appearance of `needle` inside the scalar `node` is written in its file.
  /// Works for plain, quoted, folded and literal scalars by searching the source from the node's start.
  func location(of needle: String, occurrence: Int = 0, in node: YAMLNode) -> SourceLocation {
    guard let source = set.sources[node.location.file], node.location.isKnown else { return node.location }
    var found = 0
    var lineIndex = node.location.line - 1
    var startColumn = node.location.column - 1
    while lineIndex < source.lines.count, lineIndex < node.location.line + 200 {
      let chars = Array(source.lines[lineIndex])
      let needleChars = Array(needle)
      var column = max(0, startColumn)
      while column + needleChars.count <= chars.count {
        if Array(chars[column..<(column + needleChars.count)]) == needleChars {
          if found == occurrence { return SourceLocation(file: node.location.file, line: lineIndex + 1, column: column + 1) }
          found += 1
          column += needleChars.count
        } else {
          column += 1
        }
      }
      lineIndex += 1
      startColumn = 0
    }
    return node.location
  }

  /// The node at `path` in `root`, or `root` itself.
  func node(_ root: YAMLNode, _ path: String) -> YAMLNode { root.value(at: path) ?? root }
}

extension YAMLPath {
  /// Prefix of a Rollout field path for a step.
  static func step(_ index: Int) -> String { "spec.strategy.canary.steps[\(index)]" }
}
