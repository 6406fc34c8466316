import Conditions
import Testing

/// The evaluator reuses compiled programs and environments between evaluations: each evaluation
/// must still see its own `result`, whatever came before, and errors must not stick.
@Suite struct EvaluatorReuseTests {
  @Test func eachEvaluationSeesItsOwnResult() {
    let evaluator = ConditionEvaluator()
    let condition = "len(result) == 0 || isNaN(result[0]) || result[0] > 0.9"
    let results: [(ConditionValue, Bool?)] = [
      (.vector([0.95]), true), (.vector([0.5]), false), (.vector([]), true), (.vector([.nan]), true),
      (.float(0.95), nil), (.vector([0.91]), true), (.vector([0.2, 0.99]), false),
    ]
    for _ in 0..<3 {
      for (result, expected) in results {
        switch evaluator.evaluate(condition, result: result) {
        case .success(let verdict): #expect(verdict == expected, "\(result)")
        case .failure(let failure): #expect(expected == nil, "\(result): \(failure.message)")
        }
      }
    }
    #expect(evaluator.compilations == 2)  // one program per result type
  }

  @Test func manyConditionsInTurn() {
    let evaluator = ConditionEvaluator()
    // More conditions than the recent list holds, used round-robin.
    let conditions = (0..<12).map { "result[0] > \($0).5" }
    for round in 0..<3 {
      for (i, condition) in conditions.enumerated() {
        let value = Double(i + round)
        guard case .success(let verdict) = evaluator.evaluate(condition, result: .vector([value])) else {
          Issue.record("\(condition) failed")
          continue
        }
        #expect(verdict == (value > Double(i) + 0.5))
      }
    }
    #expect(evaluator.compilations == 12)
  }
}
