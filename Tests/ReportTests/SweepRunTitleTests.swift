import Report
import Testing

/// A sweep's run is titled with its sweep, variant, release and seed (its scenario name is every
/// other run's of the sweep too).
@Suite struct SweepRunTitleTests {
  static func model(_ identity: SweepRunIdentity, names: ReportFixtures.Names = ReportFixtures.Names()) -> ReportModel {
    var report = ReportFixtures.abortedCanary(names)
    report.sweepRun = identity
    return report.model
  }

  static let identity = SweepRunIdentity(sweep: "istio-canary-plans", sweepID: 3, runID: 57, variant: "fast-steps", release: "bad")

  @Test func htmlTitleHeadingAndFooterNameTheSweepVariantReleaseAndSeed() {
    let html = HTMLReport.render(Self.model(Self.identity))
    #expect(html.contains("<title>rollout-sim · istio-canary-plans · fast-steps · bad release · seed 42</title>"))
    #expect(html.contains("<h1>istio-canary-plans · fast-steps · bad release · seed 42</h1>"))
    #expect(
      html.contains(
        "<p class=\"muted\">Run 57 of sweep istio-canary-plans (#3): variant fast-steps, bad release, seed 42, of scenario checkout-bad-release.</p>"
      ))
    #expect(html.contains("<footer>rollout-sim report · sweep istio-canary-plans · variant fast-steps · bad release · scenario checkout-bad-release · seed 42 ·"))
  }

  @Test func markdownHeadingNamesTheSweepVariantReleaseAndSeed() {
    let text = MarkdownReport.render(Self.model(Self.identity))
    #expect(text.hasPrefix("## ✖ istio-canary-plans · fast-steps · bad release · seed 42: Degraded (RolloutAborted)\n\n"))
    #expect(text.contains("\n\nRun 57 of sweep istio-canary-plans (#3): variant fast-steps, bad release, seed 42, of scenario checkout-bad-release.\n\n"))
  }

  @Test func aSweepWithoutReleasesSaysTheReleaseAsWritten() {
    var identity = Self.identity
    identity.release = "as-written"
    #expect(Self.model(identity).title == "istio-canary-plans · fast-steps · release as written · seed 42")
  }

  @Test func aScenariosRunKeepsTheScenarioName() {
    #expect(ReportFixtures.abortedCanary().model.title == "checkout-bad-release")
  }

  @Test func hostileSweepAndVariantNamesAreEscaped() {
    let identity = SweepRunIdentity(
      sweep: "<script>s()</script>", sweepID: 1, runID: 2, variant: "v\" onclick=\"x()\" | *b* & <i>", release: "good")
    let model = Self.model(identity, names: ReportFixtures.hostileNames)
    let html = HTMLReport.render(model)
    #expect(EscapingTests.foreignMarkup(html) == [])
    #expect(html.contains("<h1>&lt;script&gt;s()&lt;/script&gt; · v&quot; onclick=&quot;x()&quot; | *b* &amp; &lt;i&gt; · good release"))
    let text = MarkdownReport.render(model)
    #expect(EscapingTests.markdownProblems(text) == [])
    #expect(!text.contains("<script>") && !text.contains("<i>"))
  }
}
