import ArgoAPI
import Testing

@Suite struct AnalysisPhaseTests {
  @Test func completedPhasesAreTheFinalOnes() {
    #expect(AnalysisPhase.allCases.filter(\.isCompleted) == [.successful, .failed, .error, .inconclusive])
  }

  /// `analysisStatusOrder`: Successful < Running < Pending < Inconclusive < Error < Failed.
  @Test func worseFollowsArgosOrder() {
    #expect(AnalysisPhase.successful.isWorse(.inconclusive))
    #expect(AnalysisPhase.inconclusive.isWorse(.error))
    #expect(AnalysisPhase.error.isWorse(.failed))
    #expect(!AnalysisPhase.failed.isWorse(.error))
    #expect(!AnalysisPhase.error.isWorse(.error))
  }

  @Test func rawValuesAreArgosStrings() {
    #expect(AnalysisPhase.allCases.map(\.rawValue) == ["Pending", "Running", "Successful", "Failed", "Error", "Inconclusive"])
  }
}
