import GoCompat
import Testing

/// Expected texts are Go's strconv.Quote, strconv.QuoteRune and fmt's %#U.
@Suite struct GoQuotingTests {
  @Test(arguments: [
    ("abc", #""abc""#),
    ("", #""""#),
    ("a\"b\\c", #""a\"b\\c""#),
    ("\u{07}\u{08}\u{0C}\n\r\t\u{0B}", #""\a\b\f\n\r\t\v""#),
    ("\u{00}\u{1b}\u{7f}", #""\x00\x1b\x7f""#),
    ("<&> é 日本 😀 Å", #""<&> é 日本 😀 Å""#),
    ("\u{85}", #""\u0085""#),
    ("\u{A0}", #""\u00a0""#),
    ("\u{AD}", #""\u00ad""#),
    ("zero\u{200B}width", #""zero\u200bwidth""#),
    ("\u{2028}\u{2029}", #""\u2028\u2029""#),
    ("\u{3000}", #""\u3000""#),
    ("\u{FEFF}", #""\ufeff""#),
    ("\u{E000}", #""\ue000""#),
    ("\u{E0001}", #""\U000e0001""#),
  ])
  func quote(text: String, quoted: String) {
    #expect(GoQuoting.quote(text) == quoted)
  }

  @Test func quoteRune() {
    #expect(GoQuoting.quoteRune("x") == "'x'")
    #expect(GoQuoting.quoteRune("'") == #"'\''"#)
    #expect(GoQuoting.quoteRune("\"") == #"'"'"#)
    #expect(GoQuoting.quoteRune("\n") == #"'\n'"#)
    #expect(GoQuoting.quoteRune("\u{1}") == #"'\x01'"#)
    #expect(GoQuoting.quoteRune("\u{C5}") == "'Å'")
  }

  @Test func unicodeVerb() {
    #expect(GoQuoting.unicodeVerb("@") == "U+0040 '@'")
    #expect(GoQuoting.unicodeVerb("\u{07}") == "U+0007")
    #expect(GoQuoting.unicodeVerb("\u{AD}") == "U+00AD")
    #expect(GoQuoting.unicodeVerb("😀") == "U+1F600 '😀'")
  }

  @Test func isPrintIsGos() {
    #expect(GoQuoting.isPrint(" "))
    #expect(GoQuoting.isPrint("~"))
    #expect(GoQuoting.isPrint("\u{301}"))  // a combining mark
    #expect(!GoQuoting.isPrint("\u{A0}"))  // only the ASCII space is a printable space
    #expect(!GoQuoting.isPrint("\u{2003}"))
    #expect(!GoQuoting.isPrint("\u{378}"))  // unassigned
    #expect(!GoQuoting.isPrint("\u{F0000}"))  // private use
  }
}
