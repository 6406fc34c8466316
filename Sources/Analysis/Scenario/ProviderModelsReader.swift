import Diagnostics
import Manifests
import VirtualTime

/// Reads a scenario's `providers` block (docs/analysis.md) into `ProviderModels`, reporting every
/// problem at its position and carrying on.
public struct ProviderModelsReader {
  public private(set) var diagnostics = DiagnosticBag()

  public init() {}

  /// The models of `providers` (`job`, `web`, `values`), with the given Secrets.
  public mutating func read(_ providers: YAMLNode?, secrets: Secrets = Secrets()) -> ProviderModels {
    var models = ProviderModels(secrets: secrets)
    guard let providers = mapping(providers, "spec.providers") else { return models }
    checkKeys(providers, ["job", "web", "values"], "spec.providers")
    for entry in mapping(providers["job"], "spec.providers.job")?.entries ?? [] {
      if let model = job(entry.value, "spec.providers.job.\(entry.key)") { models.jobs[entry.key] = model }
    }
    for entry in mapping(providers["web"], "spec.providers.web")?.entries ?? [] {
      if let model = web(entry.value, "spec.providers.web.\(entry.key)") { models.web[entry.key] = model }
    }
    for entry in mapping(providers["values"], "spec.providers.values")?.entries ?? [] {
      if let binding = values(entry.value, "spec.providers.values.\(entry.key)") { models.values[entry.key] = binding }
    }
    return models
  }

  // MARK: Models

  mutating func job(_ node: YAMLNode, _ path: String) -> JobModel? {
    guard let node = mapping(node, path) else { return nil }
    checkKeys(node, ["successRate", "duration", "imagePullFailure", "imagePullFailsAfter", "outcomes"], path)
    var model = JobModel()
    if let rate = node["successRate"] { model.successRate = fraction(rate, "\(path).successRate") ?? model.successRate }
    if let duration = node["duration"] { model.duration = durationRange(duration, "\(path).duration") ?? model.duration }
    if let flag = node["imagePullFailure"] { model.imagePullFailure = bool(flag, "\(path).imagePullFailure") ?? false }
    if let after = node["imagePullFailsAfter"] {
      model.imagePullFailsAfter = duration(after, "\(path).imagePullFailsAfter") ?? model.imagePullFailsAfter
    }
    if let outcomes = node["outcomes"] {
      guard let items = outcomes.sequence else {
        error("\(path).outcomes must be a list of succeed, fail or imagePullFailure", at: outcomes)
        return model
      }
      for item in items {
        guard let text = item.stringValue, let outcome = JobOutcome(rawValue: text) else {
          let hint = item.stringValue.flatMap { Suggestions.closest(to: $0, in: ["succeed", "fail", "imagePullFailure"]) }
          error("\(path).outcomes: unknown outcome \(item.scalar?.text ?? item.jsonTypeName); write succeed, fail or imagePullFailure",
            at: item, hint: hint.map { "did you mean '\($0)'?" })
          continue
        }
        model.outcomes.append(outcome)
      }
    }
    return model
  }

  mutating func web(_ node: YAMLNode, _ path: String) -> WebModel? {
    if let items = node.sequence {
      var phases: [WebModel.Phase] = []
      for (i, item) in items.enumerated() {
        guard let item = mapping(item, "\(path)[\(i)]") else { continue }
        let from = item["from"].flatMap { duration($0, "\(path)[\(i)].from") } ?? .zero
        if let response = response(item, "\(path)[\(i)]", allowFrom: true) {
          phases.append(WebModel.Phase(from: .zero + from, response: response))
        }
      }
      return phases.isEmpty ? nil : WebModel(phases: phases)
    }
    guard let node = mapping(node, path) else { return nil }
    return response(node, path, allowFrom: false).map { WebModel($0) }
  }

  mutating func response(_ node: YAMLNode, _ path: String, allowFrom: Bool) -> WebModel.Response? {
    checkKeys(node, ["status", "body", "latency", "timeout"] + (allowFrom ? ["from"] : []), path)
    var response = WebModel.Response()
    if let status = node["status"] {
      if let code = status.intValue, (100...599).contains(code) {
        response.status = Int(code)
      } else {
        error("\(path).status must be an HTTP status code (100-599)", at: status)
      }
    }
    if let body = node["body"] {
      if let scalar = body.scalar, body.scalar?.value != .null {
        response.body = scalar.text
      } else if body.isMapping || body.isSequence {
        response.body = body.jsonText()
      }
    }
    if let latency = node["latency"] { response.latency = duration(latency, "\(path).latency") ?? .zero }
    if let timeout = node["timeout"] { response.timeout = bool(timeout, "\(path).timeout") ?? false }
    return response
  }

