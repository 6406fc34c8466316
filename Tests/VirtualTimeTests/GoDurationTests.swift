import PropertyBased
import Testing
import VirtualTime

/// The table of Go's own `time.ParseDuration` tests (time/time_test.go), in nanoseconds.
@Suite struct GoDurationTests {
  static let second: Int64 = 1_000_000_000
  static let minute = 60 * second
  static let hour = 60 * minute

  static let valid: [(String, Int64)] = [
    ("0", 0), ("5s", 5 * second), ("30s", 30 * second), ("1478s", 1478 * second),
    ("-5s", -5 * second), ("+5s", 5 * second), ("-0", 0), ("+0", 0),
    ("5.0s", 5 * second), ("5.6s", 5 * second + 600_000_000), ("5.s", 5 * second),
    (".5s", 500_000_000), ("1.0s", second), ("1.00s", second), ("1.004s", second + 4_000_000),
    ("1.0040s", second + 4_000_000), ("100.00100s", 100 * second + 1_000_000),
    ("10ns", 10), ("11us", 11_000), ("12\u{00B5}s", 12_000), ("12\u{03BC}s", 12_000),
    ("13ms", 13_000_000), ("14s", 14 * second), ("15m", 15 * minute), ("16h", 16 * hour),
    ("3h30m", 3 * hour + 30 * minute), ("10.5s4m", 4 * minute + 10 * second + 500_000_000),
    ("-2m3.4s", -(2 * minute + 3 * second + 400_000_000)),
    ("1h2m3s4ms5us6ns", hour + 2 * minute + 3 * second + 4_000_000 + 5_000 + 6),
    ("39h9m14.425s", 39 * hour + 9 * minute + 14 * second + 425_000_000),
    ("52763797000ns", 52_763_797_000), ("0.3333333333333333333h", 20 * minute),
    ("9007199254740993ns", (1 << 53) + 1), ("9223372036854775807ns", Int64.max),
    ("9223372036854775.807us", Int64.max), ("9223372036s854ms775us807ns", Int64.max),
    ("-9223372036854775808ns", Int64.min), ("-9223372036854775.808us", Int64.min),
    ("-9223372036s854ms775us808ns", Int64.min), ("-2562047h47m16.854775808s", Int64.min),
    ("0.100000000000000000000h", 6 * minute),
    ("0.830103483285477580700h", 49 * minute + 48 * second + 372_539_827),
    ("1.5h", 90 * minute), ("500ms", 500_000_000), ("1.9s", 1_900_000_000),
  ]

  @Test(arguments: valid)
  func parsesLikeGo(text: String, nanoseconds: Int64) throws {
    #expect(try GoDuration.parseNanoseconds(text) == nanoseconds)
  }

  static let invalid: [(String, String)] = [
    ("", #"time: invalid duration """#),
    ("3", #"time: missing unit in duration "3""#),
    ("-", #"time: invalid duration "-""#),
    ("s", #"time: invalid duration "s""#),
    (".", #"time: invalid duration ".""#),
    ("-.", #"time: invalid duration "-.""#),
    (".s", #"time: invalid duration ".s""#),
    ("+.s", #"time: invalid duration "+.s""#),
    ("1d", #"time: unknown unit "d" in duration "1d""#),
    ("5d", #"time: unknown unit "d" in duration "5d""#),
    ("30 s", #"time: unknown unit " s" in duration "30 s""#),
    // time.quote writes every byte of a non-ASCII or control character as \xNN, and keeps DEL.
    ("5日", #"time: unknown unit "\xe6\x97\xa5" in duration "5\xe6\x97\xa5""#),
    ("1\n", #"time: unknown unit "\x0a" in duration "1\x0a""#),
    ("1\u{7F}", "time: unknown unit \"\u{7F}\" in duration \"1\u{7F}\""),
    ("1\"", #"time: unknown unit "\"" in duration "1\"""#),
    ("9223372036854775808ns", #"time: invalid duration "9223372036854775808ns""#),
    ("9223372036854775.808us", #"time: invalid duration "9223372036854775.808us""#),
    ("9223372036854ms775us808ns", #"time: invalid duration "9223372036854ms775us808ns""#),
    ("-9223372036854775809ns", #"time: invalid duration "-9223372036854775809ns""#),
  ]

  @Test(arguments: invalid)
  func rejectsLikeGo(text: String, message: String) {
    #expect(throws: GoDuration.ParseError.self) { try GoDuration.parseNanoseconds(text) }
    do {
      _ = try GoDuration.parseNanoseconds(text)
    } catch {
      #expect(error.message == message)
    }
  }

  @Test func unknownUnitIsReported() {
    do {
      _ = try GoDuration.parseNanoseconds("5d")
      Issue.record("5d parsed")
    } catch {
      #expect(error.unknownUnit == "d")
    }
  }

  static let formatted: [(Int64, String)] = [
    (0, "0s"), (1, "1ns"), (1_100, "1.1µs"), (2_200_000, "2.2ms"), (3_300_000_000, "3.3s"),
    (4 * minute + 5 * second, "4m5s"), (4 * minute + 5_001_000_000, "4m5.001s"),
    (5 * hour + 6 * minute + 7_001_000_000, "5h6m7.001s"), (8 * minute + 1, "8m0.000000001s"),
    (Int64.max, "2562047h47m16.854775807s"), (Int64.min, "-2562047h47m16.854775808s"),
  ]

  @Test(arguments: formatted)
  func formatsLikeGo(nanoseconds: Int64, text: String) {
    #expect(GoDuration.format(nanoseconds: nanoseconds) == text)
  }

  @Test func formattingRoundTrips() async {
    await propertyCheck(count: 500, input: Gen.int64(in: Int64.min...Int64.max)) { ns in
      let text = GoDuration.format(nanoseconds: ns)
      #expect((try? GoDuration.parseNanoseconds(text)) == ns, "\(text)")
    }
  }

  @Test func arbitraryTextNeverCrashes() async {
    let alphabet: [Character] = Array("0123456789.+-hmsnuµμd x\u{85}")
    await propertyCheck(count: 2_000, input: Gen.int(in: 0...(alphabet.count - 1)).array(of: 0...12)) { picks in
      _ = try? GoDuration.parseNanoseconds(String(picks.map { alphabet[$0] }))
    }
  }

  @Test func truncatesToMillisecondsForVirtualTime() throws {
    #expect(try GoDuration.parse("1.9999s") == .milliseconds(1_999))
    #expect(try GoDuration.parse("1h30m") == .minutes(90))
  }
}

@Suite struct DurationFormatTests {
  @Test(arguments: [
    (Int64(0), "0s"), (250, "250ms"), (45_000, "45s"), (90_000, "1m30s"), (5_400_000, "1h30m"),
    (60_500, "1m0.5s"), (432_000_000, "120h"), (-5_000, "-5s"),
  ])
  func compact(milliseconds: Int64, text: String) {
    #expect(DurationFormat.compact(milliseconds: milliseconds) == text)
  }

  @Test func clock() {
    #expect(SimInstant(milliseconds: 3_723_000).description == "01:02:03")
    #expect(SimInstant(milliseconds: 90_000_000 + 250).description == "1d 01:00:00.250")
  }
}
