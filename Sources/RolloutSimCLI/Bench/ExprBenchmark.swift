import Conditions
import Expr

/// Issue 3: the typical Prometheus condition on a one-element vector, compiled once and evaluated
/// many times in Argo's environment (≥ 2 M evaluations/s in a release build).
let exprCondition = Benchmark(
  name: "expr.condition", goal: "≥ 2M evaluations/s", unit: "evaluations", defaultIterations: 4_000_000
) { iterations in
  let condition = "len(result) == 0 || isNaN(result[0]) || result[0] <= 0.05"
  let program = try Program.compile(
    condition, environment: ArgoEnvironment.environment(result: .vector([0.03])))
  var environment = ArgoEnvironment.template
  var successes = 0
  for iteration in 0..<iterations {
    // A fresh measurement each time, as an analysis run produces them.
    environment.setValue(.floats([Double(iteration & 127) / 1_000]), at: ArgoEnvironment.resultPosition)
    if case .bool(true) = try program.run(environment) { successes += 1 }
  }
  // Guards against measuring a program that silently stopped doing the work.
  guard successes > 0 else { throw ExprBenchmarkError.conditionNeverHeld }
  return iterations
}

enum ExprBenchmarkError: Error {
  case conditionNeverHeld
}
