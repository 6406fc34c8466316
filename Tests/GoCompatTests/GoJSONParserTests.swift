import GoCompat
import Testing

/// Expected messages are Go's `json.Unmarshal` errors for the same input.
@Suite struct GoJSONParserTests {
  @Test func readsDocumentsKeepingOrderDuplicatesAndNumberText() throws {
    let tree = try GoJSONParser.parse(#" {"b": [1, 2.50, -1e2, true, null], "a": "x\u00e9\n", "b": {}} "#).get()
    #expect(
      tree
        == .object([
          .init(key: "b", value: .array([.number("1"), .number("2.50"), .number("-1e2"), .bool(true), .null])),
          .init(key: "a", value: .string("xé\n")),
          .init(key: "b", value: .object([])),
        ]))
  }

  @Test(arguments: [
    ("", "unexpected end of JSON input"),
    ("It worked!", "invalid character 'I' looking for beginning of value"),
    ("[1,]", "invalid character ']' looking for beginning of value"),
    ("01", "invalid character '1' after top-level value"),
    ("1 2", "invalid character '2' after top-level value"),
    (#"{"a" 1}"#, "invalid character '1' after object key"),
    (#"{"a": 1 "b": 2}"#, "invalid character '\"' after object key:value pair"),
    (#"{1: 2}"#, "invalid character '1' looking for beginning of object key string"),
    ("[1 2]", "invalid character '2' after array element"),
    ("tru", "unexpected end of JSON input"),
    ("trux", "invalid character 'x' in literal true (expecting 'e')"),
    ("-x", "invalid character 'x' in numeric literal"),
    ("1.x", "invalid character 'x' after decimal point in numeric literal"),
    ("1ex", "invalid character 'x' in exponent of numeric literal"),
    (#""\x01""#, "invalid character 'x' in string escape code"),
    (#""\u12g4""#, "invalid character 'g' in \\u hexadecimal character escape"),
    (#""unterminated"#, "unexpected end of JSON input"),
    ("1e400", "json: cannot unmarshal number 1e400 into Go value of type float64"),
  ])
  func refusesWithGoMessages(text: String, message: String) {
    guard case .failure(let failure) = GoJSONParser.parse(text) else {
      Issue.record("\(text) parsed")
      return
    }
    #expect(failure.message == message)
  }

  /// The offset is where reading stopped (the offending byte), which callers turn into a column.
  @Test func failuresCarryTheByteOffset() {
    guard case .failure(let failure) = GoJSONParser.parse(#"{"é": x}"#) else {
      Issue.record("parsed")
      return
    }
    #expect(failure.offset == 7)
  }

  @Test func numbersBeyondFloat64AreKeptWhenAsked() throws {
    let tree = try GoJSONParser.parse("1e400", options: .init(numbersMustFitFloat64: false)).get()
    #expect(tree == .number("1e400"))
    #expect(tree.float64 == nil)
  }

  @Test func nonFiniteWordsOnlyWhenAsked() throws {
    let options = GoJSONParser.Options(nonFiniteWords: true)
    let tree = try GoJSONParser.parse("[NaN, -Inf, +Infinity, Inf, 1]", options: options).get()
    guard case .array(let values) = tree else {
      Issue.record("not an array")
      return
    }
    #expect(values[0].float64?.isNaN == true)
    #expect(values[1].float64 == -.infinity)
    #expect(values[2].float64 == .infinity)
    #expect(values[3].float64 == .infinity)
    #expect(values[4].float64 == 1)
    if case .success = GoJSONParser.parse("NaN") { Issue.record("NaN is not JSON") }
    if case .success = GoJSONParser.parse("Infx", options: options) { Issue.record("Infx is not a number") }
  }

  @Test func surrogatePairsJoinAndLoneSurrogatesBecomeReplacementCharacters() throws {
    #expect(try GoJSONParser.parse(#""\ud83d\ude00""#).get() == .string("😀"))
    // Go: a high surrogate not followed by a low one is U+FFFD, and the next escape stands alone.
    #expect(try GoJSONParser.parse(#""\ud83d\u0041""#).get() == .string("\u{FFFD}A"))
    #expect(try GoJSONParser.parse(#""\ude00x""#).get() == .string("\u{FFFD}x"))
  }

  @Test func depthIsLimited() {
    let deep = String(repeating: "[", count: 300) + String(repeating: "]", count: 300)
    guard case .failure(let failure) = GoJSONParser.parse(deep, options: .init(maxDepth: 256)) else {
      Issue.record("parsed")
      return
    }
    #expect(failure.message == "exceeded max depth")
    if case .failure = GoJSONParser.parse(deep) { Issue.record("Go reads 300 levels") }
  }
}
