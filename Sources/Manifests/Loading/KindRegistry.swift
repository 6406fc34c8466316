import Diagnostics

/// The kinds rollout-sim reads, with the apiVersions the cluster serves them under.
public enum ManifestKind: String, Sendable, Hashable, CaseIterable {
  case rollout = "Rollout"
  case analysisTemplate = "AnalysisTemplate"
  case clusterAnalysisTemplate = "ClusterAnalysisTemplate"
  case analysisRun = "AnalysisRun"
  case experiment = "Experiment"
  case service = "Service"
  case virtualService = "VirtualService"
  case destinationRule = "DestinationRule"
  case route = "Route"
  case application = "Application"
  case deployment = "Deployment"
  case secret = "Secret"

  public var apiVersions: [String] {
    switch self {
    case .rollout, .analysisTemplate, .clusterAnalysisTemplate, .analysisRun, .experiment, .application:
      ["argoproj.io/v1alpha1"]
    case .service, .secret: ["v1"]
    case .deployment: ["apps/v1"]
    case .virtualService, .destinationRule:
      ["networking.istio.io/v1alpha3", "networking.istio.io/v1beta1", "networking.istio.io/v1"]
    case .route: ["route.openshift.io/v1"]
    }
  }

  var schema: ObjectSchema {
    switch self {
    case .rollout: RolloutSchemas.rollout
    case .analysisTemplate: AnalysisSchemas.analysisTemplate
    case .clusterAnalysisTemplate: AnalysisSchemas.clusterAnalysisTemplate
    case .analysisRun: AnalysisSchemas.analysisRun
    case .experiment: AnalysisSchemas.experiment
    case .service: CoreSchemas.service
    case .virtualService: NetworkingSchemas.virtualService
    case .destinationRule: NetworkingSchemas.destinationRule
    case .route: NetworkingSchemas.route
    case .application: ApplicationSchemas.application
    case .deployment: CoreSchemas.deployment
    case .secret: CoreSchemas.secret
    }
  }

  /// The API group of the kind ("" for the core group).
  var group: String {
    let version = apiVersions[0]
    guard let slash = version.firstIndex(of: "/") else { return "" }
    return String(version[..<slash])
  }
}

/// Kinds that often sit beside rollouts and are fine to ignore silently (listed once as ignored).
enum KindRegistry {
  /// All apiVersions rollout-sim knows, for did-you-mean on unknown ones.
  static let knownAPIVersions: [String] = {
    var seen = Set<String>()
    var out: [String] = []
    for kind in ManifestKind.allCases {
      for version in kind.apiVersions where seen.insert(version).inserted { out.append(version) }
    }
    out += [
      "apps/v1", "batch/v1", "networking.k8s.io/v1", "autoscaling/v2", "policy/v1",
      "rbac.authorization.k8s.io/v1", "kustomize.config.k8s.io/v1beta1", "getambassador.io/v2",
      "getambassador.io/v3alpha1", "split.smi-spec.io/v1alpha1", "split.smi-spec.io/v1alpha2",
      "appmesh.k8s.aws/v1beta2", "apisix.apache.org/v2", "traefik.io/v1alpha1", "gateway.networking.k8s.io/v1",
      "gateway.networking.k8s.io/v1beta1", "monitoring.coreos.com/v1", "argoproj.io/v1alpha1",
    ]
    return out
  }()

  static func kind(named name: String) -> ManifestKind? { ManifestKind(rawValue: name) }

  /// Whether `apiVersion` belongs to a different, known API group than `kind`'s (and is not a typo of
  /// one of the kind's own versions).
  static func isOtherAPI(_ apiVersion: String?, than kind: ManifestKind) -> Bool {
    guard let apiVersion, !kind.apiVersions.contains(apiVersion) else { return false }
    let group = apiVersion.contains("/") ? String(apiVersion.prefix { $0 != "/" }) : ""
    guard group != kind.group else { return false }
    let knownGroups = Set(knownAPIVersions.map { $0.contains("/") ? String($0.prefix { $0 != "/" }) : "" })
    return knownGroups.contains(group) && Suggestions.closest(to: apiVersion, in: kind.apiVersions) == nil
  }
}
