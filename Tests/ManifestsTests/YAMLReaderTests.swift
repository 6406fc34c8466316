import Diagnostics
import Manifests
import Testing

/// Reading YAML into located nodes: Kubernetes' scalar resolution, documents, syntax errors.
@Suite struct YAMLReaderTests {
  static func read(_ text: String) -> YAMLReader.Result { YAMLReader.read(text, file: "t.yaml") }

  /// sigs.k8s.io/yaml resolves plain scalars with YAML 1.1 rules (go-yaml v2); quoted ones are strings.
  static let scalars: [(String, ScalarValue)] = [
    ("30", .int(30)), ("\"30\"", .string("30")), ("'30'", .string("30")), ("-7", .int(-7)), ("+5", .int(5)),
    ("0x1F", .int(31)), ("0o17", .int(15)), ("017", .int(15)), ("0b101", .int(5)), ("1_000", .int(1000)),
    ("1.5", .float(1.5)), ("1e3", .float(1000)), (".5", .float(0.5)), (".inf", .float(.infinity)),
    ("-.Inf", .float(-.infinity)), ("true", .bool(true)), ("yes", .bool(true)), ("On", .bool(true)),
    ("n", .bool(false)), ("OFF", .bool(false)), ("null", .null), ("~", .null), ("", .null),
    ("30s", .string("30s")), ("5d", .string("5d")), ("2024-01-01", .string("2024-01-01")),
    ("x{{args.x}}", .string("x{{args.x}}")), ("y", .bool(true)), ("1.2.3", .string("1.2.3")), ("!!str 30", .string("30")),
    ("!!int \"7\"", .int(7)),
  ]

  @Test(arguments: scalars)
  func scalarsResolveLikeKubernetes(text: String, expected: ScalarValue) throws {
    let result = Self.read("value: \(text)\n")
    #expect(result.diagnostics.isEmpty)
    let node = try #require(result.documents.first?.root["value"])
    #expect(node.scalarValue == expected || (node.scalarValue == nil && expected == .null))
  }

  @Test func quotedAndPlainNumbersStayDistinguishable() throws {
    let result = Self.read("a: 30\nb: \"30\"\n")
    let root = try #require(result.documents.first?.root)
    #expect(root["a"]?.scalar?.isQuoted == false)
    #expect(root["b"]?.scalar?.isQuoted == true)
    #expect(root["a"]?.intValue == 30)
    #expect(root["b"]?.stringValue == "30")
  }

  @Test func everyNodeAndKeyCarriesItsLocation() throws {
    let text = """
      spec:
        steps:
        - setWeight: 20
        - pause: {duration: 5d}
      """
    let root = try #require(Self.read(text).documents.first?.root)
    let pause = try #require(root.value(at: "spec.steps[1].pause.duration"))
    #expect(pause.location == SourceLocation(file: "t.yaml", line: 4, column: 23))
    let step = try #require(root.value(at: "spec.steps[0]"))
    #expect(step.entry("setWeight")?.keyLocation == SourceLocation(file: "t.yaml", line: 3, column: 5))
  }

  @Test func multipleDocumentsAreReadAndEmptyOnesSkipped() {
    let text = "---\n# only a comment\n---\na: 1\n---\n---\nb: 2\n...\n"
    let result = Self.read(text)
    #expect(result.diagnostics.isEmpty)
    #expect(result.documents.map { $0.root.entries?.first?.key } == ["a", "b"])
    #expect(result.documents.map(\.root.location.line) == [4, 7])
  }

  @Test func aBrokenDocumentDoesNotHideTheNextOne() {
    let text = "a: [1, 2\n---\nb: 2\n"
    let result = Self.read(text)
    #expect(result.documents.count == 1)
    #expect(result.documents.first?.root["b"]?.intValue == 2)
    #expect(result.diagnostics.count == 1)
    #expect(result.diagnostics.first?.rule == "yaml-syntax")
  }

  @Test func syntaxErrorsPointAtTheLineAndColumn() throws {
    let text = """
      steps:
      - analysis:
          templates:
          - templateName: call-api
            - name: service-url
      """
    let diagnostic = try #require(Self.read(text).diagnostics.first)
    #expect(diagnostic.severity == .error)
    #expect(diagnostic.location?.line == 5)
    #expect(diagnostic.location?.column == 7)
    #expect(diagnostic.hint?.contains("args:") == true)
  }

  @Test func tabsAndDuplicatesAreDiagnosedAtTheirPlace() throws {
    let tab = try #require(Self.read("a:\n\tb: 1\n").diagnostics.first)
    #expect(tab.location?.line == 2)
    #expect(tab.hint?.contains("tabs") == true)
    let duplicate = try #require(Self.read("a: 1\nb: 2\na: 3\n").diagnostics.first)
    #expect(duplicate.rule == "yaml-duplicate-key")
    #expect(duplicate.location?.line == 3)
  }

  @Test func aliasesAndMergeKeysAreExpanded() throws {
    let text = "base: &b {first: 1, second: 2}\nother:\n  <<: *b\n  second: 3\n"
    let root = try #require(Self.read(text).documents.first?.root)
    #expect(root.value(at: "other.first")?.intValue == 1)
    #expect(root.value(at: "other.second")?.intValue == 3)
  }

  @Test func unquotedTemplatesBecomeAnExplainedError() throws {
    let result = Self.read("annotations:\n  inject: {{args.enabled}}\n")
    let diagnostic = try #require(result.diagnostics.first)
    #expect(diagnostic.message.contains("flow mapping"))
    #expect(diagnostic.hint?.contains("quote") == true)
  }

  @Test func absurdNestingIsRefusedBeforeParsing() {
    let text = "a: " + String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000) + "\n"
    let result = Self.read(text)
    #expect(result.documents.isEmpty)
    #expect(result.diagnostics.first?.message.contains("nesting") == true)
    #expect(result.diagnostics.first?.location?.line == 1)
  }

  @Test func aliasBombsAreRefused() {
    var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
    for i in 1...8 { text += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
    let result = Self.read(text)
    #expect(result.documents.isEmpty)
    #expect(result.diagnostics.first?.message.contains("expands") == true)
  }

  @Test func jsonTextRoundTripsThroughTheJSONReader() throws {
    let root = try #require(Self.read("a: [1, 2.5, \"x\\ny\", true, null]\nb: {c: 'd'}\n").documents.first?.root)
    let parsed = try JSONReader.parse(root.jsonText())
    #expect(parsed.hasSameValue(as: root))
    #expect(root.jsonText(sortedKeys: true) == #"{"a":[1,2.5,"x\ny",true,null],"b":{"c":"d"}}"#)
  }

  @Test func jsonReaderReportsGoStyleErrors() {
    #expect(throws: JSONReader.ParseError.self) { try JSONReader.parse(#"{"a": "\x01"}"#) }
    do {
      _ = try JSONReader.parse(#"{"a": "\x01"}"#)
    } catch {
      #expect(error.message == "invalid character 'x' in string escape code")
    }
  }
}
