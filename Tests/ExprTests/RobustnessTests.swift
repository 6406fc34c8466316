import Expr
import PropertyBased
import Testing

/// Arbitrary input never crashes or hangs the lexer, parser, checker or evaluator, and deep nesting
/// gets a diagnostic instead of exhausting the stack.
@Suite struct RobustnessTests {
  /// Pieces of expr syntax, so random inputs reach deep into the parser and checker (pure random
  /// characters mostly stop at the lexer).
  static let vocabulary: [String] = [
    "result", "result[0]", "x", "m", "[", "]", "(", ")", "{", "}", "0", "1", "-1", "1.5", ".5", "1e400", "0x1F",
    "99999999999999999999", "NaN", "+", "-", "*", "/", "%", "**", "^", "==", "!=", "<", ">=", "&&", "||", "!",
    "not", "and", "or", "in", "not in", "..", "?", ":", "??", "?.", ".", ",", ";", "#", "#index", "#acc", "'a'",
    "\"b\"", "`raw`", "'\\x41'", "'\\u{1F600}'", "b'\\xff'", "len", "all", "any", "none", "one", "filter", "map",
    "count", "sum", "find", "reduce", "sortBy", "groupBy", "max", "min", "mean", "median", "abs", "int", "float",
    "string", "upper", "split", "repeat", "join", "first", "last", "get", "keys", "toJSON", "fromJSON", "sort",
    "isNaN", "isInf", "asInt", "asFloat", "isNil", "default", "nil", "true", "false", "let", "=", "if", "else",
    "matches", "contains", "startsWith", "endsWith", "'[a-'", "'(?=x)'", "|", "$env", "::", "é", "\\", "\n", " ",
    "//", "/*", "@", "\u{0}",
  ]

  static let environment = Environment([
    ("result", .floats([0.5, .nan])),
    ("x", .int(3)),
    ("m", .map(["a": .list([.float(1), .string("s")]), "b": .null])),
    (
      "isNaN",
      .function(
        FunctionValue(name: "isNaN", type: FunctionType(parameters: [.float], results: [.bool])) {
          (arguments, _) throws(ExprPanic) -> Value in
          guard case .float(let f) = arguments[0] else { return .bool(false) }
          return .bool(f.isNaN)
        })
    ),
  ])

  /// Compiles and runs; any outcome is fine as long as it returns.
  static func exercise(_ text: String) -> String {
    do {
      let program = try Program.compile(text, environment: environment)
      let value = try program.run(environment)
      return GoFormat.value(value)
    } catch {
      // Every error renders, with or without a location.
      return error.description
    }
  }

  @Test func tokenSoupNeverCrashes() async {
    let tokens = Gen.element(of: Self.vocabulary).array(of: 0...24)
    await propertyCheck(count: 1_500, input: tokens) { pieces in
      let text = pieces.compactMap { $0 }.joined(separator: " ")
      let outcome = Self.exercise(text)
      #expect(outcome.count >= 0)
      let glued = pieces.compactMap { $0 }.joined()
      #expect(Self.exercise(glued).count >= 0)
    }
  }

  @Test func arbitraryCharactersNeverCrash() async {
    let characters = Gen<Character>.character(in: " "..."~").array(of: 0...40)
    await propertyCheck(count: 1_000, input: characters) { characters in
      #expect(Self.exercise(String(characters)).count >= 0)
    }
    let unicode = Gen.unicodeScalar(in: "\u{0}"..."\u{2FFF}").array(of: 0...20)
    await propertyCheck(count: 500, input: unicode) { scalars in
      var text = String.UnicodeScalarView()
      text.append(contentsOf: scalars)
      #expect(Self.exercise(String(text)).count >= 0)
    }
  }

