import Report
import Simulation
import Testing
import TimeSeries

/// Experiment templates with a router `weight`: their requests in the HTML and Markdown reports
/// (one line per template, who served what) and their own dashed lines in the per-revision charts.
@Suite struct ExperimentTrafficReportTests {
  struct ExperimentNames {
    var experiment = "checkout-7f9b6d5c8-2-1"
    var template = "baseline"
    var service = "checkout-7f9b6d5c8-2-1-baseline"
    var revision = "stable"
  }

  static let hostile = ExperimentNames(
    experiment: "<script>e()</script>", template: "t\"|<b>x</b> & *y*", service: "s & <i onload=\"z()\">",
    revision: "<u>p</u>|q")

  static func istio(_ workload: String, code: String, values: [Double]) -> Series {
    let labels = Labels([
      Label("__name__", "istio_requests_total"), Label("reporter", "destination"), Label("destination_workload", workload),
      Label("response_code", code),
    ])
    return Series(labels: labels, samples: values.enumerated().map { Sample(timestamp: Int64($0.offset + 1) * 15_000, value: $0.element) })
  }

  /// The fixture's aborted canary, with one experiment template that served 1,539 requests (1 failed)
  /// of the run's 20,000, and Istio counters for the stable, the canary and the template's pods.
  static func report(_ e: ExperimentNames = ExperimentNames(), names: ReportFixtures.Names = ReportFixtures.Names()) -> ReportModel {
    var report = ReportFixtures.abortedCanary(names)
    report.result.traffic.requests = 20_000
    report.result.traffic.errors = 300
    report.result.traffic.canaryRequests = 2_000
    report.result.traffic.canaryErrors = 250
    report.result.traffic.experiments = [
      ExperimentTraffic(
        experiment: e.experiment, template: e.template, service: e.service, revision: e.revision, requests: 1_539,
        errors: 1)
    ]
    report.result.store = SeriesStore([
      istio("checkout-6d4f8c7b9", code: "200", values: [150, 300, 450, 600]),
      istio("checkout-7f9b6d5c8", code: "200", values: [15, 30, 45, 60]),
      istio("checkout-7f9b6d5c8", code: "503", values: [1, 2, 3, 4]),
      istio("\(e.experiment)-\(e.template)", code: "200", values: [5, 10, 15, 20]),
    ])
    return report.model
  }

  @Test func anExperimentTemplatesPodsGetALineOfTheirOwnAfterTheRevisions() {
    let traffic = Self.report().revisionTraffic
    #expect(traffic.lines.map(\.name) == ["stable · rev 1", "canary · rev 2", "experiment baseline"])
    #expect(traffic.lines.map(\.key).last == "checkout-7f9b6d5c8-2-1-baseline")
    #expect(traffic.lines[2].requests.reduce(0, +) == 20)
  }

  /// The app's own counters are grouped by pod-template hash, which a template copying a revision
  /// shares with it: the `service` label keeps the template's pods out of the revision's line.
  @Test func appCountersSplitTheTemplateFromTheRevisionWhoseHashItShares() {
    func http(_ service: String, _ values: [Double]) -> Series {
      let labels = Labels([
        Label("__name__", "http_requests_total"), Label("rollouts_pod_template_hash", "aaa"), Label("service", service),
        Label("code", "200"),
      ])
      return Series(labels: labels, samples: values.enumerated().map { Sample(timestamp: Int64($0.offset + 1) * 15_000, value: $0.element) })
    }
    let store = SeriesStore([http("app-stable", [10, 20, 30]), http("app-2-1-base", [1, 2, 3])])
    let catalog = RevisionCatalog(entries: [.init(revision: 1, profile: "stable", replicaSet: "app-aaa", hash: "aaa")])
    let experiment = ExperimentTraffic(
      experiment: "app-2-1", template: "base", service: "app-2-1-base", revision: "stable", requests: 3, errors: 0)
    let split = RevisionTraffic.extract(from: store, edges: [0, 45_000], catalog: catalog, experiments: [experiment])
    #expect(split.lines.map(\.name) == ["stable · rev 1", "experiment base"])
    #expect(split.lines.map { $0.requests.reduce(0, +) } == [30, 3])
    // Without the run's experiments, the hash line has both.
    let merged = RevisionTraffic.extract(from: store, edges: [0, 45_000], catalog: catalog)
    #expect(merged.lines.map { $0.requests.reduce(0, +) } == [33])
  }

