/// Known fields of the Rollout, from pkg/apis/rollouts/v1alpha1/types.go.
enum RolloutSchemas {
  typealias C = CoreSchemas

  static let podTemplateMetadata = ObjectSchema("PodTemplateMetadata", ["labels": stringMap, "annotations": stringMap])
  static let analysisRunMetadata = ObjectSchema("AnalysisRunMetadata", ["labels": stringMap, "annotations": stringMap])

  static let fieldRef = ObjectSchema("FieldRef", ["fieldPath": str], required: ["fieldPath"])
  static let argumentValueFrom = ObjectSchema(
    "ArgumentValueFrom", ["podTemplateHashValue": str, "fieldRef": obj(fieldRef)],
    misplaced: ["secretKeyRef": "a Rollout's analysis args cannot read Secrets; declare the arg with `valueFrom.secretKeyRef` in the AnalysisTemplate instead"])
  static let analysisRunArgument = ObjectSchema(
    "AnalysisRunArgument", ["name": str, "value": str, "valueFrom": obj(argumentValueFrom)], required: ["name"])
  static let analysisTemplateRef = ObjectSchema(
    "AnalysisTemplateRef", ["templateName": str, "clusterScope": bool],
    misplaced: [
      "name": "`name` here looks like an analysis argument: arguments go under `args:` beside `templates:`",
      "value": "`value` here looks like an analysis argument: arguments go under `args:` beside `templates:`",
      "valueFrom": "`valueFrom` here looks like an analysis argument: arguments go under `args:` beside `templates:`",
      "args": "`args` belongs beside `templates:`, not inside a template reference",
    ])
  static let dryRun = ObjectSchema("DryRun", ["metricName": str], required: ["metricName"])
  static let measurementRetention = ObjectSchema("MeasurementRetention", ["metricName": str, "limit": i32], required: ["metricName", "limit"])

  static let rolloutAnalysis = ObjectSchema(
    "RolloutAnalysis",
    [
      "templates": list(analysisTemplateRef), "args": list(analysisRunArgument), "dryRun": list(dryRun),
      "measurementRetention": list(measurementRetention), "analysisRunMetadata": obj(analysisRunMetadata),
    ],
    misplaced: ["templateName": "templates are listed under `templates:` as `- templateName: NAME`"])
  static let rolloutAnalysisBackground = ObjectSchema(
    "RolloutAnalysisBackground",
    [
      "templates": list(analysisTemplateRef), "args": list(analysisRunArgument), "dryRun": list(dryRun),
      "measurementRetention": list(measurementRetention), "analysisRunMetadata": obj(analysisRunMetadata),
      "startingStep": i32,
    ],
    misplaced: ["templateName": "templates are listed under `templates:` as `- templateName: NAME`"])

  // MARK: Steps

  static let rolloutPause = ObjectSchema("RolloutPause", ["duration": intOrStr])
  static let templateService = ObjectSchema("TemplateService", ["name": str])
  static let rolloutExperimentTemplate = ObjectSchema(
    "RolloutExperimentTemplate",
    [
      "name": str, "specRef": str, "replicas": i32, "metadata": obj(podTemplateMetadata),
      "selector": obj(C.labelSelector),
      "weight": i32,
      "service": obj(templateService),
    ], required: ["name", "specRef"])
  static let experimentStepAnalysis = ObjectSchema(
    "RolloutExperimentStepAnalysisTemplateRef",
    [
      "name": str, "templateName": str, "clusterScope": bool, "args": list(analysisRunArgument),
      "requiredForCompletion": bool,
    ], required: ["name", "templateName"])
  static let rolloutExperimentStep = ObjectSchema(
    "RolloutExperimentStep",
    [
      "templates": list(rolloutExperimentTemplate), "duration": str, "analyses": list(experimentStepAnalysis),
      "dryRun": list(dryRun), "analysisRunMetadata": obj(analysisRunMetadata), "scaleDownDelaySeconds": i32,
    ], required: ["templates"])
  static let setCanaryScale = ObjectSchema(
    "SetCanaryScale", ["weight": i32, "replicas": i32, "matchTrafficWeight": bool])
  static let stringMatch = ObjectSchema("StringMatch", ["exact": str, "prefix": str, "regex": str])
  static let headerRoutingMatch = ObjectSchema(
    "HeaderRoutingMatch", ["headerName": str, "headerValue": obj(stringMatch)], required: ["headerName", "headerValue"])
  static let setHeaderRoute = ObjectSchema("SetHeaderRoute", ["name": str, "match": list(headerRoutingMatch)])
  static let routeMatch = ObjectSchema(
    "RouteMatch", ["method": obj(stringMatch), "path": obj(stringMatch), "headers": FieldSchema(.map(.object(stringMatch)))])
  static let setMirrorRoute = ObjectSchema(
    "SetMirrorRoute", ["name": str, "match": list(routeMatch), "percentage": i32], required: ["name"])
  static let pluginStep = ObjectSchema("PluginStep", ["name": str, "config": anyValue], required: ["name"])

