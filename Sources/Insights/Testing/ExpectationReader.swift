import Diagnostics
import Manifests
import Simulation

/// Reads an `expect` block, reporting every unknown key (with a did-you-mean) and wrong value at its
/// position: an expectation that is silently ignored would pass for the wrong reason.
public struct ExpectationReader {
  public enum Subject: Sendable {
    /// A scenario; `templates` are the (Cluster)AnalysisTemplates its Rollout runs.
    case scenario(templates: [String])
    /// A sweep; `variants` are the names of its grid's variants (for `expect.variants`), `seeds` how
    /// many seeds it runs (the most `expect.seeds` can sample).
    case sweep(variants: [String], seeds: Int)
  }

  public private(set) var diagnostics = DiagnosticBag()
  /// Sweeps: `expect.seeds`, how many of the sweep's seeds `test` runs to check the bounds.
  public private(set) var seedSample: Int?
  let subject: Subject

  public init(subject: Subject) { self.subject = subject }

  public mutating func read(_ node: YAMLNode) -> [Expectation] {
    guard let entries = node.entries else {
      error("expect must be a mapping of expectations, not \(node.jsonTypeName)", at: node.location,
        hint: "e.g. expect: {phase: Healthy, promoted: true}")
      return []
    }
    let known: [String]
    switch subject {
    case .scenario: known = ExpectationKeys.scenario
    case .sweep: known = ExpectationKeys.sweep
    }
    return read(entries, known: known, variant: nil)
  }

  private mutating func read(_ entries: [YAMLEntry], known: [String], variant: String?) -> [Expectation] {
    let prefix = variant.map { "variants.\($0)." } ?? ""
    var out: [Expectation] = []
    for entry in entries {
      guard known.contains(entry.key) else {
        unknownKey(entry, known: known, prefix: prefix)
        continue
      }
      let value = entry.value
      let at = value.location
      switch entry.key {
      case "phase":
        if let phase = word(value, entry.key, allowed: ExpectationKeys.phases) {
          out.append(Expectation(.phase(phase), key: entry.key, location: at))
        }
      case "aborted", "promoted":
        guard let flag = value.boolValue else {
          error("expect.\(entry.key) must be true or false, not \(describe(value))", at: at, length: length(value))
          continue
        }
        out.append(Expectation(entry.key == "aborted" ? .aborted(flag) : .promoted(flag), key: entry.key, location: at))
      case "abortedWithin", "promotedWithin":
        guard let text = value.scalar?.text, let duration = ScenarioDurations.parse(text) else {
          error(
            "expect.\(entry.key) must be a duration, not \(describe(value))", at: at, length: length(value),
            hint: "write a duration such as 15m, 2h or 6d")
          continue
        }
        out.append(
          Expectation(entry.key == "abortedWithin" ? .abortedWithin(duration) : .promotedWithin(duration), key: entry.key, location: at))
      case "step":
        if let bound = bound(value, entry.key, percent: false) { out.append(Expectation(.step(bound), key: entry.key, location: at)) }
      case "canaryErrors":
        if let bound = bound(value, entry.key, percent: false) { out.append(Expectation(.canaryErrors(bound), key: entry.key, location: at)) }
      case "badRequests":
        if let bound = bound(value, entry.key, percent: false) { out.append(Expectation(.badRequests(bound), key: entry.key, location: at)) }
      case "detectionRate":
        if let bound = bound(value, prefix + entry.key, percent: true) {
          out.append(Expectation(.detectionRate(bound), key: prefix + entry.key, location: at, variant: variant))
        }
      case "falseRollbackRate":
        if let bound = bound(value, prefix + entry.key, percent: true) {
          out.append(Expectation(.falseRollbackRate(bound), key: prefix + entry.key, location: at, variant: variant))
        }
      case "variants":
        out += variants(value)
      case "seeds":
        guard let text = value.scalar?.text, let count = Int(text), count > 0 else {
          error(
            "expect.seeds must be a positive whole number, not \(describe(value))", at: at, length: length(value),
            hint: "e.g. seeds: 30 (test checks the bounds over the sweep's first 30 seeds)")
          continue
        }
        if case .sweep(_, let seeds) = subject, count > seeds {
          error("expect.seeds (\(count)) is more than the sweep's \(seeds) seeds", at: at, length: length(value))
          continue
        }
        seedSample = count
      case "analysisRuns":
        out += analysisRuns(value)
      default:
        break
      }
    }
    return out
  }

  // MARK: variants

  /// `variants: {NAME: {detectionRate: …, falseRollbackRate: …}}`: bounds for one variant each, so a
  /// sweep can pin that one plan catches bad releases and another does not.
  private mutating func variants(_ node: YAMLNode) -> [Expectation] {
    guard let entries = node.entries else {
      error(
        "expect.variants maps a variant name to its bounds, not \(describe(node))", at: node.location,
        hint: "e.g. variants: {small-steps: {detectionRate: \">= 95%\"}}")
      return []
    }
    var names: [String] = []
    if case .sweep(let variants, _) = subject { names = variants }
    var out: [Expectation] = []
    for entry in entries {
      guard names.contains(entry.key) else {
        error(
          "expect.variants: '\(entry.key)' is not a variant of this sweep", at: entry.keyLocation, length: entry.key.count,
          hint: Suggestions.closest(to: entry.key, in: names).map { "did you mean '\($0)'?" }
            ?? "variants: \(names.joined(separator: ", "))")
        continue
      }
      guard let bounds = entry.value.entries else {
        error(
          "expect.variants.\(entry.key) must be a mapping of bounds, not \(describe(entry.value))", at: entry.value.location,
          hint: "e.g. {detectionRate: \">= 95%\", falseRollbackRate: \"<= 5%\"}")
        continue
      }
      out += read(bounds, known: ExpectationKeys.sweepRates, variant: entry.key)
    }
    return out
  }

