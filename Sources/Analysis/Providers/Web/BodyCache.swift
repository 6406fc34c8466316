/// Parsed Web bodies by text: a scenario's endpoints answer the same few bodies thousands of times.
/// Bounded, since bodies with `${SIGNAL}` placeholders vary.
public struct BodyCache: Sendable {
  var parsed: [String: ResultValue?] = [:]
  let capacity = 256

  public init() {}

  mutating func parse(_ body: String) -> ResultValue? {
    if let hit = parsed[body] { return hit }
    let value: ResultValue?
    if case .success(let v) = JSONParser.parse(body) { value = v } else { value = nil }
    if parsed.count >= capacity { parsed.removeAll(keepingCapacity: true) }
    parsed[body] = value
    return value
  }
}
