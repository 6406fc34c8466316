import Foundation
import Report
import Testing

/// Hostile names (`<script>`, quotes, `&`, pipes) fed through every report: nothing from input may
/// become markup.
@Suite struct EscapingTests {
  static let report = ReportFixtures.abortedCanary(ReportFixtures.hostileNames)
  static let hostileSweep = ReportFixtures.sweep(names: ["<script>s()</script>", "a\"b' onmouseover=\"x()", "c | d & <e>"])

  static let tags: Set<String> = [
    "!DOCTYPE", "html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p", "div", "table", "tr", "th", "td", "ol", "ul",
    "li", "span", "code", "pre", "details", "summary", "footer", "svg", "g", "rect", "line", "path", "text", "circle",
  ]
  static let attributes: Set<String> = [
    "lang", "charset", "name", "content", "http-equiv", "class", "viewBox", "role", "aria-label", "xmlns", "x", "y", "x1", "x2",
    "y1", "y2", "width", "height", "d", "dy", "cx", "cy", "r", "rx", "text-anchor", "stroke", "stroke-width", "stroke-dasharray",
    "transform",
  ]

  /// Every tag and attribute in `html` is one the renderer writes; an escaped name can't add any.
  static func foreignMarkup(_ html: String) -> [String] {
    var found: [String] = []
    let chars = Array(html.unicodeScalars)
    var i = 0
    while i < chars.count {
      guard chars[i] == "<" else {
        i += 1
        continue
      }
      i += 1
      if i < chars.count, chars[i] == "/" { i += 1 }
      var name = ""
      while i < chars.count, !" >/\n".unicodeScalars.contains(chars[i]) {
        name.unicodeScalars.append(chars[i])
        i += 1
      }
      if !tags.contains(name) { found.append("<\(name)") }
      // Attributes: name="value" pairs until '>'.
      while i < chars.count, chars[i] != ">" {
        if chars[i] == " " || chars[i] == "/" || chars[i] == "\n" {
          i += 1
          continue
        }
        var attribute = ""
        while i < chars.count, !"= >".unicodeScalars.contains(chars[i]) {
          attribute.unicodeScalars.append(chars[i])
          i += 1
        }
        if !attribute.isEmpty, !attributes.contains(attribute), name != "!DOCTYPE" { found.append("\(name) \(attribute)") }
        if i < chars.count, chars[i] == "=" {
          i += 2  // ="
          while i < chars.count, chars[i] != "\"" { i += 1 }
          i += 1
        }
      }
    }
    return found
  }

  @Test func htmlRunReportEscapesEverything() {
    let html = HTMLReport.render(Self.report)
    #expect(Self.foreignMarkup(html) == [])
    #expect(!html.contains("<script"))
    #expect(html.contains("&lt;script&gt;alert(&quot;x&amp;y&quot;)&lt;/script&gt;"))
    #expect(html.contains("&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quoted&quot; &#39;single&#39;"))
  }

  @Test func htmlSweepReportEscapesEverything() {
    let html = SweepReport.html(Self.hostileSweep)
    #expect(Self.foreignMarkup(html) == [])
    #expect(html.contains("&lt;script&gt;s()&lt;/script&gt;"))
  }

  @Test func theTagScannerCatchesInjectedMarkup() {
    #expect(Self.foreignMarkup("<p class=\"a\" onload=\"x\">") == ["p onload"])
    #expect(Self.foreignMarkup("<p>\"<script>x</script>") == ["<script", "<script"])
  }

  static let allowedMarkdownTags = ["<details>", "<summary>", "</summary>", "</details>", "<br>", "<sub>", "</sub>"]

  static func markdownProblems(_ text: String) -> [String] {
    var problems: [String] = []
    var stripped = text
    for tag in allowedMarkdownTags { stripped = stripped.replacingOccurrences(of: tag, with: "") }
    if stripped.contains("<") { problems.append("raw <") }
    // Table rows keep their column count: pipes from input are escaped.
    var columns: Int?
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      guard line.hasPrefix("|") else {
        columns = nil
        continue
      }
      var count = 0
      var previous: Character = " "
      for c in line {
        if c == "|" && previous != "\\" { count += 1 }
        previous = c
      }
      if let columns, columns != count { problems.append("row with \(count) pipes: \(line)") }
      columns = columns ?? count
    }
    return problems
  }

  @Test func markdownRunReportEscapesEverything() {
    let text = MarkdownReport.render(Self.report)
    #expect(Self.markdownProblems(text) == [])
    #expect(text.contains("&lt;script&gt;alert\\(") || text.contains("&lt;script&gt;alert("))
    #expect(!text.contains("[link](http://evil)"))
  }

  @Test func markdownSweepReportEscapesEverything() {
    let text = SweepReport.markdown(Self.hostileSweep)
    #expect(Self.markdownProblems(text) == [])
    #expect(text.contains("c \\| d &amp; &lt;e&gt;"))
  }

  @Test func explainAndTimelineCarryTheNamesVerbatimForTheTerminal() {
    // The terminal is not markup: names appear as written (HTML and Markdown escape at render time).
    let text = TimelineText(useColor: false, explain: true).render(Self.report)
    #expect(text.contains("<script>alert(\"x&y\")</script>"))
  }
}
