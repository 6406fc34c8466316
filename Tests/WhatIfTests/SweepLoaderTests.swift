import Controller
import Manifests
import Simulation
import Testing
import VirtualTime
import WhatIf
import Workload

@Suite struct SweepLoaderTests {
  @Test func loadsTheFixture() throws {
    let loaded = SweepLoader.load(path: SweepFixtures.sweepPath)
    #expect(loaded.diagnostics.isEmpty)
    let spec = try #require(loaded.spec)
    #expect(spec.name == "shop-deadlines")
    #expect(spec.seeds == SeedRange(first: 1, count: 12))
    #expect(spec.scenarioPath.hasSuffix("Fixtures/scenario.yaml"))
    #expect(spec.dimensions.map(\.name) == ["progressDeadlineSeconds", "plan"])
    #expect(spec.dimensions[0].options.map(\.label) == ["progressDeadlineSeconds=60", "progressDeadlineSeconds=120"])
    #expect(spec.dimensions[1].options.map(\.label) == ["two-steps", "one-step"])
    #expect(spec.dimensions[1].options[1].assignments.first?.path == "rollout.spec.strategy.canary.steps")
    #expect(spec.releases.map(\.kind) == [.good, .bad])
    #expect(spec.releases[1].edits.map(\.path.description) == ["spec.revisions.canary.readyAfter", "spec.revisions.canary.errorRate"])
  }

  @Test func reportsEveryProblemAtItsPlace() {
    let text = """
      apiVersion: rollout-sim/v1alpha1
      kind: Sweep
      spec:
        scenario: scenario.yaml
        seeds: 0
        vary:
        - path: rolout.spec.replicas
          values: [1, 2]
        - path: rollout.spec.replicas
          values: []
        - path: rollout.spec.minReadySeconds
          values: [1, 2]
          labels: [one]
        releases:
          god: {canary: {errorRate: 1%}}
      """
    let (plan, diagnostics) = SweepFixtures.build(text)
    #expect(plan == nil)
    #expect(
      diagnostics == [
        "inline.yaml:5: error: spec.seeds must be between 1 and 1000000",
        "inline.yaml:7: error: invalid variation path 'rolout.spec.replicas': a variation path cannot start with 'rolout' [did you mean 'rollout'? paths start with rollout., template.NAME., clusterTemplate.NAME. or scenario. (e.g. rollout.spec.strategy.canary.steps)]",
        "inline.yaml:10: error: `values` lists no value for rollout.spec.replicas",
        "inline.yaml:13: error: `labels` has 1 names for 2 values",
        "inline.yaml:15: error: unknown release profile 'god' [did you mean 'good'?]",
      ])
  }

  @Test(arguments: [
    ("template", "'template' needs the template's name"),
    ("template.x", "the path names AnalysisTemplate 'x' but no field in it"),
    ("rollout", "the path names the Rollout but no field in it"),
    ("rollout.spec[", "unterminated '['"),
  ])
  func invalidPaths(path: String, message: String) {
    #expect(throws: VariationPath.Problem.self) { try VariationPath.parse(path) }
    do {
      _ = try VariationPath.parse(path)
    } catch {
      #expect(error.message.contains(message), "\(error.message)")
    }
  }

  @Test func pathTargets() throws {
    let (target, path) = try VariationPath.parse("template.istio-prom-kpi-check.spec.metrics[0].interval")
    #expect(target == .analysisTemplate("istio-prom-kpi-check"))
    #expect(path.description == "spec.metrics[0].interval")
    #expect(try VariationPath.parse("clusterTemplate['a.b'].spec.x").0 == .clusterAnalysisTemplate("a.b"))
    #expect(try VariationPath.parse("scenario.spec.traffic.rps").0 == .scenario)
  }
}

@Suite struct SweepPlanTests {
  @Test func gridOfCellsAndSeedMajorTasks() throws {
    let plan = try SweepFixtures.loadPlan()
    #expect(plan.variants.map(\.name) == [
      "progressDeadlineSeconds=60, two-steps", "progressDeadlineSeconds=60, one-step",
      "progressDeadlineSeconds=120, two-steps", "progressDeadlineSeconds=120, one-step",
    ])
    #expect(plan.releases.map(\.name) == ["good", "bad"])
    #expect(plan.cells.count == 8)
    #expect(plan.taskCount == 96)
    let task = plan.task(at: 19)
    #expect(task.seedIndex == 2 && task.seed == 3 && task.cell == 3 && task.variant == 1 && task.release == 1)
    #expect(plan.setup(for: task).seed == 3)
    // The variant's edits reached the controller's spec, the release's the revisions.
    #expect(plan.cells[4].setup.rollout.progressDeadlineSeconds == 120)
    #expect(plan.cells[0].setup.rollout.progressDeadlineSeconds == 60)
    #expect(plan.cells[2].setup.rollout.canary?.steps.count == 2)
    #expect(plan.cells[0].setup.rollout.canary?.steps.count == 4)
    #expect(plan.cells[1].setup.podStartup["canary"] == .never)
  }

  @Test func invalidValuesAreReportedInTheSweepFile() {
    let text = """
      apiVersion: rollout-sim/v1alpha1
      kind: Sweep
      spec:
        scenario: scenario.yaml
        vary:
        - path: rollout.spec.strategy.canary.steps
          values: [[{setWeight: lots}]]
        - path: template.kpi.spec.metrics[0].interval
          values: [30s]
        releases:
          bad: {canary: {errorRate: "5% for"}}
      """
    let (plan, diagnostics) = SweepFixtures.build(text)
    #expect(plan == nil)
    #expect(diagnostics.contains { $0.hasPrefix("inline.yaml:7: error:") && $0.contains("setWeight") }, "\(diagnostics)")
    #expect(diagnostics.contains { $0.hasPrefix("inline.yaml:8: error: the manifests have no AnalysisTemplate 'kpi'") })
    #expect(diagnostics.contains { $0.hasPrefix("inline.yaml:11: error:") }, "\(diagnostics)")
  }

  @Test func scenarioEditsReloadTheScenario() throws {
    let plan = try SweepFixtures.loadPlan()
    let edited = plan.scenario.applying([
      ScenarioEdit(target: .scenario, path: "spec.traffic.rps", value: .int(99)),
      ScenarioEdit(target: .rollout, path: "spec.replicas", value: .int(7)),
    ])
    let scenario = try #require(edited.scenario)
    #expect(scenario.workload.rps.value(at: .zero) == 99)
    #expect(scenario.rollout.spec.replicas?.value == 7)
    #expect(scenario.name == plan.scenario.name)
    // The original is untouched.
    #expect(plan.scenario.rollout.spec.replicas?.value == 4)
  }
}
