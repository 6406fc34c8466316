import Diagnostics
import Foundation
import Insights
import Manifests
import Simulation
import Testing
import VirtualTime

/// The GitOps drift check against the seed's Istio example and variations of its Application.
@Suite struct GitOpsDriftTests {
  static func drift(_ set: ManifestSet) -> [Diagnostic] {
    StaticInsights.findings(set).with(rule: "gitops-drift")
  }

  /// The Istio example with its Application replaced by `application`.
  static func istio(application: String) throws -> ManifestSet {
    var set = Fixtures.manifests(Array(Fixtures.istioCorrected.dropLast()))
    set.merge(try Fixtures.manifests(yaml: application, name: "application.yaml"))
    return set
  }

  static func application(ignoring entries: String, syncOptions: String = "[RespectIgnoreDifferences=true]") -> String {
    """
    apiVersion: argoproj.io/v1alpha1
    kind: Application
    metadata: {name: app, namespace: argocd}
    spec:
      project: default
      destination: {server: https://kubernetes.default.svc, namespace: rollout-demo}
      ignoreDifferences:
    \(entries)
      syncPolicy:
        automated: {selfHeal: true}
        syncOptions: \(syncOptions)
    """
  }

  static let weightsOnly = """
      - group: networking.istio.io
        kind: VirtualService
        jqPathExpressions:
        - .spec.http[] | select(.name == "primary") | .route[0].weight
        - .spec.http[] | select(.name == "primary") | .route[1].weight
    """

  @Test func theSeedApplicationMissesTheDestinationRuleLabels() throws {
    let findings = Self.drift(Fixtures.manifests(Fixtures.istioCorrected))
    #expect(findings.count == 1)
    let finding = try #require(findings.first)
    #expect(finding.message.contains("DestinationRule 'rollout-ds' OutOfSync"))
    #expect(finding.location?.file.hasSuffix("corrected/destinationrule.yaml") == true)
    #expect(finding.location?.line == 9)
    #expect(finding.notes.contains { $0.contains("/spec/subsets/0/labels/rollouts-pod-template-hash") })
    #expect(finding.notes.contains { $0.contains("/spec/subsets/1/labels/rollouts-pod-template-hash") })
    #expect(finding.hint?.contains(#"kind: DestinationRule"#) == true)
    #expect(finding.hint?.contains(#".spec.subsets[].labels["rollouts-pod-template-hash"]"#) == true)
  }

  @Test func theHintedEntryResolvesTheFinding() throws {
    let entries = Self.weightsOnly + """

      - group: networking.istio.io
        kind: DestinationRule
        jqPathExpressions: ['.spec.subsets[].labels["rollouts-pod-template-hash"]']
    """
    #expect(Self.drift(try Self.istio(application: Self.application(ignoring: entries))).isEmpty)
  }

  @Test func trustingTheControllersFieldManagerResolvesIt() throws {
    let entries = """
      - group: networking.istio.io
        kind: "*"
        managedFieldsManagers: [rollouts-controller]
    """
    #expect(Self.drift(try Self.istio(application: Self.application(ignoring: entries))).isEmpty)
  }

  @Test func anotherManagerNameIsExplained() throws {
    let entries = Self.weightsOnly + """

      - group: networking.istio.io
        kind: DestinationRule
        managedFieldsManagers: [argo-rollouts]
    """
    let finding = try #require(Self.drift(try Self.istio(application: Self.application(ignoring: entries))).first)
    #expect(finding.notes.contains { $0.contains("argo-rollouts is not Argo Rollouts: it writes as 'rollouts-controller'") })
    #expect(finding.notes.contains { $0.contains("selfHeal") })
  }

  @Test func jsonPointersByIndexWork() throws {
    let entries = """
      - {group: networking.istio.io, kind: VirtualService, jsonPointers: [/spec/http/0/route]}
      - {group: networking.istio.io, kind: DestinationRule, name: rollout-ds, jsonPointers: [/spec/subsets]}
    """
    #expect(Self.drift(try Self.istio(application: Self.application(ignoring: entries))).isEmpty)
  }

  @Test func uncoveredWeightsAreReportedWithTheirRoute() throws {
    let entries = "  - {group: networking.istio.io, kind: DestinationRule, jsonPointers: [/spec/subsets]}"
    let finding = try #require(Self.drift(try Self.istio(application: Self.application(ignoring: entries))).first)
    #expect(finding.message.contains("VirtualService 'rollout-vsvc'"))
    #expect(finding.notes.contains { $0.contains("/spec/http/0/route/0/weight (weight of HTTP route 'primary' → stable subset stable)") })
    #expect(finding.hint?.contains(".spec.http[].route[].weight") == true)
  }

  @Test func ignoringWithoutRespectIgnoreDifferencesStillResetsOnSync() throws {
    let entries = Self.weightsOnly + """

      - {group: networking.istio.io, kind: DestinationRule, jsonPointers: [/spec/subsets]}
    """
    let findings = Self.drift(try Self.istio(application: Self.application(ignoring: entries, syncOptions: "[]")))
    #expect(findings.count == 1)
    #expect(findings.first?.message.contains("a sync still applies git's values") == true)
  }

