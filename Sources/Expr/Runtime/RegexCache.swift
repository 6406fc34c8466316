import Foundation

/// `matches` with Go's regexp (RE2) semantics on top of Swift's Regex: unanchored search, `.` per
/// Unicode scalar, ASCII `\d \w \s`, and RE2's refusals (look-around, back-references, possessive
/// quantifiers) reported with Go's messages. Compiled patterns are cached: conditions match the same
/// few patterns on every measurement.
enum RegexCache {
  final class Compiled: @unchecked Sendable {
    // Regex is immutable once built; matching from several threads is safe.
    let regex: Regex<AnyRegexOutput>
    init(_ regex: Regex<AnyRegexOutput>) { self.regex = regex }

    func matches(_ text: String) -> Bool {
      (try? regex.firstMatch(in: text)) != nil
    }
  }

  private final class Store: @unchecked Sendable {
    let lock = NSLock()
    var compiled: [String: Result<Compiled, ExprPanic>] = [:]
  }

  private static let store = Store()

  /// The compiled pattern, or Go's error text.
  static func compile(_ pattern: String) -> Result<Compiled, ExprPanic> {
    store.lock.lock()
    if let cached = store.compiled[pattern] {
      store.lock.unlock()
      return cached
    }
    store.lock.unlock()
    let result: Result<Compiled, ExprPanic>
    if let message = unsupportedSyntax(pattern) {
      result = .failure(ExprPanic(message))
    } else {
      do {
        let regex = try Regex(pattern)
          .matchingSemantics(.unicodeScalar)
          .asciiOnlyDigits()
          .asciiOnlyWordCharacters()
          .asciiOnlyWhitespace()
        result = .success(Compiled(regex))
      } catch {
        result = .failure(ExprPanic("error parsing regexp: invalid syntax: `\(pattern)`"))
      }
    }
    store.lock.lock()
    if store.compiled.count > 10_000 { store.compiled.removeAll() }
    store.compiled[pattern] = result
    store.lock.unlock()
    return result
  }

  /// Go's compile error for a constant pattern, or nil when it compiles.
  static func compileError(_ pattern: String) -> String? {
    if case .failure(let error) = compile(pattern) { return error.message }
    return nil
  }

  static func matches(_ pattern: String, _ text: String) throws(ExprPanic) -> Bool {
    switch compile(pattern) {
    case .success(let compiled): return compiled.matches(text)
    case .failure(let error): throw error
    }
  }

  /// Constructs RE2 rejects but Swift's Regex accepts, with Go's messages; and the common syntax
  /// errors, so their text matches Go's.
  private static func unsupportedSyntax(_ pattern: String) -> String? {
    let scalars = Array(pattern.unicodeScalars)
    var depth = 0
    var index = 0
    var inClass = false
    var lastWasQuantifier = false
    var lastWasLazy = false
    while index < scalars.count {
      let c = scalars[index]
      if c == "\\" {
        guard index + 1 < scalars.count else {
          return "error parsing regexp: trailing backslash at end of expression: ``"
        }
        let next = scalars[index + 1]
        if !inClass, ("1"..."9").contains(next) {
          return "error parsing regexp: invalid escape sequence: `\\\(next)`"
        }
        index += 2
        lastWasQuantifier = false
        continue
      }
      if inClass {
        if c == "]" { inClass = false }
        index += 1
        continue
      }
      switch c {
      case "[":
        inClass = true
        // A ']' right after '[' or '[^' is a literal.
        if index + 1 < scalars.count, scalars[index + 1] == "]" { index += 1 }
        if index + 2 < scalars.count, scalars[index + 1] == "^", scalars[index + 2] == "]" { index += 2 }
        lastWasQuantifier = false
      case "(":
        lastWasQuantifier = false
        if index + 1 < scalars.count, scalars[index + 1] == "?" {
          guard index + 2 < scalars.count else {
            return "error parsing regexp: missing argument to repetition operator: `?`"
          }
          let kind = scalars[index + 2]
          if kind == "=" || kind == "!" || kind == ">" {
            return "error parsing regexp: invalid or unsupported Perl syntax: `(?\(kind)`"
          }
          if kind == "<", index + 3 < scalars.count, scalars[index + 3] == "=" || scalars[index + 3] == "!" {
            return "error parsing regexp: invalid or unsupported Perl syntax: `(?<`"
          }
          // Skip the flags or the group name up to ':' (a group) or ')' (flags only).
          var cursor = index + 2
          while cursor < scalars.count, scalars[cursor] != ":", scalars[cursor] != ")" { cursor += 1 }
          if cursor < scalars.count, scalars[cursor] == ")" {
            index = cursor + 1
            continue
          }
          depth += 1
          index = cursor + 1
          continue
        }
        depth += 1
      case ")":
        if depth == 0 { return "error parsing regexp: unexpected ): `\(pattern)`" }
        depth -= 1
        lastWasQuantifier = false
      case "*", "+", "?":
        if lastWasQuantifier {
          if c == "?" && !lastWasLazy {
            lastWasLazy = true
            index += 1
            continue
          }
          return "error parsing regexp: invalid nested repetition operator: `\(scalars[index - 1])\(c)`"
        }
        if index == 0 || scalars[index - 1] == "(" || scalars[index - 1] == "|" {
          return "error parsing regexp: missing argument to repetition operator: `\(c)`"
        }
        lastWasQuantifier = true
        lastWasLazy = false
      default:
        lastWasQuantifier = false
      }
      index += 1
    }
    if inClass { return "error parsing regexp: missing closing ]: `\(missingClassFragment(pattern))`" }
    if depth > 0 { return "error parsing regexp: missing closing ): `\(pattern)`" }
    return nil
  }

  private static func missingClassFragment(_ pattern: String) -> String {
    guard let open = pattern.lastIndex(of: "[") else { return pattern }
    return String(pattern[open...])
  }
}
