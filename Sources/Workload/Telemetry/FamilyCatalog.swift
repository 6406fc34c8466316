import TimeSeries

/// One request path the generator samples: a backend's pod (or the whole backend when its pods are
/// not named) reached by one stream from one source.
struct CellContext {
  var backend: Backend
  var pod: String?
  var source: TrafficSource
}

/// A counter group's identity: every label except `__name__`, the code label(s) and `le`, plus the
/// metric set it emits.
struct GroupKey: Hashable {
  var labels: Labels
  var metricSet: Int
}

/// What each family emits for a cell, with the labels the real exporters use. Built once per model;
/// consulted only when the traffic split changes, never per scrape tick.
struct FamilyCatalog: Sendable {
  let options: TelemetryOptions
  private(set) var metricSets: [MetricSet] = []
  private(set) var layouts: [HistogramLayout] = []
  private var istio: Int?
  private var haproxyBackend: Int?
  private var haproxyServer: Int?
  private var nginx: Int?
  private var http: Int?

  init(options: TelemetryOptions) {
    self.options = options
    let families = Set(options.families)
    if families.contains(.istio) {
      istio = add(
        counter: "istio_requests_total", codeLabels: ["response_code"], style: .exact,
        histogram: ("istio_request_duration_milliseconds", HistogramLayout(bounds: options.istio.buckets, millisecondsPerUnit: 1, style: .envoy)))
    }
    if families.contains(.openshiftRouter) {
      haproxyBackend = add(
        counter: "haproxy_backend_http_responses_total", codeLabels: ["code"], style: .haproxyClasses, histogram: nil)
      haproxyServer = add(
        counter: "haproxy_server_http_responses_total", codeLabels: ["code"], style: .haproxyClasses, histogram: nil)
    }
    if families.contains(.nginxIngress) {
      nginx = add(
        counter: "nginx_ingress_controller_requests", codeLabels: ["status"], style: .exact,
        histogram: (
          "nginx_ingress_controller_request_duration_seconds",
          HistogramLayout(bounds: options.nginxIngress.buckets, millisecondsPerUnit: 1000, style: .goShortest)
        ))
    }
    if families.contains(.http) {
      http = add(
        counter: options.http.requestsMetric,
        codeLabels: options.http.statusLabels.isEmpty ? ["code"] : options.http.statusLabels,
        classLabels: options.http.statusClassLabels, style: .exact,
        histogram: (
          options.http.durationMetric,
          HistogramLayout(bounds: options.http.buckets, millisecondsPerUnit: 1000, style: .goShortest)
        ))
    }
  }

  private mutating func add(
    counter: String, codeLabels: [String], classLabels: [String] = [], style: MetricSet.CodeStyle,
    histogram: (String, HistogramLayout)?
  ) -> Int? {
    var spec: HistogramSpec?
    if let (base, layout) = histogram {
      let index = layouts.firstIndex(of: layout) ?? layouts.count
      spec = HistogramSpec(base: base, layout: layout, layoutIndex: index, options: options)
      if spec != nil, index == layouts.count { layouts.append(layout) }
    }
    let set = MetricSet(
      counter: options.wants(counter) ? counter : nil, codeLabels: codeLabels, codeStyle: style,
      classLabels: classLabels, histogram: spec)
    if set.isEmpty { return nil }
    metricSets.append(set)
    return metricSets.count - 1
  }

  /// The groups a cell's requests count in.
  func groups(for cell: CellContext) -> [GroupKey] {
    var keys: [GroupKey] = []
    if let istio {
      for reporter in options.istio.reporters {
        keys.append(GroupKey(labels: istioLabels(cell, reporter: reporter), metricSet: istio))
      }
    }
    if let route = cell.backend.route {
      if let haproxyBackend {
        keys.append(GroupKey(labels: haproxyBackendLabels(cell, route: route), metricSet: haproxyBackend))
      }
      if let haproxyServer {
        keys.append(GroupKey(labels: haproxyServerLabels(cell, route: route), metricSet: haproxyServer))
      }
    }
    if let nginx, let ingress = cell.backend.ingress {
      keys.append(GroupKey(labels: nginxLabels(cell, ingress: ingress), metricSet: nginx))
    }
    if let http {
      keys.append(GroupKey(labels: httpLabels(cell), metricSet: http))
    }
    return keys
  }

  // MARK: - istio

