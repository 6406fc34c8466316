import Foundation
import Diagnostics
import Manifests
import Testing

/// The controller's validation rules, one small change to a valid set per case, each with the
/// controller's own message.
@Suite struct ValidationTests {
  static let base = """
    apiVersion: argoproj.io/v1alpha1
    kind: Rollout
    metadata: {name: demo}
    spec:
      replicas: 3
      selector: {matchLabels: {app: demo}}
      template:
        metadata: {labels: {app: demo}}
        spec: {containers: [{name: app, image: "demo:1"}]}
      strategy:
        canary:
          steps:
          - setWeight: 20
          - pause: {duration: 1m}
    ---
    apiVersion: argoproj.io/v1alpha1
    kind: AnalysisTemplate
    metadata: {name: rate}
    spec:
      args: [{name: svc}]
      metrics:
      - name: ok
        interval: 1m
        count: 3
        provider: {web: {url: "http://x/{{args.svc}}"}}
    """

  /// Loads the base set with `edits` applied to document `document` (0 = Rollout, 1 = template).
  static func diagnostics(_ edits: [(Int, String, YAMLNode?)], extra: String = "") -> [Diagnostic] {
    var documents = YAMLReader.read(base + (extra.isEmpty ? "" : "\n---\n" + extra), file: "v.yaml").documents
    for (index, path, value) in edits {
      if let value {
        try? documents[index].root.setValue(value, at: path)
      } else {
        _ = documents[index].root.removeValue(at: (try? YAMLPath.parse(path)) ?? YAMLPath())
      }
    }
    let set = ManifestLoader.load(documents: documents)
    return set.diagnostics + Validator.validate(set)
  }

  static func node(_ yaml: String) -> YAMLNode { YAMLReader.read("v: " + yaml, file: "n.yaml").documents[0].root["v"] ?? .null() }

  @Test func theBaseSetIsClean() {
    #expect(Self.diagnostics([]).isEmpty)
  }

  /// Experiment template `weight` under a router that supports it is simulated: no warning at it.
  @Test func experimentTemplateWeightWithARouterIsModelled() {
    let found = Self.diagnostics([
      (0, "\(Self.canary).canaryService", .string("c")), (0, "\(Self.canary).stableService", .string("s")),
      (0, "\(Self.canary).trafficRouting", Self.node("{smi: {}}")),
      (0, "\(Self.canary).steps[2]", Self.node("{experiment: {templates: [{name: t, specRef: canary, weight: 10}]}}")),
    ])
    #expect(!found.contains { $0.message.contains("weight") }, "\(found.map(\.message))")
  }

  struct Case: Sendable, CustomTestStringConvertible {
    var name: String
    var edits: [(Int, String, YAMLNode?)]
    var extra = ""
    var rule: String
    var message: String
    var severity: Severity = .error
    var testDescription: String { name }
  }

