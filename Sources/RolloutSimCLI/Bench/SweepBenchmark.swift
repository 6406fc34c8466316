import Foundation
import Simulation
import Store
import WhatIf

/// P2 (design §8): a sweep of 10,000 runs of a 1-hour Istio canary (20% → 40% → 60% → 80%, 15 minutes
/// each) with a background success-rate analysis every 30s, on all cores, every run stored in full
/// (timeline, ~120 measurements, chart series) through the sweep's writer: ≤ 20 s on 2 cores, memory
/// flat (≤ 300 MB). Units are runs. Memory: run under `/usr/bin/time -v` at two scales and compare
/// "Maximum resident set size" (docs/sweeps.md).
let sweepP2 = Benchmark(
  name: "sweep.canary1h", goal: "P2: 10,000 stored runs ≤ 20 s on 2 cores (≥ 500 runs/s)", unit: "runs",
  defaultIterations: 10_000
) { iterations in
  let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rollout-sim-bench-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: folder) }
  for (name, text) in SweepBenchmarkFixture.files {
    try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
  }
  let scenarioPath = folder.appendingPathComponent("scenario.yaml").path
  guard let scenario = ScenarioLoader.load(path: scenarioPath).scenario else { throw SweepBenchmarkFixture.Invalid() }
  let spec = SweepSpec(
    name: "bench", path: folder.appendingPathComponent("sweep.yaml").path, text: "", scenarioPath: scenarioPath,
    seeds: SeedRange(count: iterations))
  guard let plan = SweepPlan.build(spec: spec, scenario: scenario).plan else { throw SweepBenchmarkFixture.Invalid() }
  let store = try RunStore(path: folder.appendingPathComponent("bench.sqlite").path)
  let scenarioID = try store.scenarioID(for: ScenarioSource(name: "bench", path: scenarioPath, text: scenario.text, manifests: []))
  let sweepID = try store.createSweep(plan, scenarioID: scenarioID, hash: "bench", detail: .full)
  var stored = 0
  try SweepExecutor.run(
    tasks: Array(0..<plan.taskCount), workers: SweepExecutor.defaultWorkers,
    work: { index in
      let task = plan.task(at: index)
      return RunRecord(result: plan.run(task), setup: plan.setup(for: task), detail: .full)
    },
    consume: { batch in
      try store.saveSweepRuns(sweepID: sweepID, scenarioID: scenarioID, batch.map { ($0.task, $0.output) })
      stored += batch.count
    })
  return stored
}

enum SweepBenchmarkFixture {
  struct Invalid: Error {}

  static let files: [(String, String)] = [
    (
      "scenario.yaml",
      """
      apiVersion: rollout-sim/v1alpha1
      kind: Scenario
      metadata: {name: canary-1h}
      spec:
        manifests: [manifests.yaml]
        namespace: shop
        pods: {readyAfter: {min: 5s, max: 20s}}
        traffic: {rps: 200, scrapeInterval: 15s}
        revisions:
          stable: {errorRate: 0.2%}
          canary: {errorRate: 0.2%}
      """
    ),
    (
      "manifests.yaml",
      """
      apiVersion: argoproj.io/v1alpha1
      kind: Rollout
      metadata: {name: shop}
      spec:
        replicas: 4
        selector: {matchLabels: {app: shop}}
        template:
          metadata: {labels: {app: shop}}
          spec: {containers: [{name: shop, image: shop:2}]}
        strategy:
          canary:
            analysis:
              templates: [{templateName: success-rate}]
              args: [{name: hash, valueFrom: {podTemplateHashValue: Latest}}]
            trafficRouting:
              istio:
                virtualService: {name: shop, routes: [primary]}
                destinationRule: {name: shop, canarySubsetName: canary, stableSubsetName: stable}
            steps:
            - setWeight: 20
            - pause: {duration: 15m}
            - setWeight: 40
            - pause: {duration: 15m}
            - setWeight: 60
            - pause: {duration: 15m}
            - setWeight: 80
            - pause: {duration: 15m}
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: shop}
      spec: {selector: {app: shop}, ports: [{port: 80, targetPort: 8080}]}
      ---
      apiVersion: networking.istio.io/v1beta1
      kind: VirtualService
      metadata: {name: shop}
      spec:
        hosts: [shop]
        http:
        - name: primary
          route:
          - destination: {host: shop, subset: stable}
            weight: 100
          - destination: {host: shop, subset: canary}
            weight: 0
      ---
      apiVersion: networking.istio.io/v1beta1
      kind: DestinationRule
      metadata: {name: shop}
      spec:
        host: shop
        subsets:
        - {name: stable, labels: {app: shop}}
        - {name: canary, labels: {app: shop}}
      ---
      apiVersion: argoproj.io/v1alpha1
      kind: AnalysisTemplate
      metadata: {name: success-rate}
      spec:
        args: [{name: hash}]
        metrics:
        - name: success-rate
          interval: 30s
          successCondition: len(result) == 0 || result[0] >= 0.95
          failureLimit: 2
          provider:
            prometheus:
              address: http://prometheus:9090
              query: >
                sum(irate(istio_requests_total{reporter="destination", rollouts_pod_template_hash="{{args.hash}}", response_code!~"5.*"}[1m]))
                / sum(irate(istio_requests_total{reporter="destination", rollouts_pod_template_hash="{{args.hash}}"}[1m]))
      """
    ),
  ]
}
