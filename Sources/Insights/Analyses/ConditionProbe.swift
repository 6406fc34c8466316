import Conditions

/// What a metric's conditions make of particular results, found by evaluating them the way Argo does
/// (``MeasurementClassifier``) rather than by reading the expression: `len(result) == 0 || …`,
/// `isNaN(result[0])`, `default(result[0], 1) > 0.9` and failure conditions all come out right.
struct ConditionProbe: Sendable {
  var successCondition: String?
  var failureCondition: String?
  var classifier = MeasurementClassifier()

  init(successCondition: String?, failureCondition: String?) {
    self.successCondition = successCondition
    self.failureCondition = failureCondition
  }

  init(_ metric: QueryMetric) {
    self.init(successCondition: metric.successCondition, failureCondition: metric.failureCondition)
  }

  func phase(_ result: ConditionValue) -> MeasurementPhase {
    classifier.classify(successCondition: successCondition, failureCondition: failureCondition, result: result).phase
  }

  /// An empty Prometheus vector (the query matched nothing) counts as Successful.
  var passesOnNoData: Bool { phase(.vector([])) == .successful }

  /// Which way a ratio in [0, 1] must move to stop passing, and where it stops passing.
  struct RatioThreshold: Sendable, Equatable {
    /// Success-rate style: values at or above `threshold` pass, lower ones do not.
    var higherIsBetter: Bool
    /// The boundary between passing and not passing.
    var threshold: Double

    /// The share of failed requests above which a measurement stops passing.
    var errorShareLimit: Double { higherIsBetter ? 1 - threshold : threshold }
  }

  /// The boundary for a one-element vector in [0, 1], when the conditions pass on one side of a
  /// single boundary only; nil otherwise (no conditions, both ends pass, several boundaries…).
  var ratioThreshold: RatioThreshold? {
    func passes(_ x: Double) -> Bool { phase(.vector([x])) == .successful }
    let samples = stride(from: 0.0, through: 1.0, by: 0.125).map(passes)
    let changes = zip(samples, samples.dropFirst()).count { $0 != $1 }
    guard changes == 1, let low = samples.first, let high = samples.last, low != high else { return nil }
    var passing = low ? 0.0 : 1.0
    var failing = low ? 1.0 : 0.0
    for _ in 0..<60 {
      let middle = (passing + failing) / 2
      if passes(middle) { passing = middle } else { failing = middle }
    }
    return RatioThreshold(higherIsBetter: high, threshold: (passing + failing) / 2)
  }
}
