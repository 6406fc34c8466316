import VirtualTime

/// What a Web metric's endpoint answers over virtual time (scenario `providers.web.<metric>`).
///
/// The answer at instant t is the last phase starting at or before t. A body may carry `${SIGNAL}`
/// placeholders, replaced by the signal's value at the measurement (`{"errorRate": ${canary.errorRate}}`).
public struct WebModel: Sendable, Hashable {
  public struct Response: Sendable, Hashable {
    public var status: Int
    public var body: String
    /// How long the endpoint takes to answer; at or beyond the metric's timeout the request fails.
    public var latency: SimDuration
    /// The endpoint never answers (the request times out).
    public var timeout: Bool

    public init(status: Int = 200, body: String = "", latency: SimDuration = .zero, timeout: Bool = false) {
      self.status = status
      self.body = body
      self.latency = latency
      self.timeout = timeout
    }
  }

  public struct Phase: Sendable, Hashable {
    /// Virtual time (since the update) from which this response is given.
    public var from: SimInstant
    public var response: Response
    public init(from: SimInstant, response: Response) {
      self.from = from
      self.response = response
    }
  }

  /// Sorted by `from`; the first phase also answers before its start.
  public var phases: [Phase]

  public init(_ response: Response) { phases = [Phase(from: .zero, response: response)] }

  public init(phases: [Phase]) { self.phases = phases.sorted { $0.from < $1.from } }

  public func response(at instant: SimInstant) -> Response? {
    phases.last { $0.from <= instant }?.response ?? phases.first?.response
  }
}
