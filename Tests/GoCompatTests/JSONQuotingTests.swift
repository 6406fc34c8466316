import GoCompat
import Testing

/// The expected texts are what Go's encoding/json writes (json.Marshal, or an Encoder with
/// SetEscapeHTML(false)), except where a comment says otherwise.
@Suite struct JSONQuotingTests {
  @Test(arguments: [
    ("plain", #""plain""#),
    ("", #""""#),
    ("a\"b\\c", #""a\"b\\c""#),
    ("tab\tnew\nline\rret", #""tab\tnew\nline\rret""#),
    ("\u{01}\u{1f}", #""\u0001\u001f""#),
    ("é ü 日本", #""é ü 日本""#),
    ("😀", #""😀""#),
    ("\u{7f}", "\"\u{7f}\""),
  ])
  func escapesLikeEveryStyle(text: String, quoted: String) {
    for escaping in [JSONQuoting.Escaping.goMarshal, .goWithoutHTML, .minimal] {
      #expect(JSONQuoting.quote(text, escaping: escaping) == quoted)
    }
  }

  @Test func marshalEscapesHTMLAndLineSeparators() {
    #expect(JSONQuoting.quote("<a href=\"x\">&</a>", escaping: .goMarshal) == #""\u003ca href=\"x\"\u003e\u0026\u003c/a\u003e""#)
    #expect(JSONQuoting.quote("a\u{2028}b\u{2029}c", escaping: .goMarshal) == #""a\u2028b\u2029c""#)
  }

  @Test func withoutHTMLKeepsOnlyLineSeparatorEscapes() {
    #expect(JSONQuoting.quote("<&>", escaping: .goWithoutHTML) == #""<&>""#)
    #expect(JSONQuoting.quote("\u{2028}", escaping: .goWithoutHTML) == #""\u2028""#)
  }

  @Test func minimalEscapesOnlyWhatJSONRequires() {
    #expect(JSONQuoting.quote("<&>\u{2028}\u{2029}", escaping: .minimal) == "\"<&>\u{2028}\u{2029}\"")
  }

  /// Other characters that share U+2028's lead byte stay verbatim.
  @Test func otherThreeByteCharactersStayVerbatim() {
    #expect(JSONQuoting.quote("\u{2026}\u{20AC}\u{2027}\u{202A}", escaping: .goMarshal) == "\"\u{2026}\u{20AC}\u{2027}\u{202A}\"")
  }

  /// Swift strings are valid Unicode: an invalid byte has become U+FFFD before it gets here, and is
  /// written verbatim (Go writes an invalid byte as the escape `\ufffd`; both decode to U+FFFD).
  @Test func invalidUTF8ArrivesAsReplacementCharacter() {
    let text = String(decoding: [0x61, 0xFF, 0x62], as: UTF8.self)
    #expect(JSONQuoting.quote(text, escaping: .goMarshal) == "\"a\u{FFFD}b\"")
  }

  /// Go 1.22+ (Argo Rollouts builds with 1.26) writes `\b` and `\f`, not `\u0008` / `\u000c`.
  @Test func backspaceAndFormFeedUseTheirShortEscapes() {
    #expect(JSONQuoting.quote("\u{08}\u{0C}", escaping: .goMarshal) == #""\b\f""#)
    #expect(JSONQuoting.quote("\u{07}\u{0B}", escaping: .minimal) == #""\u0007\u000b""#)
  }

  @Test func appendsToExistingText() {
    var out = "key="
    JSONQuoting.append("<v>", escaping: .goMarshal, to: &out)
    JSONQuoting.append("w", escaping: .minimal, to: &out)
    #expect(out == #"key="\u003cv\u003e""w""#)
  }
}
