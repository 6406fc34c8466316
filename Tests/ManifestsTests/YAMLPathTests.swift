import Diagnostics
import Manifests
import Testing

/// Reading and setting values by path: what sweeps, the GitOps check and fieldRef args rely on.
@Suite struct YAMLPathTests {
  static let rollout = YAMLReader.read(
    """
    metadata:
      name: demo
      labels:
        app.kubernetes.io/name: demo
    spec:
      strategy:
        canary:
          steps:
          - setWeight: 20
          - pause: {duration: 1h}
      template:
        spec:
          containers:
          - name: app
            image: demo:blue
    """, file: "r.yaml"
  ).documents[0].root

  @Test(arguments: [
    ("spec.strategy.canary.steps[1].pause.duration", "1h"),
    ("spec.template.spec.containers[0].image", "demo:blue"),
    ("spec.template.spec.containers.0.name", "app"),
    ("metadata.labels['app.kubernetes.io/name']", "demo"),
    ("metadata.labels[\"app.kubernetes.io/name\"]", "demo"),
  ])
  func readsByPath(path: String, expected: String) {
    #expect(Self.rollout.value(at: path)?.stringValue == expected)
  }

  @Test func missingStepsReadAsNil() {
    #expect(Self.rollout.value(at: "spec.strategy.canary.steps[9]") == nil)
    #expect(Self.rollout.value(at: "spec.nope.deeper") == nil)
    #expect(Self.rollout.value(at: "spec[") == nil)
  }

  @Test func pathsPrintTheWayTheyParse() throws {
    for text in ["spec.strategy.canary.steps[1].pause.duration", "metadata.labels['app.kubernetes.io/name']", "a[0][1].b"] {
      #expect(try YAMLPath.parse(text).description == text)
    }
  }

  @Test func settingReplacesAValueAndKeepsItsLocation() throws {
    var node = Self.rollout
    let before = try #require(node.value(at: "spec.strategy.canary.steps[1].pause.duration")).location
    try node.setValue(.string("30m"), at: "spec.strategy.canary.steps[1].pause.duration")
    let after = try #require(node.value(at: "spec.strategy.canary.steps[1].pause.duration"))
    #expect(after.stringValue == "30m")
    #expect(after.location == before)
  }

  @Test func settingCreatesMissingMappingsAndAppends() throws {
    var node = Self.rollout
    try node.setValue(.int(5), at: "spec.replicas")
    try node.setValue(.mapping(["setWeight": .int(50)]), at: "spec.strategy.canary.steps[2]")
    try node.setValue(.string("x"), at: "spec.brand.new[0].field")
    #expect(node.value(at: "spec.replicas")?.intValue == 5)
    #expect(node.value(at: "spec.strategy.canary.steps")?.sequence?.count == 3)
    #expect(node.value(at: "spec.brand.new[0].field")?.stringValue == "x")
    // The typed model sees the change after re-decoding.
    let rollout = Rollout(decoding: node)
    #expect(rollout.spec.replicas?.value == 5)
    #expect(rollout.canary?.steps.last?.setWeight?.value == 50)
  }

  @Test(arguments: ["metadata.name.first", "spec.strategy.canary.steps[7]", "spec.strategy[0]"])
  func impossibleSetsAreErrorsNotCrashes(path: String) {
    var node = Self.rollout
    var failure: YAMLPathError?
    do { try node.setValue(.int(1), at: path) } catch { failure = error }
    #expect(failure != nil)
    #expect(node == Self.rollout)
  }

  @Test func removing() {
    var node = Self.rollout
    let removed = node.removeValue(at: "spec.strategy.canary.steps[0]")
    #expect(removed)
    #expect(node.value(at: "spec.strategy.canary.steps")?.sequence?.count == 1)
    let removedNothing = node.removeValue(at: "spec.nothing")
    #expect(!removedNothing)
  }
}
