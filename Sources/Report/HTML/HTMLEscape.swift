/// Escaping for text that comes from input (scenario, rollout, metric and run names, messages,
/// conditions, queries): HTML text and attribute values alike, so a name like `<script>` or
/// `a" onload="x` is shown as written and never interpreted.
public enum HTMLEscape {
  public static func text(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for scalar in s.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default:
        // Control characters other than tab and newline have no business in a report.
        if scalar.value < 0x20 && scalar != "\n" && scalar != "\t" {
          out += "&#xFFFD;"
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out
  }

  /// A CSS class or id fragment derived from input: only `[a-z0-9-]`.
  public static func token(_ s: String) -> String {
    var out = ""
    for scalar in s.lowercased().unicodeScalars {
      let v = scalar.value
      if (v >= 97 && v <= 122) || (v >= 48 && v <= 57) || v == 45 {
        out.unicodeScalars.append(scalar)
      } else if !out.hasSuffix("-") {
        out += "-"
      }
    }
    return out
  }
}

/// Shorthand used by the HTML renderers.
func h(_ s: String) -> String { HTMLEscape.text(s) }
