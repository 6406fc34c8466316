import Diagnostics
import Manifests
import Testing

/// `{{args.x}}` templating exactly as Argo's fasttemplate-based substitution.
@Suite struct ArgTemplateTests {
  @Test func tagsAreFoundLikeFasttemplate() throws {
    let tags = try ArgTemplate.tags(in: "a {{ args.x }} b {{args.y}}}")
    #expect(tags.map(\.raw) == [" args.x ", "args.y"])
    #expect(tags.map(\.name) == ["args.x", "args.y"])
    #expect(tags.map(\.argName) == ["x", "y"])
    #expect(tags.map(\.offset) == [2, 17])
  }

  @Test func anOpeningWithoutClosingIsAnError() {
    #expect(throws: ArgTemplate.Failure.unterminated(offset: 4)) { try ArgTemplate.tags(in: "abc {{args.x") }
  }

  @Test func substitutionKeepsStrayBracesAndFailsOnUnknownTags() throws {
    #expect(try ArgTemplate.substitute("ns='{{args.namespace}}}'", values: ["args.namespace": "prod"]) == "ns='prod}'")
    #expect(throws: ArgTemplate.Failure.self) { try ArgTemplate.substitute("{{args.a}} {{args.b}}", values: [:]) }
    do {
      _ = try ArgTemplate.substitute("{{args.a}} {{ args.b }}", values: [:])
    } catch {
      #expect(error.description == "failed to resolve {{ args.b }}")  // the last unresolved tag, untrimmed
    }
  }

  @Test func strayBracesAreTheOnesNoLanguageClosed() {
    // The seed: inside a quoted PromQL label value.
    let seed = "total{exported_namespace='{{args.namespace}}}',route=~\"x\"}"
    #expect(ArgTemplate.strayBraces(in: seed).map(\.offset) == [44])
    // Datadog: the brace closes the tag filter.
    #expect(ArgTemplate.strayBraces(in: "sum:errors{service:{{args.service-name}}}").isEmpty)
    // Nothing open at all.
    #expect(ArgTemplate.strayBraces(in: "url: {{args.u}}}").count == 1)
    #expect(ArgTemplate.strayBraces(in: "{{{args.u}}").first?.brace == "{")
  }

  @Test func goQuotingMatchesStrconvQuote() {
    #expect(ArgTemplate.goQuoted("a\"b\\c\nd\té") == #"a\"b\\c\nd\té"#)
    #expect(ArgTemplate.goQuoted("\u{01}") == #"\x01"#)
  }

  static let metricNode = YAMLReader.read(
    """
    name: rate
    count: "{{args.count}}"
    interval: "{{ args.interval }}"
    failureLimit: 1
    unknownField: "{{args.nope}}"
    provider:
      prometheus:
        query: sum(rate(x{svc="{{args.svc}}"}[1m]))
    """, file: "m.yaml"
  ).documents[0].root

  @Test func metricsAreResolvedThroughTheirJSONLikeArgo() throws {
    let args = [
      ArgSubstitution.Value(name: "count", value: "5"), ArgSubstitution.Value(name: "interval", value: "1m"),
      ArgSubstitution.Value(name: "svc", value: "a\"b"),
    ]
    let metric = try ArgSubstitution.resolve(Metric(decoding: Self.metricNode), args: args)
    #expect(metric.count?.value == .string("5"))
    #expect(metric.effectiveCount == 5)
    #expect(metric.interval?.value == "1m")
    #expect(metric.provider.prometheus?.query?.value == #"sum(rate(x{svc="a"b"}[1m]))"#)
    // Fields Go does not know are dropped before substitution, so their tags never fail.
    #expect(metric.node["unknownField"] == nil)
    // Locations survive the JSON round trip.
    #expect(metric.count?.location == SourceLocation(file: "m.yaml", line: 2, column: 8))
    #expect(metric.provider.prometheus?.query?.location.line == 8)
  }

  @Test func missingArgumentsFailLikeArgo() {
    #expect(throws: ArgSubstitution.Failure.notSupplied("count")) {
      try ArgSubstitution.resolve(metric: Self.metricNode, args: [ArgSubstitution.Value(name: "count", value: nil)])
    }
    #expect(throws: ArgSubstitution.Failure.self) {
      try ArgSubstitution.resolve(metric: Self.metricNode, args: [ArgSubstitution.Value(name: "count", value: "5")])
    }
  }

  @Test func controlCharactersBreakTheJSONAsInArgo() {
    let args = ["count", "interval", "svc"].map { ArgSubstitution.Value(name: $0, value: $0 == "svc" ? "\u{01}" : "1") }
    #expect(throws: ArgSubstitution.Failure.json("invalid character 'x' in string escape code")) {
      try ArgSubstitution.resolve(metric: Self.metricNode, args: args)
    }
  }
}

/// `fieldRef` args walk the Rollout like the controller.
@Suite struct FieldRefPathTests {
  static let rollout = Rollout(
    decoding: YAMLReader.read(
      """
      metadata:
        name: demo
        namespace: shop
        labels: {app: demo}
      spec:
        replicas: 1000000
        template:
          spec:
            containers:
            - image: demo:blue
      """, file: "r.yaml"
    ).documents[0].root)

  @Test(arguments: [
    ("metadata.name", "demo"), ("metadata.namespace", "shop"), ("metadata.labels['app']", "demo"),
    ("metadata.labels['missing']", ""), ("metadata.labels", "app=\"demo\"\n"),
    ("spec.template.spec.containers[0].image", "demo:blue"), ("spec.replicas", "1e+06"),
  ])
  func resolves(path: String, value: String) throws {
    #expect(try FieldRefPath.resolve(path, in: Self.rollout) == value)
  }

  @Test(arguments: [
    ("metadata.generation", "unsupported fieldPath: metadata.generation"),
    ("spec.template.spec.containers[3].image", "index 3 out of range"),
    ("spec.template", "path spec.template in rollout must terminate in a primitive value"),
    ("spec.nothing", "invalid path spec.nothing in rollout"),
  ])
  func failsWithTheControllersMessage(path: String, message: String) {
    #expect(throws: FieldRefPath.Failure(message: message)) { try FieldRefPath.resolve(path, in: Self.rollout) }
  }
}
