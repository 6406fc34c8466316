import Diagnostics

/// AnalysisTemplates, ClusterAnalysisTemplates and AnalysisRuns, read the way the AnalysisRun
/// controller reads a run built from them: arg templating, `ValidateMetrics`, dry-run rules, providers.
/// Everything here would end a real run in phase Error (or make it quietly wrong, as warnings).
extension ValidationContext {
  mutating func validateTemplate(_ template: AnalysisTemplate) {
    let spec = template.spec
    let specNode = template.node["spec"]
    // Without any `spec`, the missing-spec error (schema) already says it all.
    if spec.metrics.isEmpty && spec.templates.isEmpty && specNode != nil {
      let misplaced = template.node["metadata"]?.entry("metrics") ?? template.node["metadata"]?.entry("args")
      error(
        "no metrics specified", at: specNode?.location ?? template.node.entry("kind")?.value.location ?? template.location,
        hint: misplaced != nil
          ? "args and metrics are written under metadata: the `spec:` line is missing"
          : "an AnalysisTemplate needs spec.metrics; every run of it ends in phase Error",
        rule: "metric-spec")
    }
    if !spec.templates.isEmpty {
      let resolved = AnalysisRunFactory.resolveTemplates(spec.templates, in: set, namespace: template.metadata.namespace?.value)
      for ref in resolved.cycles {
        error("nested templates form a cycle through '\(ref.templateName?.value ?? "")'", at: ref.location, rule: "analysis-template-ref")
      }
      for ref in resolved.missing {
        warning(
          "\(ref.clusterScope ? "clusteranalysistemplates" : "analysistemplates").argoproj.io \"\(ref.templateName?.value ?? "")\" not found",
          at: ref.templateName ?? Located("", at: ref.location), hint: "the nested template is not among the given manifests",
          rule: "missing-reference")
      }
    }
    // Args and metrics written under metadata (a missing `spec:` line) are read as if they were under
    // spec, so their own problems are reported too.
    var metrics = spec.metrics
    var args = spec.args
    if metrics.isEmpty, spec.templates.isEmpty, let metadata = template.node["metadata"], metadata["metrics"] != nil {
      metrics = metadata.list("metrics", Metric.init(decoding:))
      args = metadata.list("args", AnalysisArgument.init(decoding:))
    }
    validateAnalysis(
      metrics: metrics, args: args, dryRun: spec.dryRun, measurementRetention: spec.measurementRetention,
      namespace: template.metadata.namespace?.value, checkUnused: spec.templates.isEmpty, ownerName: "\(template.kind) \(template.name)")
  }

  mutating func validateAnalysisRun(_ run: AnalysisRun) {
    if run.metrics.isEmpty {
      error("no metrics specified", at: run.node["spec"]?.location ?? run.location, rule: "metric-spec")
    }
    validateAnalysis(
      metrics: run.metrics, args: run.args, dryRun: run.dryRun, measurementRetention: run.measurementRetention,
      namespace: run.metadata.namespace?.value, checkUnused: true, ownerName: "AnalysisRun \(run.name)")
  }

  /// The checks shared by templates and runs.
  mutating func validateAnalysis(
    metrics: [Metric], args: [AnalysisArgument], dryRun: [Located<String>], measurementRetention: [MeasurementRetention],
    namespace: String?, checkUnused: Bool, ownerName: String
  ) {
    let declared = validateArguments(args, namespace: namespace)
    var used = Set<String>()
    var names = Set<String>()
    for metric in metrics {
      if let name = metric.name, !names.insert(name.value).inserted {
        error("duplicate name '\(name.value)'", at: name, hint: "metric names must be unique within a run", rule: "metric-spec")
      }
      used.formUnion(validateTags(in: metric, declared: declared))
      // What the run sees after arg substitution: declared values, secrets as placeholders; args without
      // a value keep their tag text, so the checks below skip fields that depend on them.
      let values = args.map { arg in
        ArgSubstitution.Value(
          name: arg.nameValue,
          value: arg.value?.value ?? (arg.valueFrom.map { _ in "temp-for-secret" } ?? "{{args.\(arg.nameValue)}}"))
      }
      let resolved = (try? ArgSubstitution.resolve(metric, args: values)) ?? metric
      validateMetric(resolved, original: metric)
    }
    let metricNames = metrics.map(\.nameValue)
    for (i, rule) in dryRun.enumerated() where !matchesAny(rule.value, metricNames) {
      error("dryRun[\(i)]: Rule didn't match any metric name(s)", at: rule, hint: "dryRun.metricName is a regular expression over metric names, e.g. '.*'", rule: "dry-run")
    }
    for (i, rule) in measurementRetention.enumerated() where !matchesAny(rule.metricName.value, metricNames) {
      error("measurementRetention[\(i)]: Rule didn't match any metric name(s)", at: rule.metricName, rule: "dry-run")
    }
    if checkUnused {
      for arg in args where !used.contains(arg.nameValue) {
        guard let name = arg.name else { continue }
        warning(
          "argument '\(name.value)' is declared but no metric uses {{args.\(name.value)}}", at: name,
          hint: "remove it, or use it in a query, URL or condition", rule: "unused-arg")
      }
    }
  }

