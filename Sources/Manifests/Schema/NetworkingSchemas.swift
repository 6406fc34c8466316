/// Known fields of the routing objects: Istio VirtualService / DestinationRule (networking.istio.io
/// v1alpha3, v1beta1 and v1 share the shape) and the OpenShift Route (route.openshift.io/v1).
enum NetworkingSchemas {
  static let portSelector = ObjectSchema("PortSelector", ["number": FieldSchema(.int64)])
  static let destination = ObjectSchema("Destination", ["host": str, "subset": str, "port": obj(portSelector)])
  static let routeDestination = ObjectSchema(
    "HTTPRouteDestination", ["destination": obj(destination), "weight": i32, "headers": anyValue])
  static let percent = ObjectSchema("Percent", ["value": FieldSchema(.number)])
  static let httpRoute = ObjectSchema(
    "HTTPRoute",
    [
      "name": str, "match": anyValue, "route": list(routeDestination), "redirect": anyValue, "directResponse": anyValue,
      "delegate": anyValue, "rewrite": anyValue, "timeout": str, "retries": anyValue, "fault": anyValue,
      "mirror": obj(destination), "mirrors": anyValue, "mirrorPercent": anyValue, "mirrorPercentage": obj(percent),
      "corsPolicy": anyValue, "headers": anyValue,
    ])
  static let tlsMatch = ObjectSchema(
    "TLSMatchAttributes",
    [
      "sniHosts": strings, "destinationSubnets": strings, "port": i64, "sourceLabels": stringMap, "gateways": strings,
      "sourceNamespace": str,
    ])
  static let tlsRoute = ObjectSchema("TLSRoute", ["match": list(tlsMatch), "route": list(routeDestination)])
  static let l4Match = ObjectSchema(
    "L4MatchAttributes",
    [
      "destinationSubnets": strings, "port": i64, "sourceSubnet": str, "sourceLabels": stringMap, "gateways": strings,
      "sourceNamespace": str,
    ])
  static let tcpRoute = ObjectSchema("TCPRoute", ["match": list(l4Match), "route": list(routeDestination)])
  static let virtualServiceSpec = ObjectSchema(
    "VirtualServiceSpec",
    [
      "hosts": strings, "gateways": strings, "http": list(httpRoute), "tls": list(tlsRoute), "tcp": list(tcpRoute),
      "exportTo": strings,
    ])
  static let virtualService = CoreSchemas.topLevel("VirtualService", spec: obj(virtualServiceSpec))

  static let subset = ObjectSchema("Subset", ["name": str, "labels": stringMap, "trafficPolicy": anyValue])
  static let destinationRuleSpec = ObjectSchema(
    "DestinationRuleSpec",
    ["host": str, "trafficPolicy": anyValue, "subsets": list(subset), "exportTo": strings, "workloadSelector": anyValue])
  static let destinationRule = CoreSchemas.topLevel("DestinationRule", spec: obj(destinationRuleSpec))

  static let routeTarget = ObjectSchema("RouteTargetReference", ["kind": str, "name": str, "weight": i32])
  static let routePort = ObjectSchema("RoutePort", ["targetPort": intOrStr])
  static let routeSpec = ObjectSchema(
    "RouteSpec",
    [
      "host": str, "subdomain": str, "path": str, "to": obj(routeTarget), "alternateBackends": list(routeTarget),
      "port": obj(routePort), "tls": anyValue, "wildcardPolicy": str, "httpHeaders": anyValue,
    ])
  static let route = CoreSchemas.topLevel("Route", spec: obj(routeSpec))
}

/// Known fields of the Argo CD Application (argoproj.io/v1alpha1), kept as data for the GitOps check.
enum ApplicationSchemas {
  static let ignoreDifference = ObjectSchema(
    "ResourceIgnoreDifferences",
    [
      "group": str, "kind": str, "name": str, "namespace": str, "jsonPointers": strings,
      "jqPathExpressions": strings, "managedFieldsManagers": strings,
    ])
  static let destination = ObjectSchema("ApplicationDestination", ["server": str, "namespace": str, "name": str])
  static let automated = ObjectSchema("SyncPolicyAutomated", ["prune": bool, "selfHeal": bool, "allowEmpty": bool, "enabled": bool])
  static let syncPolicy = ObjectSchema(
    "SyncPolicy",
    ["automated": obj(automated), "syncOptions": strings, "retry": anyValue, "managedNamespaceMetadata": anyValue])
  static let spec = ObjectSchema(
    "ApplicationSpec",
    [
      "project": str, "source": anyValue, "sources": anyValue, "destination": obj(destination),
      "syncPolicy": obj(syncPolicy), "ignoreDifferences": list(ignoreDifference), "info": anyValue,
      "revisionHistoryLimit": FieldSchema(.int64), "sourceHydrator": anyValue,
    ], required: ["destination", "project"])
  static let application = CoreSchemas.topLevel("Application", spec: obj(spec), extra: ["operation": anyValue])
}