  @Test func anUnreadableExpressionIsReportedAtItsPosition() throws {
    let entries = """
      - group: networking.istio.io
        kind: VirtualService
        jqPathExpressions: ['.spec.http[] | map(.route)']
    """
    let findings = Self.drift(try Self.istio(application: Self.application(ignoring: entries)))
    let unreadable = try #require(findings.first { $0.message.hasPrefix("rollout-sim cannot evaluate this jq expression") })
    #expect(unreadable.location?.line == 10)
  }

  /// Service selectors are map keys git does not write: Argo CD's merge keeps them, no drift. A
  /// Route weight git writes does drift.
  @Test func onlyChangesArgoCDCanSeeAreReported() throws {
    let set = Fixtures.manifests([
      "scenarios/seed/corrected/rollout-canary-openshift.yaml", "scenarios/seed/corrected/route-stable.yaml",
      "scenarios/seed/corrected/service-stable.yaml", "scenarios/seed/corrected/service-canary.yaml",
      "scenarios/seed/corrected/application.yaml",
    ])
    let findings = Self.drift(set)
    #expect(findings.count == 1)
    #expect(findings.first?.message.contains("Route 'stable'") == true)
    #expect(findings.first?.notes.first?.contains("/spec/to/weight") == true)
    #expect(findings.first?.notes.first?.contains("alternateBackends") == false)
  }

  @Test func aRunReportsWhatTheControllerDidWrite() throws {
    let scenario = try Fixtures.scenario("scenarios/seed-istio-canary/healthy.yaml")
    let setup = ScenarioLoader.setup(for: scenario, horizon: .hours(1))
    let result = SimulationRunner.run(setup: setup, scenario: scenario)
    let findings = RunInsights.check(scenario: scenario, setup: setup, result: result).diagnostics.with(rule: "gitops-drift")
    #expect(findings.count == 1)
    #expect(findings.first?.notes.first?.hasPrefix("in this run the controller wrote: /spec/subsets/0/labels") == true)
  }

  static let headerRoutes = """
    apiVersion: argoproj.io/v1alpha1
    kind: Rollout
    metadata: {name: r}
    spec:
      workloadRef: {apiVersion: apps/v1, kind: Deployment, name: web, scaleDown: onsuccess}
      strategy:
        canary:
          trafficRouting:
            managedRoutes: [{name: beta-users}]
            istio:
              virtualService: {name: vs}
          canaryService: web-canary
          stableService: web-stable
          steps:
          - setWeight: 10
          - setHeaderRoute: {name: beta-users, match: [{headerName: x-beta, headerValue: {exact: "1"}}]}
          - pause: {}
    ---
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web}
    spec:
      replicas: 3
      selector: {matchLabels: {app: web}}
      template: {metadata: {labels: {app: web}}, spec: {containers: [{name: c, image: i}]}}
    ---
    apiVersion: networking.istio.io/v1beta1
    kind: VirtualService
    metadata: {name: vs}
    spec:
      hosts: [web]
      http:
      - route:
        - destination: {host: web-stable}
          weight: 100
        - destination: {host: web-canary}
          weight: 0
    ---
    apiVersion: argoproj.io/v1alpha1
    kind: Application
    metadata: {name: web}
    spec:
      project: default
      destination: {server: https://kubernetes.default.svc, namespace: shop}
      ignoreDifferences:
      - group: networking.istio.io
        kind: VirtualService
        jqPathExpressions: ['.spec.http[].route[].weight']
      syncPolicy: {syncOptions: [RespectIgnoreDifferences=true]}
    """

  /// Header routes the steps insert, and the Deployment a workloadRef scales down, drift too.
  @Test func managedRoutesAndWorkloadReplicasAreWrittenFields() throws {
    let findings = Self.drift(try Fixtures.manifests(yaml: Self.headerRoutes))
    #expect(findings.count == 2)
    let routes = try #require(findings.first { $0.message.contains("VirtualService 'vs'") })
    #expect(routes.notes.first == "the controller writes: /spec/http/0 (managed route 'beta-users' (inserted by setHeaderRoute/setMirrorRoute))")
    #expect(routes.hint?.contains(#"'.spec.http[] | select(.name == "beta-users")'"#) == true)
    let replicas = try #require(findings.first { $0.message.contains("Deployment 'web'") })
    #expect(replicas.location?.line == 23)
    #expect(replicas.hint?.contains("jsonPointers: [/spec/replicas]") == true)
    let fixed = Self.headerRoutes.replacingOccurrences(
      of: "jqPathExpressions: ['.spec.http[].route[].weight']",
      with: "jqPathExpressions: ['.spec.http[].route[].weight', '.spec.http[] | select(.name == \"beta-users\")']\n  - {group: apps, kind: Deployment, jsonPointers: [/spec/replicas]}")
    #expect(Self.drift(try Fixtures.manifests(yaml: fixed)).isEmpty)
  }
}
