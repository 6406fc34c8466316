import Diagnostics

/// Validation as the Argo Rollouts controller does it, plus the checks that catch what would make an
/// AnalysisRun go Error, over a whole ``ManifestSet`` (so references between objects are resolved).
public enum Validator {
  /// Every finding about the set, in reading order. Does not include the set's own loading diagnostics.
  public static func validate(_ set: ManifestSet) -> [Diagnostic] {
    var context = ValidationContext(set: set)
    context.run()
    return context.diagnostics
  }
}
