import Insights
import Manifests
import PropertyBased
import Testing

/// The jq subset of `jqPathExpressions`, evaluated for the paths it selects.
@Suite struct JQPathTests {
  /// The seed's VirtualService, with a second HTTP route to show selection by name.
  static let virtualService: YAMLNode = {
    let text = """
      apiVersion: networking.istio.io/v1alpha3
      kind: VirtualService
      metadata: {name: rollout-vsvc, labels: {app.kubernetes.io/name: demo}}
      spec:
        http:
        - name: header
          route:
          - destination: {host: istio-rollout, subset: canary}
        - name: primary
          route:
          - destination: {host: istio-rollout, subset: stable}
            weight: 80
          - destination: {host: istio-rollout, subset: canary}
            weight: 20
      """
    return YAMLReader.read(text, file: "vs.yaml").documents[0].root
  }()

  static func paths(_ expression: String) throws -> [String] {
    try JQPath(expression).paths(in: virtualService).map(\.description)
  }

  @Test(arguments: [
    (".spec.http[] | select(.name == \"primary\") | .route[0].weight", ["/spec/http/1/route/0/weight"]),
    (".spec.http[] | select(.name == \"primary\") | .route[1].weight", ["/spec/http/1/route/1/weight"]),
    (".spec.http[].route[].weight", ["/spec/http/0/route/0/weight", "/spec/http/1/route/0/weight", "/spec/http/1/route/1/weight"]),
    (".spec.http[] | select(.name != \"primary\")", ["/spec/http/0"]),
    (".spec.http[] | select(.name == \"header\" or .name == \"primary\") | .name", ["/spec/http/0/name", "/spec/http/1/name"]),
    (".spec.http[] | select(.name | test(\"^pri\")) | .route[-1]", ["/spec/http/1/route/1"]),
    (".spec.http[] | select(.name | startswith(\"head\"))", ["/spec/http/0"]),
    (".spec.http[].route[] | select(.weight > 50) | .weight", ["/spec/http/1/route/0/weight"]),
    (".spec.http[].route[] | select(.destination.subset == \"canary\" and .weight != null)", ["/spec/http/1/route/1"]),
    (".spec.http[] | select((.name == \"primary\") | not) | .name", ["/spec/http/0/name"]),
    (".metadata.labels[\"app.kubernetes.io/name\"]", ["/metadata/labels/app.kubernetes.io~1name"]),
    (".metadata.labels.\"app.kubernetes.io/name\"", ["/metadata/labels/app.kubernetes.io~1name"]),
    (".spec.nothing.deeper", ["/spec/nothing/deeper"]),
    (".", [""]),
  ])
  func selectsThePathsJqWould(expression: String, expected: [String]) throws {
    #expect(try Self.paths(expression) == expected)
  }

  @Test func iteratingNullOrAScalarSelectsNothing() throws {
    #expect(try Self.paths(".spec.missing[]").isEmpty)
    #expect(try Self.paths(".spec.http[0].name[]").isEmpty)
    #expect(try Self.paths(".spec.http.name").isEmpty)
  }

  @Test(arguments: [
    ("spec.http", 0, "expected a path starting with '.'"),
    (".spec.http[", 11, "expected an index"),
    (".spec.http[] | select(.name == \"primary\"", 40, "expected ')'"),
    (".spec | select(.a == \"x)", 21, "unterminated string"),
    (".spec ||", 7, "expected a path"),
  ])
  func parseErrorsSayWhereAndWhy(expression: String, offset: Int, message: String) {
    #expect {
      _ = try JQPath(expression)
    } throws: { error in
      guard let error = error as? JQPath.ParseError else { return false }
      return error.offset == offset && error.message.hasPrefix(message)
    }
  }

  @Test func deepOrHugeExpressionsAreRefusedNotRecursed() {
    #expect(throws: JQPath.ParseError.self) { try JQPath(String(repeating: "(", count: 10_000) + ".") }
    #expect(throws: JQPath.ParseError.self) {
      try JQPath("select(" + Array(repeating: ".a == 1", count: 2_000).joined(separator: " and ") + ")")
    }
  }

  @Test func jsonPointersEscapeAndCover() throws {
    let pointer = try #require(JSONPointer(parsing: "/metadata/annotations/argo-rollouts.argoproj.io~1managed-by-rollouts"))
    #expect(pointer.tokens == ["metadata", "annotations", "argo-rollouts.argoproj.io/managed-by-rollouts"])
    #expect(pointer.description == "/metadata/annotations/argo-rollouts.argoproj.io~1managed-by-rollouts")
    #expect(JSONPointer(["metadata"]).covers(pointer))
    #expect(!JSONPointer(["metadata", "labels"]).covers(pointer))
    #expect(JSONPointer(parsing: "spec") == nil)
    #expect(JSONPointer(parsing: "")?.tokens == [])
  }

  /// Arbitrary text never crashes the parser, and what parses evaluates without trapping.
  @Test func arbitraryTextNeverCrashes() async {
    let alphabet = Array(".[]|\"()=!<>-0123456789 abselctorndt?_\\")
    await propertyCheck(count: 2_000, input: Gen.int(in: 0...(alphabet.count - 1)).array(of: 0...24)) { picks in
      let text = String(picks.map { alphabet[$0] })
      if let jq = try? JQPath(text) { _ = jq.paths(in: Self.virtualService) }
    }
  }
}
