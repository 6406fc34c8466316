import Controller
import Testing

/// Rows 1–12 of argo-semantics §11 (from utils/replicaset/canary_test.go), one reconcile's output each.
@Suite struct CanaryReplicaMathTests {
  struct ApproximateCase: Sendable, CustomStringConvertible {
    var row: Int, n: Int, weight: Int, surge: Int, canary: Int, stable: Int
    var description: String { "row \(row): N=\(n) W=\(weight) surge=\(surge)" }
  }

  static let approximateCases: [ApproximateCase] = [
    .init(row: 1, n: 10, weight: 15, surge: 0, canary: 2, stable: 8),
    .init(row: 2, n: 3, weight: 50, surge: 0, canary: 2, stable: 1),
    .init(row: 2, n: 3, weight: 50, surge: 1, canary: 2, stable: 2),
    .init(row: 3, n: 1, weight: 49, surge: 0, canary: 0, stable: 1),
    .init(row: 3, n: 1, weight: 50, surge: 0, canary: 1, stable: 0),
    .init(row: 4, n: 1, weight: 1, surge: 1, canary: 1, stable: 1),
    .init(row: 4, n: 1, weight: 99, surge: 1, canary: 1, stable: 1),
    .init(row: 5, n: 10, weight: 1, surge: 1, canary: 1, stable: 10),
    .init(row: 5, n: 10, weight: 18, surge: 1, canary: 2, stable: 9),
    .init(row: 5, n: 10, weight: 24, surge: 1, canary: 3, stable: 8),
    .init(row: 5, n: 10, weight: 99, surge: 1, canary: 10, stable: 1),
    .init(row: 0, n: 0, weight: 50, surge: 1, canary: 0, stable: 0),
    .init(row: 0, n: 5, weight: 100, surge: 1, canary: 5, stable: 0),
    .init(row: 0, n: 5, weight: 0, surge: 1, canary: 0, stable: 5),
  ]

  @Test(arguments: approximateCases)
  func approximate(_ c: ApproximateCase) {
    let result = CanaryReplicaMath.approximate(replicas: c.n, weight: c.weight, maxWeight: 100, maxSurge: c.surge)
    #expect(result.canary == c.canary && result.stable == c.stable, "\(c): got \(result)")
  }

  @Test func row6SurgeScalesCanaryFirst() {
    let out = CanaryReplicaMath.basic(
      .init(
        replicas: 10, desiredWeight: 20, maxSurge: 2, maxUnavailable: 0,
        newRS: .init(spec: 0, available: 0), stableRS: .init(spec: 10, available: 10)))
    #expect(out.new == 2 && out.stable == 10)
    // Next reconcile, canary available: stable drains to 8.
    let next = CanaryReplicaMath.basic(
      .init(
        replicas: 10, desiredWeight: 20, maxSurge: 2, maxUnavailable: 0,
        newRS: .init(spec: 2, available: 2), stableRS: .init(spec: 10, available: 10)))
    #expect(next.new == 2 && next.stable == 8)
  }

  @Test func row7NoRoomToSurgeDrainsStableFirst() {
    let out = CanaryReplicaMath.basic(
      .init(
        replicas: 10, desiredWeight: 30, maxSurge: 0, maxUnavailable: 2,
        newRS: .init(spec: 0, available: 0), stableRS: .init(spec: 10, available: 10)))
    #expect(out.new == 0 && out.stable == 8)
  }

  @Test func row8UnavailableFlooredToZeroIsForcedToOne() {
    let fence = Fenceposts.resolve(maxSurge: .count(0), maxUnavailable: .percent("10%"), replicas: 5)
    #expect(fence.maxSurge == 0 && fence.maxUnavailable == 1)
    let first = CanaryReplicaMath.basic(
      .init(
        replicas: 5, desiredWeight: 20, maxSurge: fence.maxSurge, maxUnavailable: fence.maxUnavailable,
        newRS: .init(spec: 0, available: 0), stableRS: .init(spec: 5, available: 5)))
    #expect(first.new == 0 && first.stable == 4)
    let second = CanaryReplicaMath.basic(
      .init(
        replicas: 5, desiredWeight: 20, maxSurge: fence.maxSurge, maxUnavailable: fence.maxUnavailable,
        newRS: .init(spec: 0, available: 0), stableRS: .init(spec: 4, available: 4)))
    #expect(second.new == 1 && second.stable == 4)
  }

