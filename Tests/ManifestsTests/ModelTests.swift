import Diagnostics
import Manifests
import Testing

/// The typed model: every kind decodes with Argo's defaults and keeps locations on its fields.
@Suite struct ModelTests {
  static func load(_ text: String) -> ManifestSet { ManifestLoader.load(texts: [("m.yaml", text)]) }

  static let canary = load(
    """
    apiVersion: argoproj.io/v1alpha1
    kind: Rollout
    metadata: {name: demo, namespace: shop}
    spec:
      selector: {matchLabels: {app: demo}}
      template:
        metadata: {labels: {app: demo}}
        spec:
          containers: [{name: app, image: "demo:blue"}]
      strategy:
        canary:
          canaryService: demo-canary
          stableService: demo-stable
          analysis:
            startingStep: 1
            templates: [{templateName: rate}]
            args:
            - {name: svc, value: demo}
            - name: ns
              valueFrom: {fieldRef: {fieldPath: metadata.namespace}}
            - name: hash
              valueFrom: {podTemplateHashValue: Latest}
          trafficRouting:
            istio:
              virtualService: {name: vs, routes: [primary]}
            plugins:
              argoproj-labs/openshift: {routes: [main]}
          steps:
          - setWeight: 10
          - pause: {}
          - pause: {duration: "1h"}
          - setCanaryScale: {replicas: 2}
          - setHeaderRoute: {name: h, match: [{headerName: x, headerValue: {exact: y}}]}
          - setMirrorRoute: {name: m, percentage: 50}
          - analysis: {templates: [{templateName: rate}]}
          - experiment:
              duration: 5m
              templates: [{name: base, specRef: stable, weight: 5}]
              analyses: [{name: a, templateName: rate}]
    """)

