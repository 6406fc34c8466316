import Diagnostics
import Testing

@Suite struct DiagnosticRendererTests {
  @Test func rendersCompilerStyleWithCaret() {
    let source = SourceText(path: "rollout.yaml", text: "spec:\n  steps:\n  - setWieght: 20\n")
    let diagnostic = Diagnostic.error(
      "unknown canary step 'setWieght'", at: SourceLocation(file: "rollout.yaml", line: 3, column: 5),
      length: 9, hint: "did you mean 'setWeight'?")
    let text = DiagnosticRenderer(sources: ["rollout.yaml": source]).render(diagnostic)
    #expect(
      text == """
        rollout.yaml:3:5: error: unknown canary step 'setWieght'
           3 |   - setWieght: 20
             |     ^~~~~~~~~
           hint: did you mean 'setWeight'?

        """)
  }

  @Test func caretStaysAlignedWithTabs() {
    let snippet = DiagnosticRenderer.snippet(line: "\tkey: x", lineNumber: 12, column: 2, length: 3)
    #expect(snippet == "  12 | \tkey: x\n     | \t^~~\n")
  }

  @Test func caretIsClampedToTheLine() {
    let snippet = DiagnosticRenderer.snippet(line: "ab", lineNumber: 1, column: 9, length: 4)
    #expect(snippet.hasSuffix("  ^\n"))
  }

  @Test func sortedOrdersByPlaceAndDropsDuplicates() {
    let a = Diagnostic.warning("w", at: SourceLocation(file: "b.yaml", line: 1, column: 1))
    let b = Diagnostic.error("e", at: SourceLocation(file: "a.yaml", line: 9, column: 1))
    let bag = DiagnosticBag([a, b, a])
    #expect(bag.sorted == [b, a])
    #expect(bag.hasErrors)
    #expect(DiagnosticRenderer.summary(bag.all) == "1 error, 2 warnings")
  }

  @Test(arguments: [
    ("vlalpha1", ["v1alpha1", "v1beta1"], "v1alpha1"),
    ("setWieght", ["setWeight", "pause"], "setWeight"),
    ("zzz", ["setWeight"], nil),
  ] as [(String, [String], String?)])
  func suggestsTheClosestName(word: String, candidates: [String], expected: String?) {
    #expect(Suggestions.closest(to: word, in: candidates) == expected)
  }

  @Test func sourceTextKeepsEmptyLinesAndCRLF() {
    let text = SourceText(path: "x", text: "a\r\n\r\nb")
    #expect(text.lines == ["a", "", "b"])
    #expect(text.line(3) == "b")
    #expect(text.line(4) == nil)
  }
}
