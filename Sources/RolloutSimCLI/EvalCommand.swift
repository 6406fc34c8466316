import ArgumentParser
import Conditions
import Diagnostics

extension RolloutSim {
  struct Eval: PerformingCommand {
    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
      case text, json
    }

    static let configuration = CommandConfiguration(
      abstract: "Evaluate a successCondition / failureCondition against a result, as Argo Rollouts would.",
      discussion: """
        Conditions are expr-lang expressions (v1.17.8, the version Argo Rollouts uses), compiled against \
        the type of the result exactly as Argo does, so a condition that is a compile error for a \
        Prometheus vector is reported here too. The measurement phase follows Argo's code: failure is \
        checked first; no conditions at all is Successful; both set and neither true is Inconclusive; \
        any error is Error.

        --result takes JSON, plus NaN, Inf and -Inf wherever a number may stand:
          3.5             a Prometheus scalar (float64)
          [0.97, 0.02]    a Prometheus vector ([]float64); [] is an empty one
          null            no data (nil), as from Datadog or a Job
          {"a": 1}        a Web metric object (map[string]interface {})
          "ok", true      a Web metric string or bool

        Examples (conditions from real AnalysisTemplates):
          rollout-sim eval --success 'result[0] >= 0.95' --result '[0.97]'
          rollout-sim eval --success 'result[0] >= 0.95' --result '[]'
          rollout-sim eval --success 'len(result) == 0 || result[0] < 0.05' \\
              --result '[]'
          rollout-sim eval --success 'result[0] >= 0.9' --failure 'result[0] < 0.5' \\
              --result '[0.7]'
          rollout-sim eval --success 'isNaN(result) || result >= 0.95' --result NaN
          rollout-sim eval --success 'default(result, 0) < 10' --result null
          rollout-sim eval --success "result.status == 'healthy'" \\
              --result '{"status": "healthy"}'
          rollout-sim eval --failure 'result > 5' --result 3 --format json

        Exit codes: 0 evaluated (whatever the phase); 2 --result is not valid JSON; 64 usage error.
        """)

    @Option(name: .customLong("success"), help: ArgumentHelp("The successCondition.", valueName: "expr"))
    var successCondition: String?

    @Option(name: .customLong("failure"), help: ArgumentHelp("The failureCondition.", valueName: "expr"))
    var failureCondition: String?

    @Option(help: ArgumentHelp("The measurement value as JSON (see above).", valueName: "json"))
    var result: String

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func perform(_ output: inout CommandOutput) throws {
      let value: ConditionValue
      switch ConditionValue.parse(json: result) {
      case .success(let parsed):
        value = parsed
      case .failure(let error):
        output.writeError(EvalReport.resultError(error, text: result, useColor: output.useColor))
        output.exitCode = ExitStatus.invalidInput
        return
      }
      let classification = MeasurementClassifier().classify(
        successCondition: successCondition, failureCondition: failureCondition, result: value)
      let report = EvalReport(
        successCondition: successCondition.flatMap { $0.isEmpty ? nil : $0 },
        failureCondition: failureCondition.flatMap { $0.isEmpty ? nil : $0 }, result: value,
        classification: classification)
      switch format {
      case .text: output.write(report.text())
      case .json: output.print(report.json())
      }
    }
  }
}
