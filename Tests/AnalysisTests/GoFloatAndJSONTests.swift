import SimKernel
import Testing

@testable import Analysis

@Suite struct GoFloatAndJSONTests {
  @Test(arguments: [
    (0.97, "0.97"), (1, "1"), (-2.5, "-2.5"), (1e21, "1000000000000000000000"), (1e-7, "0.0000001"),
    (123456789, "123456789"), (0, "0"), (Double.nan, "NaN"), (Double.infinity, "+Inf"), (-Double.infinity, "-Inf"),
    (0.1 + 0.2, "0.30000000000000004"),
  ])
  func strconvFormatFloatF(value: Double, expected: String) {
    #expect(GoFloat.fixed(value) == expected)
  }

  @Test(arguments: [
    (0.5, "0.5"), (100, "100"), (1e-7, "1e-7"), (1e21, "1e+21"), (1.5e22, "1.5e+22"), (0.000001, "0.000001"),
    (-3e-9, "-3e-9"),
  ])
  func encodingJSONFloat(value: Double, expected: String) {
    #expect(GoFloat.json(value) == expected)
  }

  @Test func parsesJSONLikeGo() throws {
    let parsed = try JSONParser.parse(#"{"a": [1, 2.5, "x", true, null], "b": {"c": -1e2}, "a2": "\u00e9\n"}"#).get()
    #expect(
      parsed
        == .object([
          "a": .array([.number(1), .number(2.5), .string("x"), .bool(true), .null]),
          "b": .object(["c": .number(-100)]), "a2": .string("é\n"),
        ]))
    #expect(parsed.jsonText == #"{"a":[1,2.5,"x",true,null],"a2":"é\n","b":{"c":-100}}"#)
  }

  @Test(arguments: ["It worked!", "", "{", "[1,]", "01", "1 2", "\"unterminated"])
  func rejectsWhatGoRejects(text: String) {
    if case .success = JSONParser.parse(text) { Issue.record("\(text) should not parse") }
  }

  /// Go sorts map keys by their bytes; U+212B (Å, the Angstrom sign) is E2 84 AB, after Ç (C3 87),
  /// though Swift's canonical ordering puts it before (it normalises to U+00C5).
  @Test func objectKeysSortByTheirBytesAsInGo() {
    let value = ResultValue.object(["\u{212B}": .number(1), "\u{C7}": .number(2), "b": .bool(true), "B": .null])
    #expect(value.jsonText == "{\"B\":null,\"b\":true,\"\u{C7}\":2,\"\u{212B}\":1}")
  }

  @Test func deepNestingFailsInsteadOfCrashing() {
    let text = String(repeating: "[", count: 100_000)
    if case .success = JSONParser.parse(text) { Issue.record("should fail") }
  }
}

@Suite struct GoFloatAppendTests {
  /// The measurement value's fast path must write exactly `fixed`.
  @Test(arguments: [
    0.97, 1, -2.5, 1e21, 1e-7, 0.0001, 0.00001, 123456789, 0, -0.0, Double.nan, Double.infinity, -Double.infinity,
    0.1 + 0.2, 0.9978260869565217, 1e15 + 0.5, 9_007_199_254_740_992, Double.leastNonzeroMagnitude, Double.greatestFiniteMagnitude,
    -1.5e-10, 123.456e30,
  ])
  func appendsWhatFixedReturns(_ value: Double) {
    var text = "["
    GoFloat.appendFixed(value, to: &text)
    #expect(text == "[" + GoFloat.fixed(value))
  }

  @Test func manyValues() {
    var random = SeededRandom(seed: 7)
    for _ in 0..<2_000 {
      let value = Double(bitPattern: random.next())
      var text = ""
      GoFloat.appendFixed(value, to: &text)
      #expect(text == GoFloat.fixed(value), "\(value.bitPattern)")
    }
  }
}
