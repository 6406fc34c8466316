/// Known fields of the Kubernetes types the manifests embed (metadata, selectors, pod templates) and of
/// the core kinds rollout-sim reads (Service, Deployment, Secret).
enum CoreSchemas {
  static let objectMeta = ObjectSchema(
    "ObjectMeta",
    [
      "name": str, "namespace": str, "labels": stringMap, "annotations": stringMap, "generateName": str,
      "uid": str, "resourceVersion": str, "generation": i64, "creationTimestamp": anyValue,
      "deletionTimestamp": anyValue, "deletionGracePeriodSeconds": i64, "ownerReferences": anyValue,
      "finalizers": strings, "managedFields": anyValue, "selfLink": str,
    ],
    misplaced: [
      "args": "`args` belongs under `spec:`; is the `spec:` line missing above it?",
      "metrics": "`metrics` belongs under `spec:`; is the `spec:` line missing above it?",
      "strategy": "`strategy` belongs under `spec:`; is the `spec:` line missing above it?",
    ])

  static let labelSelectorRequirement = ObjectSchema(
    "LabelSelectorRequirement", ["key": str, "operator": str, "values": strings], required: ["key", "operator"])
  static let labelSelector = ObjectSchema(
    "LabelSelector", ["matchLabels": stringMap, "matchExpressions": list(labelSelectorRequirement)])

  /// The pod template: metadata is checked, the pod spec is Kubernetes' and opaque to us.
  static let podTemplateSpec = ObjectSchema("PodTemplateSpec", ["metadata": obj(objectMeta), "spec": anyValue])

  /// Top-level fields every object may have.
  static func topLevel(
    _ name: String, spec: FieldSchema, extra: KeyValuePairs<String, FieldSchema> = [:], required: [String] = []
  ) -> ObjectSchema {
    var fields: [(String, FieldSchema)] = [
      ("apiVersion", str), ("kind", str), ("metadata", obj(objectMeta)), ("spec", spec), ("status", anyValue),
    ]
    for (k, v) in extra { fields.append((k, v)) }
    return ObjectSchema(name, fieldList: fields, required: required)
  }

  // MARK: Service

  static let servicePort = ObjectSchema(
    "ServicePort",
    [
      "name": str, "protocol": str, "appProtocol": str, "port": i32, "targetPort": intOrStr, "nodePort": i32,
    ])
  static let serviceSpec = ObjectSchema(
    "ServiceSpec",
    [
      "selector": stringMap, "ports": list(servicePort), "type": str, "clusterIP": str, "clusterIPs": strings,
      "externalIPs": strings, "sessionAffinity": str, "loadBalancerIP": str, "loadBalancerSourceRanges": strings,
      "externalName": str, "externalTrafficPolicy": str, "internalTrafficPolicy": str, "healthCheckNodePort": i32,
      "publishNotReadyAddresses": bool, "sessionAffinityConfig": anyValue, "ipFamilies": strings,
      "ipFamilyPolicy": str, "allocateLoadBalancerNodePorts": bool, "loadBalancerClass": str,
      "trafficDistribution": str,
    ])
  static let service = topLevel("Service", spec: obj(serviceSpec))

  // MARK: Deployment (for workloadRef)

  static let deploymentSpec = ObjectSchema(
    "DeploymentSpec",
    [
      "replicas": i32, "selector": obj(labelSelector), "template": obj(podTemplateSpec), "strategy": anyValue,
      "minReadySeconds": i32, "revisionHistoryLimit": i32, "paused": bool, "progressDeadlineSeconds": i32,
    ])
  static let deployment = topLevel("Deployment", spec: obj(deploymentSpec))

  // MARK: Secret

  static let secret = ObjectSchema(
    "Secret",
    [
      "apiVersion": str, "kind": str, "metadata": obj(objectMeta), "data": stringMap, "stringData": stringMap,
      "type": str, "immutable": bool,
    ])

  // MARK: Job spec (the Job metric provider)

  static let jobSpec = ObjectSchema(
    "JobSpec",
    [
      "template": obj(podTemplateSpec), "backoffLimit": i32, "activeDeadlineSeconds": i64,
      "ttlSecondsAfterFinished": i32, "completions": i32, "parallelism": i32, "completionMode": str,
      "suspend": bool, "selector": obj(labelSelector), "manualSelector": bool, "podFailurePolicy": anyValue,
      "backoffLimitPerIndex": i32, "maxFailedIndexes": i32, "podReplacementPolicy": str, "successPolicy": anyValue,
      "managedBy": str,
    ])
}
