import GoCompat
import Testing

/// Expected texts are Go's: strconv.FormatFloat(v, 'f' / 'g' / 'e' / 'E', -1, 64) and json.Marshal.
@Suite struct GoFloatFormatTests {
  @Test(arguments: [
    (0.97, "0.97"), (1, "1"), (-2.5, "-2.5"), (0, "0"), (-0.0, "-0"),
    (1e21, "1000000000000000000000"), (1e-7, "0.0000001"), (0.1 + 0.2, "0.30000000000000004"),
    (1_234_567_890_123_456, "1234567890123456"), (9_007_199_254_740_992, "9007199254740992"),
    (123_456_789_012_345_680, "123456789012345680"), (-1e15, "-1000000000000000"), (0.0001, "0.0001"),
    (Double.nan, "NaN"), (Double.infinity, "+Inf"), (-Double.infinity, "-Inf"),
  ])
  func fixed(value: Double, text: String) {
    #expect(GoFloatFormat.fixed(value) == text)
  }

  @Test func fixedOfTheSmallestSubnormalHasEveryZero() {
    #expect(GoFloatFormat.fixed(.leastNonzeroMagnitude) == "0." + String(repeating: "0", count: 323) + "5")
  }

  @Test(arguments: [
    (0.97, "0.97"), (1, "1"), (-0.0, "-0"), (100_000, "100000"), (1_000_000, "1e+06"),
    (1_234_567, "1.234567e+06"), (0.0001, "0.0001"), (0.00001, "1e-05"), (1e21, "1e+21"), (1e100, "1e+100"),
    (.leastNonzeroMagnitude, "5e-324"), (1.7976931348623157e308, "1.7976931348623157e+308"), (-123.456, "-123.456"),
    (Double.nan, "NaN"), (Double.infinity, "+Inf"), (-Double.infinity, "-Inf"),
  ])
  func general(value: Double, text: String) {
    #expect(GoFloatFormat.general(value) == text)
  }

  @Test func exponent() {
    #expect(GoFloatFormat.exponent(2.0 / 3.0, uppercase: true) == "6.666666666666666E-01")
    #expect(GoFloatFormat.exponent(0, uppercase: true) == "0E+00")
    #expect(GoFloatFormat.exponent(-0.0, uppercase: true) == "-0E+00")
    #expect(GoFloatFormat.exponent(1e100, uppercase: true) == "1E+100")
    #expect(GoFloatFormat.exponent(1234.5) == "1.2345e+03")
    #expect(GoFloatFormat.exponent(-Double.infinity) == "-Inf")
  }

  @Test(arguments: [
    (1e-7, "1e-7"), (0.000001, "0.000001"), (-3e-9, "-3e-9"), (1.5e-10, "1.5e-10"), (1e-100, "1e-100"),
    (1e20, "100000000000000000000"), (1e21, "1e+21"), (1.5e22, "1.5e+22"), (-0.0, "-0"), (0, "0"),
    (123.456, "123.456"), (1_000_000, "1000000"),
  ])
  func json(value: Double, text: String) {
    #expect(GoFloatFormat.json(value) == text)
  }

  @Test func shortestDecimalDigits() {
    let small = ShortestDecimal(0.005)
    #expect(String(decoding: small.digits, as: UTF8.self) == "5")
    #expect(small.point == -2)
    let large = ShortestDecimal(-1.25e30)
    #expect(large.negative)
    #expect(String(decoding: large.digits, as: UTF8.self) == "125")
    #expect(large.exponent == 30)
    #expect(ShortestDecimal(0).digits == Array("0".utf8))
  }
}
