/// Known fields of AnalysisTemplate / ClusterAnalysisTemplate / AnalysisRun / Experiment, from
/// pkg/apis/rollouts/v1alpha1/{analysis_types,experiment_types}.go.
enum AnalysisSchemas {
  typealias R = RolloutSchemas
  typealias C = CoreSchemas

  static let secretKeyRef = ObjectSchema("SecretKeyRef", ["name": str, "key": str], required: ["name", "key"])
  static let valueFrom = ObjectSchema(
    "ValueFrom", ["secretKeyRef": obj(secretKeyRef), "fieldRef": obj(R.fieldRef)],
    misplaced: ["podTemplateHashValue": "`podTemplateHashValue` is resolved by the Rollout: set it in the Rollout's analysis args"])
  static let argument = ObjectSchema("Argument", ["name": str, "value": str, "valueFrom": obj(valueFrom)], required: ["name"])

  static let header = ObjectSchema("WebMetricHeader", ["key": str, "value": str], required: ["key", "value"])
  static let authentication = FieldSchema(.any)
  static let rangeQuery = ObjectSchema("PrometheusRangeQueryArgs", ["start": str, "end": str, "step": str])
  static let prometheus = ObjectSchema(
    "PrometheusMetric",
    [
      "address": str, "query": str, "authentication": authentication, "timeout": i64, "insecure": bool,
      "headers": list(header), "rangeQuery": obj(rangeQuery),
    ])
  static let web = ObjectSchema(
    "WebMetric",
    [
      "method": str, "url": str, "headers": list(header), "body": str, "timeoutSeconds": i64, "jsonPath": str,
      "insecure": bool, "jsonBody": anyValue, "authentication": authentication,
    ], required: ["url"],
    misplaced: ["timeout": "the Web provider's timeout is `timeoutSeconds`"])
  static let job = ObjectSchema(
    "JobMetric", ["metadata": obj(C.objectMeta), "spec": obj(C.jobSpec)], required: ["spec"])

  /// Providers rollout-sim has no model of its own for: their values come from the scenario's
  /// `providers.values` bindings, so their configuration is kept raw.
  static let rawProviders = ["kayenta", "datadog", "wavefront", "newRelic", "cloudWatch", "graphite", "influxdb", "skywalking"]

  static let provider = ObjectSchema(
    "MetricProvider",
    [
      "prometheus": obj(prometheus), "kayenta": anyValue, "web": obj(web), "datadog": anyValue,
      "wavefront": anyValue, "newRelic": anyValue, "job": obj(job), "cloudWatch": anyValue, "graphite": anyValue,
      "influxdb": anyValue, "skywalking": anyValue, "plugin": FieldSchema(.map(.any)),
    ],
    misplaced: [
      "address": "`address` belongs to a provider: is the `prometheus:` line missing above it?",
      "query": "`query` belongs to a provider: is the `prometheus:` line missing above it?",
      "url": "`url` belongs to a provider: is the `web:` line missing above it?",
    ])

  static let metric = ObjectSchema(
    "Metric",
    [
      "name": str, "interval": str, "initialDelay": str, "count": intOrStr, "successCondition": str,
      "failureCondition": str, "failureLimit": intOrStr, "inconclusiveLimit": intOrStr,
      "consecutiveErrorLimit": intOrStr, "provider": obj(provider), "consecutiveSuccessLimit": intOrStr,
    ], required: ["name", "provider"],
    misplaced: [
      "prometheus": "`prometheus` belongs under `provider:`",
      "web": "`web` belongs under `provider:`",
      "job": "`job` belongs under `provider:`",
      "args": "`args` belongs to the template's `spec:`, not to a metric",
    ])

  static let templateSpec = ObjectSchema(
    "AnalysisTemplateSpec",
    [
      "metrics": list(metric), "args": list(argument), "dryRun": list(R.dryRun),
      "measurementRetention": list(R.measurementRetention), "templates": list(R.analysisTemplateRef),
    ],
    misplaced: [
      "startingStep": "`startingStep` is a field of a Rollout's `strategy.canary.analysis`, not of a template",
      "provider": "`provider` belongs to a metric under `metrics:`",
    ])
  static let analysisTemplate = CoreSchemas.topLevel("AnalysisTemplate", spec: obj(templateSpec), required: ["spec"])
  static let clusterAnalysisTemplate = CoreSchemas.topLevel("ClusterAnalysisTemplate", spec: obj(templateSpec), required: ["spec"])

  static let ttlStrategy = ObjectSchema(
    "TTLStrategy", ["secondsAfterCompletion": i32, "secondsAfterFailure": i32, "secondsAfterSuccess": i32])
  static let runSpec = ObjectSchema(
    "AnalysisRunSpec",
    [
      "metrics": list(metric), "args": list(argument), "terminate": bool, "dryRun": list(R.dryRun),
      "measurementRetention": list(R.measurementRetention),
      "ttlStrategy": obj(ttlStrategy, .notModelled("deleting finished AnalysisRuns is not simulated")),
    ])
  static let analysisRun = CoreSchemas.topLevel("AnalysisRun", spec: obj(runSpec), required: ["spec"])

  // MARK: Experiment

  static let experimentTemplate = ObjectSchema(
    "TemplateSpec",
    [
      "name": str, "replicas": i32, "minReadySeconds": i32, "selector": obj(C.labelSelector),
      "template": obj(C.podTemplateSpec), "service": obj(R.templateService),
    ], required: ["name", "selector", "template"])
  static let experimentAnalysis = ObjectSchema(
    "ExperimentAnalysisTemplateRef",
    [
      "name": str, "templateName": str, "clusterScope": bool, "args": list(argument),
      "requiredForCompletion": bool,
    ], required: ["name", "templateName"])
  static let experimentSpec = ObjectSchema(
    "ExperimentSpec",
    [
      "templates": list(experimentTemplate), "duration": str, "progressDeadlineSeconds": i32, "terminate": bool,
      "analyses": list(experimentAnalysis), "scaleDownDelaySeconds": i32, "dryRun": list(R.dryRun),
      "measurementRetention": list(R.measurementRetention), "analysisRunMetadata": obj(R.analysisRunMetadata),
    ], required: ["templates"])
  static let experiment = CoreSchemas.topLevel("Experiment", spec: obj(experimentSpec), required: ["spec"])
}
