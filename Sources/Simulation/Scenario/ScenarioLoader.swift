import Analysis
import Controller
import Diagnostics
import Foundation
import Manifests
import VirtualTime
import Workload

/// Reads a scenario file and everything it references, reporting every problem at its position.
public enum ScenarioLoader {
  public struct Loaded: Sendable {
    public var scenario: Scenario?
    /// Problems in the scenario and in its manifests (errors mean `scenario` is nil).
    public var diagnostics: [Diagnostic]
    /// Texts of every file read, for rendering diagnostics with the source line.
    public var sources: [String: SourceText]
  }

  static let specKeys = [
    "manifests", "rollout", "namespace", "seed", "horizon", "pods", "traffic", "revisions", "telemetry", "providers",
    "secrets", "actions", "expect",
  ]

  /// Loads the scenario at `path`.
  public static func load(path: String) -> Loaded {
    guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
      return Loaded(
        scenario: nil, diagnostics: [.error("cannot read scenario file \(path)", rule: "scenario-file")], sources: [:])
    }
    return load(text: text, path: path)
  }

  /// Loads a scenario from its text; relative manifest paths resolve against `path`'s folder, unless
  /// `manifests` gives their texts (a stored run's replay).
  public static func load(text: String, path: String, manifests: ManifestSource = .files) -> Loaded {
    var sources = [path: SourceText(path: path, text: text)]
    let read = YAMLReader.read(text, file: path)
    var reader = NodeReader()
    reader.diagnostics.append(contentsOf: read.diagnostics)
    guard let root = read.documents.first?.root else {
      if read.diagnostics.isEmpty { reader.diagnostics.error("the scenario file is empty", rule: "scenario-file") }
      return Loaded(scenario: nil, diagnostics: reader.diagnostics.sorted, sources: sources)
    }
    let loaded = load(root: root, text: text, path: path, manifests: manifests, reader: &reader)
    if let manifests = loaded?.manifests { sources.merge(manifests.sources) { a, _ in a } }
    let diagnostics = reader.diagnostics.sorted
    return Loaded(
      scenario: reader.diagnostics.hasErrors ? nil : loaded, diagnostics: diagnostics, sources: sources)
  }

  /// Loads from an already-read (possibly edited) scenario tree.
  public static func load(root: YAMLNode, text: String, path: String, manifests: ManifestSource = .files) -> Loaded {
    var reader = NodeReader()
    let loaded = load(root: root, text: text, path: path, manifests: manifests, reader: &reader)
    var sources = [path: SourceText(path: path, text: text)]
    if let manifests = loaded?.manifests { sources.merge(manifests.sources) { a, _ in a } }
    return Loaded(
      scenario: reader.diagnostics.hasErrors ? nil : loaded, diagnostics: reader.diagnostics.sorted, sources: sources)
  }

  static func load(
    root: YAMLNode, text: String, path: String, manifests source: ManifestSource, reader: inout NodeReader
  ) -> Scenario? {
    reader.checkKeys(root, known: ["apiVersion", "kind", "metadata", "spec"], context: "")
    let kind = reader.string(root["kind"], "kind")
    if kind != "Scenario" {
      reader.diagnostics.error(
        "expected kind: Scenario, found \(kind.map { "'\($0)'" } ?? "no kind")", at: root["kind"]?.location ?? root.location,
        hint: "a scenario starts with `apiVersion: rollout-sim/v1alpha1` and `kind: Scenario`", rule: "scenario-kind")
    }
    let apiVersion = reader.string(root["apiVersion"], "apiVersion")
    if let apiVersion, apiVersion != "rollout-sim/v1alpha1", let node = root["apiVersion"] {
      reader.diagnostics.error(
        "unknown apiVersion '\(apiVersion)'", at: node.location, length: apiVersion.count,
        hint: "write apiVersion: rollout-sim/v1alpha1", rule: "scenario-kind")
    }
    let metadata = reader.mapping(root["metadata"], "metadata")
    let fileName = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    let name = metadata.flatMap { reader.string($0["name"], "metadata.name") } ?? fileName
    let description = metadata.flatMap { reader.string($0["description"], "metadata.description") } ?? ""
    guard let spec = reader.mapping(root["spec"], "spec") else {
      reader.diagnostics.error("a scenario needs a spec", at: root.location, rule: "scenario-field")
      return nil
    }
    reader.checkKeys(spec, known: specKeys, context: "spec")

    // Manifests.
    var manifestPaths: [String] = []
    for item in reader.sequence(spec["manifests"], "spec.manifests") {
      guard let entry = reader.string(item, "spec.manifests[]") else { continue }
      manifestPaths.append(RelativePath.resolve(entry, besideFile: path))
    }
    if manifestPaths.isEmpty {
      reader.diagnostics.error(
        "spec.manifests lists no files", at: spec["manifests"]?.location ?? spec.location,
        hint: "list the manifest files or globs, relative to the scenario: manifests: [rollout.yaml, analysis.yaml]",
        rule: "scenario-field")
    }
    // Keep reading with whatever loaded, so every problem of the scenario is reported at once.
    var manifests = ManifestSet()
    if !manifestPaths.isEmpty {
      switch source {
      case .files: manifests = ManifestLoader.load(paths: manifestPaths)
      case .texts(let files): manifests = ManifestLoader.load(texts: files)
      }
    }
    reader.diagnostics.append(contentsOf: manifests.diagnostics)
    for diagnostic in Validator.validate(manifests) where diagnostic.severity == .error {
      if isRolloutSpecError(diagnostic, manifests) { continue }
      if let rule = diagnostic.rule, runtimeRules.contains(rule) {
        // Argo accepts these objects; their AnalysisRuns end in Error, which the run shows.
        var warning = diagnostic
        warning.severity = .warning
        warning.notes.append("Argo accepts this template; every AnalysisRun built from it ends in phase Error")
        reader.diagnostics.append(warning)
      } else {
        reader.diagnostics.append(diagnostic)
      }
    }

    // The rollout.
    let wanted = reader.string(spec["rollout"], "spec.rollout")
    let rollout: Rollout?
    if let wanted {
      rollout = manifests.rollouts.first { $0.name == wanted }
      if rollout == nil, let node = spec["rollout"] {
        let hint = Suggestions.closest(to: wanted, in: manifests.rollouts.map(\.name)).map { "did you mean '\($0)'?" }
        reader.diagnostics.error(
          "no Rollout named '\(wanted)' in the manifests", at: node.location, length: wanted.count, hint: hint,
          rule: "scenario-rollout")
      }
    } else if manifests.rollouts.count == 1 {
      rollout = manifests.rollouts[0]
    } else if manifestPaths.isEmpty {
      rollout = nil
    } else {
      rollout = nil
      let names = manifests.rollouts.map(\.name).joined(separator: ", ")
      reader.diagnostics.error(
        manifests.rollouts.isEmpty
          ? "the manifests contain no Rollout" : "the manifests contain several Rollouts (\(names)): name one",
        at: spec["manifests"]?.location ?? spec.location, hint: "add `rollout: <name>` to the scenario's spec",
        rule: "scenario-rollout")
    }

    let namespace =
      reader.string(spec["namespace"], "spec.namespace") ?? rollout?.metadata.namespace?.value ?? "default"
    let seed = reader.integer(spec["seed"], "spec.seed").map { UInt64(bitPattern: $0) } ?? 1
    let horizon = reader.duration(spec["horizon"], "spec.horizon")

    // Pods.
    var defaultStartup = PodStartup.default
    if let pods = reader.mapping(spec["pods"], "spec.pods") {
      reader.checkKeys(pods, known: ["readyAfter"], context: "spec.pods")
      if let startup = podStartup(pods["readyAfter"], "spec.pods.readyAfter", reader: &reader) { defaultStartup = startup }
    }

    // Traffic.
    var scrapeInterval = SimDuration.seconds(15)
    var rps = Curve.constant(100, unit: .rate)
    var tests: [TrafficTopology.TestStream] = []
    if let traffic = reader.mapping(spec["traffic"], "spec.traffic") {
      reader.checkKeys(traffic, known: ["rps", "scrapeInterval", "tests"], context: "spec.traffic")
      if let interval = reader.duration(traffic["scrapeInterval"], "spec.traffic.scrapeInterval") {
        if interval < .seconds(1) {
          reader.diagnostics.error(
            "spec.traffic.scrapeInterval must be at least 1s", at: traffic["scrapeInterval"]?.location,
            hint: "Prometheus scrapes every 15s to 1m in practice", rule: "scenario-duration")
        } else {
          scrapeInterval = interval
        }
      }
      if let node = traffic["rps"], let source = curveSource(node, besideFile: path, reader: &reader),
        let curve = Curve.parse(source, unit: .rate, scrapeInterval: scrapeInterval, diagnostics: &reader.diagnostics)
      {
        rps = curve
      }
      for item in reader.sequence(traffic["tests"], "spec.traffic.tests") {
        guard let test = reader.mapping(item, "spec.traffic.tests[]") else { continue }
        reader.checkKeys(test, known: ["name", "service", "rps"], context: "spec.traffic.tests[]")
        guard let service = reader.string(test["service"], "service") else {
          reader.diagnostics.error("a test stream needs the service it targets", at: test.location, rule: "scenario-field")
          continue
        }
        let name = reader.string(test["name"], "name") ?? service
        var rate = Curve.constant(1, unit: .rate)
        if let node = test["rps"], let source = curveSource(node, besideFile: path, reader: &reader),
          let curve = Curve.parse(source, unit: .rate, scrapeInterval: scrapeInterval, diagnostics: &reader.diagnostics)
        {
          rate = curve
        }
        tests.append(.init(name: name, service: service, rate: rate))
      }
    }

    // Revisions.
    var profiles: [String: RevisionProfile] = ["stable": .healthy, "canary": .healthy]
    var revisionNames = ["stable", "canary"]
    var podStartups: [String: PodStartup] = [:]
    if let revisions = reader.mapping(spec["revisions"], "spec.revisions") {
      for entry in revisions.entries ?? [] {
        guard let body = reader.mapping(entry.value, "spec.revisions.\(entry.key)") else { continue }
        reader.checkKeys(body, known: ["errorRate", "latency", "errorCodes", "readyAfter"], context: "spec.revisions.\(entry.key)")
        var p50: CurveSource?
        var p99: CurveSource?
        if let latency = reader.mapping(body["latency"], "latency") {
          reader.checkKeys(latency, known: ["p50", "p99"], context: "spec.revisions.\(entry.key).latency")
          p50 = latency["p50"].flatMap { curveSource($0, besideFile: path, reader: &reader) }
          p99 = latency["p99"].flatMap { curveSource($0, besideFile: path, reader: &reader) }
        }
        let errorRate = body["errorRate"].flatMap { curveSource($0, besideFile: path, reader: &reader) }
        var codes = StatusMix.defaultErrors
        if let codeNode = reader.mapping(body["errorCodes"], "errorCodes") {
          var shares: [(Int, Double)] = []
          for code in codeNode.entries ?? [] {
            guard let status = Int(code.key), (100...599).contains(status), let weight = code.value.scalar.flatMap({ Double($0.text) })
            else {
              reader.diagnostics.error(
                "errorCodes maps HTTP status codes to weights, e.g. {500: 1, 503: 3}", at: code.keyLocation,
                rule: "scenario-type")
              continue
            }
            shares.append((status, weight))
          }
          if !shares.isEmpty { codes = StatusMix(codes: shares) }
        }
        if let profile = RevisionProfile.parse(
          errorRate: errorRate, p50: p50, p99: p99, errorCodes: codes, scrapeInterval: scrapeInterval,
          diagnostics: &reader.diagnostics)
        {
          profiles[entry.key] = profile
        }
        if let startup = podStartup(body["readyAfter"], "spec.revisions.\(entry.key).readyAfter", reader: &reader) {
          podStartups[entry.key] = startup
        }
        if !revisionNames.contains(entry.key) { revisionNames.append(entry.key) }
      }
    }

    // Telemetry families.
    var families: [TelemetryFamily] = []
    for item in reader.sequence(spec["telemetry"], "spec.telemetry") {
      guard let text = reader.string(item, "spec.telemetry[]") else { continue }
      if let family = TelemetryFamily(rawValue: text) {
        families.append(family)
      } else {
        let hint = Suggestions.closest(to: text, in: TelemetryFamily.allCases.map(\.rawValue)).map { "did you mean '\($0)'?" }
        reader.diagnostics.error(
          "unknown telemetry family '\(text)'", at: item.location, length: text.count,
          hint: hint ?? "families: istio, openshift-router, nginx-ingress, http", rule: "scenario-telemetry")
      }
    }
    if families.isEmpty, let rollout { families = defaultFamilies(for: rollout) }

    // Operator actions.
    var actions: [ScheduledOperatorAction] = []
    for item in reader.sequence(spec["actions"], "spec.actions") {
      guard let action = reader.mapping(item, "spec.actions[]") else { continue }
      reader.checkKeys(action, known: ["at", "action", "revision"], context: "spec.actions[]")
      guard let at = reader.duration(action["at"], "at") else {
        if action["at"] == nil {
          reader.diagnostics.error("an action needs `at`: when, after the update", at: action.location, rule: "scenario-action")
        }
        continue
      }
      guard let commandText = reader.string(action["action"], "action") else {
        reader.diagnostics.error("an action needs `action`", at: action.location, rule: "scenario-action")
        continue
      }
      guard let command = OperatorCommand(rawValue: commandText) else {
        let names = OperatorCommand.allCases.map(\.rawValue)
        reader.diagnostics.error(
          "unknown action '\(commandText)'", at: action["action"]?.location, length: commandText.count,
          hint: Suggestions.closest(to: commandText, in: names).map { "did you mean '\($0)'?" }
            ?? "actions: \(names.joined(separator: ", "))", rule: "scenario-action")
        continue
      }
      let revision = reader.string(action["revision"], "revision")
      if command == .update {
        if let revision, !revisionNames.contains(revision) {
          reader.diagnostics.error(
            "update to unknown revision '\(revision)'", at: action["revision"]?.location, length: revision.count,
            hint: "declare it under spec.revisions (revisions: {\(revision): {errorRate: 0.1%}})", rule: "scenario-action")
        } else if revision == nil {
          reader.diagnostics.error(
            "`update` needs the revision to switch to", at: action.location, hint: "add `revision: <name>`",
            rule: "scenario-action")
        }
      }
      actions.append(ScheduledOperatorAction(at: at, command: command, revision: revision))
    }

    // Secrets.
    var secrets: [String: [String: String]] = [:]
    if let secretNode = reader.mapping(spec["secrets"], "spec.secrets") {
      for entry in secretNode.entries ?? [] {
        guard let keys = reader.mapping(entry.value, "spec.secrets.\(entry.key)") else { continue }
        var values: [String: String] = [:]
        for key in keys.entries ?? [] { values[key.key] = key.value.scalar?.text ?? "" }
        secrets[entry.key] = values
      }
    }
    for secret in manifests.secrets {
      let name = secret.metadata.nameValue
      if secrets[name] == nil { secrets[name] = secret.data.merging(secret.stringData) { _, string in string } }
    }

    if let routing = rollout?.canary?.trafficRouting {
      let modelled: Set<String> = ["istio"]
      for name in routing.routerNames where !modelled.contains(name) {
        if name == "plugins", routing.plugins.allSatisfy({ $0.name.contains("openshift") }) { continue }
        let what = name == "plugins" ? "traffic-router plugin \(routing.plugins.map(\.name).joined(separator: ", "))" : "trafficRouting.\(name)"
        reader.diagnostics.warning(
          "\(what) is not modelled by rollout-sim: its objects are not simulated; the controller's weight goes "
            + "straight to the canary and stable Services", at: routing.location,
          hint: name == "alb" ? "ALB target-group weight verification is not simulated (weights count as verified)" : nil,
          rule: "router-not-modelled")
      }
    }

    var providerReader = ProviderModelsReader()
    _ = providerReader.read(spec["providers"], secrets: Secrets(secrets))
    reader.diagnostics.append(contentsOf: providerReader.diagnostics.all)

    guard let rollout else { return nil }
    var telemetry = TelemetryOptions(families: families)
    telemetry.metricNames = QueriedMetrics.names(in: manifests)
    let workload = WorkloadModel(
      rps: rps, scrapeInterval: scrapeInterval, revisions: profiles, telemetry: telemetry)
    return Scenario(
      name: name, description: description, path: path, text: text, root: root, manifests: manifests, rollout: rollout,
      namespace: namespace, seed: seed, horizon: horizon, defaultPodStartup: defaultStartup, podStartup: podStartups,
      workload: workload, tests: tests, revisionNames: revisionNames, actions: actions,
      providers: spec["providers"], secrets: secrets, expect: spec["expect"], manifestSource: source)
  }

  /// Validation rules whose violations Argo only discovers when it runs an analysis.
  static let runtimeRules: Set<String> = [
    "metric-spec", "metric-provider", "metric-duration", "condition", "undeclared-arg", "dry-run", "secret-ref",
    "job-conditions", "arg-value",
  ]

  /// A Rollout's own spec errors (5d, …) are not load errors: the controller turns them into
  /// InvalidSpec, which the simulation shows.
  static func isRolloutSpecError(_ diagnostic: Diagnostic, _ set: ManifestSet) -> Bool {
    guard let location = diagnostic.location else { return false }
    return set.rollouts.contains { rollout in
      rollout.location.file == location.file && rolloutLineRange(rollout, in: set).contains(location.line)
    }
  }

  static func rolloutLineRange(_ rollout: Rollout, in set: ManifestSet) -> ClosedRange<Int> {
    let start = rollout.location.line
    var end = start
    rollout.node.forEachNode { node in end = max(end, node.location.line) }
    return start...max(start, end)
  }

  static func podStartup(_ node: YAMLNode?, _ what: String, reader: inout NodeReader) -> PodStartup? {
    guard let node, !node.isNull else { return nil }
    if node.isMapping {
      reader.checkKeys(node, known: ["min", "max"], context: what)
      guard let low = reader.duration(node["min"], "\(what).min"), let high = reader.duration(node["max"], "\(what).max")
      else { return nil }
      if high < low {
        reader.diagnostics.error("\(what): max is below min", at: node.location, rule: "scenario-duration")
        return nil
      }
      return .range(min: low, max: high)
    }
    if node.scalar?.text == "never" { return .never }
    return reader.duration(node, what).map { .fixed($0) }
  }

  static func curveSource(_ node: YAMLNode, besideFile path: String, reader: inout NodeReader) -> CurveSource? {
    if let scalar = node.scalar {
      switch scalar.value {
      case .int(let i): return .number(Double(i), at: node.location)
      case .float(let d): return .number(d, at: node.location)
      default: return .text(scalar.text, at: NodeReader.textLocation(node))
      }
    }
    guard node.isMapping else {
      reader.diagnostics.error("a curve is a value, a string or a mapping", at: node.location, rule: "curve")
      return nil
    }
    if let series = node["series"] {
      return reader.string(series, "series").map { .series($0, at: NodeReader.textLocation(series)) }
    }
    if let csv = node["csv"], let file = reader.string(csv, "csv") {
      let full = RelativePath.resolve(file, besideFile: path)
      guard let data = FileManager.default.contents(atPath: full), let text = String(data: data, encoding: .utf8) else {
        reader.diagnostics.error("cannot read CSV file \(file)", at: csv.location, rule: "curve")
        return nil
      }
      return .csv(text: text, path: full)
    }
    if let base = node["base"] {
      reader.checkKeys(node, known: ["base", "diurnal", "peakAt"], context: "curve")
      guard let baseSource = curveSource(base, besideFile: path, reader: &reader) else { return nil }
      let diurnal = node["diurnal"].flatMap { curveSource($0, besideFile: path, reader: &reader) } ?? .number(0)
      let peak = node["peakAt"].flatMap { curveSource($0, besideFile: path, reader: &reader) }
      return .daily(base: baseSource, diurnal: diurnal, peakAt: peak)
    }
    reader.diagnostics.error(
      "unknown curve form", at: node.location,
      hint: "a curve is a constant, a string like \"0.2% for 10m, then 8%\", {base, diurnal}, {series} or {csv}",
      rule: "curve")
    return nil
  }

  /// The exporter a rollout's traffic router implies.
  static func defaultFamilies(for rollout: Rollout) -> [TelemetryFamily] {
    guard let routing = rollout.canary?.trafficRouting else { return [.http] }
    if routing.istio != nil { return [.istio] }
    if routing.plugins.contains(where: { $0.name.contains("openshift") }) { return [.openshiftRouter] }
    if routing.nginx != nil { return [.nginxIngress] }
    return [.http]
  }
}