  static let canary = "spec.strategy.canary"
  static let cases: [Case] = [
    Case(name: "setWeight above 100", edits: [(0, "\(canary).steps[0].setWeight", .int(120))], rule: "set-weight", message: "SetWeight needs to be between 0 and 100"),
    Case(name: "5d pause", edits: [(0, "\(canary).steps[1].pause.duration", .string("5d"))], rule: "pause-duration", message: "Duration needs to be greater than 0"),
    Case(name: "empty step", edits: [(0, "\(canary).steps[2]", node("{}"))], rule: "step-type", message: "Step must have one of the following set: experiment, setWeight, setCanaryScale, plugin or pause"),
    Case(name: "two step kinds", edits: [(0, "\(canary).steps[0].pause", node("{}"))], rule: "step-type", message: "Step must have one of the following set"),
    Case(name: "surge and unavailable zero", edits: [(0, "\(canary).maxSurge", .int(0)), (0, "\(canary).maxUnavailable", .string("0%"))], rule: "max-surge-unavailable", message: "MaxSurge and MaxUnavailable both can not be zero"),
    Case(name: "same canary and stable service", edits: [(0, "\(canary).canaryService", .string("s")), (0, "\(canary).stableService", .string("s"))], rule: "duplicate-services", message: "the same service for the stable and canary services"),
    Case(name: "setCanaryScale without router", edits: [(0, "\(canary).steps[2]", node("{setCanaryScale: {replicas: 1}}"))], rule: "set-canary-scale", message: "SetCanaryScale requires TrafficRouting to be set"),
    Case(name: "scaleDownDelay without router", edits: [(0, "\(canary).scaleDownDelaySeconds", .int(10))], rule: "scale-down-delay", message: "Canary scaleDownDelaySeconds can only be used with traffic routing"),
    Case(name: "dynamicStableScale without router", edits: [(0, "\(canary).dynamicStableScale", .bool(true))], rule: "dynamic-stable-scale", message: "Canary dynamicStableScale can only be used with traffic routing"),
    Case(name: "router without services", edits: [(0, "\(canary).trafficRouting", node("{smi: {rootService: root}}"))], rule: "traffic-routing", message: "Canary service and Stable service must to be set to use Traffic Routing"),
    Case(name: "maxTrafficWeight with SMI", edits: [(0, "\(canary).trafficRouting", node("{smi: {}, maxTrafficWeight: 1000}")), (0, "\(canary).canaryService", .string("c")), (0, "\(canary).stableService", .string("s"))], rule: "traffic-routing", message: "Canary maxTrafficWeight in traffic routing only supported in Nginx and Plugins"),
    Case(name: "header route without managedRoutes", edits: [(0, "\(canary).trafficRouting", node("{alb: {ingress: i, servicePort: 80}}")), (0, "\(canary).canaryService", .string("c")), (0, "\(canary).stableService", .string("s")), (0, "\(canary).steps[2]", node("{setHeaderRoute: {name: h}}"))], rule: "managed-routes", message: "Rollout has missing field 'spec.strategy.canary.trafficRouting.managedRoutes'"),
    Case(name: "header route not managed", edits: [(0, "\(canary).trafficRouting", node("{alb: {ingress: i, servicePort: 80}, managedRoutes: [{name: other}]}")), (0, "\(canary).canaryService", .string("c")), (0, "\(canary).stableService", .string("s")), (0, "\(canary).steps[2]", node("{setHeaderRoute: {name: h}}"))], rule: "managed-routes", message: "Steps define a route that does not exist in spec.strategy.canary.trafficRouting.managedRoutes"),
    Case(name: "fieldRef outside the downward API", edits: [(0, "\(canary).steps[2]", node("{analysis: {templates: [{templateName: rate}], args: [{name: svc, valueFrom: {fieldRef: {fieldPath: metadata.generation}}}]}}"))], rule: "analysis-args", message: "Analyses arguments must refer to valid object metadata supported by downwardAPI"),
    Case(name: "progress deadline below minReadySeconds", edits: [(0, "spec.minReadySeconds", .int(30)), (0, "spec.progressDeadlineSeconds", .int(10))], rule: "rollout-spec", message: "must be greater than minReadySeconds"),
    Case(name: "missing selector", edits: [(0, "spec.selector", nil)], rule: "rollout-spec", message: "Rollout has missing field '.spec.selector'"),
    Case(name: "selector does not match labels", edits: [(0, "spec.selector.matchLabels.app", .string("other"))], rule: "pod-template", message: "`selector` does not match template `labels`"),
    Case(name: "no containers", edits: [(0, "spec.template.spec.containers", node("[]"))], rule: "pod-template", message: "spec.template.spec.containers: Required value"),
    Case(name: "replica set restart policy", edits: [(0, "spec.template.spec.restartPolicy", .string("Never"))], rule: "pod-template", message: "supported values: \"Always\""),
    Case(name: "bad quantity", edits: [(0, "spec.template.spec.containers[0].resources", node("{requests: {memory: lots}}"))], rule: "pod-template", message: "quantities must match the regular expression"),
    Case(name: "both strategies", edits: [(0, "spec.strategy.blueGreen", node("{activeService: a}"))], rule: "rollout-spec", message: "Multiple Strategies can not be listed"),
    Case(name: "no strategy", edits: [(0, "spec.strategy", node("{}"))], rule: "rollout-spec", message: "Rollout has missing field '.spec.strategy.canary or .spec.strategy.blueGreen'"),
    Case(name: "blue-green same services", edits: [(0, "spec.strategy", node("{blueGreen: {activeService: a, previewService: a}}"))], rule: "duplicate-services", message: "the same service for the active and preview services"),
    Case(name: "blue-green without activeService", edits: [(0, "spec.strategy", node("{blueGreen: {previewService: p}}"))], rule: "schema-required", message: "spec.strategy.blueGreen.activeService: Required value"),
    Case(name: "count without interval", edits: [(1, "spec.metrics[0].interval", nil)], rule: "metric-spec", message: "interval must be specified when count > 1"),
    Case(name: "failureLimit below -1", edits: [(1, "spec.metrics[0].failureLimit", .int(-2))], rule: "metric-spec", message: "failureLimit must be >= 0, or -1 to be disabled"),
    Case(name: "failure and success disabled", edits: [(1, "spec.metrics[0].failureLimit", .int(-1))], rule: "metric-spec", message: "failureLimit and consecutiveSuccessLimit cannot both be disabled"),
    Case(name: "count below limits", edits: [(1, "spec.metrics[0].failureLimit", .int(2)), (1, "spec.metrics[0].consecutiveSuccessLimit", .int(2))], rule: "metric-spec", message: "count (3) must be >= failureLimit + consecutiveSuccessLimit (2 + 2) if both >= 0"),
    Case(name: "absurd limits do not trap", edits: [(1, "spec.metrics[0].failureLimit", .int(Int64.max)), (1, "spec.metrics[0].consecutiveSuccessLimit", .int(Int64.max))], rule: "schema-type", message: "spec.metrics[0].failureLimit in body must fit a 32-bit integer"),
    Case(name: "count below inconclusiveLimit", edits: [(1, "spec.metrics[0].inconclusiveLimit", .int(5))], rule: "metric-spec", message: "count must be >= inconclusiveLimit"),
    Case(name: "interval without unit", edits: [(1, "spec.metrics[0].interval", .string("5"))], rule: "metric-duration", message: "invalid interval string: time: missing unit in duration \"5\""),
    Case(name: "initialDelay with days", edits: [(1, "spec.metrics[0].initialDelay", .string("1d"))], rule: "metric-duration", message: "invalid startDelay string: time: unknown unit \"d\" in duration \"1d\""),
    Case(name: "templated count resolves", edits: [(1, "spec.args[0].value", .string("svc")), (1, "spec.args[1]", node("{name: reps, value: '2'}")), (1, "spec.metrics[0].count", .string("{{args.reps}}")), (1, "spec.metrics[0].interval", nil)], rule: "metric-spec", message: "interval must be specified when count > 1"),
    Case(name: "two providers", edits: [(1, "spec.metrics[0].provider.prometheus", node("{query: up}"))], rule: "metric-provider", message: "multiple providers specified"),
    Case(name: "no provider", edits: [(1, "spec.metrics[0].provider", node("{kubernetes: {}}"))], rule: "metric-provider", message: "no provider specified"),
    Case(name: "undeclared argument", edits: [(1, "spec.metrics[0].provider.web.url", .string("http://{{args.nope}}/{{args.svc}}"))], rule: "undeclared-arg", message: "failed to resolve {{args.nope}}"),
    Case(name: "stray brace", edits: [(1, "spec.metrics[0].provider.web.url", .string("http://{{args.svc}}}"))], rule: "stray-brace", message: "stray '}' after {{args.svc}}", severity: .warning),
    Case(name: "unused argument", edits: [(1, "spec.args[1]", node("{name: extra, value: x}"))], rule: "unused-arg", message: "argument 'extra' is declared but no metric uses {{args.extra}}", severity: .warning),
    Case(name: "value and valueFrom", edits: [(1, "spec.args[0]", node("{name: svc, value: a, valueFrom: {secretKeyRef: {name: s, key: k}}}"))], rule: "arg-value", message: "arg 'svc' has both Value and ValueFrom fields"),
    Case(name: "duplicate metric", edits: [(1, "spec.metrics[1]", node("{name: ok, provider: {web: {url: u}}}"))], rule: "metric-spec", message: "duplicate name 'ok'"),
    Case(name: "dry-run rule matches nothing", edits: [(1, "spec.dryRun", node("[{metricName: nothing}]"))], rule: "dry-run", message: "dryRun[0]: Rule didn't match any metric name(s)"),
    Case(name: "inline analysis runs forever", edits: [(0, "\(canary).steps[2]", node("{analysis: {templates: [{templateName: rate}], args: [{name: svc, value: x}]}}")), (1, "spec.metrics[0].count", nil)], rule: "analysis-runs-forever", message: "AnalysisTemplate rate has metric ok which runs indefinitely. Invalid value for count: <nil>"),
    Case(name: "experiment specRef", edits: [(0, "\(canary).steps[2]", node("{experiment: {templates: [{name: t, specRef: baseline}]}}"))], rule: "experiment-spec", message: "Invalid template step SpecRef: must be canary or stable"),
    Case(name: "argument not passed", edits: [(0, "\(canary).steps[2]", node("{analysis: {templates: [{templateName: rate}]}}"))], rule: "analysis-template", message: "args.svc was not resolved"),
    Case(name: "two templates, one metric name", edits: [(0, "\(canary).steps[2]", node("{analysis: {templates: [{templateName: rate}, {templateName: rate2}], args: [{name: svc, value: x}]}}"))], extra: "apiVersion: argoproj.io/v1alpha1\nkind: AnalysisTemplate\nmetadata: {name: rate2}\nspec: {metrics: [{name: ok, provider: {web: {url: u}}}]}", rule: "analysis-template", message: "two metrics have the same name 'ok'"),
    Case(name: "template missing", edits: [(0, "\(canary).steps[2]", node("{analysis: {templates: [{templateName: gone}]}}"))], rule: "missing-reference", message: "analysistemplates.argoproj.io \"gone\" not found", severity: .warning),
    Case(name: "apiVersion typo", edits: [(0, "apiVersion", .string("argoproj.io/vlalpha1"))], rule: "api-version", message: "no matches for kind \"Rollout\" in version \"argoproj.io/vlalpha1\""),
    Case(name: "unknown field", edits: [(0, "\(canary).steps[0].setWieght", .int(5))], rule: "unknown-field", message: "unknown field \"spec.strategy.canary.steps[0].setWieght\"", severity: .warning),
    Case(name: "not modelled", edits: [(0, "spec.restartAt", .string("2024-01-01T00:00:00Z"))], rule: "not-modelled", message: "spec.restartAt is not modelled by rollout-sim", severity: .warning),
    Case(name: "experiment template weight without a router", edits: [(0, "\(canary).steps[2]", node("{experiment: {templates: [{name: t, specRef: canary, weight: 10}]}}"))], rule: "experiment-weight", message: "Experiment template weight cannot be set unless TrafficRouting is enabled"),
    Case(name: "experiment template weight with nginx", edits: [(0, "\(canary).canaryService", .string("c")), (0, "\(canary).stableService", .string("s")), (0, "\(canary).trafficRouting", node("{nginx: {stableIngress: i}}")), (0, "\(canary).steps[2]", node("{experiment: {templates: [{name: t, specRef: canary, weight: 10}]}}"))], rule: "experiment-weight", message: "Experiment template weight is only available for TrafficRouting with SMI, ALB, Istio and Plugins at this time"),
    Case(name: "type error", edits: [(0, "spec.replicas", .string("3"))], rule: "schema-type", message: "spec.replicas in body must be of type integer: \"string\""),
    Case(name: "label value type", edits: [(0, "spec.template.metadata.labels.version", .int(2))], rule: "schema-type", message: "spec.template.metadata.labels.version in body must be of type string: \"integer\""),
    Case(name: "service selects other labels", edits: [(0, "\(canary).canaryService", .string("c")), (0, "\(canary).stableService", .string("s"))], extra: "apiVersion: v1\nkind: Service\nmetadata: {name: c}\nspec: {selector: {app: nope}}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {selector: {app: demo}}", rule: "service-selector", message: "Service \"c\" has unmatch label \"app\" in rollout"),
    Case(name: "istio route missing", edits: [(0, "\(canary).canaryService", .string("c")), (0, "\(canary).stableService", .string("s")), (0, "\(canary).trafficRouting", node("{istio: {virtualService: {name: vs, routes: [main]}}}"))], extra: "apiVersion: networking.istio.io/v1beta1\nkind: VirtualService\nmetadata: {name: vs}\nspec: {http: [{name: primary, route: [{destination: {host: s}, weight: 100}, {destination: {host: c}, weight: 0}]}]}", rule: "istio-virtualservice", message: "Istio VirtualService has invalid HTTP routes. Error: HTTP Route 'main' is not found in the defined Virtual Service."),
    Case(name: "istio canary service missing in route", edits: [(0, "\(canary).canaryService", .string("c")), (0, "\(canary).stableService", .string("s")), (0, "\(canary).trafficRouting", node("{istio: {virtualService: {name: vs}}}"))], extra: "apiVersion: networking.istio.io/v1beta1\nkind: VirtualService\nmetadata: {name: vs}\nspec: {http: [{route: [{destination: {host: s.ns.svc}, weight: 100}]}]}", rule: "istio-virtualservice", message: "Canary Service 'c' not found in route"),
    Case(name: "istio weights", edits: [], extra: "apiVersion: networking.istio.io/v1beta1\nkind: VirtualService\nmetadata: {name: vs}\nspec: {http: [{route: [{destination: {host: s}, weight: 80}, {destination: {host: c}, weight: 10}]}]}", rule: "istio-weights", message: "total destination weight 90 != 100"),
    Case(name: "secret key missing", edits: [(1, "spec.args[1]", node("{name: token, valueFrom: {secretKeyRef: {name: s, key: k}}}")), (1, "spec.metrics[0].provider.web.headers", node("[{key: a, value: '{{args.token}}'}]"))], extra: "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData: {other: x}", rule: "secret-ref", message: "key 'k' does not exist in secret 's'"),
    Case(name: "job restart policy", edits: [(1, "spec.metrics[0].provider", node("{job: {spec: {template: {spec: {containers: [{name: c, image: i}]}}}}}"))], rule: "pod-template", message: "supported values: \"OnFailure\", \"Never\""),
    Case(name: "duplicate object", edits: [], extra: "apiVersion: argoproj.io/v1alpha1\nkind: AnalysisTemplate\nmetadata: {name: rate}\nspec: {metrics: [{name: ok, provider: {web: {url: u}}}]}", rule: "duplicate-object", message: "AnalysisTemplate \"rate\" is also defined at v.yaml", severity: .warning),
  ]

