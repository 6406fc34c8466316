import Diagnostics

/// Argo's `ResolveMetricArgs` (utils/analysis/factory.go): a metric is serialised to JSON, every
/// `{{args.NAME}}` is replaced by the argument's value (escaped with Go's `strconv.Quote`), and the JSON
/// is decoded again — so any field, including `count`, `interval` and the limits, can be templated.
///
/// Fields Argo's Metric type does not have are dropped before serialising (Go never sees them), and the
/// result keeps the source locations of the original nodes, so diagnostics about a resolved metric
/// still point into the user's file.
public enum ArgSubstitution {
  /// An argument as the run sees it: a value, or none (Argo: "argument … was not supplied").
  public struct Value: Sendable, Hashable {
    public var name: String
    public var value: String?

    public init(name: String, value: String?) {
      self.name = name
      self.value = value
    }
  }

  public enum Failure: Error, Sendable, Hashable, CustomStringConvertible {
    /// Argo: `argument "NAME" was not supplied`.
    case notSupplied(String)
    case template(ArgTemplate.Failure)
    /// The substituted JSON no longer decodes (a value broke the JSON), with Go's message.
    case json(String)

    public var description: String {
      switch self {
      case .notSupplied(let name): "argument \"\(name)\" was not supplied"
      case .template(let failure): failure.description
      case .json(let message): message
      }
    }
  }

  /// Resolves the args in a metric node; the returned node has the original node's locations.
  public static func resolve(metric node: YAMLNode, args: [Value]) throws(Failure) -> YAMLNode {
    var map: [String: String] = [:]
    for arg in args {
      guard let value = arg.value else { throw .notSupplied(arg.name) }
      map["args.\(arg.name)"] = ArgTemplate.goQuoted(value)
    }
    let pruned = SchemaPruner.prune(node, type: .object(AnalysisSchemas.metric))
    let json = pruned.jsonText()
    guard json.contains("{{") else { return pruned }
    let substituted: String
    do { substituted = try ArgTemplate.substitute(json, values: map) } catch { throw .template(error) }
    let resolved: YAMLNode
    do { resolved = try JSONReader.parse(substituted) } catch { throw .json(error.message) }
    return resolved.withLocations(from: pruned)
  }

  /// The metric with its args resolved, decoded again.
  public static func resolve(_ metric: Metric, args: [Value]) throws(Failure) -> Metric {
    Metric(decoding: try resolve(metric: metric.node, args: args))
  }

  /// Substitutes args into one string (a query, a URL) without JSON escaping — for display.
  public static func substitute(_ text: String, args: [Value]) throws(Failure) -> String {
    var map: [String: String] = [:]
    for arg in args {
      guard let value = arg.value else { throw .notSupplied(arg.name) }
      map["args.\(arg.name)"] = value
    }
    do { return try ArgTemplate.substitute(text, values: map) } catch { throw .template(error) }
  }
}

/// Drops what Go's typed decoding would drop: unknown fields and nulls.
enum SchemaPruner {
  static func prune(_ node: YAMLNode, type: SchemaType) -> YAMLNode {
    switch type {
    case .object(let schema):
      guard let entries = node.entries else { return node }
      var kept: [YAMLEntry] = []
      for entry in entries where !entry.value.isNull {
        guard let field = schema.fields[entry.key] else { continue }
        kept.append(YAMLEntry(key: entry.key, keyLocation: entry.keyLocation, value: prune(entry.value, type: field.type)))
      }
      return YAMLNode(.mapping(kept), at: node.location)
    case .array(let element):
      guard let items = node.sequence else { return node }
      return YAMLNode(.sequence(items.map { prune($0, type: element) }), at: node.location)
    case .map(let element):
      guard let entries = node.entries else { return node }
      return YAMLNode(
        .mapping(entries.filter { !$0.value.isNull }.map { YAMLEntry(key: $0.key, keyLocation: $0.keyLocation, value: prune($0.value, type: element)) }),
        at: node.location)
    default:
      return node
    }
  }
}

extension YAMLNode {
  /// This tree with the locations of `original` copied onto the nodes that correspond by key/index.
  func withLocations(from original: YAMLNode) -> YAMLNode {
    var copy = self
    copy.location = original.location
    switch (content, original.content) {
    case (.mapping(let entries), .mapping(let originals)):
      copy.content = .mapping(
        entries.map { entry in
          guard let match = originals.last(where: { $0.key == entry.key }) else { return entry }
          return YAMLEntry(key: entry.key, keyLocation: match.keyLocation, value: entry.value.withLocations(from: match.value))
        })
    case (.sequence(let items), .sequence(let originals)):
      copy.content = .sequence(
        items.enumerated().map { i, item in i < originals.count ? item.withLocations(from: originals[i]) : item })
    case (.scalar(var scalar), .scalar(let originalScalar)):
      // Unchanged values keep how they were written; substituted ones read as JSON gives them.
      if scalar.value == originalScalar.value { scalar = originalScalar }
      copy.content = .scalar(scalar)
    default:
      break
    }
    return copy
  }
}
