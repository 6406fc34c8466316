import Controller
import Foundation
@testable import Simulation
import Testing
import VirtualTime

/// Controller behaviours of argo-semantics that only show across a whole run: a step analysis cut
/// short by `promote` while its Job is in flight (§11 row 36), the history limits on old ReplicaSets
/// and AnalysisRuns (§2.1), and the managed header/mirror routes of Istio (§3.11).
@Suite struct ControllerHistoryAndRoutesTests {
  // MARK: Row 36 with a Job measurement in flight

  /// Go: promote moves the index past the analysis step, the rollout terminates the now-old step run,
  /// and the AnalysisRun controller calls the Job provider's `Terminate`, which deletes the Job and
  /// marks the measurement Inconclusive ("Metric Terminated"); one inconclusive measurement is over
  /// the default inconclusiveLimit 0, so the terminated run ends Inconclusive. The rollout no longer
  /// looks at that run and completes.
  @Test func row36PromoteWhileJobMeasurementInFlightEndsTheRunInconclusive() throws {
    let rollout = YAMLScenario.canaryRollout(
      replicas: 4,
      canary: """
        steps:
        - setWeight: 25
        - analysis: {templates: [{templateName: check}]}
        - setWeight: 50
        """)
    let template = YAMLScenario.checkTemplate(
      metric: """
        provider:
          job:
            spec:
              template:
                spec:
                  containers: [{name: check, image: "check:1"}]
                  restartPolicy: Never
        """)
    let scenario = YAMLScenario.scenario(
      manifests: ["rollout.yaml", "template.yaml"],
      spec: """
        pods: {readyAfter: 10s}
        horizon: 2h
        providers:
          job:
            check: {duration: 1h}
        actions:
        - {at: 2m, action: promote}
        """)
    let result = try YAMLScenario.run(scenario: scenario, files: ["rollout.yaml": rollout, "template.yaml": template])

    let run = try #require(result.analysisRuns.first)
    #expect(result.analysisRuns.count == 1)
    // The step is reached once the 25 % canary pod is ready (10 s); the Job runs for an hour.
    #expect(run.startedAt == SimInstant.zero + .seconds(10))
    let measurements = try #require(run.metrics.first?.measurements)
    #expect(measurements.map(\.phase) == ["Inconclusive"])
    #expect(measurements.first?.message == "Metric Terminated")
    #expect(run.metrics.first?.phase == "Inconclusive")
    #expect(run.phase == "Inconclusive")
    #expect(
      run.message
        == "Metric \"check\" assessed Inconclusive due to inconclusive (1) > inconclusiveLimit (0): \"Error Message: Metric Terminated\""
    )
    #expect(run.completedAt == SimInstant.zero + .minutes(2))
    // The rollout went on past the terminated run: no InconclusiveAnalysisRun pause, promoted.
    #expect(result.outcome.phase == .healthy)
    #expect(result.outcome.promoted)
    #expect(!result.outcome.aborted)
    #expect(result.finalStatus.currentStepIndex == 3)
    #expect(!result.timeline.contains { $0.message.contains("InconclusiveAnalysisRun") })
    let promotedAt = try #require(result.outcome.promotedAt)
    #expect(promotedAt >= SimInstant.zero + .minutes(2))
    #expect(promotedAt <= SimInstant.zero + .minutes(2) + .seconds(30))
  }

  // MARK: revisionHistoryLimit

  /// Four revisions (stable → canary at 0 s, v3 at 5 m, v4 at 10 m), each fully promoted 20 s after
  /// its update. Returns the result and the revision names of the ReplicaSets left in the cluster
  /// when the run stops (deleting a ReplicaSet emits no event, so the timeline cannot show it).
  static func historyScenario(limit: Int?, horizon: String = "1h") throws -> (SimulationResult, [String]) {
    let limitLine = limit.map { "  revisionHistoryLimit: \($0)\n" } ?? ""
    let rollout = YAMLScenario.canaryRollout(replicas: 2, canary: "steps: [{setWeight: 50}]")
      .replacingOccurrences(of: "  replicas: 2\n", with: "  replicas: 2\n" + limitLine)
    let scenario = YAMLScenario.scenario(
      manifests: ["rollout.yaml"],
      spec: """
        pods: {readyAfter: 10s}
        horizon: \(horizon)
        revisions:
          v3: {errorRate: 0.1%}
          v4: {errorRate: 0.1%}
        actions:
        - {at: 5m, action: update, revision: v3}
        - {at: 10m, action: update, revision: v4}
        """)
    var simulator = try YAMLScenario.simulator(scenario: scenario, files: ["rollout.yaml": rollout])
    let result = simulator.run()
    let names = simulator.cluster.replicaSets.sorted { $0.creationIndex < $1.creationIndex }.map(\.revisionName)
    return (result, names)
  }

  /// §2.1 / sync.go reconcileRevisionHistoryLimit: only ReplicaSets other than the new and the stable
  /// one count against the limit, the oldest go first, and only once at 0 replicas.
  @Test func revisionHistoryLimitDeletesTheOldestScaledDownReplicaSets() throws {
    // Just before v3: rev 1 is the only other ReplicaSet (at 0) — within the limit of 1.
    let (_, beforeV3) = try Self.historyScenario(limit: 1, horizon: "4m")
    #expect(beforeV3 == ["stable", "canary"])
    // v3 becomes stable at 5m20s; the next reconcile sees rev 1 and rev 2 as "other" and deletes rev 1.
    let (v3Done, afterV3) = try Self.historyScenario(limit: 1, horizon: "6m")
    #expect(v3Done.finalStatus.stableRS == v3Done.finalStatus.currentPodHash)
    #expect(afterV3 == ["canary", "v3"])
    let v3Completed = v3Done.timeline.last { $0.event == "RolloutCompleted" }
    #expect(v3Completed?.t == SimInstant.zero + .minutes(5) + .seconds(20))
    // While v4 rolls out, v3 is stable and rev 2 the only other one: kept.
    let (_, duringV4) = try Self.historyScenario(limit: 1, horizon: "10m5s")
    #expect(duringV4 == ["canary", "v3", "v4"])
    let (result, final) = try Self.historyScenario(limit: 1)
    #expect(result.outcome.phase == .healthy)
    #expect(final == ["v3", "v4"])
    #expect(result.timeline.last?.replicas.first { $0.revisionName == "v3" }?.desired == 0)
  }

  @Test func revisionHistoryLimitDefaultKeepsTenOldReplicaSets() throws {
    let (_, kept) = try Self.historyScenario(limit: nil)
    #expect(kept == ["stable", "canary", "v3", "v4"])
    let (_, keptWithZero) = try Self.historyScenario(limit: 0)
    #expect(keptWithZero == ["v4"])
  }

  // MARK: AnalysisRun history limits

  /// Four step analyses of one revision whose single measurement reads `score` from the web provider
  /// (1 → Successful, 0.5 → Inconclusive); the finished runs stay "other" runs of a live
  /// ReplicaSet and are trimmed to the newest ones by the history limits. The result keeps every run's
  /// record; the cluster holds only the retained ones (returned by name).
  static func runHistory(
    limits: String, score: String, actions: String = ""
  ) throws -> (SimulationResult, [String]) {
    let rollout = YAMLScenario.canaryRollout(
      replicas: 2,
      canary: """
        steps:
        - setWeight: 50
        - analysis: {templates: [{templateName: check}]}
        - analysis: {templates: [{templateName: check}]}
        - analysis: {templates: [{templateName: check}]}
        - analysis: {templates: [{templateName: check}]}
        - pause: {}
        """
    ).replacingOccurrences(of: "  replicas: 2\n", with: "  replicas: 2\n" + limits)
    let template = YAMLScenario.checkTemplate(
      metric: """
        successCondition: result > 0.9
        failureCondition: result < 0.1
        provider: {web: {url: "http://check.example/", jsonPath: "{$.score}"}}
        """)
    let scenario = YAMLScenario.scenario(
      manifests: ["rollout.yaml", "template.yaml"],
      spec: """
        pods: {readyAfter: 10s}
        horizon: 1h
        providers:
          web:
            check: {body: '{"score": \(score)}'}
        """ + actions)
    var simulator = try YAMLScenario.simulator(
      scenario: scenario, files: ["rollout.yaml": rollout, "template.yaml": template])
    let result = simulator.run()
    return (result, simulator.cluster.analysisRuns.map(\.name))
  }

  @Test func successfulRunHistoryLimitKeepsTheNewestRuns() throws {
    let (result, kept) = try Self.runHistory(limits: "  analysis: {successfulRunHistoryLimit: 2}\n", score: "1")
    #expect(result.outcome.phase == .paused)
    #expect(result.analysisRuns.count == 4)
    #expect(result.analysisRuns.allSatisfy { $0.phase == "Successful" })
    let newestTwo = result.analysisRuns.sorted { ($0.startedAt ?? .zero) < ($1.startedAt ?? .zero) }.suffix(2).map(\.name)
    #expect(kept.sorted() == newestTwo.sorted())

    let (defaults, keptByDefault) = try Self.runHistory(limits: "", score: "1")
    #expect(defaults.analysisRuns.count == 4)
    #expect(keptByDefault.count == 4)
  }

  /// Inconclusive runs pause the rollout ("InconclusiveAnalysisRun"); each `promote` skips one step.
  @Test func unsuccessfulRunHistoryLimitKeepsTheNewestRuns() throws {
    let promotes = "\nactions:\n" + (1...4).map { "- {at: \($0)m, action: promote}" }.joined(separator: "\n")
    let (result, kept) = try Self.runHistory(
      limits: "  analysis: {unsuccessfulRunHistoryLimit: 1, successfulRunHistoryLimit: 0}\n", score: "0.5",
      actions: promotes)
    #expect(result.outcome.phase == .paused)
    #expect(result.finalStatus.currentStepIndex == 5)
    #expect(result.analysisRuns.count == 4)
    #expect(result.analysisRuns.allSatisfy { $0.phase == "Inconclusive" })
    let newest = result.analysisRuns.max { ($0.startedAt ?? .zero) < ($1.startedAt ?? .zero) }
    #expect(kept == newest.map { [$0.name] })
  }

  // MARK: Managed routes (Istio)

  static let routes = ["header-canary", "mirror-canary"]
  static let routing = TrafficRouting(
    router: .istio(IstioRouting(virtualServices: [.init(name: "vs")])), managedRoutes: routes)
  static let routeSteps: [CanaryStep] = [
    .weight(10),
    CanaryStep(setHeaderRoute: HeaderRoute(name: "header-canary", matches: ["x-canary"])),
    .pause(seconds: 60),
    CanaryStep(setMirrorRoute: MirrorRoute(name: "mirror-canary", percentage: 50, matches: ["x-mirror"])),
    .pause(),
  ]

  /// Runs the route steps and returns the result with the router's header and mirror route names at
  /// the end.
  static func runRoutes(
    actions: [ScheduledOperatorAction] = [], horizon: SimDuration? = nil
  ) -> (SimulationResult, headers: [String], mirrors: [String]) {
    let spec = ControllerScenarioTests.rollout(
      replicas: 4, steps: routeSteps, routing: routing, canaryService: "canary", stableService: "stable")
    var simulator = ControllerScenarioTests.simulator(
      spec, services: ["canary", "stable"], actions: actions, horizon: horizon)
    let result = simulator.run()
    return (result, simulator.cluster.router.headerRoutes.map(\.name), simulator.cluster.router.mirrorRoutes.map(\.name))
  }

  @Test func headerAndMirrorRoutesAppearAtTheirSteps() {
    // Step 1 (header route) is reached at 10 s, when the 10 % canary is available; the 60 s pause
    // holds the mirror step off until 70 s.
    let (early, earlyHeaders, earlyMirrors) = Self.runRoutes(horizon: .seconds(40))
    #expect(early.finalStatus.currentStepIndex == 2)
    #expect(earlyHeaders == ["header-canary"])
    #expect(earlyMirrors.isEmpty)
    #expect(early.mutations.contains(.managedRoutes))

    let (paused, headers, mirrors) = Self.runRoutes()
    #expect(paused.outcome.phase == .paused)
    #expect(paused.finalStatus.currentStepIndex == 4)
    #expect(headers == ["header-canary"])
    #expect(mirrors == ["mirror-canary"])
    #expect(paused.timeline.last?.weights.canary == 10)

    // Without route steps the VirtualService's routes are never touched.
    let plain = ControllerScenarioTests.run(
      ControllerScenarioTests.rollout(
        replicas: 4, steps: [.weight(10), .pause()], routing: Self.routing, canaryService: "canary",
        stableService: "stable"),
      services: ["canary", "stable"])
    #expect(!plain.mutations.contains(.managedRoutes))
  }

  @Test func managedRoutesAreRemovedAtPromotion() {
    let (result, headers, mirrors) = Self.runRoutes(actions: [.init(at: .minutes(5), command: .promote)])
    #expect(result.outcome.phase == .healthy)
    #expect(result.outcome.promoted)
    #expect(headers.isEmpty)
    #expect(mirrors.isEmpty)
    #expect(result.timeline.last?.weights.canary == 0)
  }

  @Test func managedRoutesAreRemovedAtAbort() {
    let (result, headers, mirrors) = Self.runRoutes(actions: [.init(at: .minutes(5), command: .abort)])
    #expect(result.outcome.phase == .degraded)
    #expect(result.outcome.aborted)
    #expect(result.outcome.abortedAt == SimInstant.zero + .minutes(5))
    #expect(headers.isEmpty)
    #expect(mirrors.isEmpty)
    #expect(result.timeline.last?.weights.canary == 0)
  }

  /// trafficrouting.go: when the new ReplicaSet has no available pods (V3 applied over V2), Go calls
  /// RemoveManagedRoutes at once — before checkReplicasAvailable, which with dynamicStableScale ends
  /// the reconcile until the shrunken stable is back at N. The routes must not wait for the stable.
  @Test func managedRoutesAreRemovedAtOnceWhenANewRevisionReplacesTheCanary() {
    let spec = TrafficRoutedScalingTests.spec(
      steps: [.weight(50), Self.routeSteps[1], .pause()], routing: Self.routing, dynamicStableScale: true)
    var beforeUpdate = ControllerScenarioTests.simulator(spec, services: ["canary", "stable"], horizon: .minutes(4))
    _ = beforeUpdate.run()
    #expect(beforeUpdate.cluster.router.headerRoutes.map(\.name) == ["header-canary"])
    let update = ScheduledOperatorAction(at: .minutes(5), command: .update, revision: "v3")
    var simulator = ControllerScenarioTests.simulator(
      spec, services: ["canary", "stable"], actions: [update], horizon: .minutes(5) + .seconds(1))
    let result = simulator.run()
    // The stable was shrunk to 2 of 4 at 50 % and its new pods are not ready yet.
    #expect(result.timeline.last?.replicas.first { $0.revisionName == "stable" }?.available == 2)
    #expect(result.finalStatus.currentPodHash == "v3hash")
    #expect(simulator.cluster.router.headerRoutes.isEmpty)
  }
}
