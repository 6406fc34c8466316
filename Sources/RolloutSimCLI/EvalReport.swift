import Conditions
import Diagnostics
import Expr
import GoCompat

/// What `rollout-sim eval` prints: the result, each condition's value (or why it has none), and the
/// phase with the rule that decided it.
struct EvalReport {
  var successCondition: String?
  var failureCondition: String?
  var result: ConditionValue
  var classification: Classification

  // MARK: - Text

  func text() -> String {
    var out = "result: \(result.shape.goTypeName) \(result.goDescription)\n"
    out += line(.success, successCondition, classification.successValue)
    out += line(.failure, failureCondition, classification.failureValue)
    out += "→ \(classification.phase.rawValue): \(reason())\n"
    if let note = nanNote() { out += "note: \(note)\n" }
    return out
  }

  private func line(_ role: ConditionRole, _ expression: String?, _ value: Bool?) -> String {
    guard let expression else { return "" }
    if let value { return "\(role.rawValue) `\(expression)` is \(value)\n" }
    guard classification.failedCondition == role, let failure = classification.failure else {
      return "\(role.rawValue) `\(expression)` was not evaluated (the other condition failed first)\n"
    }
    let stage =
      switch failure.kind {
      case .compile: "does not compile for a \(result.shape.goTypeName) result"
      case .runtime: "failed while evaluating"
      case .notBool: "is not a bool"
      }
    var out = "\(role.rawValue) `\(expression)` \(stage): \(failure.message.trimmingTrailingSpaces)\n"
    if let error = failure.exprError, let source = error.sourceLine {
      out += "   | \(source)\n"
      out += "   | " + String(repeating: " ", count: max(0, error.column - 1)) + "^\n"
    }
    let hint: String?
    if let error = failure.exprError {
      hint = ConditionDiagnostics.hint(for: error, shape: result.shape)
    } else {
      hint = "a condition must be true or false: compare the value, e.g. result[0] >= 0.95"
    }
    if let hint { out += "   hint: \(hint)\n" }
    return out
  }

  private func reason() -> String {
    if classification.phase == .error { return classification.message ?? "the condition could not be evaluated" }
    let success = classification.successValue
    let failure = classification.failureValue
    switch (successCondition, failureCondition) {
    case (nil, nil):
      return "no conditions: Argo counts every measurement Successful (its docs say Inconclusive; the code wins)"
    case (.some, nil):
      return success == true
        ? "successCondition is true"
        : "successCondition is false, and without a failureCondition not succeeding is failing"
    case (nil, .some):
      return failure == true
        ? "failureCondition is true"
        : "failureCondition is false, and without a successCondition not failing is succeeding"
    case (.some, .some):
      if failure == true {
        return success == true
          ? "failureCondition is true; it is checked first and wins although successCondition is true too"
          : "failureCondition is true"
      }
      if success == true { return "failureCondition is false and successCondition is true" }
      return "neither condition is true"
    }
  }

  private func nanNote() -> String? {
    guard classification.phase == .failed || classification.phase == .inconclusive else { return nil }
    let hasNaN: Bool =
      switch result {
      case .float(let f): f.isNaN
      case .vector(let v): v.contains { $0.isNaN }
      default: false
      }
    return hasNaN ? "NaN compares false with everything; handle it with isNaN(…)" : nil
  }

  // MARK: - JSON

  /// `{"phase": …, "success": …, "failure": …, "message": …}` with keys in that order.
  func json() -> String {
    func bool(_ value: Bool?) -> String { value.map { $0 ? "true" : "false" } ?? "null" }
    func quoted(_ text: String) -> String { JSONQuoting.quote(text, escaping: .goWithoutHTML) }
    let message = classification.message.map(quoted) ?? "null"
    return "{\"phase\": \(quoted(classification.phase.rawValue)), \"success\": \(bool(classification.successValue)), "
      + "\"failure\": \(bool(classification.failureValue)), \"message\": \(message)}"
  }

  // MARK: - Unreadable --result

  static func resultError(_ error: ResultParseError, text: String, useColor: Bool) -> String {
    var hint: String?
    if let first = text.trimmingLeadingSpaces.first, first.isLetter, !["true", "false", "null"].contains(text) {
      hint = "to pass a string, quote it as JSON: --result '\"\(text)\"'"
    }
    let diagnostic = Diagnostic.error(
      "--result is not valid JSON: \(error.message)",
      at: SourceLocation(file: "--result", line: 1, column: error.column), hint: hint)
    let renderer = DiagnosticRenderer(
      sources: ["--result": SourceText(path: "--result", text: text)], useColor: useColor)
    return renderer.render(diagnostic)
  }
}

extension String {
  fileprivate var trimmingTrailingSpaces: String {
    var text = self
    while text.last == " " { text.removeLast() }
    return text
  }

  fileprivate var trimmingLeadingSpaces: Substring { drop { $0 == " " } }
}