  @Test(arguments: [
    String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000),
    String(repeating: "(", count: 10_000),
    String(repeating: "-", count: 10_000) + "1",
    String(repeating: "!", count: 10_000) + "true",
    String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000),
    String(repeating: "{a:", count: 5_000) + "1" + String(repeating: "}", count: 5_000),
    "m" + String(repeating: ".a", count: 5_000),
    "m" + String(repeating: "?.a", count: 5_000),
    "result" + String(repeating: "[0]", count: 5_000),
    Array(repeating: "x", count: 4_000).joined(separator: " + "),
    Array(repeating: "x", count: 4_000).joined(separator: " ** "),
    Array(repeating: "true", count: 4_000).joined(separator: " && "),
    String(repeating: "all(result, ", count: 3_000) + "true" + String(repeating: ")", count: 3_000),
    String(repeating: "let a = 1; ", count: 3_000) + "a",
    String(repeating: "x ? ", count: 3_000) + "1" + String(repeating: " : 2", count: 3_000),
  ])
  func deepNestingIsADiagnostic(source: String) {
    let outcome = Self.exercise(source)
    #expect(
      outcome.contains("nested too deeply") || outcome.contains("maximum allowed nodes")
        || outcome.contains("unexpected") || outcome.contains("cannot redeclare"),
      "\(outcome.prefix(200))")
  }

  /// The nesting bound still leaves room for anything a person writes.
  @Test func reasonableNestingStillWorks() {
    let depth = 35
    let source = String(repeating: "(", count: depth) + "x" + String(repeating: ")", count: depth) + " + 1"
    #expect(Self.exercise(source) == "4")
    // Close to the bounds (tree height 400, 150 recursive descent steps).
    let sum = Array(repeating: "x", count: 390).joined(separator: " + ")
    #expect(Self.exercise(sum) == "1170")
    let negations = String(repeating: "-(", count: 29) + "x" + String(repeating: ")", count: 29)
    #expect(Self.exercise(negations) == "-3")
  }

  @Test func hugeRangesAndStringsHitTheMemoryBudget() {
    #expect(Self.exercise("len(1..9223372036854775807)").hasPrefix("memory budget exceeded"))
    #expect(Self.exercise("sum(1..999999) > 0") == "true")
    #expect(Self.exercise("len(repeat('ab', 999999))").hasPrefix("memory budget exceeded"))
    #expect(Self.exercise("count(1..500000, count(1..500000, true) > 0)").hasPrefix("memory budget exceeded"))
    // Work is bounded too: nested loops over a two-element vector, 60 deep, would take 2^60 steps.
    let nested = String(repeating: "all(result, ", count: 60) + "true" + String(repeating: ")", count: 60)
    #expect(Self.exercise(nested).hasPrefix("evaluation stopped after 1000000 steps"))
    #expect(Self.exercise("len(uniq(1..900000))").hasPrefix("evaluation stopped after"))
    #expect(Self.exercise("let s = repeat('a', 400000); len(s + s + s)").hasPrefix("memory budget exceeded"))
  }
}

import Foundation

/// The nesting bounds keep every pass inside a small stack: 512 KiB (a macOS secondary thread) in an
/// optimized build. Debug frames are about five times larger, so a debug build gets 4 MiB (Linux
/// gives every thread 8 MiB).
@Suite struct SmallStackTests {
  #if DEBUG
    static let stackSize = 4 * 1024 * 1024
  #else
    static let stackSize = 512 * 1024
  #endif

  static let sources = [
    Array(repeating: "x", count: 390).joined(separator: " + "),
    Array(repeating: "x", count: 10_000).joined(separator: " + "),
    String(repeating: "[", count: 70) + String(repeating: "]", count: 70),
    String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000),
    String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000),
    String(repeating: "-(", count: 29) + "x" + String(repeating: ")", count: 29),
    String(repeating: "-(", count: 10_000) + "x" + String(repeating: ")", count: 10_000),
    String(repeating: "all(result, ", count: 3_000) + "true" + String(repeating: ")", count: 3_000),
    "m" + String(repeating: "?.a", count: 5_000),
  ]

  @Test func boundsFitInASmallStack() {
    let done = DispatchSemaphore(value: 0)
    let results = ResultBox()
    let thread = Thread {
      for source in Self.sources { results.append(RobustnessTests.exercise(source)) }
      done.signal()
    }
    thread.stackSize = Self.stackSize
    thread.start()
    done.wait()
    #expect(results.count == Self.sources.count)
  }
}

final class ResultBox: @unchecked Sendable {
  private let lock = NSLock()
  private var values: [String] = []
  func append(_ value: String) { lock.withLock { values.append(value) } }
  var count: Int { lock.withLock { values.count } }
}