  @Test func rolloutDecodesWithDefaults() throws {
    let rollout = try #require(Self.canary.rollouts.first)
    #expect(rollout.name == "demo")
    #expect(rollout.spec.effectiveReplicas == 1)
    #expect(rollout.spec.effectiveRevisionHistoryLimit == 10)
    #expect(rollout.spec.effectiveProgressDeadlineSeconds == 600)
    let canary = try #require(rollout.canary)
    #expect(canary.effectiveMaxSurge == .string("25"))
    #expect(canary.effectiveMaxUnavailable == .string("25"))
    #expect(canary.effectiveScaleDownDelaySeconds == 30)
    #expect(canary.effectiveAbortScaleDownDelaySeconds == 30)
    #expect(canary.steps.map(\.kind) == [
      .setWeight, .pause, .pause, .setCanaryScale, .setHeaderRoute, .setMirrorRoute, .analysis, .experiment,
    ])
    #expect(canary.steps[1].pause?.durationSeconds == nil)
    #expect(canary.steps[2].pause?.durationSeconds == 3600)
    #expect(canary.steps[2].pause?.duration?.location == SourceLocation(file: "m.yaml", line: 31, column: 27))
    #expect(canary.analysis?.startingStep?.value == 1)
    #expect(canary.analysis?.args.map(\.valueFrom) == [
      nil, .fieldRef(Located("metadata.namespace")), .podTemplateHash(Located("Latest")),
    ])
    #expect(canary.trafficRouting?.istio?.virtualService?.routes.map(\.value) == ["primary"])
    #expect(canary.trafficRouting?.plugin(named: TrafficRouterPlugin.openShift)?.routes.map(\.value) == ["main"])
    #expect(canary.trafficRouting?.routerNames == ["istio", "plugins"])
    #expect(canary.steps[7].experiment?.templates.first?.weight?.value == 5)
    #expect(rollout.podTemplate(in: Self.canary)?.containers.first?.image?.value == "demo:blue")
  }

  @Test func workloadRefResolvesADeploymentInTheSet() throws {
    let set = Self.load(
      """
      apiVersion: argoproj.io/v1alpha1
      kind: Rollout
      metadata: {name: r}
      spec:
        workloadRef: {apiVersion: apps/v1, kind: Deployment, name: web}
        strategy: {canary: {steps: [{setWeight: 50}]}}
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      spec:
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec: {containers: [{name: web, image: "web:1"}]}
      """)
    let rollout = try #require(set.rollouts.first)
    #expect(rollout.podTemplate(in: set)?.containers.first?.image?.value == "web:1")
    #expect(Validator.validate(set).filter { $0.severity == .error }.isEmpty)
  }

  @Test func blueGreenDefaults() throws {
    let set = Self.load(
      """
      apiVersion: argoproj.io/v1alpha1
      kind: Rollout
      metadata: {name: bg}
      spec:
        strategy: {blueGreen: {activeService: a, previewService: p, previewReplicaCount: 1}}
      """)
    let blueGreen = try #require(set.rollouts.first?.blueGreen)
    #expect(blueGreen.effectiveAutoPromotionEnabled)
    #expect(blueGreen.effectiveAutoPromotionSeconds == 0)
    #expect(blueGreen.effectiveScaleDownDelaySeconds == 30)
    #expect(blueGreen.previewReplicaCount?.value == 1)
  }

  @Test func analysisKindsDecode() throws {
    let set = Self.load(
      """
      apiVersion: argoproj.io/v1alpha1
      kind: AnalysisTemplate
      metadata: {name: rate}
      spec:
        args:
        - {name: svc}
        - name: token
          valueFrom: {secretKeyRef: {name: s, key: t}}
        dryRun: [{metricName: ".*"}]
        metrics:
        - name: prom
          interval: 1m
          count: "{{args.count}}"
          successCondition: result[0] > 0.9
          provider:
            prometheus:
              address: http://prom:9090
              timeout: 30
              headers: [{key: Authorization, value: "Bearer {{args.token}}"}]
              rangeQuery: {start: now-5m, end: now, step: 1m}
              query: up
        - name: web
          provider: {web: {url: "http://x/{{args.svc}}", jsonPath: "{$.ok}", timeoutSeconds: 5, method: POST, jsonBody: {a: 1}}}
        - name: job
          provider:
            job:
              spec:
                backoffLimit: 2
                activeDeadlineSeconds: 60
                template: {spec: {restartPolicy: Never, containers: [{name: c, image: "busybox:1"}]}}
        - name: dd
          provider: {datadog: {query: "avg:x{*}", interval: 5m}}
        - name: ai
          provider: {plugin: {argoproj-labs/metric-ai: {model: m}}}
      ---
      apiVersion: argoproj.io/v1alpha1
      kind: ClusterAnalysisTemplate
      metadata: {name: cluster}
      spec: {metrics: [{name: m, provider: {web: {url: "http://y"}}}]}
      ---
      apiVersion: argoproj.io/v1alpha1
      kind: AnalysisRun
      metadata: {name: run}
      spec: {metrics: [{name: m, provider: {web: {url: "http://y"}}}], terminate: true}
      ---
      apiVersion: argoproj.io/v1alpha1
      kind: Experiment
      metadata: {name: exp}
      spec:
        duration: 10m
        templates:
        - name: t
          selector: {matchLabels: {app: e}}
          template: {metadata: {labels: {app: e}}, spec: {containers: [{name: c, image: "e:1"}]}}
      """)
    let template = try #require(set.analysisTemplates.first)
    #expect(template.spec.args.map(\.nameValue) == ["svc", "token"])
    #expect(template.spec.args[1].valueFrom == .secretKeyRef(name: Located("s"), key: Located("t")))
    let metrics = template.spec.metrics
    #expect(metrics.map { $0.provider.names } == [["prometheus"], ["web"], ["job"], ["datadog"], ["plugin/argoproj-labs/metric-ai"]])
    #expect(metrics[0].provider.prometheus?.rangeQuery?.step?.value == "1m")
    #expect(metrics[0].provider.prometheus?.timeout?.value == 30)
    #expect(metrics[0].count?.value == .string("{{args.count}}"))
    #expect(metrics[0].effectiveCount == nil)  // unresolved template reads as 0: measure forever with an interval
    #expect(metrics[0].consecutiveErrorLimitValue == 4)
    #expect(metrics[1].provider.web?.method?.value == "POST")
    #expect(metrics[1].provider.web?.jsonBody?["a"]?.intValue == 1)
    #expect(metrics[1].effectiveCount == 1)
    #expect(metrics[2].provider.job?.backoffLimit?.value == 2)
    #expect(metrics[2].provider.job?.containerImages.map(\.value) == ["busybox:1"])
    #expect(metrics[3].provider.others.first?.config["interval"]?.stringValue == "5m")
    #expect(set.clusterAnalysisTemplates.first?.isClusterScoped == true)
    #expect(set.analysisRuns.first?.terminate == true)
    #expect(set.experiments.first?.duration?.value == "10m")
    #expect(set.experiments.first?.templates.first?.template?.containers.count == 1)
  }

  @Test func networkingAndGitOpsKindsDecode() throws {
    let set = Self.load(
      """
      apiVersion: v1
      kind: Service
      metadata: {name: stable}
      spec: {selector: {app: demo}, ports: [{port: 80, targetPort: http}]}
      ---
      apiVersion: networking.istio.io/v1beta1
      kind: VirtualService
      metadata: {name: vs}
      spec:
        hosts: [demo]
        http:
        - name: primary
          route:
          - {destination: {host: stable.shop.svc.cluster.local, port: {number: 80}}, weight: 90}
          - {destination: {host: canary}, weight: 10}
          mirror: {host: canary}
          mirrorPercentage: {value: 12.5}
        tls:
        - match: [{port: 443, sniHosts: [demo.example.com]}]
          route: [{destination: {host: stable}}]
      ---
      apiVersion: networking.istio.io/v1
      kind: DestinationRule
      metadata: {name: dr}
      spec: {host: demo, subsets: [{name: stable, labels: {app: demo}}, {name: canary}]}
      ---
      apiVersion: route.openshift.io/v1
      kind: Route
      metadata: {name: main}
      spec: {to: {kind: Service, name: stable, weight: 90}, alternateBackends: [{kind: Service, name: canary, weight: 10}]}
      ---
      apiVersion: argoproj.io/v1alpha1
      kind: Application
      metadata: {name: app}
      spec:
        project: default
        destination: {server: "https://kubernetes.default.svc", namespace: shop}
        ignoreDifferences:
        - group: networking.istio.io
          kind: VirtualService
          jsonPointers: [/spec/http/0]
          jqPathExpressions: [".spec.http[0].route"]
          managedFieldsManagers: [rollouts-controller]
        syncPolicy: {automated: {selfHeal: true}, syncOptions: [RespectIgnoreDifferences=true]}
      ---
      apiVersion: v1
      kind: Secret
      metadata: {name: s}
      data: {t: c2VjcmV0, u: b2xk}
      stringData: {u: new}
      """)
    #expect(set.services.first?.selector == ["app": "demo"])
    #expect(set.services.first?.ports.first?.targetPort == .string("http"))
    let vs = try #require(set.virtualServices.first)
    #expect(vs.http.first?.destinations.map(\.destination.shortHost) == ["stable", "canary"])
    #expect(vs.http.first?.destinations.map { $0.weight?.value } == [90, 10])
    #expect(vs.http.first?.mirrorPercentage == 12.5)
    #expect(vs.tls.first?.matchPorts == [443])
    #expect(vs.tls.first?.sniHosts == ["demo.example.com"])
    #expect(set.destinationRules.first?.subsets.map { $0.name?.value } == ["stable", "canary"])
    #expect(set.routes.first?.alternateBackends.first?.weight?.value == 10)
    let app = try #require(set.applications.first)
    #expect(app.ignoreDifferences.first?.jqPathExpressions.map(\.value) == [".spec.http[0].route"])
    #expect(app.ignoreDifferences.first?.managedFieldsManagers.map(\.value) == ["rollouts-controller"])
    #expect(app.respectsIgnoreDifferences && app.automatedSync && app.selfHeal)
    #expect(set.secrets.first?.value(forKey: "t") == "secret")
    #expect(set.secrets.first?.value(forKey: "u") == "new")
    #expect(set.diagnostics.isEmpty)
    #expect(Validator.validate(set).isEmpty)
  }

  @Test func modelTypesCanBeBuiltInCode() {
    let step = CanaryStep(setWeight: 20)
    let rollout = Rollout(
      metadata: ObjectMeta(name: "r"),
      spec: RolloutSpec(strategy: RolloutStrategy(canary: CanaryStrategy(steps: [step, CanaryStep(pause: PauseStep())]))))
    #expect(rollout.canary?.steps.map(\.kind) == [.setWeight, .pause])
    #expect(Metric(name: "m", count: Located(.int(3)), provider: MetricProvider(web: WebMetric(url: "u"))).effectiveCount == 3)
  }

  @Test func podTemplateHashIsStableAndSensitive() throws {
    let a = YAMLReader.read("metadata: {labels: {app: x}}\nspec: {containers: [{name: c, image: \"x:1\"}]}\n", file: "a").documents[0].root
    let b = YAMLReader.read("spec: {containers: [{image: \"x:1\", name: c}]}\nmetadata: {labels: {app: x}}\n", file: "b").documents[0].root
    let c = YAMLReader.read("metadata: {labels: {app: x}}\nspec: {containers: [{name: c, image: \"x:2\"}]}\n", file: "c").documents[0].root
    let hash = PodTemplateHash.compute(a)
    #expect(hash == PodTemplateHash.compute(b))
    #expect(hash != PodTemplateHash.compute(c))
    #expect(hash != PodTemplateHash.compute(a, collisionCount: 1))
    #expect(hash.allSatisfy { "bcdfghjklmnpqrstvwxz2456789".contains($0) })
    #expect(PodTemplateHash.safeEncode("0123456789") == "456789bcdf")
    var fnv = FNV32a()
    fnv.add("hello".utf8)
    #expect(fnv.value == 0x4f9f_2cab)
  }
}