  static let canaryStep = ObjectSchema(
    "CanaryStep",
    [
      "setWeight": i32, "pause": obj(rolloutPause), "experiment": obj(rolloutExperimentStep),
      "analysis": obj(rolloutAnalysis), "setCanaryScale": obj(setCanaryScale),
      "setHeaderRoute": obj(setHeaderRoute), "setMirrorRoute": obj(setMirrorRoute),
      "plugin": obj(pluginStep, .notModelled("step plugins run external code that rollout-sim cannot simulate; the step never completes in a run")),
    ],
    misplaced: [
      "templates": "`templates` belongs inside an `analysis:` or `experiment:` step",
      "args": "`args` belongs inside an `analysis:` step, beside `templates:`",
      "duration": "a pause is written `- pause: {duration: 30s}`",
    ])

  // MARK: Traffic routing

  static let tlsRoute = ObjectSchema("TLSRoute", ["port": i64, "sniHosts": strings])
  static let tcpRoute = ObjectSchema("TCPRoute", ["port": i64])
  static let istioVirtualService = ObjectSchema(
    "IstioVirtualService", ["name": str, "routes": strings, "tlsRoutes": list(tlsRoute), "tcpRoutes": list(tcpRoute)], required: ["name"])
  static let istioDestinationRule = ObjectSchema(
    "IstioDestinationRule",
    ["name": str, "canarySubsetName": str, "stableSubsetName": str, "additionalSubsetNames": strings], required: ["name", "canarySubsetName", "stableSubsetName"])
  static let istio = ObjectSchema(
    "IstioTrafficRouting",
    [
      "virtualService": obj(istioVirtualService), "destinationRule": obj(istioDestinationRule),
      "virtualServices": list(istioVirtualService),
    ])
  static let nginx = ObjectSchema(
    "NginxTrafficRouting",
    [
      "annotationPrefix": notModelled(.string, "NGINX annotations are not simulated; only the canary weight is"),
      "stableIngress": str, "stableIngresses": strings,
      "additionalIngressAnnotations": notModelled(.map(.string), "NGINX annotations are not simulated; only the canary weight is"),
      "canaryIngressAnnotations": notModelled(.map(.string), "NGINX annotations are not simulated; only the canary weight is"),
    ])
  static let stickinessConfig = ObjectSchema("StickinessConfig", ["enabled": bool, "durationSeconds": i64], required: ["enabled", "durationSeconds"])
  static let alb = ObjectSchema(
    "ALBTrafficRouting",
    [
      "ingress": str, "servicePort": i32, "rootService": str,
      "annotationPrefix": notModelled(.string, "ALB annotations are not simulated; only the canary weight is"),
      "stickinessConfig": obj(stickinessConfig, .notModelled("ALB target-group stickiness is not simulated")),
      "ingresses": strings,
    ], required: ["servicePort"])
  static let smi = ObjectSchema("SMITrafficRouting", ["rootService": str, "trafficSplitName": str])
  static let ambassador = ObjectSchema("AmbassadorTrafficRouting", ["mappings": strings], required: ["mappings"])
  static let appMeshRef = ObjectSchema("AppMeshVirtualNodeReference", ["name": str], required: ["name"])
  static let appMeshVirtualService = ObjectSchema("AppMeshVirtualService", ["name": str, "routes": strings], required: ["name"])
  static let appMeshNodeGroup = ObjectSchema(
    "AppMeshVirtualNodeGroup", ["canaryVirtualNodeRef": obj(appMeshRef), "stableVirtualNodeRef": obj(appMeshRef)], required: ["canaryVirtualNodeRef", "stableVirtualNodeRef"])
  static let appMesh = ObjectSchema(
    "AppMeshTrafficRouting", ["virtualService": obj(appMeshVirtualService), "virtualNodeGroup": obj(appMeshNodeGroup)])
  static let traefik = ObjectSchema("TraefikTrafficRouting", ["weightedTraefikServiceName": str], required: ["weightedTraefikServiceName"])
  static let apisixRoute = ObjectSchema("ApisixRoute", ["name": str, "rules": strings], required: ["name"])
  static let apisix = ObjectSchema("ApisixTrafficRouting", ["route": obj(apisixRoute)])
  static let managedRoute = ObjectSchema("MangedRoutes", ["name": str], required: ["name"])

