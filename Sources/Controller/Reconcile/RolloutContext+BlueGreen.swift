import VirtualTime

/// rollout/bluegreen.go (see issue 7).
extension RolloutContext {
  mutating func rolloutBlueGreen() {
    record("Unsupported", "blue-green rollouts are not simulated yet", warning: true)
  }

  func blueGreenNewReplicas(_ strategy: BlueGreenStrategy) -> Int { spec.replicas }

  mutating func scaleDownOldReplicaSetsForBlueGreen(_ names: [String]) -> Bool { false }

  mutating func reconcilePrePromotionAnalysisRun(_ strategy: BlueGreenStrategy) -> AnalysisRunView? { nil }

  mutating func reconcilePostPromotionAnalysisRun(_ strategy: BlueGreenStrategy) -> AnalysisRunView? { nil }
}
