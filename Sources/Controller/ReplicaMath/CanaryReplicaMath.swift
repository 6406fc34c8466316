import Foundation

/// The controller's replica arithmetic for canary rollouts, ported from
/// utils/replicaset/canary.go (argo-semantics §3.5–3.7). Floating-point steps keep Go's operation
/// order so ties round exactly as the controller's do.
public enum CanaryReplicaMath {
  /// `approximateWeightedCanaryStableReplicaCounts`: the closest (canary, stable) pair to `weight`,
  /// possibly summing to N+1 when surge is allowed; ties go to more canary pods.
  public static func approximate(
    replicas n: Int, weight: Int, maxWeight: Int, maxSurge: Int
  ) -> (canary: Int, stable: Int) {
    if n == 0 { return (0, 0) }
    let ceilCount = Int((Double(n * weight) / Double(maxWeight)).rounded(.up))
    let floorCount = Int((Double(n * weight) / Double(maxWeight)).rounded(.down))
    let zeroAllowed = weight == maxWeight || weight == 0 || (n == 1 && maxSurge == 0)
    var options: [(canary: Int, total: Int)] = []
    if ceilCount < n || zeroAllowed { options.append((ceilCount, n)) }
    if !tied(weight: weight, maxWeight: maxWeight, total: n) && (floorCount != 0 || zeroAllowed) {
      options.append((floorCount, n))
    }
    if maxSurge > 0 {
      options.append((ceilCount, n + 1))
      if !tied(weight: weight, maxWeight: maxWeight, total: n + 1) && (floorCount != 0 || zeroAllowed) {
        options.append((floorCount, n + 1))
      }
    }
    guard var best = options.first else { return (0, n) }
    var bestDelta = delta(weight: weight, maxWeight: maxWeight, canary: best.canary, total: best.total)
    for option in options.dropFirst() {
      let d = delta(weight: weight, maxWeight: maxWeight, canary: option.canary, total: option.total)
      if d < bestDelta {
        best = option
        bestDelta = d
      }
    }
    return (best.canary, best.total - best.canary)
  }

  /// `floorCeilingTied`: the fractional part of total × (weight / maxWeight) is exactly 0.5.
  static func tied(weight: Int, maxWeight: Int, total: Int) -> Bool {
    let product = Double(total) * (Double(weight) / Double(maxWeight))
    return product - product.rounded(.towardZero) == 0.5
  }

  static func delta(weight: Int, maxWeight: Int, canary: Int, total: Int) -> Double {
    abs(Double(canary * maxWeight) / Double(total) - Double(weight))
  }

  /// Inputs of `CalculateReplicaCountsForBasicCanary`.
  public struct BasicInput: Sendable, Hashable {
    public var replicas: Int
    public var desiredWeight: Int
    public var maxWeight: Int
    public var maxSurge: Int
    public var maxUnavailable: Int
    public var newRS: ReplicaSetCounts?
    /// nil when there is no stable ReplicaSet.
    public var stableRS: ReplicaSetCounts?
    /// True when the stable ReplicaSet is the new one (nothing to split).
    public var stableIsNew: Bool
    public var otherRSs: [ReplicaSetCounts]

    public init(
      replicas: Int, desiredWeight: Int, maxWeight: Int = 100, maxSurge: Int, maxUnavailable: Int,
      newRS: ReplicaSetCounts?, stableRS: ReplicaSetCounts?, stableIsNew: Bool = false,
      otherRSs: [ReplicaSetCounts] = []
    ) {
      self.replicas = replicas
      self.desiredWeight = desiredWeight
      self.maxWeight = maxWeight
      self.maxSurge = maxSurge
      self.maxUnavailable = maxUnavailable
      self.newRS = newRS
      self.stableRS = stableRS
      self.stableIsNew = stableIsNew
      self.otherRSs = otherRSs
    }
  }

  /// `CalculateReplicaCountsForBasicCanary`: the (new, stable) spec counts for this reconcile, moving
  /// towards the ideal split without breaking maxSurge / maxUnavailable.
  public static func basic(_ input: BasicInput) -> (new: Int, stable: Int) {
    let n = input.replicas
    var (desiredNew, desiredStable) = approximate(
      replicas: n, weight: input.desiredWeight, maxWeight: input.maxWeight, maxSurge: input.maxSurge)
    var newCount = input.newRS?.spec ?? 0
    var stableCount = 0
    let scaleStable = input.stableRS != nil && !input.stableIsNew
    if scaleStable, let stable = input.stableRS {
      stableCount = stable.spec
    } else {
      desiredNew = n
      desiredStable = 0
    }
    let maxAllowed = n + input.maxSurge
    var total = input.otherRSs.reduce(0) { $0 + $1.spec } + (input.newRS?.spec ?? 0)
    if scaleStable { total += input.stableRS?.spec ?? 0 }
    var scaleUp = maxAllowed - total

    if scaleStable, let stable = input.stableRS, stable.spec < desiredStable, scaleUp > 0 {
      if stable.spec + scaleUp < desiredStable {
        stableCount = stable.spec + scaleUp
        scaleUp = 0
      } else {
        stableCount = desiredStable
        scaleUp -= desiredStable - stable.spec
      }
    }
    if let newRS = input.newRS, newRS.spec < desiredNew, scaleUp > 0 {
      newCount = newRS.spec + scaleUp < desiredNew ? newRS.spec + scaleUp : desiredNew
    }
    if input.otherRSs.reduce(0, { $0 + $1.spec }) > 0 { return (newCount, stableCount) }

    let minAvailable = n - input.maxUnavailable
    let increasing = input.newRS == nil || desiredNew >= input.newRS!.spec
    let toScaleDown =
      replicasForScaleDown(input.newRS, ignoreAvailability: !increasing)
      + replicasForScaleDown(input.stableRS, ignoreAvailability: increasing)
    if toScaleDown <= minAvailable { return (newCount, stableCount) }
    let scaleDown = toScaleDown - minAvailable
    if !increasing {
      newCount = scaleDownCount(input.newRS, desired: desiredNew, by: scaleDown, current: newCount)
      (newCount, stableCount) = adjustWithinLimits(
        drain: input.newRS, adjust: input.stableRS, drainCount: newCount, adjustCount: stableCount,
        maxAllowed: maxAllowed, minAvailable: minAvailable)
    } else if scaleStable {
      stableCount = scaleDownCount(input.stableRS, desired: desiredStable, by: scaleDown, current: stableCount)
      (stableCount, newCount) = adjustWithinLimits(
        drain: input.stableRS, adjust: input.newRS, drainCount: stableCount, adjustCount: newCount,
        maxAllowed: maxAllowed, minAvailable: minAvailable)
    }
    return (newCount, stableCount)
  }

