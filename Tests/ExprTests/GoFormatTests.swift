import Expr
import Testing

/// Go's spellings of numbers and strings, which reach users through expr's messages.
@Suite struct GoFormatTests {
  @Test(arguments: [
    (0.97, "0.97"),
    (1, "1"),
    (-0.0, "-0"),
    (100_000, "100000"),
    (1_000_000, "1e+06"),
    (1_234_567, "1.234567e+06"),
    (0.0001, "0.0001"),
    (0.00001, "1e-05"),
    (1e21, "1e+21"),
    (Double.nan, "NaN"),
    (Double.infinity, "+Inf"),
    (-Double.infinity, "-Inf"),
    (0.1 + 0.2, "0.30000000000000004"),
  ])
  func percentV(value: Double, text: String) {
    #expect(GoFormat.float(value) == text)
  }

  @Test(arguments: [
    (1_000_000, "1000000"),
    (1e21, "1e+21"),
    (1e-7, "1e-7"),
    (0.000001, "0.000001"),
    (-0.0, "-0"),
    (123.456, "123.456"),
  ])
  func json(value: Double, text: String) {
    #expect(GoFormat.jsonFloat(value) == text)
  }

  @Test(arguments: [
    ("abc", "\"abc\""),
    ("a\"b\\c", "\"a\\\"b\\\\c\""),
    ("tab\tnew\nline", "\"tab\\tnew\\nline\""),
    ("\u{1}", "\"\\x01\""),
    ("é", "\"é\""),
  ])
  func quote(text: String, quoted: String) {
    #expect(GoFormat.quote(text) == quoted)
  }

  @Test func values() {
    let map = Value.map(["b": .floats([0.5, .nan]), "a": .list([.string("x"), .null, .bool(true)])])
    #expect(GoFormat.value(map) == "map[a:[x <nil> true] b:[0.5 NaN]]")
    #expect(map.goTypeName == "map[string]interface {}")
    #expect(Value.floats([]).goTypeName == "[]float64")
    #expect(Value.null.goTypeName == "<nil>")
  }

  @Test(arguments: [
    ("42", 42), ("-7", -7), ("+3", 3),
  ])
  func parseInt(text: String, value: Int) {
    guard case .success(let parsed) = GoNumberParsing.parseInt(text, radix: 10) else {
      Issue.record("\(text) did not parse")
      return
    }
    #expect(parsed == value)
  }

  @Test func numberErrorsUseGoText() {
    guard case .failure(let message) = GoNumberParsing.parseFloat("healthy") else {
      Issue.record("parsed")
      return
    }
    #expect(message == "strconv.ParseFloat: parsing \"healthy\": invalid syntax")
    guard case .failure(let range) = GoNumberParsing.parseInt("9223372036854775808", radix: 10) else {
      Issue.record("parsed")
      return
    }
    #expect(range == "strconv.ParseInt: parsing \"9223372036854775808\": value out of range")
  }
}
