/// Escaping for input text placed in Markdown (GitHub's flavour, as CI step summaries render it):
/// Markdown punctuation is backslash-escaped, `&`, `<` and `>` become entities (so `<script>` is
/// text, not HTML), and line breaks become spaces so a value never leaves its table cell.
public enum MarkdownEscape {
  public static func text(_ s: String) -> String {
    var out = ""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\\", "`", "*", "_", "[", "]", "|", "~":
        out += "\\"
        out.unicodeScalars.append(scalar)
      case "\n", "\r", "\t": out += " "
      default:
        if scalar.value < 0x20 { out += " " } else { out.unicodeScalars.append(scalar) }
      }
    }
    return out
  }
}

func md(_ s: String) -> String { MarkdownEscape.text(s) }
