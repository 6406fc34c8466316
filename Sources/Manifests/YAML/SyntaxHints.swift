import Foundation
import Yams

/// Plain-words hints for the YAML syntax errors people actually make in manifests.
enum SyntaxHints {
  static func hint(problem: String, mark: Mark, lines: [Substring]) -> String? {
    let line = mark.line >= 1 && mark.line <= lines.count ? String(lines[mark.line - 1]) : ""
    let trimmed = line.drop { $0 == " " }
    let previous = previousContentLine(before: mark.line, lines: lines)
    if line.contains("\t") && problem.contains("cannot start any token") {
      return "YAML does not allow tabs for indentation: use spaces"
    }
    if problem.contains("mapping values are not allowed") {
      if trimmed.hasPrefix("- "), let previous, previous.contains("templateName:") {
        return "these look like analysis arguments: add an `args:` key beside `templates:` and put the list under it"
      }
      if trimmed.hasPrefix("- "), let previous, previous.contains(":"), !previous.hasSuffix(":") {
        return "a list cannot follow a key that already has a value: is a key missing on the line above this one?"
      }
      if line.contains("{{") {
        return "quote values that contain {{…}} or ': ', e.g. key: \"{{args.name}}\""
      }
      return "a value that contains ': ' must be quoted, or the indentation of this line is off"
    }
    if trimmed.hasPrefix("- "), let previous, previous.contains("templateName:"), problem.contains("expected key") {
      return "these look like analysis arguments: add an `args:` key beside `templates:` and put the list under it"
    }
    if problem.contains("did not find expected key") || problem.contains("did not find expected '-' indicator") {
      return "check the indentation of this line against the lines above it"
    }
    if problem.contains("could not find expected ':'") {
      return "a key is missing its ':', or a multi-line value needs quoting"
    }
    if problem.contains("found undefined alias") {
      return "'*name' refers to an anchor '&name' that is not defined earlier in this document"
    }
    if problem.contains("cannot start any token"), trimmed.hasPrefix("@") || trimmed.hasPrefix("`") || line.contains(": @") || line.contains(": `") {
      return "values starting with @ or ` must be quoted"
    }
    if line.contains("{{") {
      return "if this file is a Helm chart template, render it with `helm template` first; otherwise quote the {{…}} value"
    }
    return nil
  }

  private static func previousContentLine(before line: Int, lines: [Substring]) -> String? {
    var index = line - 2
    while index >= 0, index < lines.count {
      let candidate = lines[index].trimmingCharacters(in: .whitespaces)
      if !candidate.isEmpty, !candidate.hasPrefix("#") { return candidate }
      index -= 1
    }
    return nil
  }

  /// Where a duplicated key is written the second time: the next line at the same column that starts
  /// with `key:`.
  static func secondOccurrence(of key: String, after mark: Mark, lines: [Substring]) -> (line: Int, column: Int)? {
    var lineIndex = mark.line  // 0-based index of the line after the first occurrence
    while lineIndex < lines.count {
      let scalars = Array(lines[lineIndex].unicodeScalars)
      let column = mark.column - 1
      if column < scalars.count {
        let rest = String(String.UnicodeScalarView(scalars[column...]))
        if rest.hasPrefix(key + ":") || rest.hasPrefix("\"\(key)\":") || rest.hasPrefix("'\(key)':") {
          return (lineIndex + 1, mark.column)
        }
      }
      lineIndex += 1
    }
    return nil
  }
}
