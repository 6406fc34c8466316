import Foundation
import Diagnostics

/// Argo's `ValidateMetric` (utils/analysis/factory.go) on a metric after arg substitution, plus the
/// provider and condition mistakes that make measurements Error or quietly meaningless.
extension ValidationContext {
  mutating func validateMetric(_ metric: Metric, original: Metric) {
    func value(_ field: Located<IntOrString>?, _ name: String) -> Int? {
      guard let field else { return 0 }
      if case .string(let s) = field.value, GoStrconv.atoi(s) == nil {
        if !s.contains("{{") {
          warning(
            "\(name) \"\(s)\" is not a number: Argo reads it as 0", at: field,
            hint: "write a plain integer", rule: "metric-spec")
          return 0
        }
        return nil  // depends on an argument without a value: unknown here
      }
      return field.value.intValue
    }
    let count = value(metric.count, "count")
    let failureLimit = value(metric.failureLimit, "failureLimit")
    let successLimit = value(metric.consecutiveSuccessLimit, "consecutiveSuccessLimit")
    let inconclusiveLimit = value(metric.inconclusiveLimit, "inconclusiveLimit")
    let errorLimit = metric.consecutiveErrorLimit.flatMap { value($0, "consecutiveErrorLimit") }
    let hint = "the AnalysisRun ends in phase Error (\"Analysis spec invalid\")"
    func at(_ field: Located<IntOrString>?) -> SourceLocation { field?.location ?? metric.name?.location ?? metric.location }

    if let successLimit, successLimit < 0 {
      error("consecutiveSuccessLimit must be >= 0", at: at(metric.consecutiveSuccessLimit), hint: hint, rule: "metric-spec")
    }
    if let failureLimit, failureLimit < -1 {
      error("failureLimit must be >= 0, or -1 to be disabled", at: at(metric.failureLimit), hint: hint, rule: "metric-spec")
    }
    if successLimit == 0, failureLimit == -1 {
      error("failureLimit and consecutiveSuccessLimit cannot both be disabled", at: at(metric.failureLimit), hint: hint, rule: "metric-spec")
    }
    if let inconclusiveLimit, inconclusiveLimit < 0 {
      error("inconclusiveLimit must be >= 0", at: at(metric.inconclusiveLimit), hint: hint, rule: "metric-spec")
    }
    if let errorLimit, errorLimit < 0 {
      error("consecutiveErrorLimit must be >= 0", at: at(metric.consecutiveErrorLimit), hint: hint, rule: "metric-spec")
    }
    if let count, count > 0, let failureLimit, let successLimit {
      // Go's int arithmetic wraps; so does `&+`, and absurd limits cannot trap.
      if successLimit >= 0, failureLimit >= 0, count < failureLimit &+ successLimit {
        error(
          "count (\(count)) must be >= failureLimit + consecutiveSuccessLimit (\(failureLimit) + \(successLimit)) if both >= 0",
          at: at(metric.count), hint: hint, rule: "metric-spec")
      } else if successLimit >= 0, failureLimit < 0, count < successLimit {
        error("count must be >= consecutiveSuccessLimit", at: at(metric.count), hint: hint, rule: "metric-spec")
      }
    }
    if let count, count > 0, let inconclusiveLimit, count < inconclusiveLimit {
      error("count must be >= inconclusiveLimit", at: at(metric.count), hint: hint, rule: "metric-spec")
    }
    if let count, count > 1, (metric.interval?.value ?? "").isEmpty {
      error(
        "interval must be specified when count > 1", at: at(metric.count),
        hint: "add an interval such as 1m; \(hint)", rule: "metric-spec")
    }
    for (field, name) in [(metric.interval, "interval"), (metric.initialDelay, "startDelay")] {
      guard let field, !field.value.isEmpty, !field.value.contains("{{"), let problem = MetricDuration.problem(field.value) else { continue }
      error(
        "invalid \(name) string: \(problem.goError ?? "invalid duration")", at: field,
        hint: problem.hint.map { "\($0); \(hint)" } ?? hint, rule: "metric-duration")
    }
    if let step = metric.provider.prometheus?.rangeQuery?.step, !step.value.isEmpty, !step.value.contains("{{"),
      let problem = MetricDuration.problem(step.value)
    {
      error(problem.goError ?? "invalid duration", at: step, hint: problem.hint, rule: "metric-duration")
    }

    let providers = metric.provider.names
    if providers.isEmpty {
      let providerNode = original.node["provider"]
      let looksLikePrometheus = providerNode?["query"] != nil || providerNode?["address"] != nil
      error(
        "no provider specified", at: providerNode?.location ?? metric.name?.location ?? metric.location,
        hint: looksLikePrometheus
          ? "address and query are written directly under provider: the `prometheus:` line is missing; \(hint)"
          : "a metric needs exactly one provider: prometheus, web, job, datadog, … or a plugin; \(hint)",
        rule: "metric-provider")
    } else if providers.count > 1 {
      error(
        "multiple providers specified", at: metric.provider.location,
        hint: "\(providers.joined(separator: ", ")): keep one per metric; \(hint)", rule: "metric-provider")
    }
    validateProviderDetails(metric)
    validateConditions(metric)
  }

  private mutating func validateProviderDetails(_ metric: Metric) {
    if let prometheus = metric.provider.prometheus, (prometheus.query?.value ?? "").isEmpty {
      warning(
        "the Prometheus provider has no query", at: prometheus.location,
        hint: "every measurement would be an Error", rule: "metric-provider")
    }
    if let job = metric.provider.job {
      validatePodSpec(
        job.spec["template"]?["spec"], path: "provider.job.spec.template.spec", owner: job.spec["template"] ?? job.spec,
        forReplicaSet: false)
      for condition in [metric.successCondition, metric.failureCondition].compactMap({ $0 }) {
        warning(
          "the Job provider ignores successCondition and failureCondition", at: condition,
          hint: "a Job measurement is Successful when the Job succeeds and Failed when it fails", rule: "job-conditions")
      }
    }
  }

  /// Conditions are expr-lang expressions over `result`; `args.x` is not a variable there, and HTML
  /// left over from a web page (`</pre>`) is not expr.
  private mutating func validateConditions(_ metric: Metric) {
    for (key, field) in [("successCondition", metric.successCondition), ("failureCondition", metric.failureCondition)] {
      guard let condition = field else { continue }
      let text = condition.value
      if let tag = text.firstMatch(of: /<\/?[a-zA-Z][a-zA-Z0-9]*>/) {
        let markup = String(text[tag.range])
        let start = location(of: markup, in: metric.node[key] ?? metric.node)
        warning(
          "the condition contains the HTML tag \(markup), which is not an expression", at: start, length: markup.count,
          hint: "remove \(markup): it is not valid expr syntax, so every measurement would be an Error", rule: "condition")
      }
      guard let range = text.range(of: "args.") else { continue }
      let before = text[..<range.lowerBound]
      if before.hasSuffix("{{") || before.hasSuffix("{{ ") { continue }
      warning(
        "conditions only see `result`: args.\(text[range.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) is an unknown name there",
        at: condition, hint: "write {{args.NAME}} to substitute the argument's value into the condition", rule: "condition")
    }
  }
}
