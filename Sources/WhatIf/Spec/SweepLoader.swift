import Diagnostics
import Foundation
import Manifests
import Simulation
import VirtualTime

/// Reads a `kind: Sweep` file, reporting every problem at its position.
public enum SweepLoader {
  public struct Loaded: Sendable {
    public var spec: SweepSpec?
    public var diagnostics: [Diagnostic]
    public var sources: [String: SourceText]
  }

  /// `expect` (detectionRate, falseRollbackRate bounds) is read by `rollout-sim test`.
  static let specKeys = ["scenario", "seeds", "horizon", "vary", "releases", "expect"]
  /// More runs than this is surely a typo (and days of work); say so instead of starting.
  public static let maximumRuns = 10_000_000

  public static func load(path: String) -> Loaded {
    guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
      return Loaded(spec: nil, diagnostics: [.error("cannot read sweep file \(path)", rule: "sweep-file")], sources: [:])
    }
    return load(text: text, path: path)
  }

  public static func load(text: String, path: String) -> Loaded {
    let sources = [path: SourceText(path: path, text: text)]
    let read = YAMLReader.read(text, file: path)
    var reader = SweepReader()
    reader.diagnostics.append(contentsOf: read.diagnostics)
    guard let root = read.documents.first?.root else {
      if read.diagnostics.isEmpty { reader.diagnostics.error("the sweep file is empty", rule: "sweep-file") }
      return Loaded(spec: nil, diagnostics: reader.diagnostics.sorted, sources: sources)
    }
    let spec = load(root: root, text: text, path: path, reader: &reader)
    return Loaded(spec: reader.diagnostics.hasErrors ? nil : spec, diagnostics: reader.diagnostics.sorted, sources: sources)
  }

  static func load(root: YAMLNode, text: String, path: String, reader: inout SweepReader) -> SweepSpec? {
    reader.checkKeys(root, known: ["apiVersion", "kind", "metadata", "spec"], context: "")
    let kind = reader.string(root["kind"], "kind")
    if kind != "Sweep" {
      reader.diagnostics.error(
        "expected kind: Sweep, found \(kind.map { "'\($0)'" } ?? "no kind")", at: root["kind"]?.location ?? root.location,
        hint: "a sweep starts with `apiVersion: rollout-sim/v1alpha1` and `kind: Sweep`", rule: "sweep-kind")
    }
    if let apiVersion = reader.string(root["apiVersion"], "apiVersion"), apiVersion != "rollout-sim/v1alpha1" {
      reader.diagnostics.error(
        "unknown apiVersion '\(apiVersion)'", at: root["apiVersion"]?.location, length: apiVersion.count,
        hint: "write apiVersion: rollout-sim/v1alpha1", rule: "sweep-kind")
    }
    let metadata = reader.mapping(root["metadata"], "metadata")
    let fileName = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    let name = metadata.flatMap { reader.string($0["name"], "metadata.name") } ?? fileName
    let description = metadata.flatMap { reader.string($0["description"], "metadata.description") } ?? ""
    guard let spec = reader.mapping(root["spec"], "spec") else {
      reader.diagnostics.error("a sweep needs a spec", at: root.location, rule: "sweep-field")
      return nil
    }
    reader.checkKeys(spec, known: specKeys, context: "spec")

    guard let scenario = reader.string(spec["scenario"], "spec.scenario") else {
      reader.diagnostics.error(
        "a sweep needs the scenario it varies", at: spec.location, hint: "add `scenario: my-scenario.yaml`",
        rule: "sweep-field")
      return nil
    }
    let scenarioPath = RelativePath.resolve(scenario, besideFile: path)

    let seeds = seedRange(spec["seeds"], reader: &reader)
    var horizon: SimDuration?
    if let text = reader.string(spec["horizon"], "spec.horizon") {
      horizon = ScenarioDurations.parse(text)
      if horizon == nil || horizon! <= .zero {
        reader.diagnostics.error(
          "spec.horizon: invalid duration \"\(text)\"", at: spec["horizon"]?.location, length: max(1, text.count),
          hint: "write a duration such as 90m, 12h or 7d", rule: "sweep-duration")
      }
    }

    var dimensions: [VaryDimension] = []
    for item in reader.sequence(spec["vary"], "spec.vary") {
      if let dimension = dimension(item, index: dimensions.count, reader: &reader) { dimensions.append(dimension) }
    }
    var releases: [ReleaseProfile] = []
    if let node = reader.mapping(spec["releases"], "spec.releases") {
      for entry in node.entries ?? [] {
        guard let kind = ReleaseKind(rawValue: entry.key) else {
          let hint = Suggestions.closest(to: entry.key, in: ReleaseKind.allCases.map(\.rawValue)).map { "did you mean '\($0)'?" }
          reader.diagnostics.error(
            "unknown release profile '\(entry.key)'", at: entry.keyLocation, length: entry.key.count,
            hint: hint ?? "releases are `good` (should be promoted) and `bad` (should be aborted)", rule: "sweep-release")
          continue
        }
        releases.append(ReleaseProfile(kind: kind, edits: revisionEdits(entry.value, release: entry.key, reader: &reader)))
      }
    }

    let variants = dimensions.reduce(1) { $0.multipliedReportingOverflow(by: max(1, $1.options.count)).partialValue }
    let (runs, overflow) = variants.multipliedReportingOverflow(by: max(1, releases.count) * seeds.count)
    if overflow || runs > maximumRuns {
      reader.diagnostics.error(
        "the sweep asks for \(overflow ? "more than \(maximumRuns)" : String(runs)) runs (\(variants) variants × \(max(1, releases.count)) releases × \(seeds.count) seeds)",
        at: spec["vary"]?.location ?? spec.location, hint: "at most \(maximumRuns) runs; use fewer seeds or values",
        rule: "sweep-size")
    }
    return SweepSpec(
      name: name, description: description, path: path, text: text, scenarioPath: scenarioPath, seeds: seeds,
      horizon: horizon, dimensions: dimensions, releases: releases)
  }

  static func seedRange(_ node: YAMLNode?, reader: inout SweepReader) -> SeedRange {
    guard let node, !node.isNull else { return SeedRange(count: 1) }
    if node.isMapping {
      reader.checkKeys(node, known: ["count", "from"], context: "spec.seeds")
      let count = reader.integer(node["count"], "spec.seeds.count", in: 1...1_000_000) ?? 1
      let first = reader.integer(node["from"], "spec.seeds.from", in: 0...Int64.max) ?? 1
      return SeedRange(first: UInt64(first), count: Int(count))
    }
    let count = reader.integer(node, "spec.seeds", in: 1...1_000_000) ?? 1
    return SeedRange(count: Int(count))
  }

  static func dimension(_ node: YAMLNode, index: Int, reader: inout SweepReader) -> VaryDimension? {
    guard let item = reader.mapping(node, "spec.vary[\(index)]") else { return nil }
    let givenName = reader.string(item["name"], "name")
    if item["variants"] != nil {
      reader.checkKeys(item, known: ["name", "variants"], context: "spec.vary[\(index)]")
      var options: [VariantOption] = []
      for (number, variant) in reader.sequence(item["variants"], "variants").enumerated() {
        guard let body = reader.mapping(variant, "variants[\(number)]") else { continue }
        reader.checkKeys(body, known: ["name", "set"], context: "variants[\(number)]")
        let label = reader.string(body["name"], "name") ?? "#\(number + 1)"
        var edits: [ScenarioEdit] = []
        var assignments: [VariantAssignment] = []
        for entry in reader.mapping(body["set"], "set")?.entries ?? [] {
          guard let edit = edit(path: entry.key, value: entry.value, at: entry.keyLocation, reader: &reader) else { continue }
          edits.append(edit)
          assignments.append(VariantAssignment(path: entry.key, value: entry.value.jsonText(sortedKeys: true)))
        }
        options.append(VariantOption(label: label, edits: edits, assignments: assignments))
      }
      if options.isEmpty {
        reader.diagnostics.error("`variants` lists no variant", at: item.location, rule: "sweep-field")
        return nil
      }
      return VaryDimension(name: givenName ?? "variant", options: options)
    }
    reader.checkKeys(item, known: ["name", "path", "values", "labels"], context: "spec.vary[\(index)]")
    guard let pathNode = item["path"], let path = reader.string(pathNode, "path") else {
      reader.diagnostics.error(
        "a variation needs a `path` and its `values` (or a list of named `variants`)", at: item.location,
        hint: "- {path: rollout.spec.strategy.canary.steps, values: [...]}", rule: "sweep-field")
      return nil
    }
    let values = reader.sequence(item["values"], "values")
    if values.isEmpty {
      reader.diagnostics.error("`values` lists no value for \(path)", at: item["values"]?.location ?? item.location, rule: "sweep-field")
      return nil
    }
    let labelNodes = reader.sequence(item["labels"], "labels")
    if !labelNodes.isEmpty && labelNodes.count != values.count {
      reader.diagnostics.error(
        "`labels` has \(labelNodes.count) names for \(values.count) values", at: item["labels"]?.location,
        rule: "sweep-field")
    }
    let shortName = givenName ?? lastKey(path)
    var options: [VariantOption] = []
    for (number, value) in values.enumerated() {
      guard let edit = edit(path: path, value: value, at: pathNode.location, reader: &reader) else { return nil }
      var label = "\(shortName)#\(number + 1)"
      if number < labelNodes.count, let given = reader.string(labelNodes[number], "labels[\(number)]") {
        label = given
      } else if let scalar = value.scalar, scalar.text.count <= 24 {
        label = "\(shortName)=\(scalar.text)"
      }
      options.append(
        VariantOption(
          label: label, edits: [edit],
          assignments: [VariantAssignment(path: path, value: value.jsonText(sortedKeys: true))]))
    }
    return VaryDimension(name: shortName, options: options)
  }

  static func edit(path: String, value: YAMLNode, at location: SourceLocation, reader: inout SweepReader) -> ScenarioEdit? {
    do {
      let (target, fieldPath) = try VariationPath.parse(path)
      return ScenarioEdit(target: target, path: fieldPath, value: value, location: location)
    } catch {
      reader.diagnostics.error(
        "invalid variation path '\(path)': \(error.message)", at: location, length: max(1, path.count), hint: error.hint,
        rule: "sweep-path")
      return nil
    }
  }

  /// A release profile's revisions, field by field, as edits of the scenario's `spec.revisions`.
  static func revisionEdits(_ node: YAMLNode, release: String, reader: inout SweepReader) -> [ScenarioEdit] {
    var edits: [ScenarioEdit] = []
    for revision in reader.mapping(node, "spec.releases.\(release)")?.entries ?? [] {
      guard let fields = reader.mapping(revision.value, "spec.releases.\(release).\(revision.key)") else { continue }
      for field in fields.entries ?? [] {
        edits.append(
          ScenarioEdit(
            target: .scenario, path: YAMLPath([.key("spec"), .key("revisions"), .key(revision.key), .key(field.key)]),
            value: field.value, location: field.keyLocation))
      }
    }
    return edits
  }

  static func lastKey(_ path: String) -> String {
    guard let parsed = try? YAMLPath.parse(path) else { return path }
    for component in parsed.components.reversed() {
      if case .key(let key) = component { return key }
    }
    return path
  }
}