  static let trafficRouting = ObjectSchema(
    "RolloutTrafficRouting",
    [
      "istio": obj(istio), "nginx": obj(nginx), "alb": obj(alb), "smi": obj(smi), "ambassador": obj(ambassador),
      "appMesh": obj(appMesh), "traefik": obj(traefik), "managedRoutes": list(managedRoute), "apisix": obj(apisix),
      "plugins": FieldSchema(.map(.any)), "maxTrafficWeight": i32,
    ])

  // MARK: Strategies

  static let antiAffinityReason = "pod anti-affinity only affects scheduling, which rollout-sim does not simulate"
  static let pingPong = ObjectSchema("PingPongSpec", ["pingService": str, "pongService": str], required: ["pingService", "pongService"])
  static let replicaProgressThreshold = ObjectSchema("ReplicaProgressThreshold", ["type": str, "value": i32], required: ["type", "value"])

  static let canary = ObjectSchema(
    "CanaryStrategy",
    [
      "canaryService": str, "stableService": str, "steps": list(canaryStep), "trafficRouting": obj(trafficRouting),
      "maxUnavailable": intOrStr, "maxSurge": intOrStr, "analysis": obj(rolloutAnalysisBackground),
      "antiAffinity": notModelled(.any, antiAffinityReason), "canaryMetadata": obj(podTemplateMetadata),
      "stableMetadata": obj(podTemplateMetadata), "scaleDownDelaySeconds": i32, "scaleDownDelayRevisionLimit": i32,
      "abortScaleDownDelaySeconds": i32, "dynamicStableScale": bool, "pingPong": obj(pingPong),
      "minPodsPerReplicaSet": i32, "replicaProgressThreshold": obj(replicaProgressThreshold),
    ],
    misplaced: ["setWeight": "`setWeight` is a step: write it under `steps:` as `- setWeight: 20`"])

  static let blueGreen = ObjectSchema(
    "BlueGreenStrategy",
    [
      "activeService": str, "previewService": str, "previewReplicaCount": i32, "autoPromotionEnabled": bool,
      "autoPromotionSeconds": i32, "maxUnavailable": intOrStr, "scaleDownDelaySeconds": i32,
      "scaleDownDelayRevisionLimit": i32, "prePromotionAnalysis": obj(rolloutAnalysis),
      "antiAffinity": notModelled(.any, antiAffinityReason), "postPromotionAnalysis": obj(rolloutAnalysis),
      "previewMetadata": obj(podTemplateMetadata), "activeMetadata": obj(podTemplateMetadata),
      "abortScaleDownDelaySeconds": i32,
    ], required: ["activeService"],
    misplaced: ["steps": "blue-green has no steps; steps belong to `canary:`"])

  static let strategy = ObjectSchema("RolloutStrategy", ["blueGreen": obj(blueGreen), "canary": obj(canary)])

  static let objectRef = ObjectSchema("ObjectRef", ["apiVersion": str, "kind": str, "name": str, "scaleDown": str])
  static let rollbackWindow = ObjectSchema("RollbackWindowSpec", ["revisions": i32])
  static let analysisRunStrategy = ObjectSchema(
    "AnalysisRunStrategy", ["successfulRunHistoryLimit": i32, "unsuccessfulRunHistoryLimit": i32])

  static let spec = ObjectSchema(
    "RolloutSpec",
    [
      "replicas": i32, "selector": obj(C.labelSelector), "template": obj(C.podTemplateSpec),
      "workloadRef": obj(objectRef), "minReadySeconds": i32, "rollbackWindow": obj(rollbackWindow),
      "strategy": obj(strategy), "revisionHistoryLimit": i32, "paused": bool, "progressDeadlineSeconds": i32,
      "progressDeadlineAbort": bool,
      "restartAt": notModelled(.string, "pod restarts are not simulated"),
      "analysis": obj(analysisRunStrategy),
    ],
    misplaced: ["canary": "`canary` belongs under `strategy:`", "blueGreen": "`blueGreen` belongs under `strategy:`"])

  static let rollout = CoreSchemas.topLevel("Rollout", spec: obj(spec), required: ["spec"])
}
