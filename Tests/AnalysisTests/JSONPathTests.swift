import Testing

@testable import Analysis

@Suite struct JSONPathTests {
  static let document: ResultValue = {
    guard case .success(let v) = JSONParser.parse(
      #"{"status": "ok", "message": "It worked!", "data": {"rate": 0.97, "ok": true}, "items": [{"x": 1}, {"x": 2}, {"x": 3}], "a.b": 7, "empty": []}"#)
    else { return .null }
    return v
  }()

  func first(_ path: String) throws -> ResultValue? {
    try JSONPath(path).findResults(Self.document).lazy.compactMap(\.first).first
  }

  @Test(arguments: [
    ("{$.status}", ResultValue.string("ok")),
    ("{.status}", .string("ok")),
    ("{$.data.rate}", .number(0.97)),
    ("{$.items[0].x}", .number(1)),
    ("{$.items[-1].x}", .number(3)),
    ("{$.items[*].x}", .number(1)),
    ("{$.items[1:].x}", .number(2)),
    ("{$.items[?(@.x > 1)].x}", .number(2)),
    ("{$.items[?(@.x == 3)].x}", .number(3)),
    ("{$..rate}", .number(0.97)),
    ("{$.data['ok']}", .bool(true)),
    ("$.status", .string("$.status")),
  ])
  func selects(path: String, expected: ResultValue) throws {
    #expect(try first(path) == expected)
  }

  @Test func wholeDocument() throws {
    #expect(try first("{$}") == Self.document)
  }

  @Test(arguments: [
    ("{$.missing}", "missing is not found"),
    ("{$.items[5]}", "array index out of bounds: index 5, length 3"),
    ("{$.status[0]}", "string is not array or slice"),
    ("{status}", "unrecognized identifier status"),
  ])
  func evaluationErrors(path: String, message: String) {
    #expect(throws: JSONPath.Failure(message: message)) { try first(path) }
  }

  @Test(arguments: [("{$.status", "unclosed action"), ("{$.items[x]}", "invalid array index x"), ("{$&}", "unrecognized character in action: U+0026 '&'")])
  func parseErrors(path: String, message: String) {
    #expect(throws: JSONPath.Failure(message: message)) { try JSONPath(path) }
  }

  @Test func emptyWildcardProducesNothing() throws {
    #expect(try first("{$.empty[*]}") == nil)
  }
}
