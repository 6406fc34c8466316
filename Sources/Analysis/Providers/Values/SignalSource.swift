import VirtualTime

/// Named signals of the simulated world (`canary.errorRate`, `stable.latency.p99`, a curve) read at
/// an instant. The simulation supplies it; values bindings and Web bodies read it.
public protocol SignalSource: Sendable {
  func value(of signal: String, at instant: SimInstant) -> SignalReading
}

public enum SignalReading: Sendable, Hashable {
  case value(Double)
  /// The signal exists but has no value at this instant (Datadog's empty series: `result` is nil).
  case noData
  /// No such signal; the message says why.
  case unknown(String)
}

/// Signals given as functions of time, for tests and `analyze`.
public struct FunctionSignals: SignalSource {
  public var signals: [String: @Sendable (SimInstant) -> Double?]

  public init(_ signals: [String: @Sendable (SimInstant) -> Double?]) { self.signals = signals }

  public func value(of signal: String, at instant: SimInstant) -> SignalReading {
    guard let f = signals[signal] else {
      return .unknown("rollout-sim: unknown signal \"\(signal)\"; known: \(signals.keys.sorted().joined(separator: ", "))")
    }
    return f(instant).map(SignalReading.value) ?? .noData
  }
}

/// Signals answered by a function (the simulation's `WorldSnapshot.signal`): nil means the signal is
/// unknown, NaN that it has no value at that instant.
public struct ClosureSignals: SignalSource {
  public var lookup: @Sendable (String, SimInstant) -> Double?

  public init(_ lookup: @escaping @Sendable (String, SimInstant) -> Double?) { self.lookup = lookup }

  public func value(of signal: String, at instant: SimInstant) -> SignalReading {
    guard let value = lookup(signal, instant) else {
      return .unknown("rollout-sim: the scenario has no signal \"\(signal)\"")
    }
    return value.isNaN ? .noData : .value(value)
  }
}
