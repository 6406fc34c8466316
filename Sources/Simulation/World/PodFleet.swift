import SimKernel
import VirtualTime

/// The pods behind every ReplicaSet: when each was created, became Ready and became Available
/// (Ready for minReadySeconds). The controller never sees pods, only the counts derived here.
struct PodFleet {
  struct Pod {
    var createdAt: SimInstant
    /// nil: never becomes ready.
    var readyAt: SimInstant?
    var availableAt: SimInstant? { readyAt }
  }

  private(set) var podsByReplicaSet: [String: [Pod]] = [:]
  var startup: [String: PodStartup] = [:]
  var defaultStartup: PodStartup = .default
  var minReady: SimDuration = .zero

  /// Adds or removes pods so `name` has `count`. Returns the instants at which new pods change state,
  /// so the caller can wake the controller then.
  mutating func scale(
    _ name: String, revisionName: String, to count: Int, now: SimInstant, rng: inout SeededRandom
  ) -> [SimInstant] {
    var pods = podsByReplicaSet[name, default: []]
    var wakeUps: [SimInstant] = []
    if pods.count < count {
      let model = startup[revisionName] ?? defaultStartup
      for _ in pods.count..<count {
        let ready = model.draw(&rng).map { now + $0 }
        pods.append(Pod(createdAt: now, readyAt: ready))
        if let ready {
          wakeUps.append(ready)
          if minReady > .zero { wakeUps.append(ready + minReady) }
        }
      }
    } else if pods.count > count {
      // The ReplicaSet controller deletes unready pods first, then the most recently ready.
      pods.sort { lhs, rhs in
        switch (lhs.readyAt, rhs.readyAt) {
        case (nil, nil): return lhs.createdAt < rhs.createdAt
        case (nil, _): return false
        case (_, nil): return true
        case (let l?, let r?): return l != r ? l < r : lhs.createdAt < rhs.createdAt
        }
      }
      pods.removeLast(pods.count - count)
    }
    podsByReplicaSet[name] = pods
    return wakeUps
  }

  mutating func remove(_ name: String) { podsByReplicaSet[name] = nil }

  /// (created, ready, available) pod counts of a ReplicaSet at `now`.
  func counts(_ name: String, at now: SimInstant) -> (replicas: Int, ready: Int, available: Int) {
    let pods = podsByReplicaSet[name] ?? []
    var ready = 0
    var available = 0
    for pod in pods {
      guard let readyAt = pod.readyAt, readyAt <= now else { continue }
      ready += 1
      if readyAt + minReady <= now { available += 1 }
    }
    return (pods.count, ready, available)
  }
}
