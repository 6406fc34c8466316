import SimKernel
import VirtualTime

/// How long a new pod takes to become Ready: a fixed time or a uniform range drawn per pod.
public enum PodStartup: Sendable, Hashable {
  case fixed(SimDuration)
  case range(min: SimDuration, max: SimDuration)
  /// Pods never become ready (an image that crashes, a failing readiness probe).
  case never

  public static let `default` = PodStartup.fixed(.seconds(10))

  func draw(_ rng: inout SeededRandom) -> SimDuration? {
    switch self {
    case .fixed(let d): return d
    case .range(let low, let high):
      guard high > low else { return low }
      return .milliseconds(rng.uniform(low.milliseconds...high.milliseconds))
    case .never: return nil
    }
  }
}
