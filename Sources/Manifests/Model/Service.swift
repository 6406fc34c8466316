import Diagnostics

/// A Kubernetes Service: the controller points its selector at a revision's pods.
public struct Service: Sendable, Hashable {
  public struct Port: Sendable, Hashable {
    public var name: String?
    public var port: Int?
    public var targetPort: IntOrString?
    public var `protocol`: String?

    public init(name: String? = nil, port: Int? = nil, targetPort: IntOrString? = nil, protocol: String? = nil) {
      self.name = name
      self.port = port
      self.targetPort = targetPort
      self.protocol = `protocol`
    }
  }

  public var metadata: ObjectMeta
  public var selector: [String: String]
  public var selectorLocation: SourceLocation?
  public var ports: [Port]
  public var type: String?
  public var node: YAMLNode

  public init(
    metadata: ObjectMeta = ObjectMeta(), selector: [String: String] = [:], selectorLocation: SourceLocation? = nil,
    ports: [Port] = [], type: String? = nil, node: YAMLNode = .mapping([])
  ) {
    self.metadata = metadata
    self.selector = selector
    self.selectorLocation = selectorLocation
    self.ports = ports
    self.type = type
    self.node = node
  }

  public init(decoding node: YAMLNode) {
    let spec = node["spec"] ?? .mapping([], at: node.location)
    self.init(
      metadata: ObjectMeta(decoding: node["metadata"] ?? .mapping([])), selector: spec.stringMap("selector"),
      selectorLocation: spec.entry("selector")?.keyLocation,
      ports: spec.list("ports") {
        Port(name: $0.string("name")?.value, port: $0.int("port")?.value, targetPort: $0.intOrString("targetPort")?.value, protocol: $0.string("protocol")?.value)
      },
      type: spec.string("type")?.value, node: node)
  }

  public var name: String { metadata.nameValue }
  public var location: SourceLocation { node.location }
}

/// A Deployment, read for `workloadRef`.
public struct Deployment: Sendable, Hashable {
  public var metadata: ObjectMeta
  public var replicas: Located<Int>?
  public var selector: LabelSelector?
  public var template: PodTemplate?
  public var node: YAMLNode

  public init(
    metadata: ObjectMeta = ObjectMeta(), replicas: Located<Int>? = nil, selector: LabelSelector? = nil,
    template: PodTemplate? = nil, node: YAMLNode = .mapping([])
  ) {
    self.metadata = metadata
    self.replicas = replicas
    self.selector = selector
    self.template = template
    self.node = node
  }

  public init(decoding node: YAMLNode) {
    let spec = node["spec"] ?? .mapping([], at: node.location)
    self.init(
      metadata: ObjectMeta(decoding: node["metadata"] ?? .mapping([])), replicas: spec.int("replicas"),
      selector: spec.object("selector", LabelSelector.init(decoding:)),
      template: spec.object("template", PodTemplate.init(decoding:)), node: node)
  }

  public var name: String { metadata.nameValue }
  public var location: SourceLocation { node.location }
}

/// A Secret, for `secretKeyRef` arguments. `data` values are base64-decoded; `stringData` wins over
/// `data` for the same key, as the API server merges them.
public struct Secret: Sendable, Hashable {
  public var metadata: ObjectMeta
  public var type: String?
  public var data: [String: String]
  public var stringData: [String: String]
  /// Keys whose `data` value is not valid base64 (the API server would reject the Secret).
  public var undecodableKeys: [Located<String>]
  public var node: YAMLNode

  public init(
    metadata: ObjectMeta = ObjectMeta(), type: String? = nil, data: [String: String] = [:],
    stringData: [String: String] = [:], undecodableKeys: [Located<String>] = [], node: YAMLNode = .mapping([])
  ) {
    self.metadata = metadata
    self.type = type
    self.data = data
    self.stringData = stringData
    self.undecodableKeys = undecodableKeys
    self.node = node
  }

  public init(decoding node: YAMLNode) {
    var data: [String: String] = [:]
    var bad: [Located<String>] = []
    for entry in node["data"]?.entries ?? [] {
      guard let encoded = entry.value.stringValue else { continue }
      if let decoded = Base64.decode(encoded) {
        data[entry.key] = decoded
      } else {
        bad.append(Located(entry.key, at: entry.value.location, length: entry.value.caretLength))
      }
    }
    self.init(
      metadata: ObjectMeta(decoding: node["metadata"] ?? .mapping([])), type: node.string("type")?.value, data: data,
      stringData: node.stringMap("stringData"), undecodableKeys: bad, node: node)
  }

  public var name: String { metadata.nameValue }
  public var location: SourceLocation { node.location }

  /// The value the AnalysisRun controller reads for `key`, or nil when the key is missing.
  public func value(forKey key: String) -> String? { stringData[key] ?? data[key] }
}

enum Base64 {
  static func decode(_ text: String) -> String? {
    let compact = text.filter { !$0.isWhitespace }
    guard let data = Data(base64Encoded: compact) else { return nil }
    return String(decoding: data, as: UTF8.self)
  }
}

import Foundation