  mutating func values(_ node: YAMLNode, _ path: String) -> ValuesBinding? {
    if let signal = node.stringValue { return ValuesBinding(signal: signal) }
    guard let node = mapping(node, path) else { return nil }
    checkKeys(node, ["signal", "shape"], path)
    guard let signal = node["signal"]?.stringValue else {
      error("\(path).signal is required (a signal such as canary.errorRate)", at: node)
      return nil
    }
    var binding = ValuesBinding(signal: signal)
    if let shapeNode = node["shape"] {
      let text = shapeNode.stringValue ?? ""
      switch text {
      case "scalar": binding.shape = .scalar
      case "vector": binding.shape = .vector
      default:
        if text.hasPrefix("field:"), text.count > 6 {
          binding.shape = .field(String(text.dropFirst(6)))
        } else {
          error("\(path).shape must be scalar, vector or field:NAME", at: shapeNode)
        }
      }
    }
    return binding
  }

  // MARK: Values

  mutating func fraction(_ node: YAMLNode, _ what: String) -> Double? {
    var value: Double?
    switch node.scalarValue {
    case .int(let i)?: value = Double(i)
    case .float(let d)?: value = d
    case .string(let s)? where s.hasSuffix("%"): value = Double(String(s.dropLast()).trimmingSpaces).map { $0 / 100 }
    case .string(let s)?: value = Double(s)
    default: break
    }
    guard let value, value >= 0, value <= 1 else {
      error("\(what) must be a fraction in [0, 1] or a percentage such as 98%", at: node)
      return nil
    }
    return value
  }

  mutating func durationRange(_ node: YAMLNode, _ what: String) -> DurationRange? {
    if node.isMapping {
      checkKeys(node, ["min", "max"], what)
      guard let minNode = node["min"], let maxNode = node["max"] else {
        error("\(what) needs both min and max", at: node)
        return nil
      }
      guard let low = duration(minNode, "\(what).min"), let high = duration(maxNode, "\(what).max") else { return nil }
      return DurationRange(min: low, max: high)
    }
    return duration(node, what).map { DurationRange($0) }
  }

  /// A Go duration, plus days (`2d`, `1d12h`) as scenario times allow.
  mutating func duration(_ node: YAMLNode, _ what: String) -> SimDuration? {
    guard let text = node.scalar?.text, let value = Self.parseDuration(text) else {
      error("\(what) must be a duration such as 30s, 5m or 1h30m", at: node)
      return nil
    }
    guard value >= .zero else {
      error("\(what) must not be negative", at: node)
      return nil
    }
    return value
  }

  static func parseDuration(_ text: String) -> SimDuration? {
    var rest = Substring(text)
    var days: Int64 = 0
    if let d = rest.firstIndex(of: "d"), let n = Int64(rest[..<d]) {
      days = n
      rest = rest[rest.index(after: d)...]
      if rest.isEmpty { return .hours(24 * days) }
    }
    guard let ns = try? GoDuration.parseNanoseconds(String(rest)) else { return nil }
    return .hours(24 * days) + .nanoseconds(ns)
  }

  mutating func bool(_ node: YAMLNode, _ what: String) -> Bool? {
    guard let value = node.boolValue else {
      error("\(what) must be true or false", at: node)
      return nil
    }
    return value
  }

  // MARK: Reporting

  mutating func mapping(_ node: YAMLNode?, _ what: String) -> YAMLNode? {
    guard let node, !node.isNull else { return nil }
    guard node.isMapping else {
      error("\(what) must be a mapping, not \(node.jsonTypeName)", at: node)
      return nil
    }
    return node
  }

  mutating func checkKeys(_ node: YAMLNode, _ known: [String], _ context: String) {
    for entry in node.entries ?? [] where !known.contains(entry.key) {
      diagnostics.warning(
        "unknown field \"\(context).\(entry.key)\"", at: entry.keyLocation, length: entry.key.count,
        hint: Suggestions.closest(to: entry.key, in: known).map { "did you mean '\($0)'?" }, rule: "scenario-field")
    }
  }

  mutating func error(_ message: String, at node: YAMLNode, hint: String? = nil) {
    diagnostics.error(message, at: node.location, hint: hint, rule: "scenario-providers")
  }
}