  @Test func row9OlderReplicaSetBlocksScaleDown() {
    let out = CanaryReplicaMath.basic(
      .init(
        replicas: 10, desiredWeight: 30, maxSurge: 1, maxUnavailable: 0,
        newRS: .init(spec: 0, available: 0), stableRS: .init(spec: 1, available: 1),
        otherRSs: [.init(spec: 3, available: 3)]))
    #expect(out.new == 1 && out.stable == 7)
  }

  @Test func row10AbortScalesCanaryDownOnePodAtATime() {
    let out = CanaryReplicaMath.basic(
      .init(
        replicas: 4, desiredWeight: 0, maxSurge: 1, maxUnavailable: 0,
        newRS: .init(spec: 4, available: 4), stableRS: .init(spec: 1, available: 1)))
    #expect(out.new == 3 && out.stable == 1)
  }

  @Test func noStableMeansNewGoesToFullSize() {
    let out = CanaryReplicaMath.basic(
      .init(
        replicas: 4, desiredWeight: 20, maxSurge: 1, maxUnavailable: 1,
        newRS: .init(spec: 0, available: 0), stableRS: nil))
    #expect(out.new == 4 && out.stable == 0)
  }

  @Test func row11TrafficRoutedCanaryRoundsUpAndHonoursMinPods() {
    let plain = CanaryReplicaMath.trafficRouted(.init(replicas: 10, desiredWeight: 5))
    #expect(plain.canary == 1 && plain.stable == 10)
    let minPods = CanaryReplicaMath.trafficRouted(.init(replicas: 10, desiredWeight: 5, minPodsPerReplicaSet: 2))
    #expect(minPods.canary == 2 && minPods.stable == 10)
  }

  @Test func row12SetCanaryScaleWeightAbove100() {
    let out = CanaryReplicaMath.trafficRouted(.init(replicas: 4, desiredWeight: 200))
    #expect(out.canary == 8 && out.stable == 4)
  }

  @Test func dynamicStableScaleKeepsStableUntilTrafficMoves() {
    let out = CanaryReplicaMath.trafficRouted(
      .init(replicas: 10, desiredWeight: 50, dynamicStableScale: true, persistedWeights: (canary: 20, stable: 80)))
    #expect(out.canary == 5 && out.stable == 8)
    let aborting = CanaryReplicaMath.trafficRouted(
      .init(
        replicas: 10, desiredWeight: 0, dynamicStableScale: true, persistedWeights: (canary: 50, stable: 50),
        aborted: true))
    #expect(aborting.canary == 5 && aborting.stable == 10)
  }

  @Test(arguments: [
    (CountOrPercent.percent("25"), CountOrPercent.percent("25"), 10, 3, 2),
    (.percent("25%"), .percent("25%"), 4, 1, 1),
    (.percent("3"), .count(0), 100, 3, 0),
    (.count(0), .count(0), 10, 0, 1),
    (.count(2), .count(20), 10, 2, 10),
    (.count(1), .count(1), 0, 1, 0),
  ] as [(CountOrPercent, CountOrPercent, Int, Int, Int)])
  func fenceposts(surge: CountOrPercent, unavailable: CountOrPercent, replicas: Int, expectedSurge: Int, expectedUnavailable: Int) {
    let out = Fenceposts.resolve(maxSurge: surge, maxUnavailable: unavailable, replicas: replicas)
    #expect(out.maxSurge == expectedSurge && out.maxUnavailable == expectedUnavailable)
  }
}
