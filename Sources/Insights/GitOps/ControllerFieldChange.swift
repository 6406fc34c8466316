import Diagnostics
import Manifests

/// A field the Argo Rollouts controller writes in an object that users keep in git (argo-semantics
/// §10, §10.1): route weights, DestinationRule subset labels, Service selectors, managed routes,
/// the replicas of a `workloadRef` Deployment.
public struct ControllerFieldChange: Sendable, Hashable {
  /// Why the controller writes it; matches `ClusterMutation`s of a run.
  public enum Cause: Sendable, Hashable {
    case routeWeights
    case destinationRuleSubsetLabels
    case serviceSelector(String)
    /// A header or mirror route the steps insert, by name.
    case managedRoute(String)
    case workloadScaleDown
  }

  public var cause: Cause
  public var object: GitObject
  /// The field in the live object.
  public var pointer: JSONPointer
  /// What the field is, for messages: `weight of HTTP route 'primary' → subset stable`.
  public var what: String
  /// Where the field (or its closest written parent) is in the git manifest.
  public var location: SourceLocation
  /// The jq expression (or, for built-in kinds, JSON pointer) that ignores every field of this kind.
  public var suggestion: IgnoreSuggestion
}

/// How to tell Argo CD to ignore a kind of field.
public enum IgnoreSuggestion: Sendable, Hashable {
  case jq(String)
  case jsonPointer(String)
}

/// An object as it is in git: its identity and its manifest.
public struct GitObject: Sendable, Hashable {
  public var kind: String
  /// The API group (`networking.istio.io`; "" for the core group).
  public var group: String
  public var name: String
  public var namespace: String?
  public var document: YAMLNode

  public init(kind: String, apiVersion: String, name: String, namespace: String?, document: YAMLNode) {
    self.kind = kind
    self.group = apiVersion.contains("/") ? String(apiVersion.split(separator: "/")[0]) : ""
    self.name = name
    self.namespace = namespace
    self.document = document
  }

  /// Argo CD's default diff replaces lists of custom resources (and unknown kinds) as a whole, so any
  /// change inside one shows; built-in kinds are merged by key.
  public var listsAreAtomic: Bool { !["Service", "Deployment"].contains(kind) }

  public var title: String { "\(kind) '\(name)'" }
}
