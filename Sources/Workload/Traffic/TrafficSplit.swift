/// How traffic splits at one instant: the backends user traffic reaches (with their shares), plus any
/// extra test streams sent straight to a Service (blue-green preview testing). The simulation builds
/// one from the router's state (Istio host or subset weights, the OpenShift Route's `to` and
/// `alternateBackends`, the nginx canary weight) or from pod counts when there is no router.
public struct TrafficSplit: Sendable, Equatable {
  /// Backends of the user traffic (`WorkloadModel.rps`); shares are fractions of it.
  public var backends: [Backend]
  /// Extra streams with their own rates and backends.
  public var tests: [TestTraffic]

  public init(backends: [Backend], tests: [TestTraffic] = []) {
    self.backends = backends
    self.tests = tests
  }

  public static let empty = TrafficSplit(backends: [])

  /// Without a traffic router a shared Service spreads requests over all ready pods, so each backend's
  /// share is its pod count over the total (argo-semantics §3.5). `podCounts[i]` belongs to
  /// `backends[i]`; when absent, `backends[i].pods.count` is used.
  public static func byReplicaRatio(_ backends: [Backend], podCounts: [Int]? = nil) -> TrafficSplit {
    let counts = backends.indices.map { i in max(0, podCounts.flatMap { i < $0.count ? $0[i] : nil } ?? backends[i].pods.count) }
    let total = counts.reduce(0, +)
    var shared = backends
    for i in shared.indices { shared[i].share = total > 0 ? Double(counts[i]) / Double(total) : 0 }
    return TrafficSplit(backends: shared)
  }
}

/// A stream of requests with its own rate, e.g. smoke tests against a blue-green preview Service.
/// Its requests are telemetry like any other but are counted apart from user traffic.
public struct TestTraffic: Sendable, Equatable {
  public var name: String
  /// Requests per second.
  public var rate: Curve
  /// Where the stream goes; shares are fractions of this stream.
  public var backends: [Backend]
  /// Who sends it; nil means the model's source.
  public var source: TrafficSource?

  public init(name: String, rate: Curve, backends: [Backend], source: TrafficSource? = nil) {
    self.name = name
    self.rate = rate
    self.backends = backends
    self.source = source
  }
}