  /// `istio_requests_total` and `istio_request_duration_milliseconds_*` as Istio's telemetry v2
  /// reports them, plus the target labels of Istio's `kubernetes-pods` scrape job (the scraped pod's
  /// `namespace`, `pod`, `instance` and its labels through `labelmap`).
  func istioLabels(_ cell: CellContext, reporter: IstioOptions.Reporter) -> Labels {
    let backend = cell.backend
    let podLabels = backend.effectivePodLabels
    let source = cell.source
    let service = backend.service
    var pairs: [Label] = []
    // The scraped pod: the destination's for reporter=destination, the source's for reporter=source.
    switch reporter {
    case .destination:
      for (name, value) in podLabels { pairs.append(Label(PodIdentity.sanitize(name), value)) }
      pairs.append(Label("namespace", backend.namespace))
      if let pod = cell.pod {
        pairs.append(Label("pod", pod))
        pairs.append(Label("instance", PodIdentity.ip(for: pod) + ":15020"))
      }
    case .source:
      for (name, value) in source.podLabels { pairs.append(Label(PodIdentity.sanitize(name), value)) }
      pairs.append(Label("namespace", source.namespace))
      if let pod = source.pod {
        pairs.append(Label("pod", pod))
        pairs.append(Label("instance", PodIdentity.ip(for: pod) + ":15020"))
      }
    }
    pairs.append(Label("job", options.istio.job))
    let canonicalService =
      podLabels["service.istio.io/canonical-name"] ?? podLabels["app.kubernetes.io/name"] ?? podLabels["app"]
      ?? backend.workload
    let canonicalRevision =
      podLabels["service.istio.io/canonical-revision"] ?? podLabels["app.kubernetes.io/version"]
      ?? podLabels["version"] ?? "latest"
    pairs += [
      Label("reporter", reporter.rawValue),
      Label("connection_security_policy", reporter == .destination ? "mutual_tls" : "unknown"),
      Label("request_protocol", options.istio.requestProtocol),
      Label("response_flags", "-"),
      Label("source_workload", source.workload),
      Label("source_workload_namespace", source.namespace),
      Label("source_app", source.app),
      Label("source_version", source.version),
      Label("source_canonical_service", source.canonicalService),
      Label("source_canonical_revision", source.canonicalRevision),
      Label("source_principal", source.principal),
      Label("source_cluster", options.istio.cluster),
      Label("destination_workload", backend.workload),
      Label("destination_workload_namespace", backend.namespace),
      Label("destination_app", podLabels["app"] ?? "unknown"),
      Label("destination_version", podLabels["version"] ?? "unknown"),
      Label("destination_canonical_service", canonicalService),
      Label("destination_canonical_revision", canonicalRevision),
      Label("destination_principal", "spiffe://cluster.local/ns/\(backend.namespace)/sa/\(backend.serviceAccount)"),
      Label("destination_cluster", options.istio.cluster),
      Label("destination_service", service.map { "\($0).\(backend.namespace).svc.cluster.local" } ?? "unknown"),
      Label("destination_service_name", service ?? "unknown"),
      Label("destination_service_namespace", service == nil ? "unknown" : backend.namespace),
    ]
    return Labels(pairs)
  }

  // MARK: - openshift-router

  /// The router's own scrape target labels (ServiceMonitor on `router-internal-default`).
  private func routerTargetLabels() -> [Label] {
    let router = options.openshiftRouter
    return [
      Label("namespace", router.namespace), Label("pod", router.pod), Label("service", router.service),
      Label("job", router.service), Label("instance", router.instance), Label("endpoint", "metrics"),
      Label("container", "router"),
    ]
  }

  /// `haproxy_backend_http_responses_total`: one HAProxy backend per Route, so every Service the Route
  /// sends to (`to` and `alternateBackends`) counts in the same series.
  func haproxyBackendLabels(_ cell: CellContext, route: RouteRef) -> Labels {
    Labels(
      routerTargetLabels() + [
        Label("backend", route.termination.backendLabel),
        Label("exported_namespace", route.namespace ?? cell.backend.namespace),
        Label("route", route.name),
      ])
  }

  /// `haproxy_server_http_responses_total`: one HAProxy server per endpoint (`pod:<pod>:<service>:…`).
  func haproxyServerLabels(_ cell: CellContext, route: RouteRef) -> Labels {
    let backend = cell.backend
    let address = PodIdentity.ip(for: cell.pod ?? backend.workload) + ":\(backend.port)"
    var pairs = routerTargetLabels() + [
      Label("server", address),
      Label("exported_namespace", route.namespace ?? backend.namespace),
      Label("route", route.name),
      Label("exported_service", backend.service ?? ""),
    ]
    if let pod = cell.pod { pairs.append(Label("exported_pod", pod)) }
    return Labels(pairs)
  }

  // MARK: - nginx-ingress

  /// `nginx_ingress_controller_requests` and `…_request_duration_seconds_*`: the request labels and the
  /// controller's constant labels.
  func nginxLabels(_ cell: CellContext, ingress: IngressRef) -> Labels {
    let nginx = options.nginxIngress
    var pairs = [
      Label("controller_namespace", nginx.controllerNamespace),
      Label("controller_class", nginx.controllerClass),
      Label("controller_pod", nginx.controllerPod),
      Label("ingress", ingress.name),
      Label("namespace", ingress.namespace ?? cell.backend.namespace),
      Label("service", ingress.service),
      Label("method", nginx.method),
      Label("path", ingress.path),
      Label("canary", ingress.canaryUpstream ?? ""),
    ]
    if nginx.metricsPerHost { pairs.append(Label("host", ingress.host)) }
    return Labels(pairs)
  }

  // MARK: - http

  /// An application's own metrics, scraped per pod through a ServiceMonitor: `namespace`, `pod`,
  /// `instance`, `service`, `job`, `endpoint`, plus the pod's labels (`app`, `version`,
  /// `rollouts_pod_template_hash`, …).
  func httpLabels(_ cell: CellContext) -> Labels {
    let backend = cell.backend
    let http = options.http
    var pairs: [Label] = []
    for (name, value) in backend.effectivePodLabels { pairs.append(Label(PodIdentity.sanitize(name), value)) }
    pairs.append(Label("namespace", backend.namespace))
    if let pod = cell.pod {
      pairs.append(Label("pod", pod))
      pairs.append(Label("instance", PodIdentity.ip(for: pod) + ":\(backend.port)"))
    }
    let service = http.service ?? backend.service ?? ""
    pairs.append(Label("service", service))
    pairs.append(Label("job", http.job ?? service))
    pairs.append(Label("endpoint", http.endpoint))
    pairs.append(Label("method", http.method))
    if let handler = http.handler { pairs.append(Label("handler", handler)) }
    return Labels(pairs)
  }
}