  @Test(arguments: cases)
  func reportsTheControllersMessage(_ c: Case) {
    let found = Self.diagnostics(c.edits, extra: c.extra)
    let match = found.first { $0.rule == c.rule && $0.message.contains(c.message) }
    #expect(match != nil, "expected [\(c.rule)] \(c.message); got \(found.map { "[\($0.rule ?? "")] \($0.message)" })")
    #expect(match?.severity == c.severity)
    #expect(match?.location != nil)
  }

  @Test func durationErrorsPointAtTheValueAndSayHowToFixIt() throws {
    let set = ManifestLoader.load(texts: [("p.yaml", Self.base.replacingOccurrences(of: "duration: 1m", with: "duration: 5d"))])
    let found = try #require(Validator.validate(set).first { $0.rule == "pause-duration" })
    #expect(found.location == SourceLocation(file: "p.yaml", line: 14, column: 27))
    #expect(found.length == 2)
    #expect(found.hint == "Go durations have no day unit: write 120h")
  }

  @Test func helmChartsAreRefused() throws {
    let set = ManifestLoader.load(texts: [("h.yaml", "metadata:\n  name: {{ include \"x.name\" . }}\n")])
    let found = try #require(set.diagnostics.first)
    #expect(found.rule == "helm-template")
    #expect(found.hint?.contains("helm template") == true)
    #expect(found.location == SourceLocation(file: "h.yaml", line: 2, column: 9))
    // Argo's own templating and Go templates inside strings are not Helm.
    let argo = ManifestLoader.load(texts: [("a.yaml", "a: \"{{args.x}}\"\nb: |\n  {{.rollout.metadata.name}}\nc: img:{{TAG}}\n")])
    #expect(!argo.diagnostics.contains { $0.rule == "helm-template" })
  }

  @Test func kindsAreClassified() {
    let set = ManifestLoader.load(texts: [(
      "k.yaml",
      "apiVersion: argoproj.io/v1alpha1\nkind: Rolout\nmetadata: {name: x}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: y}\n---\napiVersion: appmesh.k8s.aws/v1beta2\nkind: VirtualService\nmetadata: {name: z}\n---\n- a list\n"
    )])
    #expect(set.diagnostics.contains { $0.rule == "unknown-kind" && $0.hint == "did you mean 'Rollout'?" })
    #expect(set.diagnostics.filter { $0.rule == "ignored-kind" }.count == 1)
    #expect(set.diagnostics.first { $0.rule == "ignored-kind" }?.message.contains("ConfigMap") == true)
    #expect(set.diagnostics.contains { $0.rule == "not-an-object" })
    #expect(set.virtualServices.isEmpty)
    #expect(!set.diagnostics.contains { $0.rule == "api-version" })
  }
}
