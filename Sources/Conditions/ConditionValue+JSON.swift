import Expr

/// A `result` written as JSON could not be read.
public struct ResultParseError: Error, Sendable, Hashable {
  /// Go's encoding/json message, e.g. "invalid character 'h' looking for beginning of value".
  public var message: String
  /// 1-based column (in characters) of the problem in the text.
  public var column: Int
}

extension ConditionValue {
  /// Reads a result written as JSON, extended with `NaN`, `Inf`, `+Inf`, `-Inf` wherever a number may
  /// stand (Prometheus values). Objects are `map[string]interface {}`, strings and bools stay, numbers
  /// are `float64`, `null` is nil. An array whose elements are all numbers (or an empty array) is a
  /// Prometheus vector `[]float64` when `numberArraysAreVectors`; other arrays are `[]interface {}`.
  public static func parse(json text: String, numberArraysAreVectors: Bool = true)
    -> Result<ConditionValue, ResultParseError>
  {
    switch GoJSON.decode(text, allowNonFinite: true) {
    case .failure(let failure):
      let prefix = text.utf8.prefix(failure.offset)
      let column = String(decoding: prefix, as: UTF8.self).count + 1
      return .failure(ResultParseError(message: failure.message, column: column))
    case .success(let value):
      var result = ConditionValue(value)
      if numberArraysAreVectors, case .list(let elements) = result {
        var numbers: [Double] = []
        for element in elements {
          guard case .float(let number) = element else { return .success(result) }
          numbers.append(number)
        }
        result = .vector(numbers)
      }
      return .success(result)
    }
  }

  /// A Web metric's `result` from a response body, as Argo's web provider shapes it without a
  /// jsonPath: the parsed JSON document, or the raw body as a string when it is not JSON.
  public static func webResult(body: String) -> ConditionValue {
    switch GoJSON.decode(body) {
    case .success(let value): ConditionValue(value)
    case .failure: .string(body)
    }
  }
}