  // MARK: analysisRuns

  private mutating func analysisRuns(_ node: YAMLNode) -> [Expectation] {
    guard let entries = node.entries else {
      error(
        "expect.analysisRuns maps a template name or a run kind to a phase, not \(describe(node))", at: node.location,
        hint: "e.g. analysisRuns: {Background: Successful, call-api: Failed}")
      return []
    }
    var templates: [String] = []
    if case .scenario(let names) = subject { templates = names }
    let keys = ExpectationKeys.runKinds + templates
    var out: [Expectation] = []
    for entry in entries {
      let kind = ExpectationKeys.runKinds.first { $0.lowercased() == entry.key.lowercased() }
      guard kind != nil || templates.contains(entry.key) else {
        let close = Suggestions.closest(to: entry.key, in: keys)
        error(
          "expect.analysisRuns: '\(entry.key)' is neither a run kind nor a template the Rollout runs", at: entry.keyLocation,
          length: entry.key.count,
          hint: close.map { "did you mean '\($0)'?" } ?? "kinds: \(ExpectationKeys.runKinds.joined(separator: ", "))"
            + (templates.isEmpty ? "" : "; templates: \(templates.joined(separator: ", "))"))
        continue
      }
      if let phase = word(entry.value, "analysisRuns.\(entry.key)", allowed: ExpectationKeys.analysisPhases) {
        out.append(Expectation(.analysisRun(key: kind ?? entry.key, phase: phase), key: "analysisRuns.\(entry.key)", location: entry.value.location))
      }
    }
    return out
  }

  // MARK: Values

  private mutating func word(_ node: YAMLNode, _ key: String, allowed: [String]) -> String? {
    guard let text = node.stringValue else {
      error("expect.\(key) must be one of \(allowed.joined(separator: ", ")), not \(describe(node))", at: node.location, length: length(node))
      return nil
    }
    if let match = allowed.first(where: { $0.lowercased() == text.lowercased() }) { return match }
    let close = Suggestions.closest(to: text, in: allowed)
    error(
      "expect.\(key): unknown value '\(text)'", at: node.location, length: length(node),
      hint: close.map { "did you mean '\($0)'?" } ?? "one of \(allowed.joined(separator: ", "))")
    return nil
  }

  private mutating func bound(_ node: YAMLNode, _ key: String, percent: Bool) -> Bound? {
    let example = percent ? "\">= 90%\" or {min: 0.9}" : "\"<= 500\", 0 or {min: 1, max: 500}"
    if let entries = node.entries {
      var result = Bound(percent: percent)
      var valid = true
      for entry in entries {
        guard ["min", "max"].contains(entry.key) else {
          let close = Suggestions.closest(to: entry.key, in: ["min", "max"])
          error(
            "unknown field \"expect.\(key).\(entry.key)\"", at: entry.keyLocation, length: entry.key.count,
            hint: close.map { "did you mean '\($0)'?" } ?? "a range has min and/or max")
          valid = false
          continue
        }
        guard let text = entry.value.scalar?.text, let value = Bound.parseNumber(text, allowPercent: percent) else {
          error("expect.\(key).\(entry.key) must be a number, not \(describe(entry.value))", at: entry.value.location, length: length(entry.value))
          valid = false
          continue
        }
        if entry.key == "min" { result.lower = value } else { result.upper = value }
      }
      if valid, let lower = result.lower, let upper = result.upper, lower > upper {
        error("expect.\(key): min is above max", at: node.location)
        return nil
      }
      if valid, result.lower == nil, result.upper == nil {
        error("expect.\(key) needs min or max", at: node.location, hint: "e.g. \(example)")
        return nil
      }
      return valid ? result : nil
    }
    guard let text = node.scalar?.text, !node.isNull, let bound = Bound.parseComparison(text, allowPercent: percent) else {
      error("expect.\(key) must be a number or a bound, not \(describe(node))", at: node.location, length: length(node), hint: "e.g. \(example)")
      return nil
    }
    return bound
  }

  private func describe(_ node: YAMLNode) -> String {
    if let text = node.scalar?.text, !node.isNull { return "'\(text)'" }
    return node.jsonTypeName
  }

  private func length(_ node: YAMLNode) -> Int { max(1, node.scalar?.text.count ?? 1) }

  private mutating func unknownKey(_ entry: YAMLEntry, known: [String], prefix: String) {
    let hint: String
    if !prefix.isEmpty, ["seeds", "variants"].contains(entry.key) {
      hint = "\(entry.key) is for the whole sweep: write it directly under expect"
    } else if case .scenario = subject, ExpectationKeys.sweep.contains(entry.key) {
      hint = "\(entry.key) is an expectation of sweeps (kind: Sweep), which run many seeds"
    } else if case .sweep = subject, ExpectationKeys.scenario.contains(entry.key) {
      hint = "\(entry.key) is an expectation of a single scenario; a sweep expects detectionRate and falseRollbackRate, for every variant or under variants.NAME"
    } else {
      hint = Suggestions.closest(to: entry.key, in: known).map { "did you mean '\($0)'?" }
        ?? "expectations: \(known.joined(separator: ", "))"
    }
    error("unknown expectation \"expect.\(prefix)\(entry.key)\"", at: entry.keyLocation, length: entry.key.count, hint: hint)
  }

  private mutating func error(_ message: String, at location: SourceLocation, length: Int = 1, hint: String? = nil) {
    diagnostics.error(message, at: location, length: length, hint: hint, rule: "expect")
  }
}
