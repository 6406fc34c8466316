import GoCompat

/// Argo's `{{…}}` templating (utils/template/template.go over valyala/fasttemplate), reproduced exactly:
/// - a tag starts at `{{` and ends at the **first** `}}` after it; text between is the tag, and its
///   surrounding whitespace is trimmed before lookup (`{{ args.x }}` works);
/// - a `{{` with no `}}` after it is an error (fasttemplate refuses to parse the template);
/// - a tag that is not a known name resolves to "" and makes the whole substitution fail with
///   `failed to resolve {{TAG}}` (the last such tag is the one reported);
/// - braces outside tags are plain text: in `{{args.namespace}}}` the third `}` stays in the output.
public enum ArgTemplate {
  /// One `{{…}}` occurrence.
  public struct Tag: Sendable, Hashable {
    /// The text between the braces, untrimmed.
    public var raw: String
    /// Offset of the opening `{{` in the text, in Characters.
    public var offset: Int
    /// Length from `{{` to `}}` inclusive, in Characters.
    public var length: Int

    /// The lookup key (`args.namespace`).
    public var name: String { raw.trimmingCharacters(in: .whitespaces) }
    /// The argument name when the tag is `args.NAME`.
    public var argName: String? { name.hasPrefix("args.") ? String(name.dropFirst(5)) : nil }
  }

  public enum Failure: Error, Sendable, Hashable, CustomStringConvertible {
    /// A `{{` without a later `}}`; `offset` points at the `{{`.
    case unterminated(offset: Int)
    /// A tag with no value: Argo's `failed to resolve {{TAG}}`.
    case unresolved(Tag)

    public var description: String {
      switch self {
      case .unterminated: "cannot find end tag \"}}\" after \"{{\""
      case .unresolved(let tag): "failed to resolve {{\(tag.raw)}}"
      }
    }
  }

  /// The tags of `text`, or the position of an unterminated `{{`.
  public static func tags(in text: String) throws(Failure) -> [Tag] {
    let chars = Array(text)
    var tags: [Tag] = []
    var i = 0
    while let open = find("{", "{", in: chars, from: i) {
      guard let close = find("}", "}", in: chars, from: open + 2) else { throw .unterminated(offset: open) }
      tags.append(Tag(raw: String(chars[(open + 2)..<close]), offset: open, length: close + 2 - open))
      i = close + 2
    }
    return tags
  }

  private static func find(_ a: Character, _ b: Character, in chars: [Character], from start: Int) -> Int? {
    var i = start
    while i + 1 < chars.count {
      if chars[i] == a && chars[i + 1] == b { return i }
      i += 1
    }
    return nil
  }

  /// Substitutes every tag with `values[tag.name]`. Unknown tags make it fail like Argo (with the last
  /// unknown tag), after substituting "" for them.
  public static func substitute(_ text: String, values: [String: String]) throws(Failure) -> String {
    guard text.contains("{{") else { return text }
    let found = try tags(in: text)
    let chars = Array(text)
    var out = ""
    var cursor = 0
    var unresolved: Tag?
    for tag in found {
      out += String(chars[cursor..<tag.offset])
      if let value = values[tag.name] {
        out += value
      } else {
        unresolved = tag
      }
      cursor = tag.offset + tag.length
    }
    out += String(chars[cursor...])
    if let unresolved { throw .unresolved(unresolved) }
    return out
  }

  /// A brace next to a tag that is probably a typo: `{{args.x}}}` (the `}` stays in the value) or
  /// `{{{args.x}}` (the tag becomes `{args.x` and fails to resolve).
  ///
  /// A `}` after a tag is legitimate when it closes a `{` the surrounding language opened, as in the
  /// Datadog query `rate{service:{{args.name}}}`; it is stray when no `{` is open before the tag, or when
  /// the tag sits inside a quoted string (`{ns='{{args.namespace}}}'}`).
  public struct StrayBrace: Sendable, Hashable {
    public var tag: Tag
    /// Offset of the stray brace, in Characters.
    public var offset: Int
    public var brace: Character
  }

  public static func strayBraces(in text: String) -> [StrayBrace] {
    guard let found = try? tags(in: text) else { return [] }
    let chars = Array(text)
    var strays: [StrayBrace] = []
    var cursor = 0
    var openBraces = 0
    var singleQuotes = 0
    var doubleQuotes = 0
    for tag in found {
      // The text between the previous tag and this one.
      for c in chars[cursor..<tag.offset] {
        switch c {
        case "{": openBraces += 1
        case "}": openBraces = max(0, openBraces - 1)
        case "'": singleQuotes += 1
        case "\"": doubleQuotes += 1
        default: break
        }
      }
      let end = tag.offset + tag.length
      if end < chars.count, chars[end] == "}" {
        let insideQuotes = singleQuotes % 2 == 1 || doubleQuotes % 2 == 1
        if insideQuotes || openBraces == 0 {
          strays.append(StrayBrace(tag: tag, offset: end, brace: "}"))
        }
      }
      if tag.raw.hasPrefix("{") {
        strays.append(StrayBrace(tag: tag, offset: tag.offset + 2, brace: "{"))
      }
      cursor = end
    }
    return strays
  }

  /// Go's `strconv.Quote(value)` without the outer quotes: how Argo escapes an argument before putting
  /// it into the JSON of a metric (`ResolveQuotedArgs`).
  public static func goQuoted(_ value: String) -> String { String(GoQuoting.quote(value).dropFirst().dropLast()) }
}

import Foundation
