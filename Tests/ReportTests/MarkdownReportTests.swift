import Foundation
import Report
import TestSupport
import Testing

@Suite struct MarkdownReportTests {
  @Test func matchesGoldenFile() {
    let text = MarkdownReport.render(ReportFixtures.abortedCanary())
    let diff = Golden.compare(text, toFile: "Tests/ReportTests/Golden/report.md")
    #expect(diff == nil, "\(diff ?? "")")
  }

  @Test func summarisesOutcomeStepsRunsAndWhy() {
    let text = MarkdownReport.render(ReportFixtures.abortedCanary())
    #expect(text.hasPrefix("## ✖ checkout-bad-release: Degraded (RolloutAborted)"))
    #expect(text.contains("| 3 | setWeight: 50 | ✔ done at 00:02:20 |"))
    #expect(text.contains("| 4 | pause: 2m | ✖ aborted here at 00:03:05 |"))
    #expect(text.contains("failed (2) &gt; failureLimit (1) → AnalysisRun Failed → rollout aborted, canary weight 0"))
    #expect(text.contains("<details><summary>Every decision"))
  }

  @Test func sweepMarkdownMatchesGoldenFile() {
    let text = SweepReport.markdown(ReportFixtures.sweep())
    let diff = Golden.compare(text, toFile: "Tests/ReportTests/Golden/sweep.md")
    #expect(diff == nil, "\(diff ?? "")")
  }
}

@Suite struct SweepRankingTests {
  @Test func paretoFrontHoldsTheUndominatedVariants() {
    let ranking = SweepRanking(ReportFixtures.sweep())
    let front = ranking.entries.filter(\.onFront).map(\.variant.name)
    // Plan C is slower and less safe than plan B: dominated.
    #expect(Set(front) == ["plan A: 5% → 25% → 50%", "plan B: 10% → 50%"])
    #expect(ranking.entries.map(\.rank) == [1, 2, 3])
    #expect(ranking.entries.last?.variant.name == "plan C: 25% only")
    // On the front, the safer plan ranks first.
    #expect(ranking.entries.first?.variant.name == "plan A: 5% → 25% → 50%")
  }

  @Test func aRankingFromCompareIsKept() {
    var summary = ReportFixtures.sweep()
    for (i, rank) in [3, 1, 2].enumerated() {
      summary.variants[i].rank = rank
      summary.variants[i].onParetoFront = rank == 1
    }
    let ranking = SweepRanking(summary)
    #expect(ranking.entries.map(\.variant.name) == ["plan B: 10% → 50%", "plan C: 25% only", "plan A: 5% → 25% → 50%"])
    #expect(ranking.entries.map(\.onFront) == [true, false, false])
  }

  @Test func variantsWithoutFiguresAreNeverOnTheFront() {
    var summary = ReportFixtures.sweep()
    summary.variants.append(SweepVariant(name: "no data", runs: 0))
    let ranking = SweepRanking(summary)
    #expect(ranking.entries.last?.variant.name == "no data")
    #expect(ranking.entries.last?.onFront == false)
  }

  @Test func sweepHTMLHasTheRankingAndTheScatterWithItsFront() {
    let html = SweepReport.html(ReportFixtures.sweep())
    #expect(html.contains("<table class=\"ranking\">"))
    #expect(html.contains("<svg class=\"chart chart-scatter\""))
    #expect(html.contains("<g class=\"pareto\"><path d=\"M"))
    #expect(html.components(separatedBy: "<circle class=\"front\"").count - 1 == 2)
  }
}