  /// Checks declared args; returns their names.
  private mutating func validateArguments(_ args: [AnalysisArgument], namespace: String?) -> Set<String> {
    var names = Set<String>()
    for arg in args {
      guard let name = arg.name else { continue }
      if !names.insert(name.value).inserted {
        warning("argument '\(name.value)' is declared twice", at: name, rule: "arg-value")
      }
      if arg.value != nil, arg.valueFrom != nil {
        error("arg '\(name.value)' has both Value and ValueFrom fields", at: name, rule: "arg-value")
      }
      switch arg.valueFrom {
      case .fieldRef(let path)?:
        warning(
          "valueFrom.fieldRef in an analysis template is not resolved by the AnalysisRun controller", at: path,
          hint: "the run ends in phase Error (\"argument \\\"\(name.value)\\\" was not supplied\") unless the Rollout passes args.\(name.value)",
          rule: "template-fieldref")
      case .secretKeyRef(let secretName, let key)?:
        if let secret = set.secret(named: secretName.value, namespace: namespace) {
          if secret.value(forKey: key.value) == nil {
            error(
              "key '\(key.value)' does not exist in secret '\(secretName.value)'", at: key,
              hint: "every measurement fails with \"Unable to resolve metric arguments\"", rule: "secret-ref")
          }
        } else {
          warning(
            "secrets \"\(secretName.value)\" not found", at: secretName,
            hint: "the Secret is not among the given manifests; runs end in phase Error unless the cluster has it",
            rule: "missing-reference")
        }
      case nil:
        break
      }
    }
    return names
  }

  /// Tags in the metric: undeclared or unknown tags (run Error), unterminated
  /// `{{`, stray braces. Returns the argument names used.
  private mutating func validateTags(in metric: Metric, declared: Set<String>) -> Set<String> {
    var used = Set<String>()
    var seen: [String: Int] = [:]
    // Argo only substitutes into the fields it knows; a tag in an unknown field never fails a run. Stray
    // braces and argument uses are still worth knowing about there (the field may just be misplaced).
    var known = Set<SourceLocation>()
    SchemaPruner.prune(metric.node, type: .object(AnalysisSchemas.metric)).forEachNode { known.insert($0.location) }
    metric.node.forEachNode { node in
      let isKnownField = known.contains(node.location)
      guard let text = node.stringValue, text.contains("{{") || text.contains("}}") else { return }
      let tags: [ArgTemplate.Tag]
      do {
        tags = try ArgTemplate.tags(in: text)
      } catch {
        guard isKnownField else { return }
        self.error(
          "unterminated {{: no }} follows it", at: location(of: "{{", in: node),
          hint: "close the tag ({{args.NAME}}); every run of this template ends in phase Error", rule: "undeclared-arg")
        return
      }
      for tag in tags {
        let text = "{{\(tag.raw)}}"
        let occurrence = seen[node.location.description + text, default: 0]
        seen[node.location.description + text] = occurrence + 1
        let at = location(of: text, occurrence: occurrence, in: node)
        if let arg = tag.argName, declared.contains(arg) {
          used.insert(arg)
          continue
        }
        if !isKnownField { continue }
        let hint: String
        if let arg = tag.argName {
          let close = Suggestions.closest(to: arg, in: declared.sorted())
          hint = close.map { "did you mean {{args.\($0)}}?" }
            ?? "declare '\(arg)' under spec.args (for a token: valueFrom.secretKeyRef); otherwise every run of this template ends in phase Error"
        } else if tag.raw.hasPrefix("{") {
          hint = "there is one '{' too many: write {{\(tag.raw.dropFirst())}}"
        } else {
          hint = "analysis templates can only use {{args.NAME}}"
        }
        error("failed to resolve {{\(tag.raw)}}", at: at, length: text.count, hint: hint, rule: "undeclared-arg")
      }
      for stray in ArgTemplate.strayBraces(in: text) where stray.brace == "}" {
        let tagText = "{{\(stray.tag.raw)}}}"
        let start = location(of: tagText, in: node)
        let at = SourceLocation(file: start.file, line: start.line, column: start.column + tagText.count - 1)
        warning(
          "stray '}' after {{\(stray.tag.raw)}}: Argo keeps it, so the value ends in '}'", at: at,
          hint: "remove the third closing brace: {{\(stray.tag.raw)}}", rule: "stray-brace")
      }
    }
    return used
  }

  private func matchesAny(_ pattern: String, _ names: [String]) -> Bool {
    guard let regex = try? Regex(pattern) else { return false }
    return names.contains { (try? regex.firstMatch(in: $0)) != nil }
  }

  // MARK: Experiments

  mutating func validateExperiment(_ experiment: Experiment) {
    if let duration = experiment.duration, !duration.value.isEmpty, let problem = MetricDuration.problem(duration.value) {
      error(problem.goError ?? "invalid duration", at: duration, hint: problem.hint, rule: "experiment-duration")
    }
    for template in experiment.templates {
      validatePodTemplate(template.template, selector: template.selector, path: "spec.templates[].template", owner: template.template?.node ?? experiment.node, forReplicaSet: true)
    }
    for analysis in experiment.analyses {
      guard let name = analysis.templateName else { continue }
      let ref = AnalysisTemplateRef(templateName: name, clusterScope: analysis.clusterScope, location: analysis.location)
      if set.template(for: ref, namespace: experiment.metadata.namespace?.value) == nil {
        warning(
          "\(analysis.clusterScope ? "clusteranalysistemplates" : "analysistemplates").argoproj.io \"\(name.value)\" not found",
          at: name, hint: "the template is not among the given manifests", rule: "missing-reference")
      }
    }
  }
}
