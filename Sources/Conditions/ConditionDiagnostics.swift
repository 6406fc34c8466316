import Diagnostics
import Expr

/// Turns condition errors into diagnostics a person can act on: Argo's message, the place in the
/// manifest, and a hint for the usual mistakes.
public enum ConditionDiagnostics {
  /// Names a condition can use: Argo's environment and expr's builtins.
  public static var knownNames: [String] { ArgoEnvironment.template.names + exprBuiltinNames }

  private static let exprBuiltinNames = [
    "len", "all", "any", "none", "one", "filter", "map", "count", "sum", "find", "abs", "ceil", "floor", "round",
    "int", "float", "string", "max", "min", "mean", "median", "first", "last", "get",
  ]

  /// A diagnostic for a condition that does not compile (or that failed on a sample value).
  ///
  /// - Parameters:
  ///   - start: where the condition's text starts in its file (its first character), or nil.
  ///   - continuationIndent: for a condition written over several lines (a YAML block scalar), the
  ///     column at which its later lines start in the file.
  public static func diagnostic(
    for error: ExprError, role: ConditionRole, shape: ResultShape?, at start: SourceLocation?,
    continuationIndent: Int = 1
  ) -> Diagnostic {
    var location: SourceLocation?
    if let start {
      if error.line == 1 {
        location = SourceLocation(file: start.file, line: start.line, column: start.column + error.column - 1)
      } else {
        location = SourceLocation(
          file: start.file, line: start.line + error.line - 1, column: continuationIndent + error.column - 1)
      }
    }
    var message = "\(role.rawValue): \(error.message)"
    if let shape, error.stage == .type {
      message = "\(role.rawValue) does not compile for a \(shape.goTypeName) result: \(error.message)"
    }
    var diagnostic = Diagnostic.error(
      message.trimmingTrailingSpaces, at: location, length: max(1, error.span.to - error.span.from),
      hint: hint(for: error, shape: shape), rule: "condition")
    if location == nil, error.sourceLine != nil {
      diagnostic.notes.append(error.description)
    }
    return diagnostic
  }

  /// A concrete fix for the common mistakes, or nil.
  public static func hint(for error: ExprError, shape: ResultShape?) -> String? {
    let message = error.message
    if message.hasPrefix("unknown name ") {
      let name = String(message.dropFirst("unknown name ".count))
      if name == "args" {
        return "template arguments are substituted as text: write {{args.name}}, not args.name"
      }
      if let close = Suggestions.closest(to: name, in: knownNames) { return "did you mean '\(close)'?" }
      return "conditions can use result, asInt, asFloat, isNaN, isInf, isNil, default and expr's builtins"
    }
    if shape == .vector, message.contains("mismatched types []float64") || message.contains("(got []float64)")
      || message.contains("cannot use []float64 as argument")
    {
      return "a Prometheus query returns a vector ([]float64): compare an element, e.g. result[0] instead of result"
    }
    if shape == .float, message.contains("float64[int] is undefined") {
      return "this result is a scalar (float64), not a vector: compare result itself, not result[0]"
    }
    if message.hasPrefix("index out of range") {
      return "an empty result (no data) has no elements: guard with len(result) == 0 || … (or > 0 && …)"
    }
    if shape == .null, message.contains("unknown") {
      return "the result is nil (no data): test isNil(result) or use default(result, 0)"
    }
    if message.hasPrefix("reflect.Value.MapIndex: value of type"), message.hasSuffix("to type string") {
      return "expr turns a list of string literals into a set of strings, so `x in ['a', 'b']` needs a string x: "
        + "compare string(x), or list numbers"
    }
    if message.hasPrefix("expected bool") {
      return "a condition must be true or false: compare the value, e.g. result[0] >= 0.95"
    }
    return nil
  }
}

extension String {
  fileprivate var trimmingTrailingSpaces: String {
    var text = self
    while text.last == " " { text.removeLast() }
    return text
  }
}