  @Test func htmlNamesEachTemplateAndWhoServedWhat() {
    let html = HTMLReport.render(Self.report())
    #expect(html.contains("<tr><th>Served by experiment template baseline</th><td>1,539 requests, 1 failed (0.06%)</td></tr>"))
    #expect(html.contains("<table class=\"served\">"))
    #expect(html.contains("<tr><td>the update (its canary ReplicaSet)</td><td>2,000</td><td>250</td><td>12.5%</td></tr>"))
    // 20,000 − 2,000 − 1,539 and 300 − 250 − 1.
    #expect(html.contains("<tr><td>the stable and older revisions</td><td>16,461</td><td>49</td><td>0.3%</td></tr>"))
    #expect(
      html.contains(
        "<tr><td>experiment template baseline (experiment checkout-7f9b6d5c8-2-1, Service checkout-7f9b6d5c8-2-1-baseline, profile stable)</td><td>1,539</td><td>1</td><td>0.06%</td></tr>"
      ))
    #expect(html.contains("<tr><td>all</td><td>20,000</td><td>300</td><td>1.5%</td></tr>"))
    #expect(html.contains("Dashed lines are experiment templates' pods"))
    #expect(html.contains(">experiment baseline requests/s</text>"))
    #expect(html.contains("<g class=\"series requests-checkout-7f9b6d5c8-2-1-baseline\"><path d="))
    #expect(html.contains("stroke-dasharray=\"5 3\"/></g>"))
  }

  @Test func markdownNamesEachTemplateAndWhoServedWhat() {
    let text = MarkdownReport.render(Self.report())
    #expect(text.contains("| Served by experiment template baseline | 1,539 requests, 1 failed (0.06%) |"))
    #expect(text.contains("### Traffic\n\n| served by | requests | failed | failed share |\n|---|---:|---:|---:|\n"))
    #expect(text.contains("| all | 20,000 | 300 | 1.5% |"))
  }

  /// When the counter cannot tell the template's pods apart (here: none of its series names them),
  /// the report says where their requests went.
  @Test func aCounterThatBlendsTheTemplateSaysSo() {
    var model = Self.report()
    model.revisionTraffic.lines.removeLast()
    let html = HTMLReport.render(model)
    #expect(html.contains("This counter does not tell the experiment templates' pods apart"))
    #expect(!html.contains("Dashed lines are experiment"))
  }

  @Test func runsWithoutExperimentsKeepTheirReport() {
    let model = ReportFixtures.abortedCanary().model
    let html = HTMLReport.render(model)
    #expect(!html.contains("class=\"served\"") && !html.contains("experiment template"))
    #expect(!MarkdownReport.render(model).contains("### Traffic"))
  }

  @Test func hostileExperimentNamesAreEscapedInBothFormats() {
    let model = Self.report(Self.hostile, names: ReportFixtures.hostileNames)
    #expect(model.revisionTraffic.lines.count == 3)
    let html = HTMLReport.render(model)
    #expect(EscapingTests.foreignMarkup(html) == [])
    #expect(html.contains("experiment t&quot;|&lt;b&gt;x&lt;/b&gt; &amp; *y* requests/s"))
    #expect(html.contains("Service s &amp; &lt;i onload=&quot;z()&quot;&gt;"))
    #expect(html.contains("experiment &lt;script&gt;e()&lt;/script&gt;"))
    #expect(html.contains("profile &lt;u&gt;p&lt;/u&gt;|q"))
    let text = MarkdownReport.render(model)
    #expect(EscapingTests.markdownProblems(text) == [])
    #expect(!text.contains("<script>") && !text.contains("<b>x") && !text.contains("<i onload"))
  }
}
