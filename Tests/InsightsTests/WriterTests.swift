import Diagnostics
import Insights
import Testing
import VirtualTime

/// JUnit and Markdown writers: escaping and structure (the JUnit file is parsed back in CLITests).
@Suite struct WriterTests {
  static let failing: TestCase = {
    let expectation = Insights.Expectation(.phase("Healthy"), key: "phase", location: SourceLocation(file: "s.yaml", line: 3, column: 10))
    return TestCase(
      file: "scenarios/a|b/s.yaml", name: "s <&> \"q\"", status: .failed,
      checks: [CheckedExpectation(expectation: expectation, actual: "Degraded (aborted: x < y)", passed: false)],
      outcome: "Degraded", insights: [.warning("blind \u{1}metric", at: SourceLocation(file: "t.yaml", line: 1, column: 2), rule: "blind-metric")])
  }()

  @Test func junitEscapesEverythingFromInput() {
    let xml = JUnitWriter.render(TestReport(cases: [Self.failing]))
    #expect(xml.contains(#"<testcase name="s &lt;&amp;&gt; &quot;q&quot;" classname="scenarios.a|b" file="scenarios/a|b/s.yaml">"#))
    #expect(xml.contains(#"<failure message="phase: expected Healthy, actual Degraded (aborted: x &lt; y)" type="expectation">"#))
    #expect(xml.contains("  - expected: Healthy\n  + actual:   Degraded (aborted: x &lt; y)"))
    #expect(xml.contains("<system-out>t.yaml:1:2: warning: blind metric [blind-metric]</system-out>"))
    #expect(!xml.contains("\u{1}"))
  }

  @Test func markdownEscapesTableCells() {
    let md = MarkdownSummary.render(TestReport(cases: [Self.failing]))
    #expect(md.hasPrefix("### rollout-sim test: ✅ 0 passed · ❌ 1 failed · ⏭️ 0 skipped\n"))
    #expect(md.contains(#"| ❌ | s &lt;&amp;&gt; "q" | `scenarios/a\|b/s.yaml` | Degraded | **phase**: expected Healthy, actual Degraded (aborted: x &lt; y) |"#))
    #expect(md.contains("<details><summary>Insight findings (1)</summary>"))
  }
}
