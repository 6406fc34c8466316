import Analysis

/// The condition evaluator `analyze` uses.
enum AnalyzeConditions {
  static let evaluator: any ConditionEvaluating = ExprConditions()
}
