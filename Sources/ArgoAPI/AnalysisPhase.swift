/// The phase of a measurement, a metric or a whole AnalysisRun (`v1alpha1.AnalysisPhase`): the
/// analysis engine computes it, the controller reads it from the runs it owns.
public enum AnalysisPhase: String, Sendable, Hashable, Codable, CaseIterable {
  case pending = "Pending"
  case running = "Running"
  case successful = "Successful"
  case failed = "Failed"
  case error = "Error"
  case inconclusive = "Inconclusive"

  /// `AnalysisPhase.Completed()`: Successful, Failed, Error and Inconclusive are final.
  public var isCompleted: Bool {
    switch self {
    case .successful, .failed, .error, .inconclusive: true
    case .pending, .running: false
    }
  }

  /// `analysisStatusOrder` (utils/analysis/helpers.go), best to worst. Running and Pending sit between
  /// Successful and Inconclusive there, though only completed phases are ever compared.
  static let order: [AnalysisPhase] = [.successful, .running, .pending, .inconclusive, .error, .failed]

  /// `IsWorse(current, new)`: whether `new` is a worse outcome than `self`.
  public func isWorse(_ new: AnalysisPhase) -> Bool {
    (Self.order.firstIndex(of: new) ?? 0) > (Self.order.firstIndex(of: self) ?? 0)
  }
}
