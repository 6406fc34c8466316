import Manifests
import Testing
import VirtualTime

/// Durations exactly as Argo reads them (argo-semantics §9).
@Suite struct DurationTests {
  /// argo-semantics §11 row 15, plus the edges of `DurationSeconds`.
  static let pauses: [(IntOrString, Int32)] = [
    (.int(30), 30), (.string("30"), 30), (.string("30s"), 30), (.string("1h"), 3600), (.string("5d"), -1),
    (.string("1.9s"), 1), (.string("500ms"), 0), (.string("1h30m"), 5400), (.string("1.5h"), 5400),
    (.string("-5s"), -5), (.string("30 s"), -1), (.string(""), -1), (.string("+30"), 30),
    (.string("99999999999"), -1), (.string("1000000h"), Int32.min), (.int(0), 0),
  ]

  @Test(arguments: pauses)
  func pauseDurationSeconds(duration: IntOrString, seconds: Int32) {
    #expect(PauseDuration.seconds(duration) == seconds)
  }

  @Test func pauseStepReportsIndefiniteAndInvalid() {
    #expect(PauseStep().durationSeconds == nil)
    #expect(PauseStep(duration: Located(.string("5d"))).durationSeconds == -1)
    #expect(PauseDuration.duration(.string("2m")) == .minutes(2))
    #expect(PauseDuration.duration(.string("5d")) == nil)
  }

  static let hints: [(String, String)] = [
    ("5d", "Go durations have no day unit: write 120h"),
    ("1d", "Go durations have no day unit: write 24h"),
    ("1.5d", "Go durations have no day unit: write 36h"),
    ("2w", "Go durations have no week unit: write 336h"),
    ("10min", "Go writes minutes as 'm': 10m"),
    ("5sec", "Go writes seconds as 's': 5s"),
  ]

  @Test(arguments: hints)
  func invalidDurationsComeWithAFix(text: String, hint: String) throws {
    let problem = try #require(PauseDuration.problem(.string(text)))
    #expect(problem.hint == hint)
    #expect(problem.goError?.hasPrefix("time: unknown unit") == true)
  }

  @Test func metricIntervalsNeedAUnit() throws {
    #expect(MetricDuration.problem("30s") == nil)
    let problem = try #require(MetricDuration.problem("30"))
    #expect(problem.goError == #"time: missing unit in duration "30""#)
    #expect(problem.hint?.contains("30s") == true)
    #expect(try MetricDuration.parse("1m30s") == .seconds(90))
  }
}

/// `IntOrString` as Argo and Kubernetes use it.
@Suite struct IntOrStringTests {
  /// maxSurge / maxUnavailable: any string is a percentage (legacy GetValueFromIntOrPercent).
  static let scaled: [(IntOrString, Int, Bool, Int)] = [
    (CanaryStrategy.defaultMaxSurge, 10, true, 3),  // "25" = 25 %, rounded up
    (CanaryStrategy.defaultMaxUnavailable, 10, false, 2),  // rounded down
    (.string("25%"), 10, true, 3), (.string("3"), 100, true, 3), (.string("3"), 10, true, 1),
    (.string("10%"), 5, false, 0), (.int(2), 10, true, 2), (.string("0%"), 10, true, 0),
  ]

  @Test(arguments: scaled)
  func percentRules(value: IntOrString, total: Int, roundUp: Bool, expected: Int) throws {
    #expect(try value.scaledValue(total: total, roundUp: roundUp) == expected)
  }

  @Test func junkIsAnError() {
    #expect(throws: IntOrString.ScaleError.self) { try IntOrString.string("a lot").scaledValue(total: 10, roundUp: true) }
  }

  @Test func intValueIsGoAtoi() {
    #expect(IntOrString.string("5").intValue == 5)
    #expect(IntOrString.string("{{args.count}}").intValue == 0)
    #expect(IntOrString.string("25%").intValue == 0)
    #expect(IntOrString.int(7).intValue == 7)
    #expect(IntOrString.string("{{args.count}}").isNonNumericString)
  }

  @Test func validationReadsPercentagesAndStrings() {
    #expect(IntOrString.string("25").validationValue == 25)
    #expect(IntOrString.string("0%").validationValue == 0)
    #expect(IntOrString.string("0").validationValue == 0)
    #expect(IntOrString.int(0).validationValue == 0)
  }
}
