import Foundation
import Controller
import Report
import Simulation
import TestSupport
import Testing

@Suite struct TimelineTextTests {
  static let model = ReportFixtures.abortedCanary().model

  @Test func matchesGoldenFile() {
    let text = TimelineText(useColor: false).render(Self.model)
    let diff = Golden.compare(text, toFile: "Tests/ReportTests/Golden/timeline.txt")
    #expect(diff == nil, "\(diff ?? "")")
  }

  @Test func speaksKubectlArgoRolloutsVisualLanguage() {
    let text = TimelineText(useColor: false).render(Self.model)
    #expect(text.contains("Status:          ✖ Degraded"))
    #expect(text.contains("⟳ checkout"))
    #expect(text.contains("├──# revision:2"))
    #expect(text.contains("⧉ checkout-7f9b6d5c8"))
    #expect(text.contains("α checkout-7f9b6d5c8-2"))
    #expect(text.contains("✖ Failed"))
    #expect(text.contains("✔ 5,✖ 2"))
    #expect(text.contains("◀ aborted here"))
    #expect(text.contains("□ 4 pods"))
  }

  @Test func colourOnlyWhenAsked() {
    let plain = TimelineText(useColor: false, explain: true).render(Self.model)
    #expect(!plain.contains("\u{1B}["))
    let coloured = TimelineText(useColor: true, explain: true).render(Self.model)
    #expect(coloured.contains("\u{1B}[31m✖\u{1B}[0m"))
    #expect(coloured.contains("\u{1B}[32m"))
    // Same text once the colour codes are taken out.
    #expect(Self.stripANSI(coloured) == plain)
  }

  static func stripANSI(_ s: String) -> String {
    var out = ""
    var inEscape = false
    for c in s.unicodeScalars {
      if inEscape {
        if c == "m" { inEscape = false }
        continue
      }
      if c == "\u{1B}" {
        inEscape = true
        continue
      }
      out.unicodeScalars.append(c)
    }
    return out
  }

  @Test func aControllerLoopAtOneInstantIsCutShort() {
    var report = ReportFixtures.abortedCanary()
    let index = report.result.timeline.firstIndex { $0.event == "RolloutAborted" }!
    var flip = report.result.timeline[index]
    flip.event = "SwitchService"
    flip.message = "Switched selector for service 'canary' from 'a' to 'b'"
    report.result.timeline.insert(contentsOf: Array(repeating: flip, count: 5_000), at: index + 1)
    let text = TimelineText(useColor: false, explain: true).render(report)
    #expect(text.contains("… 4,994 more SwitchService events at 00:03:05 (left out)"))
    #expect(text.components(separatedBy: "\n").count < 200)
    let html = HTMLReport.render(report)
    #expect(html.contains("4,994 more SwitchService events"))
    #expect(html.utf8.count < 200_000)
  }

  @Test func stepListMarksTheCurrentStepOfAPausedRollout() {
    var report = ReportFixtures.abortedCanary()
    // Cut the run before the failure: the rollout is then paused in step 2.
    let cut = report.result.timeline.firstIndex { $0.event == "RolloutStepCompleted" && $0.message.contains("2/4") }!
    report.result.timeline = Array(report.result.timeline[..<cut])
    report.result.outcome.phase = .paused
    report.result.outcome.aborted = false
    report.result.outcome.abortedAt = nil
    let steps = StepProgress(model: report.model).steps.map(\.state)
    #expect(steps == [.done, .current, .pending, .pending])
    #expect(TimelineText().render(report).contains("◀ current (Paused)"))
  }
}