  /// `GetReplicasForScaleDown`.
  static func replicasForScaleDown(_ rs: ReplicaSetCounts?, ignoreAvailability: Bool) -> Int {
    guard let rs else { return 0 }
    if rs.spec < rs.available { return rs.spec }
    return ignoreAvailability ? rs.spec : rs.available
  }

  /// `calculateScaleDownReplicaCount`.
  static func scaleDownCount(_ rs: ReplicaSetCounts?, desired: Int, by amount: Int, current: Int) -> Int {
    guard let rs, rs.spec > desired else { return current }
    return max(desired, rs.spec - amount)
  }

  /// `adjustReplicaWithinLimits`.
  static func adjustWithinLimits(
    drain: ReplicaSetCounts?, adjust: ReplicaSetCounts?, drainCount: Int, adjustCount: Int,
    maxAllowed: Int, minAvailable: Int
  ) -> (drain: Int, adjust: Int) {
    var drainCount = drainCount, adjustCount = adjustCount
    var over = max(0, adjustCount + drainCount - maxAllowed)
    var totalAvailable = 0
    if let drain { totalAvailable += min(drain.available, drainCount) }
    if let adjust {
      adjustCount -= over
      totalAvailable += min(adjust.available, adjustCount)
      let extraAvailable = max(0, adjust.available - adjustCount)
      let moreNeeded = max(0, minAvailable - totalAvailable)
      adjustCount += min(extraAvailable, moreNeeded)
      over = max(0, adjustCount + drainCount - maxAllowed)
      drainCount -= over
    }
    return (drainCount, adjustCount)
  }

  /// `trafficWeightToReplicas`: ceil(weight × replicas / maxWeight).
  public static func replicasForWeight(replicas: Int, weight: Int, maxWeight: Int) -> Int {
    Int((Double(weight) * Double(replicas) / Double(maxWeight)).rounded(.up))
  }

  /// Inputs of `CalculateReplicaCountsForTrafficRoutedCanary`.
  public struct TrafficRoutedInput: Sendable {
    public var replicas: Int
    /// `setCanaryScale.replicas` in force, if any.
    public var canaryScaleReplicas: Int?
    /// The weight that sizes the canary (setCanaryScale.weight or the step weight).
    public var desiredWeight: Int
    public var maxWeight: Int
    public var minPodsPerReplicaSet: Int?
    public var dynamicStableScale: Bool
    /// `status.canary.weights` as persisted (canary, stable), if any.
    public var persistedWeights: (canary: Int, stable: Int)?
    public var aborted: Bool

    public init(
      replicas: Int, canaryScaleReplicas: Int? = nil, desiredWeight: Int, maxWeight: Int = 100,
      minPodsPerReplicaSet: Int? = nil, dynamicStableScale: Bool = false,
      persistedWeights: (canary: Int, stable: Int)? = nil, aborted: Bool = false
    ) {
      self.replicas = replicas
      self.canaryScaleReplicas = canaryScaleReplicas
      self.desiredWeight = desiredWeight
      self.maxWeight = maxWeight
      self.minPodsPerReplicaSet = minPodsPerReplicaSet
      self.dynamicStableScale = dynamicStableScale
      self.persistedWeights = persistedWeights
      self.aborted = aborted
    }
  }

  /// `CalculateReplicaCountsForTrafficRoutedCanary`: surge/unavailable do not apply; stable stays at N
  /// unless dynamicStableScale.
  public static func trafficRouted(_ input: TrafficRoutedInput) -> (canary: Int, stable: Int) {
    let n = input.replicas
    var canary =
      input.canaryScaleReplicas
      ?? minPods(replicasForWeight(replicas: n, weight: input.desiredWeight, maxWeight: input.maxWeight), input)
    guard input.dynamicStableScale else { return (canary, n) }
    var stable = replicasForWeight(replicas: n, weight: input.maxWeight - input.desiredWeight, maxWeight: input.maxWeight)
    if let weights = input.persistedWeights {
      stable = max(stable, replicasForWeight(replicas: n, weight: weights.stable, maxWeight: input.maxWeight))
      if input.aborted {
        canary = max(canary, replicasForWeight(replicas: n, weight: weights.canary, maxWeight: input.maxWeight))
      }
    }
    return (minPods(canary, input), minPods(stable, input))
  }

  /// `CheckMinPodsPerReplicaSet`: a non-zero count is raised to minPodsPerReplicaSet (capped at N).
  static func minPods(_ count: Int, _ input: TrafficRoutedInput) -> Int {
    guard count != 0, let minimum = input.minPodsPerReplicaSet else { return count }
    return max(count, min(minimum, input.replicas))
  }
}
