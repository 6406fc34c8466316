import Diagnostics

/// Validation as the Argo Rollouts controller does it, plus the checks that catch what would make an
/// AnalysisRun go Error, over a whole ``ManifestSet`` (so references between objects are resolved).
public enum Validator {
  /// Every finding about the set, in reading order, duplicates removed. Does not repeat the set's own
  /// loading diagnostics (`set.diagnostics`); show both.
  public static func validate(_ set: ManifestSet) -> [Diagnostic] {
    var context = ValidationContext(set: set)
    context.run()
    return DiagnosticBag(context.diagnostics).sorted
  }
}
